/**
 * Which shard this process runs: `--shard I/N`, or `--shards N` with the index from the environment of an AWS
 * Batch array job (`AWS_BATCH_JOB_ARRAY_INDEX`) or a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`), so a sweep
 * runs on many machines with no glue script.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { checkShard, parseShard } from '../../sim/partial.js';

/** Environment variables that carry the shard index, in the order they are read. */
export const SHARD_INDEX_VARIABLES = ['AWS_BATCH_JOB_ARRAY_INDEX', 'JOB_COMPLETION_INDEX'] as const;

/** The resolved shard (undefined: every seed), and a warning worth printing. */
export interface ShardChoice {
  readonly shard?: { readonly index: number; readonly count: number };
  readonly warning?: string;
}

/**
 * Resolves the shard from `--shard I/N`, `--shards N` and the environment. `Left` says what is wrong: a malformed
 * value, `--shards` with no index anywhere, or `--shard` and `--shards` disagreeing on the count.
 */
export function resolveShard(
  options: { readonly shard?: string; readonly shards?: number },
  env: Readonly<Record<string, string | undefined>>,
): E.Either<string, ShardChoice> {
  const fromEnv = SHARD_INDEX_VARIABLES.map((name) => ({ name, value: env[name] })).find((v) => v.value !== undefined && v.value !== '');
  if (options.shard !== undefined) {
    const parsed = parseShard(options.shard);
    if (E.isLeft(parsed)) return E.left(`--shard: ${parsed.left}`);
    if (options.shards !== undefined && options.shards !== parsed.right.count) {
      return E.left(`--shard ${options.shard} and --shards ${options.shards} disagree on the number of shards`);
    }
    return E.right({ shard: parsed.right });
  }
  if (options.shards !== undefined) {
    if (fromEnv === undefined) {
      return E.left(`--shards ${options.shards} needs this shard's index: --shard I/N, or ${SHARD_INDEX_VARIABLES.join(' or ')} in the environment`);
    }
    const index = /^\d+$/.test(fromEnv.value ?? '') ? Number(fromEnv.value) : Number.NaN;
    const checked = checkShard(index, options.shards);
    if (E.isLeft(checked)) return E.left(`${fromEnv.name}=${fromEnv.value ?? ''} with --shards ${options.shards}: ${checked.left}`);
    return E.right({ shard: checked.right });
  }
  if (fromEnv !== undefined) {
    return E.right({ warning: `${fromEnv.name}=${fromEnv.value ?? ''} is set but --shards is not: running every seed (add --shards N to run one shard)` });
  }
  return E.right({});
}

/** The partial result's path: `{index}` in it becomes the shard index (`/out/part-{index}.json`). */
export function partialPath(template: string, index: number): string {
  return template.split('{index}').join(String(index));
}
