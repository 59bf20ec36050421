/**
 * The ECS cluster query language: parse, print, evaluate.
 *
 * @module
 */
export * from './ast.js';
export { parseQuery, type QueryError } from './parseQuery.js';
export { printQuery, printValue } from './printQuery.js';
export { evaluateQuery, type QuerySubject } from './evaluateQuery.js';
export { compileQueryPattern } from './safeRegex.js';
export { parseQueryDate } from './values.js';
