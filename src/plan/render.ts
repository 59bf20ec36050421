/**
 * `renderPlan`: a {@link Plan} as text for a terminal, in the manner of `terraform plan` — one block per resource
 * that changes (symbol, id, reason, the fields that change), then the predicted rollout of each service, the
 * checks, the monthly cost before → after, the warnings, and a one-line summary. Pure: the same plan and options
 * give the same text; colours (ANSI SGR) only when asked, so piped output and files stay plain.
 *
 * @module
 */
import type { ChangeKind, FieldChange, Plan, PlanCheck, ResourceChange, RolloutPrediction } from './types.js';

/** Options of {@link renderPlan}. */
export interface RenderOptions {
  /** ANSI colours (the CLI passes `stdout.isTTY && !NO_COLOR`). */
  readonly color: boolean;
  /** Events shown per rollout before "… N more" (default 12); the plan's JSON holds them all. */
  readonly maxEvents?: number;
}

/** The symbol of each kind, as terraform draws them; a no-op has none (and is not listed). */
export const CHANGE_SYMBOLS: Readonly<Record<ChangeKind, string>> = {
  'no-op': ' ',
  create: '+',
  update: '~',
  'new-deployment': '~',
  replace: '-/+',
};

const SGR = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', cyan: '\u001b[36m' } as const;
type Style = Exclude<keyof typeof SGR, 'reset'>;
type Paint = (style: Style, text: string) => string;

const KIND_STYLE: Readonly<Record<ChangeKind, Style>> = { 'no-op': 'dim', create: 'green', update: 'yellow', 'new-deployment': 'yellow', replace: 'red' };
const KIND_LABEL: Readonly<Record<ChangeKind, string>> = { 'no-op': 'no change', create: 'create', update: 'update in place', 'new-deployment': 'new deployment', replace: 'replace' };
const CHECK_MARK: Readonly<Record<PlanCheck['status'], { mark: string; style: Style }>> = {
  pass: { mark: '✓', style: 'green' },
  warn: { mark: '!', style: 'yellow' },
  fail: { mark: '✗', style: 'red' },
};
const OUTCOME_STYLE: Readonly<Record<RolloutPrediction['outcome'], Style>> = { COMPLETED: 'green', IN_PROGRESS: 'yellow', FAILED: 'red', ROLLED_BACK: 'red' };

/** Longest shown value of a changed field; longer JSON is cut with `…` (the plan's JSON has the whole value). */
const MAX_VALUE_CHARS = 120;

/** True when the plan changes nothing: every resource is a no-op and there is no operation to call. */
export function isNoOpPlan(plan: Plan): boolean {
  return plan.operations.length === 0 && plan.changes.every((c) => c.kind === 'no-op');
}

/** How many resources of each kind the plan has. */
export function countChanges(plan: Plan): Readonly<Record<ChangeKind, number>> {
  const counts: Record<ChangeKind, number> = { 'no-op': 0, create: 0, update: 0, 'new-deployment': 0, replace: 0 };
  for (const c of plan.changes) counts[c.kind] += 1;
  return counts;
}

/** The summary line: `Plan: 2 to create, 1 to update, 1 new deployment, 0 to replace.`, or the no-change sentence. */
export function summaryLine(plan: Plan): string {
  if (isNoOpPlan(plan)) return 'No changes. Your infrastructure matches the desired state.';
  const n = countChanges(plan);
  const deployments = `${n['new-deployment']} new deployment${n['new-deployment'] === 1 ? '' : 's'}`;
  return `Plan: ${n.create} to create, ${n.update} to update, ${deployments}, ${n.replace} to replace.`;
}

/**
 * Renders `plan` for a terminal. Whether to colour is the caller's decision (the CLI colours only a terminal
 * without `NO_COLOR`): the renderer reads nothing of the outside world.
 *
 * @example
 * ```ts
 * const text = renderPlan(plan, { color: false }); // plain text, for a file or a log
 * ```
 */
export function renderPlan(plan: Plan, options: RenderOptions): string {
  const paint: Paint = options.color ? (style, text) => `${SGR[style]}${text}${SGR.reset}` : (_style, text) => text;
  const maxEvents = options.maxEvents ?? 12;
  const lines: string[] = [];
  const changed = plan.changes.filter((c) => c.kind !== 'no-op');
  if (changed.length > 0) {
    lines.push('ecs-twin will perform the following actions:', '');
    for (const change of changed) lines.push(...renderChange(change, paint), '');
    const unchanged = plan.changes.length - changed.length;
    if (unchanged > 0) lines.push(paint('dim', `  (${unchanged} resource${unchanged === 1 ? '' : 's'} unchanged)`), '');
  }
  if (plan.operations.length > 0) {
    lines.push(paint('bold', `Operations (${plan.operations.length}, in order):`));
    const width = String(plan.operations.length).length;
    for (const [i, op] of plan.operations.entries()) {
      const target = plan.changes[op.change]?.id ?? '?';
      const note = op.service === 'application-autoscaling' ? paint('dim', ' (Application Auto Scaling)') : '';
      lines.push(`  ${String(i + 1).padStart(width)}. ${op.operation} ${target}${note}`);
    }
    lines.push('');
  }
  if (plan.rollouts.length > 0) {
    lines.push(paint('bold', 'Predicted rollout:'));
    for (const rollout of plan.rollouts) lines.push(...renderRollout(rollout, paint, maxEvents));
    lines.push('');
  }
  if (plan.checks.length > 0) {
    lines.push(paint('bold', 'Checks:'));
    for (const check of plan.checks) {
      const { mark, style } = CHECK_MARK[check.status];
      lines.push(`  ${paint(style, mark)} ${check.name} ${check.subject}: ${check.message}`);
    }
    lines.push('');
  }
  // The cost covers the services the plan rolls out; with none (no change, or only refused ones) it would read $0 → $0.
  if (plan.monthlyCostUsd.before !== 0 || plan.monthlyCostUsd.after !== 0) {
    lines.push(`${paint('bold', 'Monthly cost of the planned services:')} ${renderCost(plan.monthlyCostUsd, paint)}`, '');
  }
  if (plan.warnings.length > 0) {
    lines.push(paint('bold', 'Warnings:'));
    for (const warning of plan.warnings) lines.push(`  ${paint('yellow', '!')} ${warning}`);
    lines.push('');
  }
  const summary = summaryLine(plan);
  lines.push(isNoOpPlan(plan) ? paint('green', summary) : paint('bold', summary));
  return `${lines.join('\n')}\n`;
}

function renderChange(change: ResourceChange, paint: Paint): string[] {
  const style = KIND_STYLE[change.kind];
  const symbol = CHANGE_SYMBOLS[change.kind].padStart(3);
  const out = [`${paint(style, symbol)} ${paint('bold', `${change.type} ${change.id}`)} ${paint('dim', `(${KIND_LABEL[change.kind]}; from ${change.source})`)}`];
  if (change.reason !== '') out.push(`      ${change.reason}`);
  const width = Math.min(40, Math.max(0, ...change.changes.map((f) => f.path.length + 1)));
  for (const field of change.changes) {
    // A field of a created resource with no old value (the diff writes null) is set, not changed; a new task
    // definition revision keeps its from → to against the previous revision.
    const set = change.kind === 'create' && (field.from === null || field.from === undefined);
    const symbol = set ? '+' : fieldSymbol(field);
    const values = set ? showValue(field.to) : renderFieldValues(field, paint);
    out.push(`      ${paint(style, symbol)} ${`${field.path}:`.padEnd(width)} ${values}`);
  }
  return out;
}

/** `+` for a field that appears, `-` for one that goes, `~` for one that changes value. */
function fieldSymbol(field: FieldChange): string {
  if (field.from === undefined) return '+';
  if (field.to === undefined) return '-';
  return '~';
}

function renderFieldValues(field: FieldChange, paint: Paint): string {
  if (field.from === undefined) return showValue(field.to);
  if (field.to === undefined) return `${showValue(field.from)} ${paint('dim', '→ (removed)')}`;
  return `${showValue(field.from)} → ${showValue(field.to)}`;
}

/** A value as one line of JSON, cut at {@link MAX_VALUE_CHARS}. */
export function showValue(value: unknown): string {
  const text = value === undefined ? '(absent)' : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** Seconds as `45s`, `6m 30s`, `2h 05m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function renderRollout(r: RolloutPrediction, paint: Paint, maxEvents: number): string[] {
  const steady = r.timeToSteadySeconds === null ? 'not steady within the horizon' : `steady after ${formatDuration(r.timeToSteadySeconds)}`;
  const out = [`  ${paint('bold', r.service)}: ${paint(OUTCOME_STYLE[r.outcome], r.outcome)}, ${steady}`];
  out.push(`      peak ${r.peakTasks} task${r.peakTasks === 1 ? '' : 's'} / ${formatNumber(r.peakVcpus)} vCPUs, lowest healthy ${r.lowestHealthy}`);
  const subnets = Object.keys(r.ipsAtPeak).sort();
  if (subnets.length > 0) out.push(`      IPs at peak: ${subnets.map((s) => `${s} ${r.ipsAtPeak[s] ?? 0}`).join(', ')}`);
  if (r.events.length > 0) {
    const width = Math.max(...r.events.slice(0, maxEvents).map((e) => formatOffset(e.atSeconds).length));
    for (const event of r.events.slice(0, maxEvents)) out.push(`      ${paint('dim', formatOffset(event.atSeconds).padStart(width))}  ${event.message}`);
    if (r.events.length > maxEvents) out.push(paint('dim', `      … ${r.events.length - maxEvents} more event${r.events.length - maxEvents === 1 ? '' : 's'} (in the plan's JSON)`));
  }
  return out;
}

function formatOffset(seconds: number): string {
  return `+${formatDuration(seconds)}`;
}

/** A number with at most two decimals, without trailing zeros (`0.5`, `12`). */
function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function usd(n: number): string {
  return `$${(Math.round(n * 100) / 100).toFixed(2)}`;
}

function renderCost(cost: Plan['monthlyCostUsd'], paint: Paint): string {
  const delta = Math.round((cost.after - cost.before) * 100) / 100;
  const sign = delta > 0 ? '+' : delta < 0 ? '-' : '±';
  const style: Style = delta > 0 ? 'yellow' : delta < 0 ? 'green' : 'dim';
  return `${usd(cost.before)} → ${usd(cost.after)} (${paint(style, `${sign}${usd(Math.abs(delta))}`)})`;
}
