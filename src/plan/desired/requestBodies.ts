/**
 * The first form of desired state: ECS and Application Auto Scaling request bodies, grouped by kind
 * (`clusters`, `taskDefinitions`, `services`, `scalableTargets`, `scalingPolicies`). Each body must be an object
 * within the request bounds; its contents are checked later, when the plan runs the calls through the twin's
 * ECS (which reports them as ECS would).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { REQUEST_LIMITS, readPlainInput } from '../../codecs/plainInput.js';
import { describeValue } from '../../codecs/reporter.js';
import { closestKey } from '../../codecs/strict.js';
import { pathToString, type Issue } from '../../sim/scenario/problems.js';
import type { DesiredResource, DesiredState } from '../types.js';
import { isObj, type Obj } from './templateContext.js';

/** The sections of a request-bodies file and the ECS (or AAS) call each body is for. */
export const BODY_SECTIONS = {
  clusters: 'CreateCluster',
  taskDefinitions: 'RegisterTaskDefinition',
  services: 'CreateService',
  scalableTargets: 'RegisterScalableTarget',
  scalingPolicies: 'PutScalingPolicy',
} as const;

type Section = keyof typeof BODY_SECTIONS;
const SECTIONS = Object.keys(BODY_SECTIONS) as Section[];

/** Reads the bodies; `Left`: every problem, each with its path. */
export function readRequestBodies(root: Obj): E.Either<readonly Issue[], Omit<DesiredState, 'warnings'>> {
  const issues: Issue[] = [];
  for (const k of Object.keys(root)) {
    if ((SECTIONS as string[]).includes(k)) continue;
    const hint = closestKey(k, SECTIONS);
    issues.push({
      path: [k],
      message: `unknown key '${k}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}; desired state is ${SECTIONS.join(', ')} (ECS request bodies), or a CloudFormation template with Resources`,
      at: 'key',
    });
  }
  const read = (section: Section): DesiredResource[] => {
    const list = root[section];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) {
      issues.push({ path: [section], message: `expected a list of ${BODY_SECTIONS[section]} request bodies, got ${describeValue(list)}` });
      return [];
    }
    const out: DesiredResource[] = [];
    list.forEach((body: unknown, i) => {
      const path = [section, i];
      if (!isObj(body)) {
        issues.push({ path, message: `expected a ${BODY_SECTIONS[section]} request body (an object), got ${describeValue(body)}` });
        return;
      }
      const plain = readPlainInput(body, REQUEST_LIMITS, pathToString(path));
      if (E.isLeft(plain)) issues.push({ path, message: plain.left.message });
      else out.push({ source: pathToString(path), body: plain.right as Obj });
    });
    return out;
  };
  const state = {
    clusters: read('clusters'),
    taskDefinitions: read('taskDefinitions'),
    services: read('services'),
    scalableTargets: read('scalableTargets'),
    scalingPolicies: read('scalingPolicies'),
  };
  return issues.length > 0 ? E.left(issues) : E.right(state);
}
