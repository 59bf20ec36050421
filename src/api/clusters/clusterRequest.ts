/**
 * Request members shared by the cluster operations (CreateCluster, UpdateCluster, UpdateClusterSettings,
 * PutClusterCapacityProviders): their codecs, their validation rules, and the conversion into domain values.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literals } from '../../codecs/common.js';
import { list, struct } from '../../codecs/struct.js';
import type { ClusterSetting } from '../../domain/cluster.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import { checkProviderNames, isFargateCapacityProvider } from '../capacityProviderStrategy.js';

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
/**
 * ECS's answer when a cluster would have more than {@link MAX_CLUSTER_CAPACITY_PROVIDERS} capacity providers
 * ([OBS] aws-cloudformation/cloudformation-coverage-roadmap#1086, InvalidParameterException), not the list-size
 * sentence of other lists.
 */
export const TOO_MANY_CLUSTER_CAPACITY_PROVIDERS = 'The maximum number of capacity providers per cluster has been exceeded.';

/** The only cluster setting ECS has. */
export const CONTAINER_INSIGHTS = 'containerInsights';
/** Values of the `containerInsights` setting (API ClusterSetting.value). */
export const CONTAINER_INSIGHTS_VALUES: readonly string[] = ['enabled', 'disabled', 'enhanced'];
/** The setting a new cluster gets when the request has none (the account default, `disabled`). */
export const DEFAULT_CLUSTER_SETTINGS: readonly ClusterSetting[] = [{ name: CONTAINER_INSIGHTS, value: 'disabled' }];

/** A cluster setting in a request (both members optional in the model; checked by {@link validateSettings}). */
export const ClusterSettingCodec = struct('ClusterSetting', { name: t.string, value: t.string });
/** `settings` in a request. */
export const ClusterSettingsCodec = list(ClusterSettingCodec, 'list of ClusterSetting');

const ExecuteCommandLogConfigurationCodec = struct('ExecuteCommandLogConfiguration', {
  cloudWatchLogGroupName: t.string,
  cloudWatchEncryptionEnabled: t.boolean,
  s3BucketName: t.string,
  s3EncryptionEnabled: t.boolean,
  s3KeyPrefix: t.string,
});

const ExecuteCommandConfigurationCodec = struct('ExecuteCommandConfiguration', {
  kmsKeyId: t.string,
  logging: literals(['NONE', 'DEFAULT', 'OVERRIDE']),
  logConfiguration: ExecuteCommandLogConfigurationCodec,
});

const ManagedStorageConfigurationCodec = struct('ManagedStorageConfiguration', {
  kmsKeyId: t.string,
  fargateEphemeralStorageKmsKeyId: t.string,
});

/**
 * Cluster `configuration` (execute-command and managed-storage settings). {@link struct} keeps only the members
 * the model has, in model order, in fresh objects: what is stored and described back is exactly the known part.
 */
export const ClusterConfigurationCodec = struct('ClusterConfiguration', {
  executeCommandConfiguration: ExecuteCommandConfigurationCodec,
  managedStorageConfiguration: ManagedStorageConfigurationCodec,
});

/** `serviceConnectDefaults` in a request: `namespace` is required. */
export const ServiceConnectDefaultsCodec = struct(
  'ClusterServiceConnectDefaultsRequest',
  { namespace: t.string },
  ['namespace'],
);

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
 * FARGATE / FARGATE_SPOT or an ACTIVE Auto Scaling group provider (`asgProviders`), none twice. Returns a fresh list
 * in request order.
 */
export function validateCapacityProviders(
  providers: readonly string[],
  where = 'capacityProviders',
  asgProviders: ReadonlySet<string> = new Set(),
): E.Either<EcsError, string[]> {
  if (providers.length > MAX_CLUSTER_CAPACITY_PROVIDERS) return E.left(invalidParameter(TOO_MANY_CLUSTER_CAPACITY_PROVIDERS));
  const err = checkProviderNames(providers, MAX_CLUSTER_CAPACITY_PROVIDERS, where, (i) => `${where}[${i}]`, (n) => isFargateCapacityProvider(n) || asgProviders.has(n));
  return err ? E.left(err) : E.right([...providers]);
}

/** A cluster configuration as decoded (absent members are left out). */
export type ClusterConfigurationInput = t.TypeOf<typeof ClusterConfigurationCodec>;

/**
 * Validates a decoded `configuration` and returns it as the plain JSON object to store (decoding already dropped
 * absent and `null` members and copied the input, so the wire form never carries `undefined` or `null` and never
 * aliases the request). ECS requires `logConfiguration` when `logging` is `OVERRIDE`
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
  return E.right(input);
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
