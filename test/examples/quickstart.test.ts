// `npm run example` runs this example: it must work, tell the story it promises, and print exactly the
// same thing every time (the twin is deterministic end to end).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runExample = (): string =>
  execFileSync(process.execPath, ['--import', 'tsx', 'docs/examples/quickstart.ts'], { cwd: root, encoding: 'utf8' });

describe('docs/examples/quickstart.ts', () => {
  it('runs tasks from PROVISIONING to STOPPED and prints the same output on every run', () => {
    const first = runExample();
    expect(first).toContain('ClientException: No Fargate configuration exists for given values: 512 CPU, 512 memory.');
    expect(first).toContain('RunTask → 4 tasks in PROVISIONING, 0 failures');
    // One event per version: a plain task's events show PROVISIONING, PENDING, RUNNING, DEPROVISIONING, STOPPED.
    for (const status of ['PENDING', 'RUNNING', 'DEPROVISIONING', 'STOPPED']) expect(first).toContain(` ${status}`);
    for (const status of ['ACTIVATING', 'DEACTIVATING', 'STOPPING']) expect(first).not.toContain(` ${status}`);
    expect(first).toContain('(UserInitiated: Scaling down for the night)');
    expect(first).toContain('(SpotInterruption: Your Spot Task was interrupted.)');
    expect(first).toMatch(/Cluster demo: \d+ running, 0 pending/);
    expect(runExample()).toBe(first);
  }, 60_000);
});
