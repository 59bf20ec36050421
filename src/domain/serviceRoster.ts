/**
 * A service's roster: what its scheduler needs to know about its tasks, kept current as they change, so that a
 * pass reads O(changes) instead of every task of the service (`src/scheduler/service/serviceRoster.ts` keeps it).
 *
 * It is derived data: everything in it can be rebuilt from the tasks (and is, when it is missing — after a World is
 * read from a snapshot written before rosters existed, or when the behaviour rules change). A World snapshot stores
 * it, so a World read back is the same data; the snapshot decoder checks its counts are consistent.
 *
 * @module
 */

/**
 * Counts of one deployment's tasks with desired status RUNNING (those a scheduler pass sees), as of the instant
 * the roster was last brought forward.
 */
export interface DeploymentRoster {
  /** The deployment id its tasks carry (`startedBy`); `''` for service tasks without one. */
  readonly id: string;
  /** Tasks with desired status RUNNING. */
  readonly live: number;
  /** … of which RUNNING (the rest are starting). */
  readonly running: number;
  /** … of which healthy for `minimumHealthyPercent` (reference §4.5). */
  readonly healthy: number;
  /** … of which failing their health checks past the grace period (to be replaced). */
  readonly unhealthy: number;
  /** Live tasks per Availability Zone. */
  readonly zones: Readonly<Record<string, number>>;
  /** Live tasks per capacity provider (tasks launched by launch type have none). */
  readonly providers: Readonly<Record<string, number>>;
}

/** A future instant at which a RUNNING task turns healthy, or starts failing its health checks. */
export interface HealthInstant {
  readonly atMs: number;
  readonly seq: number;
  readonly deploymentId: string;
  readonly kind: 'healthy' | 'failing';
  /** For `failing`: whether the task counted as healthy until then. */
  readonly wasHealthy: boolean;
}

/** The roster of one service (`World.serviceRosters`, by service key). */
export interface ServiceRoster {
  /** The service's `healthCheckGracePeriodSeconds` in ms the health instants were computed with. */
  readonly graceMs: number;
  /** By deployment id: the deployments with live tasks (dropped ones that still have some included). */
  readonly deployments: readonly DeploymentRoster[];
  /** Health instants still to come, ordered by (`atMs`, `seq`, healthy before failing). */
  readonly queue: readonly HealthInstant[];
}

/** The order of a roster's health instants: by time, then task `seq`, a task's healthy instant before its failing one. */
export const instantLess = (a: HealthInstant, b: HealthInstant): boolean =>
  a.atMs !== b.atMs ? a.atMs < b.atMs : a.seq !== b.seq ? a.seq < b.seq : a.kind === 'healthy' && b.kind === 'failing';
