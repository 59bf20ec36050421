// Issue 11 placement benchmark: `node --import tsx benchmarks/placement.ts` (sources through tsx: the placement
// engine is not exported from the package until it is wired into the World).
//
// Fleet: N × m5.4xlarge (16,384 CPU units, 62,914 MiB registered) round-robin over 3 AZs, 80 % with the custom
// attribute tier=web. Request: cpu 64, memory 256, bridge, group service:bench, strategies binpack(memory) then
// spread(attribute:ecs.availability-zone), constraint memberOf(attribute:tier == web).
// Baseline: the same choice by a tight mutable full scan over typed arrays (every instance per task); the first
// 2,000 placements of both are compared so the baseline measures the same algorithm.
import * as E from 'fp-ts/lib/Either.js';
import os from 'node:os';
import { Rng, seedState } from '../src/domain/rng.js';
import { buildFleet, type ContainerInstanceSpec, type Fleet } from '../src/scheduler/placement/fleet.js';
import { placeTasks } from '../src/scheduler/placement/place.js';
import type { MemberOfConstraint, PlacementRequest } from '../src/scheduler/placement/types.js';

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const CPU = 64;
const MEM = 256;
const web: MemberOfConstraint = { type: 'memberOf', expression: 'attribute:tier == web', predicate: (v) => v.attributes.get('tier') === 'web' };

function specs(n: number): ContainerInstanceSpec[] {
  return Array.from({ length: n }, (_, k) => ({
    instanceId: `i-${k.toString(16).padStart(17, '0')}`,
    instanceType: 'm5.4xlarge',
    availabilityZone: AZS[k % 3]!,
    attributes: { tier: k % 5 === 4 ? 'batch' : 'web' },
  }));
}

function fleetOf(n: number): Fleet {
  const f = buildFleet(specs(n));
  if (E.isLeft(f)) throw new Error(f.left);
  return f.right;
}

function request(count: number): PlacementRequest {
  return {
    count,
    cpu: CPU,
    memory: MEM,
    networkMode: 'bridge',
    group: 'service:bench',
    constraints: [web],
    strategies: [{ type: 'binpack', field: 'memory' }, { type: 'spread', field: 'attribute:ecs.availability-zone' }],
    rng: new Rng(seedState(11, 2)),
  };
}

/** Places `total` tasks in requests of `batch`; returns placements/s and the first placements. */
function indexed(n: number, total: number, batch: number): { rate: number; first: string[]; ms: number } {
  const fleet = fleetOf(n);
  const first: string[] = [];
  const t0 = performance.now();
  for (let placed = 0; placed < total; placed += batch) {
    const r = placeTasks(fleet, request(Math.min(batch, total - placed)));
    if (E.isLeft(r)) throw new Error(r.left);
    if (r.right.failures.length > 0) throw new Error(`unexpected failure: ${r.right.failures[0]!.explanation.text}`);
    if (first.length < 2000) first.push(...r.right.placements.slice(0, 2000 - first.length));
  }
  const ms = performance.now() - t0;
  return { rate: (total / ms) * 1000, first, ms };
}

/** The full scan: every instance per task, same filters and lexicographic key (memory left, AZ count, index). */
function fullScan(n: number, total: number): { rate: number; first: string[] } {
  const s = specs(n);
  const mem = new Int32Array(n).fill(Math.floor(64 * 1024 * 0.96));
  const cpu = new Int32Array(n).fill(16 * 1024);
  const az = new Uint8Array(n);
  const member = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    az[i] = i % 3;
    member[i] = s[i]!.attributes!.tier === 'web' ? 1 : 0;
  }
  const azCount = new Int32Array(3);
  const first: string[] = [];
  const t0 = performance.now();
  for (let t = 0; t < total; t++) {
    let best = -1;
    let bestMem = 0;
    let bestAz = 0;
    for (let i = 0; i < n; i++) {
      if (member[i] === 0 || mem[i]! < MEM || cpu[i]! < CPU) continue;
      const m = mem[i]!;
      const a = azCount[az[i]!]!;
      if (best < 0 || m < bestMem || (m === bestMem && a < bestAz)) {
        best = i;
        bestMem = m;
        bestAz = a;
      }
    }
    if (best < 0) throw new Error('baseline ran out of capacity');
    mem[best]! -= MEM;
    cpu[best]! -= CPU;
    azCount[az[best]!]! += 1;
    if (first.length < 2000) first.push(s[best]!.instanceId);
  }
  return { rate: (total / (performance.now() - t0)) * 1000, first };
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const lines: string[] = [];
const log = (s: string): void => {
  lines.push(s);
  process.stdout.write(`${s}\n`);
};

log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
log('| instances | indexed, batches of 100 (placements/s) | indexed, one task per request | full scan baseline | ratio (batches / baseline) |');
log('| --- | --- | --- | --- | --- |');
for (const n of [1_000, 5_000, 10_000]) {
  indexed(n, 20_000, 100); // warm-up
  const ix = indexed(n, Math.min(200_000, Math.floor(n * 0.8 * 245 * 0.75)), 100);
  const single = indexed(n, 20_000, 1);
  const base = fullScan(n, n >= 10_000 ? 20_000 : 40_000);
  const agree = ix.first.every((id, k) => id === base.first[k]);
  if (!agree) throw new Error(`indexed and full-scan placements differ at ${n} instances`);
  log(`| ${fmt(n)} | ${fmt(ix.rate)} | ${fmt(single.rate)} | ${fmt(base.rate)} | ${(ix.rate / base.rate).toFixed(1)}× |`);
}
const million = indexed(10_000, 1_000_000, 1_000);
log(`1,000,000 tasks onto 10,000 instances (requests of 1,000): ${(million.ms / 1000).toFixed(2)} s (${fmt(million.rate)} placements/s)`);
