/**
 * The Fargate cost of tasks (reference §10): what a task is billed for ({@link BillingInput}, read from an
 * "ECS Task State Change" detail or a DescribeTasks task), its billed seconds, and its cost and usage
 * ({@link CostBreakdown}), summed into the run's {@link CostSummary}.
 *
 * Per task: `cost = billedSeconds / 3600 × (vCPU × vcpuRate × s + GB × gbRate × s + [Windows] vCPU × license
 * + max(0, ephemeralGiB − 20) × storageRate)`, with `s` the Spot factor (1 on demand). Billed seconds run from
 * `pullStartedAt` (image download starts) to `stoppedAt`, rounded up to the second, at least the OS minimum.
 * Source: https://aws.amazon.com/fargate/pricing/.
 *
 * SIM RULE: the Spot factor discounts vCPU and memory only; the Windows license and extra storage are billed at
 * their on-demand rates (AWS publishes Spot rates for vCPU and memory only).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { poolOf, type Task } from '../domain/task.js';
import { parseCpuUnits, parseMemoryMiB } from '../fargate/taskSizes.js';
import type { PriceKey, Prices } from '../fargate/pricing.js';
import type { CostSummary } from './result.js';
import { isRecord } from '../codecs/isRecord.js';

/** What Fargate bills a task for: its task-level size, platform, capacity and storage. */
export interface BillingInput {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  readonly architecture: 'X86_64' | 'ARM64';
  readonly os: 'LINUX' | 'WINDOWS';
  readonly spot: boolean;
  readonly ephemeralGiB: number;
}

/** Cost and billed usage of one task (or a sum of tasks). Usage counts billed time, minimum included. */
export interface CostBreakdown {
  readonly usd: number;
  readonly onDemandUsd: number;
  readonly spotUsd: number;
  readonly vcpuHours: number;
  readonly gbHours: number;
  /** GB-hours of ephemeral storage above the free 20 GiB. */
  readonly extraStorageGbHours: number;
  readonly billedSeconds: number;
}

/** The minimum a Linux task is billed: one minute (https://aws.amazon.com/fargate/pricing/). */
export const LINUX_MINIMUM_BILLED_SECONDS = 60;

/**
 * The minimum a Windows task is billed. UNVERIFIED: the reference (§10) reports 5 minutes; no AWS page found
 * by search states it (https://aws.amazon.com/fargate/pricing/ renders its Windows footnote dynamically).
 */
export const WINDOWS_MINIMUM_BILLED_SECONDS = 300;

/** Ephemeral storage every task gets free, GiB (https://aws.amazon.com/fargate/pricing/, reference §1.2). */
export const FREE_EPHEMERAL_GIB = 20;

/** Nothing billed. */
export const ZERO_COST: CostBreakdown = { usd: 0, onDemandUsd: 0, spotUsd: 0, vcpuHours: 0, gbHours: 0, extraStorageGbHours: 0, billedSeconds: 0 };

// ---------------------------------------------------------------------------------------------------------------
// Reading tasks


function sizeField(d: Readonly<Record<string, unknown>>, name: 'cpu' | 'memory'): E.Either<string, number> {
  const v = d[name];
  const parsed =
    typeof v === 'string' ? (name === 'cpu' ? parseCpuUnits(v) : parseMemoryMiB(v)) : typeof v === 'number' && Number.isInteger(v) ? v : undefined;
  return parsed !== undefined && parsed > 0
    ? E.right(parsed)
    : E.left(`task detail: ${name} must be a positive size like "${name === 'cpu' ? '256' : '512'}" (got ${JSON.stringify(v)})`);
}

function architectureOf(d: Readonly<Record<string, unknown>>): E.Either<string, BillingInput['architecture']> {
  const attrs = d['attributes'];
  if (attrs === undefined) return E.right('X86_64');
  if (!Array.isArray(attrs)) return E.left('task detail: attributes must be a list of {name, value}');
  const attr = attrs.find((a: unknown) => isRecord(a) && a['name'] === 'ecs.cpu-architecture');
  // A task without the attribute runs on the default platform, x86_64.
  if (attr === undefined) return E.right('X86_64');
  const value = isRecord(attr) && typeof attr['value'] === 'string' ? attr['value'].toLowerCase() : undefined;
  if (value === 'x86_64') return E.right('X86_64');
  if (value === 'arm64') return E.right('ARM64');
  return E.left(`task detail: attribute ecs.cpu-architecture must be x86_64 or arm64 (got ${JSON.stringify(isRecord(attr) ? attr['value'] : attr)})`);
}

function osOf(d: Readonly<Record<string, unknown>>): E.Either<string, BillingInput['os']> {
  const family = d['platformFamily'];
  if (family === undefined) return E.right('LINUX');
  if (typeof family === 'string') {
    const upper = family.toUpperCase();
    // ECS reports "Linux" for Linux tasks and the runtime platform's family (WINDOWS_SERVER_2022_CORE, …) for Windows.
    if (upper === 'LINUX') return E.right('LINUX');
    if (upper.startsWith('WINDOWS')) return E.right('WINDOWS');
  }
  return E.left(`task detail: platformFamily must be Linux or a WINDOWS_SERVER_* family (got ${JSON.stringify(family)})`);
}

function ephemeralOf(d: Readonly<Record<string, unknown>>): E.Either<string, number> {
  const storage = d['ephemeralStorage'];
  if (storage === undefined) return E.right(FREE_EPHEMERAL_GIB);
  const size = isRecord(storage) ? storage['sizeInGiB'] : undefined;
  return typeof size === 'number' && Number.isFinite(size) && size >= 0
    ? E.right(size)
    : E.left(`task detail: ephemeralStorage.sizeInGiB must be a number of GiB (got ${JSON.stringify(size)})`);
}

/**
 * What Fargate bills a task for, read from an "ECS Task State Change" event `detail` or a DescribeTasks task:
 * `cpu`/`memory` (strings, as ECS returns them), `capacityProviderName` (`FARGATE_SPOT` ⇒ Spot), the
 * `ecs.cpu-architecture` attribute (`x86_64`/`arm64`; x86_64 when absent), `platformFamily` (`Linux` or
 * `WINDOWS_SERVER_*`; Linux when absent) and `ephemeralStorage.sizeInGiB` (20 when absent).
 *
 * @example
 * ```ts
 * billingFromTaskDetail({ cpu: '256', memory: '512', capacityProviderName: 'FARGATE_SPOT',
 *   attributes: [{ name: 'ecs.cpu-architecture', value: 'arm64' }], platformFamily: 'Linux' });
 * // Right({ cpuUnits: 256, memoryMiB: 512, architecture: 'ARM64', os: 'LINUX', spot: true, ephemeralGiB: 20 })
 * ```
 * @category reading
 */
export function billingFromTaskDetail(detail: unknown): E.Either<string, BillingInput> {
  if (!isRecord(detail)) return E.left('task detail: expected an object (a task or an event detail)');
  const cp = detail['capacityProviderName'];
  if (cp !== undefined && typeof cp !== 'string') return E.left(`task detail: capacityProviderName must be a string (got ${JSON.stringify(cp)})`);
  const fields = [sizeField(detail, 'cpu'), sizeField(detail, 'memory'), architectureOf(detail), osOf(detail), ephemeralOf(detail)] as const;
  const errors = fields.flatMap((f) => (E.isLeft(f) ? [f.left] : []));
  if (errors.length > 0) return E.left(errors.join('; '));
  const [cpu, memory, arch, os, eph] = fields.map((f) => (f as E.Right<unknown>).right) as [number, number, BillingInput['architecture'], BillingInput['os'], number];
  if (os === 'WINDOWS' && arch === 'ARM64') return E.left('task detail: Fargate runs Windows on x86_64 only (got Windows on arm64)');
  return E.right({ cpuUnits: cpu, memoryMiB: memory, architecture: arch, os, spot: cp === 'FARGATE_SPOT', ephemeralGiB: eph });
}

/** An epoch-ms time from an ISO-8601 string (event detail) or epoch seconds (DescribeTasks), or an error. */
function timeField(d: Readonly<Record<string, unknown>>, name: string): E.Either<string, number | null> {
  const v = d[name];
  if (v === undefined || v === null) return E.right(null);
  if (typeof v === 'number' && Number.isFinite(v)) return E.right(Math.round(v * 1000));
  if (typeof v === 'string') {
    // Date.parse of an explicit ISO string is pure (no clock read); reject anything that is not one.
    const ms = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
    if (Number.isFinite(ms)) return E.right(ms);
  }
  return E.left(`task detail: ${name} must be an ISO-8601 time or epoch seconds (got ${JSON.stringify(v)})`);
}

/**
 * The billing window of a task (reference §10): from `pullStartedAt` until `stoppedAt` (epoch ms; `stopMs` null
 * while the task has not stopped), or `null` for a task that never started pulling — it costs nothing.
 * Reads ISO-8601 strings (event details) and epoch seconds (DescribeTasks).
 *
 * @category reading
 */
export function billingWindowFromTaskDetail(detail: unknown): E.Either<string, { readonly startMs: number; readonly stopMs: number | null } | null> {
  if (!isRecord(detail)) return E.left('task detail: expected an object (a task or an event detail)');
  const start = timeField(detail, 'pullStartedAt');
  const stop = timeField(detail, 'stoppedAt');
  if (E.isLeft(start)) return start;
  if (E.isLeft(stop)) return stop;
  return E.right(start.right === null ? null : { startMs: start.right, stopMs: stop.right });
}

// ---------------------------------------------------------------------------------------------------------------
// Billing arithmetic

/** The minimum billed seconds for `os`. */
export function minimumBilledSeconds(os: BillingInput['os']): number {
  return os === 'WINDOWS' ? WINDOWS_MINIMUM_BILLED_SECONDS : LINUX_MINIMUM_BILLED_SECONDS;
}

/**
 * Seconds billed for a task that pulled at `startMs` and stopped at `stopMs`: the duration rounded up to the whole
 * second, at least the OS minimum (60 s Linux, {@link WINDOWS_MINIMUM_BILLED_SECONDS} Windows). A stop before the
 * start counts as a zero duration.
 *
 * @example
 * ```ts
 * billedSeconds(0, 30_000, 'LINUX');    // 60
 * billedSeconds(0, 90_001, 'LINUX');    // 91
 * ```
 * @category billing
 */
export function billedSeconds(startMs: number, stopMs: number, os: BillingInput['os']): number {
  const seconds = Math.ceil(Math.max(0, stopMs - startMs) / 1000);
  return Math.max(seconds, minimumBilledSeconds(os));
}

interface HourlyRates {
  readonly vcpuHour: number;
  readonly gbHour: number;
  readonly licenseVcpuHour: number;
  readonly storageGbHour: number;
  readonly factor: number;
}

/** The rates a task needs, or an error naming each one the Region's table lacks. */
function ratesFor(b: BillingInput, p: Prices): E.Either<string, HourlyRates> {
  const keys: readonly PriceKey[] =
    b.os === 'WINDOWS'
      ? ['windowsVcpuHour', 'windowsGbHour', 'windowsLicenseVcpuHour']
      : b.architecture === 'ARM64'
        ? ['linuxArmVcpuHour', 'linuxArmGbHour']
        : ['linuxX86VcpuHour', 'linuxX86GbHour'];
  const needed = [...keys, ...(b.ephemeralGiB > FREE_EPHEMERAL_GIB ? (['ephemeralStorageGbHour'] as const) : []), ...(b.spot ? (['spotFactor'] as const) : [])];
  const missing = needed.filter((k) => p.rates[k] === null);
  if (missing.length > 0) {
    return E.left(
      `no Fargate price for ${missing.join(', ')} in ${p.region} (price table of ${p.asOf} has no sourced figure); ` +
        `set ${missing.map((k) => `prices.${k}`).join(', ')} in the scenario`,
    );
  }
  const r = (k: PriceKey): number => p.rates[k] ?? 0;
  return E.right({
    vcpuHour: r(keys[0]!),
    gbHour: r(keys[1]!),
    licenseVcpuHour: b.os === 'WINDOWS' ? r('windowsLicenseVcpuHour') : 0,
    storageGbHour: b.ephemeralGiB > FREE_EPHEMERAL_GIB ? r('ephemeralStorageGbHour') : 0,
    factor: b.spot ? r('spotFactor') : 1,
  });
}

const vcpuOf = (b: BillingInput): number => b.cpuUnits / 1024;
const gbOf = (b: BillingInput): number => b.memoryMiB / 1024;
const extraGiBOf = (b: BillingInput): number => Math.max(0, b.ephemeralGiB - FREE_EPHEMERAL_GIB);

/** USD per hour of a task: the sum of its dimensions at their rates. */
function hourlyUsd(b: BillingInput, r: HourlyRates): number {
  return vcpuOf(b) * r.vcpuHour * r.factor + gbOf(b) * r.gbHour * r.factor + vcpuOf(b) * r.licenseVcpuHour + extraGiBOf(b) * r.storageGbHour;
}

/**
 * USD per second a task costs while billed, or an error when the Region's table lacks a rate it needs.
 *
 * @category billing
 */
export function ratePerSecondUsd(b: BillingInput, p: Prices): E.Either<string, number> {
  return E.map((r: HourlyRates) => hourlyUsd(b, r) / 3600)(ratesFor(b, p));
}

/** The breakdown of `seconds` billed at `r`. */
function breakdownOf(b: BillingInput, r: HourlyRates, seconds: number): CostBreakdown {
  const hours = seconds / 3600;
  const usd = hourlyUsd(b, r) * hours;
  return {
    usd,
    onDemandUsd: b.spot ? 0 : usd,
    spotUsd: b.spot ? usd : 0,
    vcpuHours: vcpuOf(b) * hours,
    gbHours: gbOf(b) * hours,
    extraStorageGbHours: extraGiBOf(b) * hours,
    billedSeconds: seconds,
  };
}

/**
 * The cost of a task billed from `startMs` (pull started) to `stopMs` (stopped): {@link billedSeconds} at the
 * task's rate.
 *
 * @example
 * ```ts
 * // 0.25 vCPU / 0.5 GB Linux x86 in us-east-1 for 30 s ⇒ billed 60 s:
 * taskCostUsd(b, 0, 30_000, prices); // Right({ usd: (0.25 × 0.04048 + 0.5 × 0.004445) × 60 / 3600, … })
 * ```
 * @category billing
 */
export function taskCostUsd(b: BillingInput, startMs: number, stopMs: number, p: Prices): E.Either<string, CostBreakdown> {
  return E.map((r: HourlyRates) => breakdownOf(b, r, billedSeconds(startMs, stopMs, b.os)))(ratesFor(b, p));
}

/**
 * The cost a task has accrued by `atMs`: nothing before its pull started; then its billed seconds as if it stopped
 * at `min(atMs, stopMs)` — so the minimum is charged from the first instant (it is owed whatever happens). It never
 * decreases in `atMs` and equals {@link taskCostUsd} once the task has stopped, so the differences between
 * period ends sum to the task's cost (per-period cost series).
 *
 * @param stopMs null while the task runs
 * @category billing
 */
export function accruedTaskCost(b: BillingInput, startMs: number, stopMs: number | null, atMs: number, p: Prices): E.Either<string, CostBreakdown> {
  if (atMs <= startMs) return E.right(ZERO_COST);
  return taskCostUsd(b, startMs, stopMs === null ? atMs : Math.min(atMs, stopMs), p);
}

/**
 * The difference `later − earlier` of two breakdowns, field by field (the cost accrued between two instants).
 *
 * @category summing
 */
export function subtractCosts(later: CostBreakdown, earlier: CostBreakdown): CostBreakdown {
  return {
    usd: later.usd - earlier.usd,
    onDemandUsd: later.onDemandUsd - earlier.onDemandUsd,
    spotUsd: later.spotUsd - earlier.spotUsd,
    vcpuHours: later.vcpuHours - earlier.vcpuHours,
    gbHours: later.gbHours - earlier.gbHours,
    extraStorageGbHours: later.extraStorageGbHours - earlier.extraStorageGbHours,
    billedSeconds: later.billedSeconds - earlier.billedSeconds,
  };
}

/**
 * The run's {@link CostSummary}: the tasks' breakdowns summed in the order given (keep the order fixed — float
 * sums depend on it); `billedTasks` counts the breakdowns with billed time.
 *
 * @category summing
 */
export function summarizeCosts(tasks: readonly CostBreakdown[]): CostSummary {
  let totalUsd = 0;
  let onDemandUsd = 0;
  let spotUsd = 0;
  let vcpuHours = 0;
  let gbHours = 0;
  let extraStorageGbHours = 0;
  let billedTasks = 0;
  for (const t of tasks) {
    totalUsd += t.usd;
    onDemandUsd += t.onDemandUsd;
    spotUsd += t.spotUsd;
    vcpuHours += t.vcpuHours;
    gbHours += t.gbHours;
    extraStorageGbHours += t.extraStorageGbHours;
    if (t.billedSeconds > 0) billedTasks += 1;
  }
  return { totalUsd, onDemandUsd, spotUsd, vcpuHours, gbHours, extraStorageGbHours, billedTasks };
}

/**
 * The billing input of a task as the World holds it (the simulator's hot path: no event detail to build or parse).
 * Same reading as {@link billingFromTaskDetail}: task-level size, architecture, Windows or Linux, Spot or not.
 */
export function billingFromTask(task: Task): BillingInput {
  return {
    cpuUnits: task.spec.cpuUnits,
    memoryMiB: task.spec.memoryMiB,
    architecture: task.spec.cpuArchitecture,
    os: task.spec.platformFamily.toUpperCase().startsWith('WINDOWS') ? 'WINDOWS' : 'LINUX',
    spot: poolOf(task) === 'FARGATE_SPOT',
    ephemeralGiB: task.spec.ephemeralStorageGiB,
  };
}
