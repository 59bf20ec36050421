/**
 * The codec of one input-journal entry, as read back from a file or a bug report. It checks the entry's shape —
 * its `kind`, the fault's name, the members each kind carries, no unknown keys — and leaves the arguments to the
 * functions the entry replays (`execute`, `advance`, the fault functions), which decode them like any input: a
 * journaled request that was rejected is a valid entry that is rejected again.
 *
 * @module
 */
import * as t from 'io-ts';
import { literals } from './common.js';
import { ABoolean, AString, exact } from './strict.js';
import { isRecord } from './isRecord.js';


/** Any number: `advance` itself says which steps it accepts. */
const AnyNumber = new t.Type<number, number, unknown>(
  'a number',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'number' ? t.success(u) : t.failure(u, c)),
  t.identity,
);

// `charged`: the request was charged to its API rate bucket before it ran, rejected or not (decision 0003).
const ExecuteEntry = exact('an execute entry', { kind: t.unknown, operation: AString, input: t.unknown, charged: ABoolean }, [
  'kind',
  'operation',
]);
const AdvanceEntry = exact('an advance entry', { kind: t.unknown, ms: AnyNumber }, ['kind', 'ms']);
const FaultEntries = {
  interruptSpotTasks: exact('an interruptSpotTasks entry', { kind: t.unknown, fault: t.unknown, options: t.unknown }, ['kind', 'fault']),
  injectCapacityShortage: exact('an injectCapacityShortage entry', { kind: t.unknown, fault: t.unknown, options: t.unknown }, [
    'kind',
    'fault',
    'options',
  ]),
  setSubnetAvailability: exact(
    'a setSubnetAvailability entry',
    { kind: t.unknown, fault: t.unknown, subnetId: t.unknown, available: t.unknown },
    ['kind', 'fault', 'subnetId', 'available'],
  ),
  setBehaviors: exact('a setBehaviors entry', { kind: t.unknown, fault: t.unknown, rules: t.unknown }, ['kind', 'fault', 'rules']),
  crashTasks: exact('a crashTasks entry', { kind: t.unknown, fault: t.unknown, options: t.unknown }, ['kind', 'fault', 'options']),
  zoneOutage: exact('a zoneOutage entry', { kind: t.unknown, fault: t.unknown, options: t.unknown }, ['kind', 'fault', 'options']),
  setFargateQuotas: exact('a setFargateQuotas entry', { kind: t.unknown, fault: t.unknown, options: t.unknown }, ['kind', 'fault', 'options']),
  setAgentConnected: exact('a setAgentConnected entry', { kind: t.unknown, fault: t.unknown, options: t.unknown }, ['kind', 'fault', 'options']),
} as const;

const KindCodec = literals(['execute', 'advance', 'fault']);
const FaultNameCodec = literals([
  'interruptSpotTasks',
  'injectCapacityShortage',
  'setSubnetAvailability',
  'setBehaviors',
  'crashTasks',
  'zoneOutage',
  'setFargateQuotas',
  'setAgentConnected',
]);

/** A journal entry's shape; the decoded value is a fresh object with only the entry's own members. */
export const JournalEntryCodec = new t.Type<Record<string, unknown>, Record<string, unknown>, unknown>(
  'a journal entry object',
  (u): u is Record<string, unknown> => JournalEntryCodec.validate(u, [])._tag === 'Right',
  (u, c) => {
    if (!isRecord(u)) return t.failure(u, c);
    const kind = u.kind;
    if (!KindCodec.is(kind)) return t.failure(kind, t.appendContext(c, 'kind', KindCodec, kind));
    if (kind === 'execute') return ExecuteEntry.validate(u, c) as t.Validation<Record<string, unknown>>;
    if (kind === 'advance') return AdvanceEntry.validate(u, c) as t.Validation<Record<string, unknown>>;
    const fault = u.fault;
    if (!FaultNameCodec.is(fault)) return t.failure(fault, t.appendContext(c, 'fault', FaultNameCodec, fault));
    return FaultEntries[fault].validate(u, c) as t.Validation<Record<string, unknown>>;
  },
  t.identity,
);
