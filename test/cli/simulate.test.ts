// `ecs-twin simulate` and `merge` as a user runs them: a child process from source (tsx), real scenario files,
// the real runner on worker threads. Kept small (a 3-hour scenario, 3 seeds) so the file runs in ~20 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// tsx by absolute URL: the child runs in a temporary directory, where `--import tsx` would not resolve.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/cli/main.ts'), ...args], { cwd: dir, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const scenario = (asserts: string, extra = ''): string => `
name: small-outage
world:
  seed: 7
  network:
    subnets:
      - { subnetId: subnet-a, cidrBlock: 10.0.0.0/24, availabilityZone: us-east-1a, vpcId: vpc-1 }
      - { subnetId: subnet-b, cidrBlock: 10.0.1.0/24, availabilityZone: us-east-1b, vpcId: vpc-1 }
resources:
  clusters: [{ clusterName: prod }]
  taskDefinitions:
    - family: web
      requiresCompatibilities: [FARGATE]
      networkMode: awsvpc
      cpu: "256"
      memory: "512"
      containerDefinitions: [{ name: app, image: nginx, essential: true }]
  services:
    - cluster: prod
      serviceName: web
      taskDefinition: web
      desiredCount: 4
      launchType: FARGATE
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet-a, subnet-b] } }
load:
  web: { capacityRps: 100, profile: { type: constant, rps: 200 } }
timeline:
  - { at: "01:00", fault: azOutage, availabilityZone: us-east-1a, duration: 20m }
  - { at: "00:10", fault: crashes, service: web, mtbf: 2h }
duration: 3h
seeds: 3
assert:
${asserts}
${extra}`;

const passing = join(dir, 'pass.yaml');
const failing = join(dir, 'fail.yaml');
const typo = join(dir, 'typo.yaml');
writeFileSync(passing, scenario('  - web.minutesBelowDesired <= 600'));
writeFileSync(failing, scenario('  - web.minutesBelowDesired <= 0'));
writeFileSync(typo, scenario('  - web.minutesBelowDesired <= 600').replace('  seed: 7', '  sed: 7'));
// A body ECS refuses (a task size Fargate does not offer): the file decodes, ECS rejects it before any seed runs.
const refused = join(dir, 'refused.yaml');
writeFileSync(refused, scenario('  - web.minutesBelowDesired <= 600').replace(/cpu: "?256"?/, 'cpu: "300"'));

describe('ecs-twin simulate (child process, real runner)', () => {
  it('exits 0 when the asserts pass, 1 when one fails, with the summary on stdout', async () => {
    const [ok, bad] = await Promise.all([cli(['simulate', passing, '--workers', '1']), cli(['simulate', failing, '--workers', '1'])]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('small-outage: 3 seeds × 1 variant, 3 virtual hours each');
    expect(ok.stderr).toMatch(/seed 3\/3 done: variant base seed \d+/);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL base: web\.minutesBelowDesired <= 0 \(prod\/web: max over seeds = [\d.]+\)/);
  });

  it('exits 2 on a scenario with a typo, printing the problem with its line, and on bad arguments', async () => {
    const [t, args, unknown] = await Promise.all([cli(['simulate', typo]), cli(['simulate', passing, '--seeds', '0']), cli(['simulate', passing, '--sedes', '3'])]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/typo\.yaml:4:\d+: world\.sed: .*unknown/);
    expect(t.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(args.code).toBe(2);
    expect(args.stderr).toContain("option '--seeds <n>' argument '0' is invalid");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--sedes'");
    const r = await cli(['simulate', refused]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/resources\.taskDefinitions\[0\]: RegisterTaskDefinition failed: ClientException: No Fargate configuration exists for given values: 300 CPU/);
    expect(r.stderr).not.toMatch(/seed \d+\/\d+ done/);
  });

  it('gives the same JSON with 1 and 2 workers, and shards merged give it too', async () => {
    const one = join(dir, 'one.json');
    const two = join(dir, 'two.json');
    const [a, b, s0, s1] = await Promise.all([
      cli(['simulate', passing, '--workers', '1', '--json', one]),
      cli(['simulate', passing, '--workers', '2', '--json', two]),
      cli(['simulate', passing, '--shards', '2', '--partial', 'part-{index}.json'], { JOB_COMPLETION_INDEX: '0' }),
      cli(['simulate', passing, '--shards', '2', '--partial', 'part-{index}.json'], { AWS_BATCH_JOB_ARRAY_INDEX: '1' }),
    ]);
    expect([a.code, b.code, s0.code, s1.code]).toEqual([0, 0, 0, 0]);
    const text = readFileSync(one, 'utf8');
    expect(readFileSync(two, 'utf8')).toBe(text);
    const seeds = (JSON.parse(text) as { variants: { seeds: { seed: number }[] }[] }).variants[0]!.seeds.map((s) => s.seed);
    expect(seeds).toEqual([7, 8, 9]);
    const merged = await cli(['merge', 'part-1.json', 'part-0.json', '--json', 'merged.json']);
    expect(merged.code).toBe(0);
    expect(readFileSync(join(dir, 'merged.json'), 'utf8')).toBe(text);
  });
});
