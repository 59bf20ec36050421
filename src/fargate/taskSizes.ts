/**
 * Fargate task sizes (reference §1.1): the valid task-level (cpu, memory) pairs as data, predicates over them,
 * and the parsers for ECS's text forms of `cpu` (`"1 vCPU"`) and `memory` (`"2 GB"`).
 *
 * CPU is in CPU units (1024 = 1 vCPU), memory in MiB. Everything here is a pure table or function.
 *
 * @module
 */

/** One valid Fargate task size. */
export interface FargateSize {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
}

/** The operating-system families whose size tables differ. */
export type FargateOsKind = 'LINUX' | 'WINDOWS';

/** One row of the size table: a CPU value and the memory values allowed with it. */
interface SizeRow {
  readonly cpuUnits: number;
  readonly memoryMiB: readonly number[];
  readonly windows: boolean;
}

const range = (fromMiB: number, toMiB: number, stepMiB: number): number[] => {
  const out: number[] = [];
  for (let m = fromMiB; m <= toMiB; m += stepMiB) out.push(m);
  return out;
};

// The table of reference §1.1. Windows rows per the 2023 Developer Guide (1, 2 and 4 vCPU only).
const ROWS: readonly SizeRow[] = [
  { cpuUnits: 256, memoryMiB: [512, 1024, 2048], windows: false },
  { cpuUnits: 512, memoryMiB: [1024, 2048, 3072, 4096], windows: false },
  { cpuUnits: 1024, memoryMiB: range(2048, 8192, 1024), windows: true },
  { cpuUnits: 2048, memoryMiB: range(4096, 16384, 1024), windows: true },
  { cpuUnits: 4096, memoryMiB: range(8192, 30720, 1024), windows: true },
  { cpuUnits: 8192, memoryMiB: range(16384, 61440, 4096), windows: false },
  { cpuUnits: 16384, memoryMiB: range(32768, 122880, 8192), windows: false },
];

const toSizes = (rows: readonly SizeRow[]): readonly FargateSize[] =>
  Object.freeze(rows.flatMap((r) => r.memoryMiB.map((memoryMiB) => Object.freeze({ cpuUnits: r.cpuUnits, memoryMiB }))));

/** The 74 valid Linux Fargate sizes, sorted by CPU, then memory. */
export const LINUX_FARGATE_SIZES: readonly FargateSize[] = toSizes(ROWS);

/** The valid Windows Fargate sizes (1, 2 and 4 vCPU rows), sorted by CPU, then memory. */
export const WINDOWS_FARGATE_SIZES: readonly FargateSize[] = toSizes(ROWS.filter((r) => r.windows));

/**
 * Every valid Fargate size of any OS, sorted by CPU, then memory (Windows sizes are a subset of Linux ones, so
 * this is the Linux table). Used to round a request up to the smallest fitting size (EKS pods, overrides).
 */
export const ALL_FARGATE_SIZES: readonly FargateSize[] = LINUX_FARGATE_SIZES;

const LINUX_SET = new Set(LINUX_FARGATE_SIZES.map((s) => s.cpuUnits * 1_000_000 + s.memoryMiB));
const WINDOWS_SET = new Set(WINDOWS_FARGATE_SIZES.map((s) => s.cpuUnits * 1_000_000 + s.memoryMiB));

/**
 * Whether (cpuUnits, memoryMiB) is a valid Fargate task size for `os` (default Linux).
 *
 * @example
 * ```ts
 * isValidFargateSize(256, 512); // true
 * isValidFargateSize(512, 512); // false
 * isValidFargateSize(256, 512, 'WINDOWS'); // false — Windows starts at 1 vCPU
 * ```
 */
export function isValidFargateSize(cpuUnits: number, memoryMiB: number, os: FargateOsKind = 'LINUX'): boolean {
  if (!Number.isInteger(cpuUnits) || !Number.isInteger(memoryMiB) || memoryMiB >= 1_000_000) return false;
  return (os === 'LINUX' ? LINUX_SET : WINDOWS_SET).has(cpuUnits * 1_000_000 + memoryMiB);
}

/** The memory values (MiB) allowed with `cpuUnits` on `os`, ascending; empty for a CPU value Fargate lacks. */
export function fargateMemoryOptionsMiB(cpuUnits: number, os: FargateOsKind = 'LINUX'): readonly number[] {
  const row = ROWS.find((r) => r.cpuUnits === cpuUnits && (os === 'LINUX' || r.windows));
  return row ? row.memoryMiB : [];
}

/** The smallest valid size with at least `cpuUnits` and `memoryMiB` (in table order), or `undefined`. */
export function smallestFargateSizeFitting(
  cpuUnits: number,
  memoryMiB: number,
  os: FargateOsKind = 'LINUX',
): FargateSize | undefined {
  const table = os === 'LINUX' ? LINUX_FARGATE_SIZES : WINDOWS_FARGATE_SIZES;
  return table.find((s) => s.cpuUnits >= cpuUnits && s.memoryMiB >= memoryMiB);
}

// "1024", "1 vCPU", "1 vcpu", "0.25 vCPU", ".25 vcpu" (a unit is case-insensitive; one optional space).
const CPU_TEXT = /^(\d+(?:\.\d+)?|\.\d+)(?: ?(vcpu))?$/i;
// "2048", "2GB", "2 GB", "0.5GB", ".5 gb".
const MEMORY_TEXT = /^(\d+(?:\.\d+)?|\.\d+)(?: ?(gb))?$/i;

function parseScaled(text: string, re: RegExp, unitScale: number): number | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  // Plain numbers must be integers; unit forms scale (1 vCPU = 1024 units, 1 GB = 1024 MiB) to an integer.
  const scaled = m[2] === undefined ? value : value * unitScale;
  return Number.isSafeInteger(scaled) ? scaled : undefined;
}

/**
 * Parses a task-level `cpu` string to CPU units: an integer string (`"256"`) or vCPU text (`"1 vCPU"`,
 * `"0.25 vcpu"`). Returns `undefined` for anything else (including fractions of a unit).
 *
 * @example
 * ```ts
 * parseCpuUnits('0.25 vCPU'); // 256
 * parseCpuUnits('2 vcpu'); // 2048
 * parseCpuUnits('256'); // 256
 * ```
 */
export function parseCpuUnits(text: string): number | undefined {
  return parseScaled(text, CPU_TEXT, 1024);
}

/**
 * Parses a task-level `memory` string to MiB: an integer string (`"512"`) or GB text (`"2GB"`, `"2 GB"`,
 * `"0.5GB"`; ECS reads GB as 1024 MiB). Returns `undefined` for anything else.
 *
 * @example
 * ```ts
 * parseMemoryMiB('0.5GB'); // 512
 * parseMemoryMiB('2 GB'); // 2048
 * ```
 */
export function parseMemoryMiB(text: string): number | undefined {
  return parseScaled(text, MEMORY_TEXT, 1024);
}
