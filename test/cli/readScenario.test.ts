import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { fileReaderFrom, readScenarioFile } from '../../src/cli/readScenario.js';
import { formatProblem } from '../../src/sim/scenario/problems.js';

const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readScenarioFile', () => {
  mkdirSync(join(dir, 'bodies'));
  writeFileSync(join(dir, 'bodies', 'web.json'), JSON.stringify({ serviceName: 'web', taskDefinition: 'web' }));
  writeFileSync(join(dir, 'load.csv'), 'time,rps\n0,5\n');
  writeFileSync(
    join(dir, 'scenario.yaml'),
    'name: x\nduration: 1h\nresources:\n  services: [bodies/web.json]\nload:\n  web: { capacityRps: 10, profile: { type: replay, csv: load.csv } }\n',
  );

  it('resolves paths in the scenario against its folder, whatever the working directory', () => {
    const r = readScenarioFile(join(dir, 'scenario.yaml'));
    expect(E.isRight(r) && r.right.base.resources.services).toEqual([{ serviceName: 'web', taskDefinition: 'web' }]);
    expect(E.isRight(r) && r.right.base.load.web?.profile).toEqual([{ type: 'replay', points: [{ atMs: 0, rps: 5 }] }]);
  });

  it('a missing scenario file is one problem naming it', () => {
    const missing = join(dir, 'nope.yaml');
    const r = readScenarioFile(missing);
    expect(E.isLeft(r) && r.left.map(formatProblem)).toEqual([`${missing}: (file): no such file: ${missing}`]);
  });

  it('readFile says which resolved file is missing, and that a folder is not a file', () => {
    const read = fileReaderFrom(dir);
    expect(read('other.json')).toEqual(E.left(`no such file: ${join(dir, 'other.json')}`));
    expect(read('bodies')).toEqual(E.left(`${join(dir, 'bodies')} is a directory, not a file`));
    expect(read(join(dir, 'load.csv'))).toEqual(E.right('time,rps\n0,5\n'));
  });
});
