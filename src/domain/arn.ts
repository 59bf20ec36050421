/**
 * ARNs and ids in ECS's long formats (reference §14.4). Builders are pure string functions; parsers accept
 * either a short name/id or a full ARN, as every ECS API input does.
 *
 * @module
 */

/** Where a world lives: the ARN prefix parts. */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

const prefix = (s: ArnScope): string => `arn:aws:ecs:${s.region}:${s.accountId}:`;

/** `arn:aws:ecs:<region>:<account>:cluster/<name>` */
export const clusterArn = (s: ArnScope, clusterName: string): string => `${prefix(s)}cluster/${clusterName}`;

/** `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>` */
export const taskDefinitionArn = (s: ArnScope, family: string, revision: number): string =>
  `${prefix(s)}task-definition/${family}:${revision}`;

/** `arn:aws:ecs:<region>:<account>:task/<cluster>/<32-hex id>` */
export const taskArn = (s: ArnScope, clusterName: string, taskId: string): string =>
  `${prefix(s)}task/${clusterName}/${taskId}`;

/** `arn:aws:ecs:<region>:<account>:container/<cluster>/<taskId>/<uuid>` (long layout, reference §14.4). */
export const containerArn = (s: ArnScope, clusterName: string, taskId: string, uuid: string): string =>
  `${prefix(s)}container/${clusterName}/${taskId}/${uuid}`;

/** `arn:aws:ecs:<region>:<account>:capacity-provider/<name>` */
export const capacityProviderArn = (s: ArnScope, name: string): string => `${prefix(s)}capacity-provider/${name}`;

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<service>` */
export const serviceArn = (s: ArnScope, clusterName: string, serviceName: string): string =>
  `${prefix(s)}service/${clusterName}/${serviceName}`;

/** A parsed ECS ARN: its resource type and the `/`-separated parts after it. */
export interface ParsedArn {
  readonly region: string;
  readonly accountId: string;
  readonly resourceType: string;
  readonly resourceParts: readonly string[];
}

const ARN_RE = /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/;

/** Parses an ECS ARN, or returns `undefined` when `s` is not one. */
export function parseArn(s: string): ParsedArn | undefined {
  const m = ARN_RE.exec(s);
  if (!m) return undefined;
  return { region: m[1]!, accountId: m[2]!, resourceType: m[3]!, resourceParts: m[4]!.split('/') };
}

/** A container instance ARN (long format, reference §14.4). */
export const containerInstanceArn = (s: ArnScope, clusterName: string, id: string): string =>
  `${prefix(s)}container-instance/${clusterName}/${id}`;
