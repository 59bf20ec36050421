import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerValidateCommand, toRegisterRequest, validateFile, validateText } from '../../src/cli/commands/validate.js';

const VALID = JSON.stringify({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'nginx' }],
});

describe('ecs-twin validate', () => {
  it('accepts a valid Fargate definition and prints its normalised size', () => {
    const text = JSON.stringify({
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '1 vCPU',
      memory: '2GB',
      containerDefinitions: [{ name: 'web', image: 'nginx' }],
    });
    expect(validateText(text)).toEqual({ ok: true, line: 'ACCEPTED web (cpu 1024, memory 2048)' });
  });

  it('prints the ECS exception for an invalid size', () => {
    const text = JSON.stringify({
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '4096',
      containerDefinitions: [{ name: 'web', image: 'nginx' }],
    });
    expect(validateText(text)).toEqual({
      ok: false,
      line: 'ClientException: No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.',
    });
  });

  it('reports a file that is not JSON without throwing', () => {
    const v = validateText('{ not json');
    expect(v.ok).toBe(false);
    expect(v.line).toMatch(/^SerializationException: the file is not valid JSON/);
  });

  it('takes describe-task-definition output: unwraps it and strips read-only fields', () => {
    const described = {
      taskDefinition: { family: 'x', revision: 3, status: 'ACTIVE', taskDefinitionArn: 'arn', containerDefinitions: [] },
      tags: [{ key: 'a', value: 'b' }],
    };
    expect(toRegisterRequest(described)).toEqual({ family: 'x', containerDefinitions: [], tags: [{ key: 'a', value: 'b' }] });
  });

  // Issue 13, finding 9: a directory gave "EISDIR: illegal operation on a directory, read", one missing file
  // stopped the others, and a UTF-8 byte order mark gave an invisible-character message.
  describe('files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-validate-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const good = join(dir, 'good.json');
    const bom = join(dir, 'bom.json');
    writeFileSync(good, VALID);
    writeFileSync(bom, `\uFEFF${VALID}`);

    // RFC 8259 §8.1 lets a parser ignore a leading BOM; the AWS CLI has choked on it (aws/aws-cli#3216), which is
    // the kind of invisible-character error issue 13 asks us not to give.
    it('accepts a file that starts with a UTF-8 byte order mark', async () => {
      expect(await validateFile(bom)).toEqual({ ok: true, line: 'ACCEPTED web (cpu 256, memory 512)' });
    });

    it('says a directory is a directory and a missing file is missing', async () => {
      expect(await validateFile(dir)).toEqual({ ok: false, line: 'the file is a directory, not a task-definition file' });
      expect(await validateFile(join(dir, 'nope.json'))).toEqual({ ok: false, line: 'the file does not exist' });
    });

    it('reports every file, names each, and exits 1 if any failed', async () => {
      const lines: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
      const program = new Command().exitOverride();
      registerValidateCommand(program);
      const before = process.exitCode;
      try {
        await program.parseAsync(['node', 'ecs-twin', 'validate', join(dir, 'missing.json'), dir, good], { from: 'node' });
        expect(process.exitCode).toBe(1);
      } finally {
        process.exitCode = before;
      }
      expect(lines).toEqual([
        `${join(dir, 'missing.json')}: the file does not exist`,
        `${dir}: the file is a directory, not a task-definition file`,
        `${good}: ACCEPTED web (cpu 256, memory 512)`,
      ]);
    });
  });
});
