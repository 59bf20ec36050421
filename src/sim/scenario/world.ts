/**
 * The `world` section: the World config, decoded by the project's exact codec (`WorldConfigCodec`) and resolved by
 * `decodeWorldConfig`, with each error placed at its path under `world`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { describeValue } from '../../codecs/reporter.js';
import { WorldConfigCodec } from '../../codecs/worldConfig.js';
import { decodeWorldConfig, type WorldConfig } from '../../engine/createWorld.js';
import type { ResolvedConfig } from '../../domain/world.js';
import type { Path, PathSegment } from './problems.js';
import { fail, type Reader } from './reader.js';

/** The config as the scenario keeps it (what `createWorld` takes) and resolved (defaults, the network). */
export interface ScenarioWorld {
  readonly config: WorldConfig;
  readonly resolved: ResolvedConfig;
}

/** Decodes `world` (absent: `{}`, every default). */
export function readWorld(r: Reader, u: unknown, path: Path): ScenarioWorld | undefined {
  const decoded = WorldConfigCodec.decode(u);
  if (E.isLeft(decoded)) {
    const seen = new Set<string>();
    for (const e of decoded.left) {
      const rel = segmentsOf(e.context);
      const key = JSON.stringify(rel);
      if (seen.has(key)) continue;
      seen.add(key);
      const last = e.context[e.context.length - 1];
      const message =
        e.message ?? (e.value === undefined ? 'required, but missing' : `expected ${last?.type.name ?? 'a valid value'}, got ${describeValue(e.value)}`);
      // The codec's unknown-key message names no key (the path does); it points at the key, as ours do.
      fail(r, [...path, ...rel], message, message.startsWith('unknown key') ? 'key' : undefined);
    }
    return undefined;
  }
  const resolved = decodeWorldConfig(decoded.right);
  if (E.isLeft(resolved)) {
    // Semantic checks (the network) say `network.subnets[1].cidrBlock '…' overlaps …; …`: one issue per clause,
    // each at the path it starts with.
    const text = resolved.left.replace(/^Invalid world configuration: /, '');
    for (const clause of text.split(/; (?=network\.)/)) {
      const at = /^(network(?:\.[A-Za-z]+|\[\d+\])*)/.exec(clause)?.[1];
      const message = (at === undefined ? clause : clause.slice(at.length).trim()).replace(/\.$/, '');
      fail(r, at === undefined ? path : [...path, ...parsePath(at)], message);
    }
    return undefined;
  }
  return { config: decoded.right as WorldConfig, resolved: resolved.right };
}

/** The path of an io-ts error as segments (numeric keys of lists as numbers). */
function segmentsOf(context: t.Context): PathSegment[] {
  const out: PathSegment[] = [];
  for (let i = 1; i < context.length; i++) {
    const key = context[i]!.key;
    if (key === '') continue;
    out.push(/^\d+$/.test(key) && Array.isArray(context[i - 1]!.actual) ? Number(key) : key);
  }
  return out;
}

/** `network.subnets[1].cidrBlock` → `['network', 'subnets', 1, 'cidrBlock']`. */
function parsePath(s: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of s.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}
