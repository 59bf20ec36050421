/**
 * What-if scenarios: the decoded types and the file loader.
 *
 * @module
 */
export * from './types.js';
export { loadScenarioFile, type LoadScenarioOptions } from './loadScenarioFile.js';
export { formatProblem, type ScenarioProblem } from './problems.js';
export { resolveServiceRef, resourceIdOf, type ServiceId } from './serviceRefs.js';
export { parseDuration, parseTime } from './durations.js';
