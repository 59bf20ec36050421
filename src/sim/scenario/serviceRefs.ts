/**
 * Service references in a scenario (`web`, or `cluster/web` when the name alone is ambiguous) and Application Auto
 * Scaling resource ids (`service/<cluster>/<service>`), resolved against the services the scenario creates.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { isObj } from './reader.js';

/** A service the scenario creates: its cluster's name and its own. */
export interface ServiceId {
  readonly cluster: string;
  readonly serviceName: string;
}

/**
 * The services of `resources.services` (CreateService bodies): `serviceName`, and `cluster` as a name or ARN
 * (default `default`, as in ECS). Bodies without a string `serviceName` are skipped (ECS rejects them when
 * applied).
 */
export function servicesOf(bodies: readonly unknown[]): ServiceId[] {
  const out: ServiceId[] = [];
  for (const b of bodies) {
    if (!isObj(b) || typeof b.serviceName !== 'string') continue;
    out.push({ cluster: clusterNameOf(b.cluster), serviceName: b.serviceName });
  }
  return out;
}

/** A cluster parameter (name or ARN `arn:aws:ecs:…:cluster/name`) as a name; absent means `default`. */
export function clusterNameOf(cluster: unknown): string {
  if (typeof cluster !== 'string' || cluster === '') return 'default';
  const arn = /^arn:[^:]+:ecs:[^:]*:\d*:cluster\/(.+)$/.exec(cluster);
  return arn === null ? cluster : arn[1]!;
}

/**
 * The service a reference names: `cluster/service` exactly, or `service` when exactly one service has that name.
 * `Left` says why not (no such service, or which clusters make it ambiguous).
 *
 * @example
 * ```ts
 * resolveServiceRef('web', [{ cluster: 'default', serviceName: 'web' }]); // Right({ cluster: 'default', serviceName: 'web' })
 * ```
 */
export function resolveServiceRef(ref: string, services: readonly ServiceId[]): E.Either<string, ServiceId> {
  const slash = ref.indexOf('/');
  const matches =
    slash >= 0
      ? services.filter((s) => s.cluster === ref.slice(0, slash) && s.serviceName === ref.slice(slash + 1))
      : services.filter((s) => s.serviceName === ref);
  if (matches.length === 1) return E.right(matches[0]!);
  if (matches.length > 1) {
    return E.left(`service '${ref}' is ambiguous: it exists in clusters ${matches.map((m) => m.cluster).join(', ')}; write 'cluster/${ref}'`);
  }
  const known = services.map((s) => (s.cluster === 'default' ? s.serviceName : `${s.cluster}/${s.serviceName}`));
  return E.left(`no service '${ref}' in resources.services (${known.length === 0 ? 'there are none' : `services: ${known.join(', ')}`})`);
}

/** The Application Auto Scaling resource id of a service. */
export const resourceIdOf = (s: ServiceId): string => `service/${s.cluster}/${s.serviceName}`;
