/**
 * AAS cron expressions: six fields `Minutes Hours Day-of-month Month Day-of-week Year`, EventBridge syntax
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions):
 * `*`, `,`, `-`, `/` everywhere; `?` in exactly one of day-of-month and day-of-week; month names `JAN`–`DEC`;
 * weekday names `SUN`–`SAT` (1 = Sunday); `L` (last day of the month, or `5L` = last Thursday); `n#k` (the k-th
 * weekday n of the month). `W` (nearest weekday) is not modelled and is reported as an error.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { WallTime } from './timeZone.js';

/** A parsed field: the allowed values (a plain sorted list, small enough to scan). */
type Values = readonly number[];

/** A parsed expression. */
export interface CronExpression {
  readonly minutes: Values;
  readonly hours: Values;
  /** `undefined` = `?`. */
  readonly daysOfMonth?: Values;
  readonly lastDayOfMonth: boolean;
  readonly months: Values;
  /** `undefined` = `?`. */
  readonly daysOfWeek?: Values;
  /** `5L`: the last such weekday of the month. */
  readonly lastWeekdays: Values;
  /** `6#3`: `[weekday, k]`. */
  readonly nthWeekdays: readonly (readonly [number, number])[];
  readonly years: Values;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'Minutes', min: 0, max: 59 },
  { name: 'Hours', min: 0, max: 23 },
  { name: 'Day-of-month', min: 1, max: 31 },
  { name: 'Month', min: 1, max: 12, names: MONTHS },
  { name: 'Day-of-week', min: 1, max: 7, names: DAYS },
  { name: 'Year', min: 1970, max: 2199 },
];

function atom(text: string, f: FieldSpec): number | string {
  const upper = text.toUpperCase();
  const named = f.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + f.min;
  if (!/^\d+$/.test(text)) return `${f.name} field: "${text}" is not a number${f.names ? ' or a name' : ''}`;
  const n = Number(text);
  return n < f.min || n > f.max ? `${f.name} field: ${n} is outside ${f.min}-${f.max}` : n;
}

/** Parses one comma-separated field of plain values, ranges and steps. */
function parseValues(text: string, f: FieldSpec): E.Either<string, Values> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [rangePart, stepPart, ...extra] = item.split('/');
    if (rangePart === undefined || rangePart === '' || extra.length > 0) return E.left(`${f.name} field: "${item}" is malformed`);
    let step = 1;
    if (stepPart !== undefined) {
      if (!/^\d+$/.test(stepPart) || Number(stepPart) === 0) return E.left(`${f.name} field: step "${stepPart}" must be a positive integer`);
      step = Number(stepPart);
    }
    let lo: number;
    let hi: number;
    if (rangePart === '*') {
      lo = f.min;
      hi = f.max;
    } else {
      const [a, b, ...more] = rangePart.split('-');
      if (a === undefined || more.length > 0) return E.left(`${f.name} field: "${item}" is malformed`);
      const va = atom(a, f);
      if (typeof va === 'string') return E.left(va);
      lo = va;
      if (b === undefined) hi = stepPart === undefined ? va : f.max;
      else {
        const vb = atom(b, f);
        if (typeof vb === 'string') return E.left(vb);
        if (vb < va) return E.left(`${f.name} field: range "${rangePart}" runs backwards`);
        hi = vb;
      }
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return E.right([...out].sort((x, y) => x - y));
}

/**
 * Parses the inside of `cron(…)`. `Left` names the field that is wrong.
 *
 * @example
 * ```ts
 * parseCron('0 18 ? * MON-FRI *'); // right: 18:00 on weekdays
 * parseCron('0 18 * * MON *');     // left: one of day-of-month and day-of-week must be '?'
 * ```
 */
export function parseCron(text: string): E.Either<string, CronExpression> {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 6) return E.left(`expected 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got ${parts.length}`);
  const [mi, ho, dom, mo, dow, yr] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) return E.left("exactly one of Day-of-month and Day-of-week must be '?'");
  const spec = (i: number): FieldSpec => FIELDS[i] as FieldSpec;
  const minutes = parseValues(mi, spec(0));
  const hours = parseValues(ho, spec(1));
  const months = parseValues(mo, spec(3));
  const years = parseValues(yr, spec(5));
  for (const r of [minutes, hours, months, years]) if (E.isLeft(r)) return r;
  let daysOfMonth: Values | undefined;
  let lastDayOfMonth = false;
  if (dom !== '?') {
    if (/W/i.test(dom)) return E.left("Day-of-month field: 'W' (nearest weekday) is not supported by the simulator");
    if (dom.toUpperCase() === 'L') lastDayOfMonth = true;
    else {
      const r = parseValues(dom, spec(2));
      if (E.isLeft(r)) return r;
      daysOfMonth = r.right;
    }
  }
  let daysOfWeek: Values | undefined;
  const lastWeekdays: number[] = [];
  const nthWeekdays: (readonly [number, number])[] = [];
  if (dow !== '?') {
    const plain: string[] = [];
    for (const item of dow.split(',')) {
      const last = /^(\w+)L$/i.exec(item);
      const nth = /^(\w+)#([1-5])$/.exec(item);
      if (item.toUpperCase() === 'L') lastWeekdays.push(7);
      else if (last?.[1] !== undefined) {
        const v = atom(last[1], spec(4));
        if (typeof v === 'string') return E.left(v);
        lastWeekdays.push(v);
      } else if (nth?.[1] !== undefined) {
        const v = atom(nth[1], spec(4));
        if (typeof v === 'string') return E.left(v);
        nthWeekdays.push([v, Number(nth[2])]);
      } else plain.push(item);
    }
    if (plain.length > 0) {
      const r = parseValues(plain.join(','), spec(4));
      if (E.isLeft(r)) return r;
      daysOfWeek = r.right;
    } else daysOfWeek = [];
  }
  return E.right({
    minutes: (minutes as E.Right<Values>).right,
    hours: (hours as E.Right<Values>).right,
    ...(daysOfMonth === undefined ? {} : { daysOfMonth }),
    lastDayOfMonth,
    months: (months as E.Right<Values>).right,
    ...(daysOfWeek === undefined ? {} : { daysOfWeek }),
    lastWeekdays,
    nthWeekdays,
    years: (years as E.Right<Values>).right,
  });
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether the wall-clock minute `w` matches the expression (seconds are ignored). */
export function matchesCron(c: CronExpression, w: WallTime): boolean {
  if (!c.minutes.includes(w.minute) || !c.hours.includes(w.hour) || !c.months.includes(w.month) || !c.years.includes(w.year)) return false;
  if (c.daysOfMonth !== undefined || c.lastDayOfMonth) {
    return c.lastDayOfMonth ? w.day === daysInMonth(w.year, w.month) : (c.daysOfMonth ?? []).includes(w.day);
  }
  if ((c.daysOfWeek ?? []).includes(w.weekday)) return true;
  if (c.lastWeekdays.includes(w.weekday) && w.day + 7 > daysInMonth(w.year, w.month)) return true;
  return c.nthWeekdays.some(([wd, k]) => wd === w.weekday && Math.ceil(w.day / 7) === k);
}
