/**
 * Desired state for the planner: ECS request bodies or a CloudFormation template, read into `DesiredState`.
 *
 * @module
 */
export { readDesiredState, type ReadDesiredStateOptions } from './readDesiredState.js';
export { BODY_SECTIONS } from './requestBodies.js';
export { CFN_YAML_TAGS } from './cfnYamlTags.js';
export { SPECIAL_NAMES, lowerCamel } from './cfnProperties.js';
