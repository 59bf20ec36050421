#!/usr/bin/env node
/**
 * The `ecs-twin` command line. Thin by design: each command is a module under `src/cli/commands/` that parses its
 * arguments, calls the pure core, and prints.
 *
 * @module
 */
import { Command } from 'commander';
import { registerApplyCommand } from './commands/apply.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerValidateCommand } from './commands/validate.js';
import { processIo } from './simulation/outputs.js';

const program = new Command()
  .name('ecs-twin')
  .description('A deterministic digital twin of Amazon ECS on AWS Fargate.')
  .version('0.1.0')
  .showHelpAfterError();

registerValidateCommand(program);
registerServeCommand(program);
// The simulator's modules (worker pool, report renderer) load only when these commands run.
registerSimulateCommand(program, async () => (await import('./simulation/defaults.js')).simulateDeps(), processIo);
registerMergeCommand(program, async () => (await import('./simulation/defaults.js')).writeReportFile, processIo);
const planIo = () => ({ ...processIo(), stdoutIsTTY: process.stdout.isTTY === true });
registerPlanCommand(program, planIo);
registerApplyCommand(program, planIo);

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
