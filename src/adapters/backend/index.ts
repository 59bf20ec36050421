/**
 * The `EcsBackend` port and what uses it: the twin and AWS backends, `importWorld` and `applyOperations`.
 *
 * @module
 */
export { BACKEND_OPERATIONS, isBackendOperationName, type BackendError, type BackendOperation, type BackendOperationName, type BackendResult, type EcsBackend, type EcsBackendOperations } from './ecsBackend.js';
export { awsBackend, toBackendError } from './awsBackend.js';
export { twinBackend } from './twinBackend.js';
export { importWorld, type ImportOptions, type ImportResult } from './importWorld.js';
export { applyOperations, clientTokenFor, IDEMPOTENT_OPERATIONS, type AppliedCall, type ApplyOptions, type ApplyReport, type Operation } from './applyOperations.js';
export { apply, touchedServices, AAS_SKIP_NOTE, STALE_PLAN, type ApplyProgress, type PlanApplyOptions, type PlanApplyReport, type ServiceProgress } from './applyPlan.js';
export { collectPages, chunk, MAX_PAGES } from './paginate.js';
