/**
 * ECS errors as values. Every failure of the core is an {@link EcsError} carrying the AWS exception name and a
 * message in ECS's own style; adapters turn it into `{"__type", "message"}` on the wire.
 *
 * @module
 */

/** The exception names ECS (and the AWS JSON protocol) use. */
export type EcsErrorName =
  | 'ClientException'
  | 'InvalidParameterException'
  | 'ServerException'
  | 'ClusterNotFoundException'
  | 'ClusterContainsServicesException'
  | 'ClusterContainsTasksException'
  | 'ClusterContainsContainerInstancesException'
  | 'ServiceNotFoundException'
  | 'ServiceNotActiveException'
  | 'PlatformUnknownException'
  | 'PlatformTaskDefinitionIncompatibilityException'
  | 'UnsupportedFeatureException'
  | 'AccessDeniedException'
  | 'LimitExceededException'
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'UpdateInProgressException'
  | 'ConflictException'
  | 'AttributeLimitExceededException'
  | 'TargetNotFoundException'
  | 'ThrottlingException'
  | 'SerializationException'
  | 'UnknownOperationException';

/** An ECS exception: `name` is the AWS exception type, `message` the text ECS would send. */
export interface EcsError {
  readonly name: EcsErrorName;
  readonly message: string;
  /** Only on `ConflictException`: the resources already bound to the idempotency token. */
  readonly resourceIds?: readonly string[];
}

/** Builds an {@link EcsError}. */
export const ecsError = (name: EcsErrorName, message: string): EcsError => ({ name, message });

/** `ClientException`: the request is wrong (invalid content, identifiers, permissions). */
export const clientException = (message: string): EcsError => ecsError('ClientException', message);

/** `InvalidParameterException`: a parameter value is invalid or inconsistent. */
export const invalidParameter = (message: string): EcsError => ecsError('InvalidParameterException', message);

/** `ClusterNotFoundException` with ECS's fixed message. */
export const clusterNotFound = (): EcsError => ecsError('ClusterNotFoundException', 'Cluster not found.');
