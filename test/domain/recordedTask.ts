// A task in the form the World stored it before task times became TaskTimes (epoch ms in \`…AtMs\` fields), for
// tests that compare a World's data byte for byte with a record made then, or across a snapshot round trip (where
// a spec's \`originMs\`, the engine's choice of where its tasks' times count from, may differ).
import { hasEni, poolOf, type Task } from '../../src/domain/task.js';
import { privateIpOf, taskMs, taskMsOpt } from '../../src/domain/task.js';

/**
 * A task as the World stored it when the record was made: times in epoch ms (`…AtMs`), in the same key order. Since
 * then a task stores its times as TaskTimes counted from its spec's `originMs` (which the hash leaves out): the
 * same instants, so the record still pins every one of them.
 */
export function asRecorded(t: Task): Record<string, unknown> {
  return {
    seq: t.seq,
    taskId: t.taskId,
    spec: t.spec,
    capacityProviderName: t.site.capacityProviderName,
    pool: poolOf(t),
    availabilityZone: t.site.availabilityZone,
    subnetId: t.site.subnetId,
    privateIp: privateIpOf(t),
    hasEni: hasEni(t),
    ec2: t.site.ec2,
    lastStatus: t.lastStatus,
    desiredStatus: t.desiredStatus,
    version: t.version,
    createdAtMs: taskMs(t, t.createdAt),
    updatedAtMs: taskMs(t, t.updatedAt),
    connectivityAtMs: taskMsOpt(t, t.connectivityAt),
    pullStartedAtMs: taskMsOpt(t, t.pullStartedAt),
    pullStoppedAtMs: taskMsOpt(t, t.pullStoppedAt),
    startedAtMs: taskMsOpt(t, t.startedAt),
    stoppingAtMs: taskMsOpt(t, t.stop?.stoppingAt),
    executionStoppedAtMs: taskMsOpt(t, t.stop?.executionStoppedAt),
    stoppedAtMs: taskMsOpt(t, t.stop?.stoppedAt),
    stopCode: t.stop?.stopCode,
    stoppedReason: t.stop?.stoppedReason,
    launchFailure: t.stop?.launchFailure,
    containers: t.containers,
    timer: t.timer,
  };
}


/** Whether \`value\` is a stored task (the World's tasks are the only objects with a \`taskId\` and a \`spec\`). */
const isTask = (value: unknown): value is Task =>
  typeof value === 'object' && value !== null && 'taskId' in value && 'spec' in value && 'createdAt' in value;

/**
 * \`JSON.stringify\` of a World (or any part of one) with its tasks as recorded ({@link asRecorded}) and without the
 * specs' \`originMs\`: the same text for Worlds that hold the same data, whatever their tasks' times count from.
 */
export function worldDataText(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === 'originMs' ? undefined : isTask(v) ? asRecorded(v) : v));
}
