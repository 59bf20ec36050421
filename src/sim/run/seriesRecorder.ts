/**
 * The series of one run, one slot per metric period, allocated once (`Float64Array`-free plain arrays, since the
 * result is JSON and CPU utilization has `null` for a period without a datapoint).
 *
 * @module
 */
import type { AccountSeries, ServiceSeries } from '../result.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type ServiceRow = { [K in keyof ServiceSeries]: ServiceSeries[K][number] };
type AccountRow = { [K in keyof AccountSeries]: AccountSeries[K][number] };

const SERVICE_KEYS: readonly (keyof ServiceSeries)[] = [
  'RunningTaskCount',
  'DesiredTaskCount',
  'PendingTaskCount',
  'CPUUtilization',
  'MemoryUtilization',
  'OfferedRequests',
  'ServedRequests',
  'DroppedRequests',
  'CostUsd',
];
const ACCOUNT_KEYS: readonly (keyof AccountSeries)[] = [
  'OnDemandVcpuInUse',
  'OnDemandVcpuQuota',
  'SpotVcpuInUse',
  'SpotVcpuQuota',
  'LaunchFailures',
  'Throttles',
  'SpotInterruptions',
  'DeploymentsStarted',
  'DeploymentsCompleted',
  'DeploymentsFailed',
  'DeploymentsRolledBack',
  'CostUsd',
];

function table<K extends string>(keys: readonly K[], periods: number): Record<K, (number | null)[]> {
  const out = {} as Record<K, (number | null)[]>;
  for (const k of keys) out[k] = new Array<number | null>(periods).fill(0);
  return out;
}

/** Records the series of services (in the given order), the account and subnets. */
export class SeriesRecorder {
  private readonly services = new Map<string, Record<keyof ServiceSeries, (number | null)[]>>();
  private readonly accountSeries: Record<keyof AccountSeries, (number | null)[]>;
  private readonly subnets = new Map<string, number[]>();

  constructor(serviceIds: readonly string[], subnetIds: readonly string[], periods: number) {
    for (const id of serviceIds) this.services.set(id, table(SERVICE_KEYS, periods));
    this.accountSeries = table(ACCOUNT_KEYS, periods);
    for (const id of subnetIds) this.subnets.set(id, new Array<number>(periods).fill(0));
  }

  service(id: string, p: number, row: ServiceRow): void {
    const s = this.services.get(id)!;
    for (const k of SERVICE_KEYS) s[k][p] = row[k];
  }

  account(p: number, row: AccountRow): void {
    for (const k of ACCOUNT_KEYS) this.accountSeries[k][p] = row[k];
  }

  subnet(id: string, p: number, free: number): void {
    this.subnets.get(id)![p] = free;
  }

  /** Adds cost to a period already recorded (the final billing of tasks still running at the end). */
  addCost(id: string, p: number, usd: number): void {
    const s = this.services.get(id)!;
    s.CostUsd[p] = (s.CostUsd[p] ?? 0) + usd;
  }

  addAccountCost(p: number, usd: number): void {
    this.accountSeries.CostUsd[p] = (this.accountSeries.CostUsd[p] ?? 0) + usd;
  }

  servicesResult(): Record<string, ServiceSeries> {
    const out: Record<string, ServiceSeries> = {};
    for (const [id, s] of this.services) out[id] = { ...(s as unknown as Mutable<ServiceSeries>), CostUsd: roundAll(s.CostUsd) };
    return out;
  }

  accountResult(): AccountSeries {
    const a = this.accountSeries as unknown as Mutable<AccountSeries>;
    return { ...a, CostUsd: roundAll(this.accountSeries.CostUsd) };
  }

  subnetsResult(): Record<string, readonly number[]> {
    return Object.fromEntries(this.subnets);
  }
}

/**
 * Costs to a nano-dollar: short in JSON, yet a day of per-minute periods still sums to the bill within a
 * micro-dollar (a micro-dollar per period lost several over an hour of small tasks).
 */
function roundAll(xs: readonly (number | null)[]): number[] {
  return xs.map((x) => Math.round((x ?? 0) * 1e9) / 1e9);
}
