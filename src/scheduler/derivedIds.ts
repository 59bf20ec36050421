/**
 * Identifiers derived from a task id instead of stored: the ENI id, its MAC address and attachment id, container
 * UUIDs and runtime ids, and image digests. A million tasks would otherwise carry a dozen random strings each.
 *
 * Each is a pure function of the (seeded, random) task id and a salt, mixed through a 32-bit finaliser, so ids of
 * one task look unrelated to each other and to other tasks', and the same world always shows the same ids.
 *
 * @module
 */

import { mix32 } from '../domain/rng.js';

const HEX = '0123456789abcdef';
// Two hex digits per byte: formatting by table is several times faster than `toString(16).padStart(8, '0')`.
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => HEX[i >> 4]! + HEX[i & 15]!);

/** A uint32 as 8 lowercase hex digits. */
export const hex8 = (n: number): string =>
  BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;

/** A 32-bit hash of a string (FNV-1a, then the finaliser). */
export function hashString(s: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** The 32-bit seed every id derived from one task id starts from (hash the id once, derive many). */
export const taskIdSeed = (taskId: string): number => hashString(taskId);

/** `chars` hex characters derived from a seed and a salt. */
export function derivedHex(seed: number, salt: number, chars: number): string {
  const base = mix32(seed ^ Math.imul(salt + 1, 0x85ebca6b));
  let out = '';
  for (let word = 0; out.length < chars; word++) {
    out += hex8(mix32(base + Math.imul(word + 1, 0x9e3779b9)));
  }
  return out.length === chars ? out : out.slice(0, chars);
}

/**
 * The version-4 UUID of `derivedHex(seed, salt, 32)`: hex digits 0–7, 8–11, `4` + 13–15, the variant (`8`–`b`,
 * from the low bits of digit 16) + 17–19, 20–31. Formatted straight from the four 32-bit words of that hex string
 * (`derivedHex` draws digits 8 per word, high digit first), without building the string and slicing it: a task's
 * description derives two UUIDs, and this keeps them cheap.
 */
function derivedUuid(seed: number, salt: number): string {
  const base = mix32(seed ^ Math.imul(salt + 1, 0x85ebca6b));
  const a = mix32(base + Math.imul(1, 0x9e3779b9));
  const b = mix32(base + Math.imul(2, 0x9e3779b9));
  const c = mix32(base + Math.imul(3, 0x9e3779b9));
  const d = mix32(base + Math.imul(4, 0x9e3779b9));
  return (
    hex8(a) +
    '-' +
    BYTE_HEX[b >>> 24]! +
    BYTE_HEX[(b >>> 16) & 255]! +
    '-4' +
    HEX[(b >>> 8) & 15]! +
    BYTE_HEX[b & 255]! +
    '-' +
    HEX[8 + ((c >>> 28) & 3)]! +
    HEX[(c >>> 24) & 15]! +
    BYTE_HEX[(c >>> 16) & 255]! +
    '-' +
    BYTE_HEX[(c >>> 8) & 255]! +
    BYTE_HEX[c & 255]! +
    hex8(d)
  );
}

const SALT_ENI = 1;
const SALT_ATTACHMENT = 2;
const SALT_MAC = 3;
const SALT_CONTAINER = 100;
const SALT_RUNTIME = 200;

// Each function below takes `seed = taskIdSeed(taskId)`.

/** The task ENI's id, `eni-` + 17 hex (EC2's long id format). */
export const eniIdOf = (seed: number): string => `eni-${derivedHex(seed, SALT_ENI, 17)}`;

/** The ENI attachment's id (a UUID, as in `Task.attachments[].id`). */
export const attachmentIdOf = (seed: number): string => derivedUuid(seed, SALT_ATTACHMENT);

/** The ENI's MAC address: `0a:` (locally administered, as VPC ENIs' are) + five derived bytes. */
export function macAddressOf(seed: number): string {
  const h = derivedHex(seed, SALT_MAC, 10);
  return `0a:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}`;
}

/** The UUID of the task's `index`-th container (the last part of its container ARN). */
export const containerUuidOf = (seed: number, index: number): string => derivedUuid(seed, SALT_CONTAINER + index);

/** A Fargate container runtime id: `<taskId>-<10 digits>`, as Fargate shows it. */
export const runtimeIdOf = (taskId: string, seed: number, index: number): string =>
  `${taskId}-${String(mix32(seed ^ Math.imul(SALT_RUNTIME + index, 0x27d4eb2d))).padStart(10, '0')}`;

const digestCache = new Map<string, string>();
const DIGEST_CACHE_LIMIT = 10_000;

/**
 * The digest a registry would report for `image`: `sha256:` + 64 hex, a pure function of the image reference (so
 * every task of one image shows the same digest). An image given by digest (`repo@sha256:…`) keeps its own.
 */
export function imageDigestOf(image: string): string {
  const at = image.indexOf('@sha256:');
  if (at >= 0) return image.slice(at + 1);
  let d = digestCache.get(image);
  if (d === undefined) {
    d = `sha256:${derivedHex(hashString(image), 0x5ead, 64)}`;
    // A memo of a pure function: bounded, so a stream of distinct images cannot grow it without limit.
    if (digestCache.size >= DIGEST_CACHE_LIMIT) digestCache.clear();
    digestCache.set(image, d);
  }
  return d;
}

/**
 * The private DNS name EC2 gives an address: `ip-10-0-1-5.ec2.internal` in us-east-1,
 * `ip-10-0-1-5.<region>.compute.internal` elsewhere.
 */
export function privateDnsNameOf(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}
