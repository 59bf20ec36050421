/**
 * RunTask's `clientToken`: what a token is bound to (a normalised fingerprint of the request) and the answer to a
 * retry (the same tasks as they are now, or a ConflictException).
 *
 * @module
 */
import type { RunTaskResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import type { EcsError } from '../../domain/errors.js';
import { compareStrings } from '../../domain/pmap.js';
import type { Task } from '../../domain/task.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Wire } from '../../domain/wire.js';
import type { ClientTokenRecord } from '../../domain/world.js';
import type { RunTaskRequestInput } from './runTaskRequest.js';
import { taskWire } from './taskWire.js';

/** A `clientToken`: 1–64 printable ASCII characters without spaces. */
export const CLIENT_TOKEN = /^[\x21-\x7e]{1,64}$/;

/** Members whose empty list means the same as leaving them out (this module reads them so). */
const EMPTY_MEANS_ABSENT: ReadonlySet<string> = new Set([
  'capacityProviderStrategy',
  'placementConstraints',
  'placementStrategy',
  'tags',
]);

/**
 * What a `clientToken` is bound to: the request as it will be carried out, so that a retry spelling out a default
 * (`count: 1`, `enableExecuteCommand: false`, `platformVersion: 'LATEST'`, an empty tag list) or naming the cluster
 * by ARN instead of by name is the same request. The cluster is left out (it is part of the token's key) and so is
 * the token. Top-level members are sorted by name, so whether a default was given or left out does not move it.
 */
export function requestFingerprint(input: RunTaskRequestInput, count: number): string {
  const normalised: Record<string, unknown> = {
    ...input,
    count,
    enableECSManagedTags: input.enableECSManagedTags ?? false,
    enableExecuteCommand: input.enableExecuteCommand ?? false,
    platformVersion: input.platformVersion ?? 'LATEST',
    propagateTags: input.propagateTags ?? 'NONE',
  };
  const entries = Object.entries(normalised).filter(
    ([k, v]) =>
      k !== 'cluster' &&
      k !== 'clientToken' &&
      v !== undefined &&
      !(EMPTY_MEANS_ABSENT.has(k) && Array.isArray(v) && v.length === 0),
  );
  // Nested members are decoded in declaration order, so their JSON is canonical already.
  entries.sort(([a], [b]) => compareStrings(a, b));
  return JSON.stringify(Object.fromEntries(entries));
}

/** The answer to a retried `clientToken`: the same tasks as they are now, or a conflict. */
export function replayClientToken(tx: WorldTxn, prior: ClientTokenRecord, fingerprint: string): E.Either<EcsError, Wire<RunTaskResponse>> {
  const found = prior.taskSeqs.flatMap((seq): Task[] => {
    const task = tx.table('tasks').get(seq);
    return task ? [task] : [];
  });
  if (prior.fingerprint !== fingerprint) {
    return E.left({
      name: 'ConflictException',
      message: 'The clientToken was already used with different request parameters.',
      resourceIds: found.map((task) => taskWire(tx, task).taskArn!),
    });
  }
  return E.right({ tasks: found.map((task) => taskWire(tx, task, true)), failures: prior.failures.map((f) => ({ ...f })) });
}
