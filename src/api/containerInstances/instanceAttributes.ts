/**
 * Container instance attributes: the built-in ones the ECS agent registers, and the rules for custom ones
 * (names, values, how many), from the API reference:
 * - Attribute (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Attribute.html): a name of 1–128
 *   letters, digits, `-`, `_`, `/`, `\`, `.`; a value of 1–128 letters, digits, `-`, `_`, `.`, `@`, `/`, `\`, `:`
 *   or spaces, not starting or ending with a space.
 * - PutAttributes (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutAttributes.html): at most 10
 *   attributes per call; `AttributeLimitExceededException` past 10 custom attributes per resource.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { InstanceAttribute } from '../../domain/containerInstance.js';
import { ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import { derivedHex, hashString } from '../../scheduler/derivedIds.js';
import type { CpuArchitecture } from '../../scheduler/placement/instanceTypes.js';

/** Most custom attributes per container instance, and most attributes per PutAttributes/DeleteAttributes call. */
export const MAX_CUSTOM_ATTRIBUTES = 10;

const NAME_RE = /^[A-Za-z0-9_/\\.-]{1,128}$/;
const VALUE_RE = /^[A-Za-z0-9_.@/\\: -]{1,128}$/;

/** Whether an attribute is one ECS manages (built-in or capability) rather than a custom one. */
export const isBuiltInAttribute = (name: string): boolean => name.startsWith('ecs.') || name.startsWith('com.amazonaws.ecs.');

/**
 * Checks a custom attribute's name and value; `at` names the request member in the message.
 * SIM RULE: the message wording is the twin's (ECS's own text is not documented).
 */
export function validateAttribute(attr: { readonly name: string; readonly value?: string | undefined }, at: string): E.Either<EcsError, InstanceAttribute> {
  if (!NAME_RE.test(attr.name)) {
    return E.left(
      invalidParameter(`${at}.name: an attribute name must be 1-128 letters, numbers, hyphens, underscores, forward slashes, back slashes or periods.`),
    );
  }
  if (attr.value === undefined) return E.right({ name: attr.name });
  if (!VALUE_RE.test(attr.value) || attr.value.startsWith(' ') || attr.value.endsWith(' ')) {
    return E.left(
      invalidParameter(
        `${at}.value: an attribute value must be 1-128 letters, numbers, hyphens, underscores, periods, at signs, forward slashes, back slashes, colons or spaces, and can't start or end with a space.`,
      ),
    );
  }
  return E.right({ name: attr.name, value: attr.value });
}

/**
 * `attributes` with `added` put in: an existing name takes the new value in place, a new one is appended.
 * Left `AttributeLimitExceededException` when the result has more than {@link MAX_CUSTOM_ATTRIBUTES} custom ones.
 */
export function putAttributes(attributes: readonly InstanceAttribute[], added: readonly InstanceAttribute[]): E.Either<EcsError, InstanceAttribute[]> {
  const out = [...attributes];
  for (const a of added) {
    const i = out.findIndex((x) => x.name === a.name);
    if (i >= 0) out[i] = a;
    else out.push(a);
  }
  if (out.filter((a) => !isBuiltInAttribute(a.name)).length > MAX_CUSTOM_ATTRIBUTES) {
    return E.left(ecsError('AttributeLimitExceededException', `You can apply up to ${MAX_CUSTOM_ATTRIBUTES} custom attributes per resource.`));
  }
  return E.right(out);
}

// The capabilities every instance shares live with placement, which matches `requiresAttributes` against them.
export { allAttributes, LINUX_CAPABILITIES } from '../../scheduler/ec2/capabilities.js';

/**
 * The AMI every instance of a Region and architecture runs (SIM RULE: one ECS-optimised AMI per Region and
 * architecture, its id derived from them so that it is stable).
 */
export const amiIdOf = (region: string, architecture: CpuArchitecture): string => `ami-${derivedHex(hashString(`${region}/${architecture}`), 5, 17)}`;

/** The built-in attributes with values, in the order the agent reports them. */
export function builtInAttributes(instanceType: string, availabilityZone: string, architecture: CpuArchitecture, amiId: string): InstanceAttribute[] {
  return [
    { name: 'ecs.ami-id', value: amiId },
    { name: 'ecs.availability-zone', value: availabilityZone },
    { name: 'ecs.instance-type', value: instanceType },
    { name: 'ecs.os-type', value: 'linux' },
    { name: 'ecs.os-family', value: 'LINUX' },
    { name: 'ecs.cpu-architecture', value: architecture },
  ];
}
