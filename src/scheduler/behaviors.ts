/**
 * Container behaviour: matching the World's {@link BehaviorRule}s to a container, and the durations and outcomes
 * they (or the realistic defaults) decide. The twin runs no containers, so this is where users say what theirs do.
 *
 * @module
 */
import type { Rng, DurationSpec } from '../domain/rng.js';
import type { ContainerSpec } from '../domain/taskDefinition.js';
import type { BehaviorRule, TaskTimings } from '../domain/world.js';

const globCache = new Map<string, RegExp>();
const GLOB_CACHE_LIMIT = 1_000;

/**
 * Whether `value` matches `glob` as a whole: `*` matches any run of characters (including none), `?` exactly one;
 * everything else is literal.
 *
 * @example
 * ```ts
 * globMatches('*nginx*', 'public.ecr.aws/nginx/nginx:1.27'); // true
 * globMatches('api-?', 'api-10'); // false
 * ```
 */
export function globMatches(glob: string, value: string): boolean {
  let re = globCache.get(glob);
  if (re === undefined) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${body}$`);
    // A memo of a pure function, bounded so distinct globs cannot grow it without limit.
    if (globCache.size >= GLOB_CACHE_LIMIT) globCache.clear();
    globCache.set(glob, re);
  }
  return re.test(value);
}

/** The first rule matching a container of a task of `family`, or `undefined` (the defaults apply). */
export function ruleFor(
  rules: readonly BehaviorRule[],
  family: string,
  container: Pick<ContainerSpec, 'name' | 'image'>,
): BehaviorRule | undefined {
  for (const r of rules) {
    const m = r.match;
    if (m.image !== undefined && !globMatches(m.image, container.image)) continue;
    if (m.family !== undefined && !globMatches(m.family, family)) continue;
    if (m.containerName !== undefined && !globMatches(m.containerName, container.name)) continue;
    return r;
  }
  return undefined;
}

const ECR_PRIVATE = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/** Whether an image is pulled from Amazon ECR (private registries or ECR Public). */
export const isEcrImage = (image: string): boolean => ECR_PRIVATE.test(image) || image.startsWith('public.ecr.aws/');

/** A duration from a fixed number or a distribution. */
export function drawMs(rng: Rng, d: number | DurationSpec): number {
  return typeof d === 'number' ? Math.max(0, Math.round(d)) : rng.durationMs(d);
}

/** How long pulling the container's image takes: the rule's `pullMs`, or the default for its registry. */
export function pullDurationMs(rng: Rng, timings: TaskTimings, image: string, rule: BehaviorRule | undefined): number {
  if (rule?.pullMs !== undefined) return drawMs(rng, rule.pullMs);
  return rng.durationMs(isEcrImage(image) ? timings.pullEcr : timings.pullPublicRegistry);
}

/** Whether a scripted start failure happens during the image pull (rather than when the containers start). */
export const isPullFailure = (reason: string): boolean => reason.startsWith('CannotPullContainerError');
