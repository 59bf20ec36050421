/**
 * Progress of a sweep on stderr: a bar on a terminal (seeds done, virtual hours simulated per wall second, ETA),
 * one plain line per seed done otherwise (CI logs, pipes), so a log shows every seed without control characters.
 *
 * @module
 */
import cliProgress from 'cli-progress';

/** A run to report on: its variant, seed index and virtual duration. */
export interface ProgressTask {
  readonly variant: string;
  readonly seedIndex: number;
  readonly durationMs: number;
}

/** Receives progress; `stop` ends the bar (call it once, also on failure). */
export interface SeedProgress {
  /** Task `index` (into the task list) has simulated `virtualMsDone` of its duration. */
  advance(index: number, virtualMsDone: number): void;
  /** Task `index` finished (its seed value, for the line). */
  done(index: number, seed: number): void;
  stop(): void;
}

/** Where progress goes: a stream, whether it is a terminal, and the wall clock (ms). */
export interface ProgressOutput {
  readonly stream: NodeJS.WritableStream;
  readonly isTTY: boolean;
  readonly nowMs: () => number;
}

const HOUR_MS = 3_600_000;

/** Seconds as `1h02m`, `3m05s` or `12s`. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  const t = Math.round(s);
  if (t >= 3600) return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
  if (t >= 60) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${t}s`;
}

/** A progress reporter for `tasks` on `out`. */
export function createProgress(tasks: readonly ProgressTask[], out: ProgressOutput): SeedProgress {
  const startMs = out.nowMs();
  const totalVirtualMs = tasks.reduce((s, t) => s + t.durationMs, 0);
  const doneVirtual = tasks.map(() => 0);
  let virtualMs = 0;
  let seedsDone = 0;
  const rate = (): number => {
    const wallS = (out.nowMs() - startMs) / 1000;
    return wallS > 0 ? virtualMs / HOUR_MS / wallS : 0;
  };
  const eta = (): string => {
    const wallS = (out.nowMs() - startMs) / 1000;
    // The first second says little (worker start-up, warm-up): no estimate before it.
    return virtualMs > 0 && wallS >= 1 ? formatSeconds((wallS * (totalVirtualMs - virtualMs)) / virtualMs) : '?';
  };
  const set = (index: number, ms: number): void => {
    const before = doneVirtual[index] ?? 0;
    const now = Math.max(before, Math.min(ms, tasks[index]?.durationMs ?? 0));
    doneVirtual[index] = now;
    virtualMs += now - before;
  };

  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: out.stream,
        format: 'simulating {bar} {seeds}/{total_seeds} seeds | {rate} virtual h/s | ETA {eta_text}',
        barsize: 30,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    // The bar's unit is the virtual second, so its fill follows simulated time rather than whole seeds.
    bar.start(Math.max(1, Math.round(totalVirtualMs / 1000)), 0, { seeds: 0, total_seeds: tasks.length, rate: '0.0', eta_text: '?' });
    const update = (): void => bar.update(Math.round(virtualMs / 1000), { seeds: seedsDone, rate: rate().toFixed(1), eta_text: eta() });
    return {
      advance: (index, ms) => {
        set(index, ms);
        update();
      },
      done: (index) => {
        set(index, tasks[index]?.durationMs ?? 0);
        seedsDone++;
        update();
      },
      stop: () => bar.stop(),
    };
  }
  return {
    advance: (index, ms) => set(index, ms),
    done: (index, seed) => {
      set(index, tasks[index]?.durationMs ?? 0);
      seedsDone++;
      const t = tasks[index];
      out.stream.write(
        `seed ${seedsDone}/${tasks.length} done: variant ${t?.variant ?? '?'} seed ${seed} | ${rate().toFixed(1)} virtual h/s | ETA ${seedsDone === tasks.length ? '0s' : eta()}\n`,
      );
    },
    stop: () => undefined,
  };
}
