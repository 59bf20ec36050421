// Scheduled actions: at / rate / cron with time zones (src/sim/autoscaling/scheduled.ts, cron.ts, timeZone.ts).
// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
// https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { matchesCron, parseCron } from '../../../src/sim/autoscaling/cron.js';
import { describeScalableTargets, describeScalingActivities } from '../../../src/sim/autoscaling/index.js';
import { lastRunIn, parseSchedule, type ScheduledActionState } from '../../../src/sim/autoscaling/scheduled.js';
import { instantOfWallTime, wallTimeOf } from '../../../src/sim/autoscaling/timeZone.js';
import { Driver, MIN, RID, T0, errorsOf, inputs, make, obs, scheduled, target } from './harness.js';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
const action = (schedule: string, tz = 'UTC', over: Partial<ScheduledActionState['input']> = {}): ScheduledActionState => {
  const s = parseSchedule(schedule, tz);
  if (E.isLeft(s)) throw new Error(s.left);
  return { input: scheduled('a', schedule, { MinCapacity: 1 }, over), schedule: s.right, timeZone: tz, createdMs: T0 };
};
const runsBetween = (a: ScheduledActionState, fromMs: number, toMs: number): string[] => {
  const out: string[] = [];
  for (let t = fromMs; t < toMs; t += MIN) {
    const r = lastRunIn(a, t, t + MIN);
    if (r !== undefined) out.push(iso(r) as string);
  }
  return out;
};

describe('cron', () => {
  it('parses the six AAS fields and the documented examples', () => {
    const weekdays = parseCron('0 18 ? * MON-FRI *');
    expect(E.isRight(weekdays) && weekdays.right.daysOfWeek).toEqual([2, 3, 4, 5, 6]);
    const every15 = parseCron('0/15 * * * ? *');
    expect(E.isRight(every15) && every15.right.minutes).toEqual([0, 15, 30, 45]);
    expect(parseCron('0 18 * * MON *')).toEqual(E.left("exactly one of Day-of-month and Day-of-week must be '?'"));
    expect(parseCron('0 18 * *')).toEqual(E.left('expected 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got 4'));
    expect(parseCron('61 * * * ? *')).toEqual(E.left('Minutes field: 61 is outside 0-59'));
    expect(parseCron('0 8 15W * ? *')).toEqual(E.left("Day-of-month field: 'W' (nearest weekday) is not supported by the simulator"));
  });

  it('matches L (last day), nL (last weekday n) and n#k (k-th weekday n)', () => {
    const at = (y: number, m: number, d: number) => wallTimeOf(Date.UTC(y, m - 1, d, 8, 0), 'UTC');
    const last = parseCron('0 8 L * ? *');
    const lastFri = parseCron('0 8 ? * 6L *');
    const secondMon = parseCron('0 8 ? * MON#2 *');
    if (E.isLeft(last) || E.isLeft(lastFri) || E.isLeft(secondMon)) throw new Error('parse');
    expect(matchesCron(last.right, at(2024, 2, 29))).toBe(true);
    expect(matchesCron(last.right, at(2024, 2, 28))).toBe(false);
    expect(matchesCron(lastFri.right, at(2024, 5, 31))).toBe(true);
    expect(matchesCron(lastFri.right, at(2024, 5, 24))).toBe(false);
    expect(matchesCron(secondMon.right, at(2024, 1, 8))).toBe(true);
    expect(matchesCron(secondMon.right, at(2024, 1, 15))).toBe(false);
  });

  it('reads the wall clock of the time zone, following daylight saving time', () => {
    // SCHED21 (shared/ecs-autoscaling-captures.md §3): cron(0 6 * * ? *) in Europe/London.
    const london = action('cron(0 6 * * ? *)', 'Europe/London');
    expect(runsBetween(london, Date.UTC(2024, 0, 10), Date.UTC(2024, 0, 11))).toEqual(['2024-01-10T06:00:00.000Z']);
    expect(runsBetween(london, Date.UTC(2024, 6, 10), Date.UTC(2024, 6, 11))).toEqual(['2024-07-10T05:00:00.000Z']);
    const weekdays = action('cron(0 18 ? * MON-FRI *)', 'America/New_York');
    // 2024-01-05 is a Friday, 01-06 a Saturday: 18:00 EST = 23:00Z on the Friday only.
    expect(runsBetween(weekdays, Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 7, 12))).toEqual(['2024-01-05T23:00:00.000Z']);
  });
});

describe('at and rate', () => {
  it('at() is a wall-clock time in the zone (UTC by default)', () => {
    expect(iso(lastRunIn(action('at(2024-07-01T09:30:00)', 'America/New_York'), T0, Date.UTC(2025, 0, 1)))).toBe('2024-07-01T13:30:00.000Z');
    expect(iso(lastRunIn(action('at(2024-07-01T09:30:00)'), T0, Date.UTC(2025, 0, 1)))).toBe('2024-07-01T09:30:00.000Z');
    expect(lastRunIn(action('at(2024-07-01T09:30:00)'), Date.UTC(2024, 6, 1, 9, 30), Date.UTC(2025, 0, 1))).toBeUndefined(); // once only
    expect(parseSchedule('at(2024-02-30T09:30:00)', 'UTC')).toEqual(E.left('at(2024-02-30T09:30:00) is not a valid date and time'));
  });

  it('time zone edges: a repeated wall time is its first instant, a skipped one is read one shift later', () => {
    expect(iso(instantOfWallTime({ year: 2024, month: 11, day: 3, hour: 1, minute: 30, second: 0 }, 'America/New_York'))).toBe('2024-11-03T05:30:00.000Z');
    expect(iso(instantOfWallTime({ year: 2024, month: 3, day: 10, hour: 2, minute: 30, second: 0 }, 'America/New_York'))).toBe('2024-03-10T07:30:00.000Z');
    expect(iso(instantOfWallTime({ year: 2024, month: 10, day: 27, hour: 1, minute: 30, second: 0 }, 'Europe/London'))).toBe('2024-10-27T00:30:00.000Z');
  });

  it('rate() runs from StartTime when given (at it, then every interval), else one interval after the start', () => {
    expect(runsBetween(action('rate(20 minutes)'), T0, T0 + 61 * MIN).map((s) => s.slice(11, 16))).toEqual(['00:20', '00:40', '01:00']);
    const started = action('rate(1 hour)', 'UTC', { StartTimeMs: T0 + 30 * MIN, EndTimeMs: T0 + 150 * MIN });
    expect(runsBetween(started, T0, T0 + 300 * MIN).map((s) => s.slice(11, 16))).toEqual(['00:30', '01:30', '02:30']);
    expect(parseSchedule('rate(0 minutes)', 'UTC')._tag).toBe('Left');
    expect(parseSchedule('rate(5 weeks)', 'UTC')._tag).toBe('Left');
  });
});

describe('scheduled actions in the model', () => {
  it('set Min/Max, move the desired count into the new range, ignore cooldowns, with the captured texts', () => {
    // https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scheduled-scaling.html:
    // current below the new minimum → scale out to it; above the new maximum → scale in to it.
    const d = new Driver(
      make(inputs({
        scalableTargets: [target({ MinCapacity: 1, MaxCapacity: 10 })],
        scheduledActions: [
          scheduled('morning', 'cron(0 8 * * ? *)', { MinCapacity: 6, MaxCapacity: 20 }),
          scheduled('evening', 'cron(0 20 * * ? *)', { MaxCapacity: 3 }),
        ],
      })),
    );
    let desired = 2;
    for (let m = 0; m < 24 * 60; m++) for (const a of d.step(obs(desired, 50, { desiredCount: desired }))) desired = a.desiredCount;
    expect(d.actions.map((a) => [iso(T0 + a.minute * MIN), a.desiredCount, a.activity.Description, a.activity.Cause])).toEqual([
      ['2024-01-01T08:00:00.000Z', 6, 'Setting desired count to 6.', 'minimum capacity was set to 6'],
      // Max 3 alone crosses Min 6 and carries it down (SIM RULE), so the desired count goes to 3.
      ['2024-01-01T20:00:00.000Z', 3, 'Setting desired count to 3.', 'maximum capacity was set to 3'],
    ]);
    const acts = describeScalingActivities(d.state, RID);
    // Newest first; within one minute the desired-count change follows (so precedes in the list) the bounds change.
    expect(acts.map((a) => a.Cause)).toEqual([
      'maximum capacity was set to 3',
      'scheduled action name evening was triggered',
      'minimum capacity was set to 6',
      'scheduled action name morning was triggered',
    ]);
    expect(acts[3]).toMatchObject({
      Description: 'Setting min capacity to 6 and max capacity to 20',
      StatusMessage: 'Successfully set min capacity to 6 and max capacity to 20',
      StatusCode: 'Successful',
    });
    expect(acts[0]?.StatusMessage).toBe('Successfully set desired count to 3. Change successfully fulfilled by ecs.');
    expect(describeScalableTargets(d.state)[0]).toMatchObject({ MinCapacity: 3, MaxCapacity: 3 });
  });

  it('ScheduledScalingSuspended skips them; inside the bounds the desired count is left alone', () => {
    const sched = [scheduled('s', 'cron(0/10 * * * ? *)', { MinCapacity: 2, MaxCapacity: 8 })];
    const off = new Driver(make(inputs({ scalableTargets: [target({ SuspendedState: { ScheduledScalingSuspended: true } })], scheduledActions: sched })));
    off.run(30, () => obs(1, 50));
    expect(off.actions).toEqual([]);
    expect(describeScalingActivities(off.state)).toEqual([]);
    const inside = new Driver(make(inputs({ scheduledActions: sched })));
    inside.run(30, () => obs(5, 50));
    expect(inside.actions).toEqual([]);
    expect(describeScalingActivities(inside.state).map((a) => a.Cause)).toEqual(Array(3).fill('scheduled action name s was triggered'));
  });
});

describe('validation of scheduled actions', () => {
  it('names the path of each problem', () => {
    expect(
      errorsOf(inputs({
        scheduledActions: [
          scheduled('x', 'cron(0 8 * * * *)', { MinCapacity: 1 }),
          scheduled('y', 'at(2024-01-01T00:00:00)', {}, { Timezone: 'Mars/Olympus' }),
          scheduled('z', 'rate(5 minutes)', { MinCapacity: 5, MaxCapacity: 2 }, { ResourceId: 'service/prod/other' }),
        ],
      })),
    ).toEqual([
      "autoscaling.scheduledActions[0].Schedule: cron(0 8 * * * *): exactly one of Day-of-month and Day-of-week must be '?'",
      'autoscaling.scheduledActions[1].ScalableTargetAction: set MinCapacity, MaxCapacity or both',
      'autoscaling.scheduledActions[1].Timezone: unknown time zone "Mars/Olympus"',
      'autoscaling.scheduledActions[2].ResourceId: service/prod/other is not a registered scalable target (see autoscaling.scalableTargets)',
      'autoscaling.scheduledActions[2].ScalableTargetAction: MinCapacity 5 is above MaxCapacity 2',
    ]);
  });
});
