// chargeRequest and execute's `requestCharged`: the split of docs/decisions/0003-request-charging.md. ECS charges
// every request it receives against the operation's API rate bucket — RunTask on Fargate: burst 20, 20 per second
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/throttling.html, reference §9.3) — and answers a
// request beyond it with ThrottlingException "Rate exceeded." ([OBS] cisagov/crossfeed#247). `execute` stays pure
// ("rejected ⇒ the same World") and charges accepted calls only; chargeRequest lets a caller charge the rest.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { RATE_EXCEEDED } from '../../src/api/tasks/runTaskRequest.js';
import type { World } from '../../src/domain/world.js';
import { chargeRequest } from '../../src/engine/chargeRequest.js';
import { execute } from '../../src/engine/execute.js';
import { availableTokens } from '../../src/scheduler/tokenBucket.js';
import { Sim, net } from '../api/tasks/harness.js';

const RUN = { taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: net('subnet-a1') };
const INVALID_RUN = { ...RUN, count: 11 };
const THROTTLED = { name: 'ThrottlingException', message: RATE_EXCEEDED };

/** A world with the web task definition and a default cluster, launches unthrottled (only the API bucket counts). */
const start = (): World => new Sim({ quotas: { onDemandLaunches: { burst: Infinity, refillPerSecond: 0 } } }).setup().world;

/** Whole tokens left in the RunTask API bucket (20 when it was never used). */
function runTaskTokens(w: World): number {
  const b = w.rateLimits.get('RunTask') as Parameters<typeof availableTokens>[0] | undefined;
  return b === undefined ? 20 : availableTokens(b, w.nowMs);
}

/** What an endpoint does with one request: charge it, then execute it; returns the World it keeps and the answer. */
function serve(world: World, operation: string, input: unknown): { world: World; ok: boolean; error?: unknown } {
  const charged = chargeRequest(world, operation);
  if (E.isLeft(charged)) return { world, ok: false, error: charged.left };
  const r = execute(charged.right, operation, input, { requestCharged: true });
  return E.isRight(r) ? { world: r.right.world, ok: true } : { world: charged.right, ok: false, error: r.left };
}

describe('chargeRequest', () => {
  it('returns the very same World for an operation without an API rate bucket', () => {
    const w = start();
    for (const op of ['DescribeTasks', 'CreateCluster', 'NoSuchOperation']) expect(chargeRequest(w, op)).toEqual(E.right(w));
    const r = chargeRequest(w, 'DescribeTasks');
    expect(E.isRight(r) && r.right).toBe(w);
  });

  it('takes one RunTask token per request and answers ThrottlingException when the bucket is empty', () => {
    let w = start();
    for (let i = 0; i < 20; i++) {
      const r = chargeRequest(w, 'RunTask');
      if (E.isLeft(r)) throw new Error(`request ${i} was throttled`);
      w = r.right;
      expect(runTaskTokens(w)).toBe(19 - i);
    }
    expect(chargeRequest(w, 'RunTask')).toEqual(E.left(THROTTLED));
  });

  it('charges a rejected call: the World the caller keeps has one token less, while execute alone leaves it unchanged', () => {
    const w = start();
    // execute on its own: rejected ⇒ the same World, nothing charged.
    expect(E.isLeft(execute(w, 'RunTask', INVALID_RUN))).toBe(true);
    const served = serve(w, 'RunTask', INVALID_RUN);
    expect(served.ok).toBe(false);
    expect(served.error).toEqual({ name: 'InvalidParameterException', message: 'Task count can not be greater than 10' });
    expect(runTaskTokens(served.world)).toBe(19);
  });

  it('charges an accepted call exactly once, whichever path ran it', () => {
    const w = start();
    const viaExecute = execute(w, 'RunTask', RUN);
    if (E.isLeft(viaExecute)) throw new Error(viaExecute.left.message);
    const served = serve(w, 'RunTask', RUN);
    expect(served.ok).toBe(true);
    expect(runTaskTokens(viaExecute.right.world)).toBe(19);
    expect(runTaskTokens(served.world)).toBe(19);
    // Both paths reach the same World, byte for byte.
    expect(JSON.stringify(served.world)).toBe(JSON.stringify(viaExecute.right.world));
  });

  it('throttles the 21st request of a burst, valid or not, and leaves the World as chargeRequest had it', () => {
    let w = start();
    for (let i = 0; i < 20; i++) w = serve(w, 'RunTask', i % 2 === 0 ? RUN : INVALID_RUN).world;
    expect(runTaskTokens(w)).toBe(0);
    for (const input of [RUN, INVALID_RUN]) {
      const served = serve(w, 'RunTask', input);
      expect(served).toEqual({ world: w, ok: false, error: THROTTLED });
      expect(served.world).toBe(w);
    }
    // ECS throttles before it validates: a rejected-anyway request at an empty bucket is throttled, not refused.
    expect(chargeRequest(w, 'RunTask')).toEqual(E.left(THROTTLED));
  });

  it('refills as time passes (20 tokens per second)', () => {
    let w = start();
    for (let i = 0; i < 20; i++) w = serve(w, 'RunTask', INVALID_RUN).world;
    expect(E.isLeft(chargeRequest(w, 'RunTask'))).toBe(true);
    w = { ...w, nowMs: w.nowMs + 50 };
    expect(E.isRight(chargeRequest(w, 'RunTask'))).toBe(true);
  });

  it('a charged call that execute runs with requestCharged is not charged again, even at an empty bucket', () => {
    let w = start();
    for (let i = 0; i < 19; i++) w = serve(w, 'RunTask', INVALID_RUN).world;
    const charged = chargeRequest(w, 'RunTask');
    if (E.isLeft(charged)) throw new Error('the 20th token must be there');
    expect(runTaskTokens(charged.right)).toBe(0);
    const r = execute(charged.right, 'RunTask', RUN, { requestCharged: true });
    expect(E.isRight(r)).toBe(true);
    // Without the option the same call would need a second token and be throttled.
    expect(execute(charged.right, 'RunTask', RUN)).toEqual(E.left(THROTTLED));
  });
});
