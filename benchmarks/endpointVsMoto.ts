/**
 * Issue 9's side-by-side benchmark: requests per second and latency of `ecs-twin serve` against moto's server
 * (`moto_server`) for the same mix of RunTask / DescribeTasks / ListTasks / DescribeServices over loopback.
 *
 * Run: `npm run build && npx tsx benchmarks/endpointVsMoto.ts` (needs `moto_server` on the PATH; the twin is the
 * built package, `node dist/cli/main.js serve`, what users run). Not part of `npm test`.
 *
 * Method (same for both servers, one server at a time, clients in this process):
 * - each server is started on a free loopback port and prepared identically: clusters `bench` and `runs`, task
 *   definition `web` (Fargate, awsvpc, 0.25 vCPU / 512 MiB), a service `web` (desired 1) in `bench` and 10 tasks run
 *   in `bench` whose ARNs DescribeTasks asks for;
 * - `BENCH_CLIENTS` clients (default 50), each one keep-alive socket, send raw unsigned JSON 1.1 POSTs (neither
 *   server verifies signatures; an SDK's own per-call overhead would dominate the figure) in the rotation RunTask
 *   (into `runs`, so that ListTasks' answer does not grow with the run), DescribeTasks (the 10 tasks), ListTasks
 *   (`bench`), DescribeServices (`web`);
 * - `BENCH_WARMUP` requests (default 4,000: V8 needs a few thousand before the twin's request path is
 *   optimised) are not measured, then `BENCH_REQUESTS` (default 10,000) are; every
 *   answer must be HTTP 200 (a throttled or failed request would make a server look faster than it is), and the
 *   run stops at `BENCH_MAX_SECONDS` (default 240) per server whatever the count;
 * - the twin runs with its real-time clock and quotas raised so that no request is throttled (the real RunTask
 *   bucket, 20 per second, would turn most RunTasks into cheap ThrottlingExceptions; moto has no such limit).
 *
 * Profiling the twin: `BENCH_ONLY=twin BENCH_TWIN_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'` (node flags for the
 * serve process; moto is skipped).
 *
 * Both servers are stopped at the end (SIGTERM, then SIGKILL after 5 s), also when the run fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { machineLine } from './harness.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 4_000);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 240);
const TARGET = 'AmazonEC2ContainerServiceV20141113';
const OPERATIONS = ['RunTask', 'DescribeTasks', 'ListTasks', 'DescribeServices'] as const;
type Operation = (typeof OPERATIONS)[number];

interface Answer {
  readonly status: number;
  readonly text: string;
}

/** One POST over `agent`; resolves with the status and the body text. */
function post(base: string, agent: Agent, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(base, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * An unsigned SigV4-shaped Authorization header: moto routes a request to a service by the credential scope (without
 * it an ECS call lands in its S3 emulation), and neither server checks the signature. Both servers get it.
 */
const authorization = (service: string): string =>
  `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261206/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-target, Signature=${"0".repeat(64)}`;

const ecsHeaders = (operation: string): Record<string, string> => ({
  'x-amz-target': `${TARGET}.${operation}`,
  'content-type': 'application/x-amz-json-1.1',
  authorization: authorization('ecs'),
});

/** A JSON 1.1 ECS call that must succeed (used to prepare the servers). */
async function ecs(base: string, agent: Agent, operation: string, input: unknown): Promise<Record<string, unknown>> {
  const r = await post(base, agent, ecsHeaders(operation), JSON.stringify(input));
  if (r.status !== 200) throw new Error(`${base} ${operation} answered ${r.status}: ${r.text.slice(0, 400)}`);
  return JSON.parse(r.text) as Record<string, unknown>;
}

/** A free loopback port (bound and released; a tiny race is acceptable for a benchmark). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A started server process and what the benchmark needs to know about it. */
interface Server {
  readonly name: string;
  readonly base: string;
  readonly child: ChildProcess;
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
}

const children = new Set<ChildProcess>();

/** Stops `child`: SIGTERM, then SIGKILL when it has not exited after 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void children.delete(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
  children.delete(child);
}

/** Waits until `ready()` is true, polling every 100 ms, for at most `ms`. */
async function waitFor(what: string, ready: () => Promise<boolean>, child: ChildProcess, ms = 30_000): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    if (await ready().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready after ${ms} ms`);
}

/** Starts `ecs-twin serve` from the built package with quotas that throttle nothing. */
async function startTwin(dir: string): Promise<Server> {
  const port = await freePort();
  const config = join(dir, 'twin-config.json');
  const unlimited = { burst: 1e12, refillPerSecond: 1e12 };
  writeFileSync(config, JSON.stringify({ seed: 9, quotas: { onDemandVcpu: 1e9, runTaskApi: unlimited, onDemandLaunches: unlimited } }));
  const nodeArgs = (process.env.BENCH_TWIN_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, 'dist/cli/main.js', 'serve', '--host', '127.0.0.1', '--port', String(port), '--config', config], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  await waitFor('ecs-twin serve', () => Promise.resolve(/^subnets: .*$/m.test(out)), child);
  // "subnets: subnet-… (us-east-1a), subnet-… (us-east-1b)": the serve command prints the World's subnets.
  const subnets = [...(/^subnets: (.*)$/m.exec(out)?.[1] ?? '').matchAll(/(subnet-[0-9a-f]+)/g)].map((m) => m[1]!);
  const securityGroups = [...(/^security groups: (.*)$/m.exec(out)?.[1] ?? '').matchAll(/(sg-[0-9a-f]+)/g)].map((m) => m[1]!);
  return { name: 'ecs-twin serve', base: `http://127.0.0.1:${port}`, child, subnets, securityGroups };
}

/** Starts `moto_server` and reads its default VPC's subnets and security group (moto checks both against its EC2). */
async function startMoto(agent: Agent, dir: string): Promise<Server> {
  const port = await freePort();
  const log = openSync(join(dir, 'moto.log'), 'w');
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', log, log] });
  children.add(child);
  const base = `http://127.0.0.1:${port}`;
  await waitFor('moto_server', async () => (await post(base, agent, ecsHeaders('ListClusters'), '{}')).text.includes('clusterArns'), child);
  const form = {
    'content-type': 'application/x-www-form-urlencoded',
    authorization: authorization('ec2'),
  };
  const xml = await post(base, agent, form, 'Action=DescribeSubnets&Version=2016-11-15');
  const subnets = [...new Set([...xml.text.matchAll(/<subnetId>(subnet-[0-9a-f]+)<\/subnetId>/g)].map((m) => m[1]!))];
  if (subnets.length === 0) throw new Error(`moto_server has no default subnets: ${xml.text.slice(0, 400)}`);
  const sgXml = await post(base, agent, form, 'Action=DescribeSecurityGroups&Version=2016-11-15');
  const securityGroups = [...new Set([...sgXml.text.matchAll(/<groupId>(sg-[0-9a-f]+)<\/groupId>/g)].map((m) => m[1]!))].slice(0, 1);
  if (securityGroups.length === 0) throw new Error(`moto_server has no default security group: ${sgXml.text.slice(0, 400)}`);
  return { name: 'moto_server', base, child, subnets, securityGroups };
}

/** The prepared state the mix reads: the bodies of the four requests. */
type Bodies = Readonly<Record<Operation, string>>;

/** Creates the same resources in a server and returns the request bodies of the mix. */
async function prepare(server: Server, agent: Agent): Promise<Bodies> {
  const { base } = server;
  const network = { awsvpcConfiguration: { subnets: server.subnets.slice(0, 2), securityGroups: server.securityGroups.slice(0, 1), assignPublicIp: 'DISABLED' } };
  await ecs(base, agent, 'CreateCluster', { clusterName: 'bench' });
  await ecs(base, agent, 'CreateCluster', { clusterName: 'runs' });
  await ecs(base, agent, 'RegisterTaskDefinition', {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    // Container-level cpu and memory: moto's RunTask fails with a 500 (a TypeError adding None) without them.
    containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:latest', essential: true, cpu: 256, memory: 512 }],
  });
  await ecs(base, agent, 'CreateService', {
    cluster: 'bench',
    serviceName: 'web',
    taskDefinition: 'web',
    desiredCount: 1,
    launchType: 'FARGATE',
    networkConfiguration: network,
  });
  const run = await ecs(base, agent, 'RunTask', { cluster: 'bench', taskDefinition: 'web', count: 10, launchType: 'FARGATE', networkConfiguration: network });
  const arns = (run.tasks as { taskArn: string }[]).map((t) => t.taskArn);
  if (arns.length !== 10) throw new Error(`${server.name}: RunTask count 10 started ${arns.length} tasks`);
  return {
    RunTask: JSON.stringify({ cluster: 'runs', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: network }),
    DescribeTasks: JSON.stringify({ cluster: 'bench', tasks: arns }),
    ListTasks: JSON.stringify({ cluster: 'bench' }),
    DescribeServices: JSON.stringify({ cluster: 'bench', services: ['web'] }),
  };
}

/** The figures of one measured phase. */
interface Phase {
  readonly done: number;
  readonly seconds: number;
  readonly latenciesMs: Readonly<Record<Operation | 'all', Float64Array>>;
  readonly failures: readonly string[];
  /** Response body bytes per operation, summed: the servers' answers differ in size (the twin's are fuller). */
  readonly bytes: Readonly<Record<Operation, number>>;
}

/** Sends `total` requests of the mix with `CLIENTS` concurrent clients; records each latency. */
async function drive(server: Server, agent: Agent, bodies: Bodies, total: number, deadline: number): Promise<Phase> {
  const latencies = Object.fromEntries([...OPERATIONS, 'all'].map((k) => [k, [] as number[]])) as Record<Operation | 'all', number[]>;
  const headers = Object.fromEntries(OPERATIONS.map((op) => [op, ecsHeaders(op)])) as Record<Operation, Record<string, string>>;
  const failures: string[] = [];
  const bytes = Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<Operation, number>;
  let next = 0;
  const client = async () => {
    for (let i = next++; i < total && performance.now() < deadline; i = next++) {
      const op = OPERATIONS[i % OPERATIONS.length]!;
      const t0 = performance.now();
      const r = await post(server.base, agent, headers[op], bodies[op]);
      const ms = performance.now() - t0;
      if (r.status !== 200) failures.push(`${op} ${r.status} ${r.text.slice(0, 200)}`);
      latencies[op].push(ms);
      bytes[op] += Buffer.byteLength(r.text);
      latencies.all.push(ms);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - t0) / 1000;
  const sorted = Object.fromEntries(Object.entries(latencies).map(([k, v]) => [k, Float64Array.from(v).sort()])) as Record<Operation | 'all', Float64Array>;
  return { done: latencies.all.length, seconds, latenciesMs: sorted, failures, bytes };
}

const pct = (sorted: Float64Array, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Runs the warm-up and the measured phase against one server. */
async function benchmark(server: Server, agent: Agent, tolerateFailures: boolean): Promise<Phase> {
  const bodies = await prepare(server, agent);
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const warm = await drive(server, agent, bodies, WARMUP, deadline);
  if (warm.failures.length > 0 && !tolerateFailures) throw new Error(`${server.name} warm-up: ${warm.failures.length} failed, first: ${warm.failures[0]}`);
  const phase = await drive(server, agent, bodies, REQUESTS, deadline);
  if (phase.failures.length > 0 && !tolerateFailures) throw new Error(`${server.name}: ${phase.failures.length} failed requests, first: ${phase.failures[0]}`);
  return phase;
}

function print(name: string, p: Phase): void {
  const rps = p.done / p.seconds;
  const partial = p.done < REQUESTS ? ` (stopped at ${MAX_SECONDS} s: ${p.done} of ${REQUESTS})` : '';
  console.log(`${name}: ${p.done} requests in ${p.seconds.toFixed(2)} s = ${Math.round(rps)} req/s${partial}`);
  if (p.failures.length > 0) {
    const kinds = new Map<string, number>();
    for (const f of p.failures) kinds.set(f.split(' ').slice(0, 2).join(' '), (kinds.get(f.split(' ').slice(0, 2).join(' ')) ?? 0) + 1);
    console.log(`  ${p.failures.length} answers were not HTTP 200 (counted in the figures): ${[...kinds].map(([k, n]) => `${k} × ${n}`).join(', ')}`);
  }
  for (const k of [...OPERATIONS, 'all'] as const) {
    const s = p.latenciesMs[k];
    const size = k === 'all' ? '' : `   ${Math.round(p.bytes[k] / Math.max(1, s.length))} B/answer`;
    console.log(`  ${k.padEnd(17)} p50 ${pct(s, 0.5).toFixed(2).padStart(8)} ms   p95 ${pct(s, 0.95).toFixed(2).padStart(8)} ms   p99 ${pct(s, 0.99).toFixed(2).padStart(8)} ms   (n=${s.length})${size}`);
  }
}

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`load: ${CLIENTS} keep-alive clients, ${WARMUP} warm-up + ${REQUESTS} measured requests per server, mix ${OPERATIONS.join(' / ')} in rotation`);
  const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-vs-moto-'));
  const agent = () => new Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    const twinAgent = agent();
    const twin = await startTwin(dir);
    const twinPhase = await benchmark(twin, twinAgent, false);
    twinAgent.destroy();
    await stop(twin.child);
    print('ecs-twin serve', twinPhase);

    if (process.env.BENCH_ONLY === 'twin') return;
    const motoAgent = agent();
    const moto = await startMoto(motoAgent, dir);
    const motoPhase = await benchmark(moto, motoAgent, true);
    motoAgent.destroy();
    await stop(moto.child);
    print('moto_server', motoPhase);
    if (motoPhase.failures.length > 0) {
      // The last exception line of each traceback in moto's log says why it answered 500.
      const errors = readFileSync(join(dir, 'moto.log'), 'utf8').split('\n').filter((l) => /^\w+(Error|Exception):/.test(l));
      console.log(`  moto's log: ${[...new Set(errors)].slice(0, 3).join(' | ')}`);
    }

    const ratio = twinPhase.done / twinPhase.seconds / (motoPhase.done / motoPhase.seconds);
    const p99 = pct(motoPhase.latenciesMs.all, 0.99) / pct(twinPhase.latenciesMs.all, 0.99);
    console.log(`ratio ecs-twin / moto: ${ratio.toFixed(1)}× requests/s (target ≥ 10×: ${ratio >= 10 ? 'met' : 'NOT met'}); p99 ${p99.toFixed(1)}× lower`);
  } finally {
    await Promise.all([...children].map(stop));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(async (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  await Promise.all([...children].map(stop));
  process.exitCode = 1;
});
