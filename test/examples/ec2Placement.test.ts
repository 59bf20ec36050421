// docs/examples/ec2-placement.ts is the walkthrough of the EC2 placement guide: it must tell the story the guide
// tells (a daemon everywhere, a packed web tier, the explanation of what would not fit, a drain) and print the
// same thing every run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runExample = (): string => execFileSync(process.execPath, ['--import', 'tsx', 'docs/examples/ec2-placement.ts'], { cwd: root, encoding: 'utf8' });

describe('docs/examples/ec2-placement.ts', () => {
  it('places, explains, drains, and prints the same output on every run', () => {
    const first = runExample();
    expect(first).toContain('explainPlacement(24 more web tasks): 18 would place, 6 would not (RESOURCE:CPU)');
    expect(first).toMatch(/Closest: i-[0-9a-f]{17}: needs 128 more CPU units\./);
    expect(first).toMatch(/DRAINING tasks {2}0 {2}CPU left 4096 {2}MiB left 15728/);
    expect(first).toContain('web: 10/10 running; agent (DAEMON): 5/5');
    expect(runExample()).toBe(first);
  }, 60_000);
});
