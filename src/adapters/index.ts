/**
 * The `ecs-twin/adapters` entry point: the twin as an ECS endpoint — `TwinHost` (a running twin: World, journal,
 * events, clock), `startServer` (the ECS JSON 1.1 endpoint and its control API), and `createInProcessEcsClient`
 * (a real `ECSClient` answered by the twin, no sockets).
 *
 * @module
 */
export { TwinHost, DEFAULT_REALTIME_SPEED, EVENT_LOG_CAPACITY, type ClockMode, type EcsAnswer, type EventPage, type TwinSnapshot, type TwinHostBase, type JournalSink } from './twinHost.js';
export { startServer, type RunningServer, type ServerOptions } from './server.js';
export { createInProcessEcsClient, TwinRequestHandler } from './inProcessClient.js';
export { handleHttp, ECS_TARGET_PREFIX, MAX_BODY_BYTES, CONTROL_PREFIX, type HttpRequestData, type HttpResponseData } from './ecsHttp.js';
export { CONTROL_ROUTES } from './controlApi.js';
export { TwinPool, pairSeed, type AuthOptions, type HostFactory } from './twinPool.js';
export { pairHostFactory } from './pairHosts.js';
export {
  DEFAULT_SNAPSHOT_EVERY,
  JournalFile,
  durableHostOptions,
  loadDataDir,
  readDataDir,
  type JournalFileOptions,
  type LoadedDataDir,
} from './dataDir.js';
export { parseAuthorization, verifySignature, type SigV4Authorization } from './sigv4.js';
export * from './backend/index.js';
