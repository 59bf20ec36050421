/**
 * The current state a plan starts from, as a World: a saved file (`--from`), a running `ecs-twin serve`
 * (`--endpoint`), or a real account (`--aws`).
 *
 * - A file is either a World snapshot (`serializeWorld`, `{"format": "ecs-twin/world", …}`) or a control-API export
 *   (`GET /_twin/snapshot`: `{"config", "journal"}`, replayed).
 * - An endpoint that is an ecs-twin answers `GET /_twin/snapshot`: its World is replayed exactly — same seed, same
 *   clock, same ids — so the plan's predicted rollout is what that server will do. Any other endpoint (LocalStack,
 *   a proxy to AWS) is read through the ECS API with `importWorld`.
 * - AWS is read with `importWorld` over the AWS backend (credentials and Region from the SDK's usual chain).
 *
 * @module
 */
import { ECSClient } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { awsBackend } from '../../adapters/backend/awsBackend.js';
import type { EcsBackend } from '../../adapters/backend/ecsBackend.js';
import { importWorld } from '../../adapters/backend/importWorld.js';
import { deserializeWorld, WORLD_SNAPSHOT_FORMAT } from '../../codecs/worldSnapshot.js';
import type { World } from '../../domain/world.js';
import { replay } from '../../sim/journal.js';
import { errorMessage } from '../simulation/outputs.js';
import { isRecord } from '../../codecs/isRecord.js';

/** Where the current state comes from. */
export type StateSource =
  | { readonly kind: 'file'; readonly path: string; readonly text: string }
  | { readonly kind: 'endpoint'; readonly url: string }
  | { readonly kind: 'aws' };

/** The World read, and how (for the plan's header and for `apply` to read it the same way). */
export interface CurrentState {
  readonly world: World;
  /** `snapshot file`, `ecs-twin at URL (replayed)`, `imported from AWS (3 notes)`, … */
  readonly description: string;
  readonly notes: readonly string[];
}

/** Options for the `importWorld` paths. */
export interface ImportChoices {
  /** Clusters to read (those the desired state names). */
  readonly clusters: readonly string[];
  /** World config of the imported twin (Region, account, subnets of the source); from `--config`. */
  readonly config?: unknown;
  /** Region for `--aws` when the environment names none. */
  readonly region?: string;
}

/** Reads a World from a file's text: a World snapshot or a `/_twin/snapshot` export. `Left` names the problem. */
export function worldFromFileText(path: string, text: string): E.Either<string, World> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
  } catch (e) {
    return E.left(`--from ${path} is not JSON: ${errorMessage(e)}`);
  }
  if (isRecord(doc) && doc.format === WORLD_SNAPSHOT_FORMAT) {
    return E.mapLeft((e: { message: string }) => `--from ${path}: ${e.message}`)(deserializeWorld(text));
  }
  if (isRecord(doc) && 'config' in doc && Array.isArray(doc.journal)) {
    return E.mapLeft((e: { message: string }) => `--from ${path}: the /_twin/snapshot export does not replay: ${e.message}`)(replay(doc.config, doc.journal));
  }
  return E.left(`--from ${path}: expected a World snapshot ({"format": "${WORLD_SNAPSHOT_FORMAT}", …}) or a GET /_twin/snapshot export ({"config", "journal"})`);
}


/** The ECS client of an endpoint: the SDK signs requests, so it needs credentials; an ecs-twin does not check them. */
export function endpointClient(url: string, env: Readonly<Record<string, string | undefined>>, region?: string): ECSClient {
  const hasCredentials = env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined;
  return new ECSClient({
    endpoint: url,
    region: region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(hasCredentials ? {} : { credentials: { accessKeyId: 'ecs-twin', secretAccessKey: 'ecs-twin' } }),
  });
}

/** `GET URL/_twin/snapshot`: `Right(undefined)` when the endpoint is not an ecs-twin (no such route). */
async function fetchTwinSnapshot(url: string): Promise<E.Either<string, { config: unknown; journal: unknown[] } | undefined>> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}/_twin/snapshot`);
  } catch (e) {
    return E.left(`cannot reach --endpoint ${url}: ${errorMessage(e)}`);
  }
  if (!res.ok) return E.right(undefined);
  try {
    const body = (await res.json()) as unknown;
    return E.right(isRecord(body) && 'config' in body && Array.isArray(body.journal) ? { config: body.config, journal: body.journal as unknown[] } : undefined);
  } catch {
    return E.right(undefined);
  }
}

/**
 * Reads the current state from `source`. Never throws: an unreachable endpoint, an unreadable file or a failed
 * import is `Left` with the message to print.
 */
export async function loadCurrentState(source: StateSource, choices: ImportChoices, env: Readonly<Record<string, string | undefined>>): Promise<E.Either<string, CurrentState>> {
  if (source.kind === 'file') {
    return E.map((world: World) => ({ world, description: `snapshot ${source.path}`, notes: [] as string[] }))(worldFromFileText(source.path, source.text));
  }
  if (source.kind === 'endpoint') {
    const snapshot = await fetchTwinSnapshot(source.url);
    if (E.isLeft(snapshot)) return snapshot;
    if (snapshot.right !== undefined) {
      const world = replay(snapshot.right.config, snapshot.right.journal);
      if (E.isLeft(world)) return E.left(`the snapshot of ${source.url} does not replay: ${world.left.message}`);
      return E.right({ world: world.right, description: `ecs-twin at ${source.url}`, notes: [] });
    }
    return importFrom(endpointClient(source.url, env, choices.region), `endpoint ${source.url}`, choices);
  }
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? choices.region;
  return importFrom(new ECSClient(region !== undefined ? { region } : {}), 'AWS', choices);
}

async function importFrom(client: ECSClient, what: string, choices: ImportChoices): Promise<E.Either<string, CurrentState>> {
  try {
    return await importCurrentState(awsBackend(client), what, choices);
  } catch (e) {
    return E.left(`cannot import the current state from ${what}: ${errorMessage(e)}`);
  } finally {
    client.destroy();
  }
}

/**
 * Imports the clusters of `choices` that exist at `source` (a cluster the desired state creates is not there yet,
 * and is no error) into a new twin.
 */
export async function importCurrentState(source: EcsBackend, what: string, choices: ImportChoices): Promise<E.Either<string, CurrentState>> {
  const existing: string[] = [];
  for (let i = 0; i < choices.clusters.length; i += 100) {
    const described = await source.DescribeClusters({ clusters: choices.clusters.slice(i, i + 100) });
    if (E.isLeft(described)) return E.left(`cannot read the clusters of ${what}: ${described.left.name}: ${described.left.message}`);
    for (const c of described.right.clusters ?? []) if (c.status === 'ACTIVE' && c.clusterName !== undefined) existing.push(c.clusterName);
  }
  const imported = await importWorld(source, { clusters: existing, ...(choices.config !== undefined ? { config: choices.config } : {}) });
  if (E.isLeft(imported)) return E.left(`cannot import the current state from ${what}: ${imported.left.name}: ${imported.left.message}`);
  const missing = choices.clusters.filter((c) => !existing.includes(c));
  const notes = [...imported.right.notes, ...(missing.length > 0 ? [`Not at ${what} (to be created): cluster ${missing.join(', ')}.`] : [])];
  return E.right({ world: imported.right.world, description: `imported from ${what}`, notes });
}
