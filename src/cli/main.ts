#!/usr/bin/env node
/**
 * The `ecs-twin` command line. Thin by design: each command is a module under `src/cli/commands/` that parses its
 * arguments, calls the pure core, and prints.
 *
 * @module
 */
import { Command } from 'commander';
import { registerServeCommand } from './commands/serve.js';
import { registerValidateCommand } from './commands/validate.js';

const program = new Command()
  .name('ecs-twin')
  .description('A deterministic digital twin of Amazon ECS on AWS Fargate.')
  .version('0.1.0')
  .showHelpAfterError();

registerValidateCommand(program);
registerServeCommand(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
