/**
 * `ecs-twin/testing`: helpers for testing code against the twin — fast-check arbitraries of valid requests.
 *
 * @module
 */
export * from './arbitraries/cluster.js';
export * from './arbitraries/taskDefinition.js';
