/**
 * `ecs-twin validate <files…>`: registers each task-definition JSON file in a fresh world, exactly as
 * RegisterTaskDefinition would, and prints ACCEPTED or the ECS exception and message. Exit code 1 if any is rejected.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { createWorld } from '../../engine/createWorld.js';
import { execute } from '../../engine/execute.js';

/** Read-only fields of `describe-task-definition` output that RegisterTaskDefinition does not take. */
export const READ_ONLY_TASK_DEFINITION_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
] as const;

/** Strips read-only fields and unwraps `{ taskDefinition: … }` (the shape `describe-task-definition` prints). */
export function toRegisterRequest(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const obj = json as Record<string, unknown>;
  const inner: Record<string, unknown> = 'taskDefinition' in obj && typeof obj.taskDefinition === 'object' && obj.taskDefinition !== null
    ? { ...(obj.taskDefinition as Record<string, unknown>), ...(Array.isArray(obj.tags) ? { tags: obj.tags } : {}) }
    : { ...obj };
  for (const f of READ_ONLY_TASK_DEFINITION_FIELDS) delete inner[f];
  return inner;
}

/** A printable verdict on one file. */
export interface Verdict {
  readonly ok: boolean;
  readonly line: string;
}

/**
 * Validates one file's text; returns a printable verdict. A leading UTF-8 byte order mark (as Windows editors
 * write) is skipped: it is not part of the JSON, and an invisible character is a poor thing to report. (The AWS
 * CLI has refused such files with "Invalid JSON: Expecting value: line 1 column 1", aws/aws-cli#3216; RFC 8259
 * §8.1 lets a parser ignore the mark.)
 */
export function validateText(text: string): Verdict {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, line: `SerializationException: the file is not valid JSON (${(e as Error).message})` };
  }
  const r = execute(createWorld(), 'RegisterTaskDefinition', toRegisterRequest(json));
  if (E.isLeft(r)) return { ok: false, line: `${r.left.name}: ${r.left.message}` };
  const td = (r.right.output as { taskDefinition?: { family?: string; cpu?: string; memory?: string } }).taskDefinition;
  return { ok: true, line: `ACCEPTED ${td?.family ?? ''} (cpu ${td?.cpu ?? '-'}, memory ${td?.memory ?? '-'})` };
}

/** Why a file could not be read, in words (the system's error codes are not for users). */
function readProblem(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EISDIR') return 'is a directory, not a task-definition file';
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  return `cannot be read (${e instanceof Error ? e.message : String(e)})`;
}

/** Reads and validates one file; a file that cannot be read is a failed verdict that says why, never a throw. */
export async function validateFile(file: string): Promise<Verdict> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, line: `the file ${readProblem(e)}` };
  }
  return validateText(text);
}

/** Adds the `validate` command: every file is reported, and the exit code is 1 if any failed. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('validate task-definition JSON files the way RegisterTaskDefinition does')
    .argument('<files...>', 'task-definition JSON files (RegisterTaskDefinition input or describe-task-definition output)')
    .action(async (files: string[]) => {
      let failed = 0;
      for (const file of files) {
        const verdict = await validateFile(file);
        if (!verdict.ok) failed++;
        console.log(`${file}: ${verdict.line}`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
