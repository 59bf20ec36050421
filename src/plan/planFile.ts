/**
 * A plan file (`ecs-twin plan --out plan.json`) read back for `ecs-twin apply`. The file is untrusted: anything
 * that is not a plan of this format — bad JSON, a missing member, an operation without a name — is a message
 * naming the path, never a throw. Only what `apply` relies on is checked; the rest is carried as written.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Plan } from './types.js';
import { isRecord } from '../codecs/isRecord.js';

const FORMAT = 'ecs-twin-plan/1';


/**
 * Decodes a plan file's text. `Left` is one message naming what is wrong and where (`plan.operations[2].input:
 * expected an object`).
 */
export function decodePlanFile(text: string): E.Either<string, Plan> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
  } catch (e) {
    return E.left(`plan: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(doc)) return E.left('plan: expected an object');
  if (doc.format !== FORMAT) return E.left(`plan.format: expected "${FORMAT}", got ${JSON.stringify(doc.format) ?? 'nothing'}`);
  if (typeof doc.fingerprint !== 'string' || doc.fingerprint === '') return E.left('plan.fingerprint: expected a non-empty string');
  for (const member of ['changes', 'operations', 'rollouts', 'checks', 'warnings'] as const) {
    if (!Array.isArray(doc[member])) return E.left(`plan.${member}: expected a list`);
  }
  const changes = doc.changes as unknown[];
  for (const [i, c] of changes.entries()) {
    if (!isRecord(c) || typeof c.id !== 'string' || typeof c.kind !== 'string') return E.left(`plan.changes[${i}]: expected {type, id, kind, …}`);
  }
  for (const [i, op] of (doc.operations as unknown[]).entries()) {
    const at = `plan.operations[${i}]`;
    if (!isRecord(op)) return E.left(`${at}: expected an object`);
    if (op.service !== 'ecs' && op.service !== 'application-autoscaling') return E.left(`${at}.service: expected "ecs" or "application-autoscaling"`);
    if (typeof op.operation !== 'string' || op.operation === '') return E.left(`${at}.operation: expected an operation name`);
    if (!isRecord(op.input)) return E.left(`${at}.input: expected an object`);
    if (!Number.isSafeInteger(op.change) || (op.change as number) < 0 || (op.change as number) >= changes.length) return E.left(`${at}.change: expected the index of one of plan.changes`);
    if (op.clientToken !== undefined && typeof op.clientToken !== 'string') return E.left(`${at}.clientToken: expected a string`);
  }
  const cost = doc.monthlyCostUsd;
  if (!isRecord(cost) || typeof cost.before !== 'number' || typeof cost.after !== 'number') return E.left('plan.monthlyCostUsd: expected {before, after} numbers');
  if (doc.desired !== undefined) {
    if (!isRecord(doc.desired)) return E.left('plan.desired: expected an object');
    for (const member of ['clusters', 'taskDefinitions', 'services', 'scalableTargets', 'scalingPolicies', 'warnings'] as const) {
      if (!Array.isArray(doc.desired[member])) return E.left(`plan.desired.${member}: expected a list`);
    }
  }
  return E.right(doc as unknown as Plan);
}
