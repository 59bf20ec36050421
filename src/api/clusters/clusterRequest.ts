/**
 * Request members shared by the cluster operations (CreateCluster, UpdateCluster, UpdateClusterSettings,
 * PutClusterCapacityProviders): their codecs, their validation rules, and the conversion into domain values.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literals } from '../../codecs/common.js';
import { nullable } from '../../codecs/nullable.js';
import type { ClusterSetting } from '../../domain/cluster.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import { isFargateCapacityProvider, unsupportedProviderMessage } from '../capacityProviderStrategy.js';

/** Cluster names: up to 255 letters, digits, hyphens and underscores (reference §14.4). */
export const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The message for an invalid cluster name. UNVERIFIED wording: ECS's exact text for CreateCluster was not found;
 * the rule is the documented one (API_CreateCluster.html, clusterName).
 */
export const INVALID_CLUSTER_NAME_MESSAGE =
  'Cluster name can only contain letters, numbers, underscores and hyphens, and must be 1-255 characters long.';

/** Most capacity providers associated with one cluster (reference §9.1: 20, was 10). */
export const MAX_CLUSTER_CAPACITY_PROVIDERS = 20;

/** The only cluster setting ECS has. */
export const CONTAINER_INSIGHTS = 'containerInsights';
/** Values of the `containerInsights` setting (API ClusterSetting.value). */
export const CONTAINER_INSIGHTS_VALUES: readonly string[] = ['enabled', 'disabled', 'enhanced'];
/** The setting a new cluster gets when the request has none (the account default, `disabled`). */
export const DEFAULT_CLUSTER_SETTINGS: readonly ClusterSetting[] = [{ name: CONTAINER_INSIGHTS, value: 'disabled' }];

/** A cluster setting in a request (both members optional in the model; checked by {@link validateSettings}). */
export const ClusterSettingCodec = t.exact(
  t.partial({ name: nullable(t.string), value: nullable(t.string) }),
  'ClusterSetting',
);
/** `settings` in a request. */
export const ClusterSettingsCodec = t.array(ClusterSettingCodec, 'list of ClusterSetting');

const ExecuteCommandLogConfigurationCodec = t.exact(
  t.partial({
    cloudWatchLogGroupName: nullable(t.string),
    cloudWatchEncryptionEnabled: nullable(t.boolean),
    s3BucketName: nullable(t.string),
    s3EncryptionEnabled: nullable(t.boolean),
    s3KeyPrefix: nullable(t.string),
  }),
  'ExecuteCommandLogConfiguration',
);

const ExecuteCommandConfigurationCodec = t.exact(
  t.partial({
    kmsKeyId: nullable(t.string),
    logging: nullable(literals(['NONE', 'DEFAULT', 'OVERRIDE'])),
    logConfiguration: nullable(ExecuteCommandLogConfigurationCodec),
  }),
  'ExecuteCommandConfiguration',
);

const ManagedStorageConfigurationCodec = t.exact(
  t.partial({ kmsKeyId: nullable(t.string), fargateEphemeralStorageKmsKeyId: nullable(t.string) }),
  'ManagedStorageConfiguration',
);

/**
 * Cluster `configuration` (execute-command and managed-storage settings). `t.exact` drops members the model does
 * not have, so only known members are stored and described back.
 */
export const ClusterConfigurationCodec = t.exact(
  t.partial({
    executeCommandConfiguration: nullable(ExecuteCommandConfigurationCodec),
    managedStorageConfiguration: nullable(ManagedStorageConfigurationCodec),
  }),
  'ClusterConfiguration',
);

/** `serviceConnectDefaults` in a request: `namespace` is required. */
export const ServiceConnectDefaultsCodec = t.exact(t.type({ namespace: t.string }), 'ClusterServiceConnectDefaultsRequest');

/** Validates a cluster name (CreateCluster's `clusterName`). */
export function validateClusterName(name: string): E.Either<EcsError, string> {
  return CLUSTER_NAME.test(name) ? E.right(name) : E.left(invalidParameter(INVALID_CLUSTER_NAME_MESSAGE));
}

/**
 * Validates `settings`: every item names `containerInsights` with a value of `enabled`, `disabled` or `enhanced`,
 * and no setting appears twice. Returns the settings as domain values, in request order.
 */
export function validateSettings(
  settings: ReadonlyArray<{ readonly name?: string | undefined; readonly value?: string | undefined }>,
  where = 'settings',
): E.Either<EcsError, ClusterSetting[]> {
  const out: ClusterSetting[] = [];
  for (let i = 0; i < settings.length; i++) {
    const { name, value } = settings[i]!;
    const at = `${where}[${i}]`;
    if (name === undefined) {
      return E.left(invalidParameter(`${at}.name is required: the cluster setting name must be '${CONTAINER_INSIGHTS}'.`));
    }
    if (name !== CONTAINER_INSIGHTS) {
      return E.left(invalidParameter(`${at}.name must be '${CONTAINER_INSIGHTS}', but was '${name}'.`));
    }
    if (value === undefined || !CONTAINER_INSIGHTS_VALUES.includes(value)) {
      return E.left(
        invalidParameter(
          `${at}.value must be one of ${CONTAINER_INSIGHTS_VALUES.map((v) => `'${v}'`).join(', ')} for ` +
            `${CONTAINER_INSIGHTS}, but was ${value === undefined ? 'not given' : `'${value}'`}.`,
        ),
      );
    }
    if (out.some((s) => s.name === name)) {
      return E.left(invalidParameter(`${at}.name: the setting '${name}' appears more than once in ${where}.`));
    }
    out.push({ name, value });
  }
  return E.right(out);
}

/** `existing` with `updates` applied by name (a new name is appended), keeping the existing order. */
export function mergeSettings(existing: readonly ClusterSetting[], updates: readonly ClusterSetting[]): ClusterSetting[] {
  const out = existing.map((s) => ({ ...s }));
  for (const u of updates) {
    const i = out.findIndex((s) => s.name === u.name);
    if (i >= 0) out[i] = { ...u };
    else out.push({ ...u });
  }
  return out;
}

/**
 * Validates the capacity providers to associate with a cluster: at most {@link MAX_CLUSTER_CAPACITY_PROVIDERS},
 * only FARGATE / FARGATE_SPOT (Auto Scaling group providers are not modelled yet), none twice.
 */
export function validateCapacityProviders(
  providers: readonly string[],
  where = 'capacityProviders',
): E.Either<EcsError, string[]> {
  if (providers.length > MAX_CLUSTER_CAPACITY_PROVIDERS) {
    return E.left(
      invalidParameter(
        `${where} can contain at most ${MAX_CLUSTER_CAPACITY_PROVIDERS} capacity providers, but ${providers.length} were given.`,
      ),
    );
  }
  const out: string[] = [];
  for (let i = 0; i < providers.length; i++) {
    const name = providers[i]!;
    if (!isFargateCapacityProvider(name)) {
      return E.left(invalidParameter(unsupportedProviderMessage(`${where}[${i}]`, name)));
    }
    if (out.includes(name)) {
      return E.left(invalidParameter(`${where}[${i}]: the capacity provider '${name}' appears more than once in ${where}.`));
    }
    out.push(name);
  }
  return E.right(out);
}

/** A cluster configuration as decoded (absent members are `undefined`). */
export type ClusterConfigurationInput = t.TypeOf<typeof ClusterConfigurationCodec>;

/**
 * Validates a decoded `configuration` and returns it as a plain JSON object without absent members (so the wire
 * form never carries `undefined` or `null`). ECS requires `logConfiguration` when `logging` is `OVERRIDE`
 * (API ExecuteCommandConfiguration.logConfiguration).
 */
export function toConfiguration(
  input: ClusterConfigurationInput,
  where = 'configuration',
): E.Either<EcsError, Readonly<Record<string, unknown>>> {
  const exec = input.executeCommandConfiguration;
  if (exec && exec.logging === 'OVERRIDE' && exec.logConfiguration === undefined) {
    return E.left(
      invalidParameter(
        `${where}.executeCommandConfiguration.logConfiguration is required when logging is 'OVERRIDE'.`,
      ),
    );
  }
  return E.right(compact(input) as Readonly<Record<string, unknown>>);
}

/** Merges an UpdateCluster `configuration` into the stored one: each given part replaces the stored part. */
export function mergeConfiguration(
  existing: Readonly<Record<string, unknown>> | undefined,
  update: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  return { ...(existing ?? {}), ...update };
}

const NAMESPACE_FORBIDDEN = /[<>"/]/;

/**
 * Validates a Service Connect default namespace (a Cloud Map namespace name or ARN; names are up to 1024
 * characters without `>`, `<`, `"` or `/`). The twin has no Cloud Map: the namespace is stored as given.
 */
export function validateNamespace(namespace: string, where = 'serviceConnectDefaults.namespace'): E.Either<EcsError, string> {
  if (namespace.startsWith('arn:')) return E.right(namespace);
  if (namespace.length > 1024 || NAMESPACE_FORBIDDEN.test(namespace)) {
    return E.left(
      invalidParameter(
        `${where} must be a namespace ARN, or a name of up to 1024 characters without '>', '<', '"' or '/'.`,
      ),
    );
  }
  return E.right(namespace);
}

// Drops `undefined` members recursively: decoded `null`s became `undefined` and must not reach the wire.
function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(compact);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = compact(x);
    return out;
  }
  return v;
}
