/**
 * Reading the plan's input — the desired state — from text: ECS request bodies (JSON or YAML), or the ECS
 * resources of a CloudFormation template (JSON or YAML with the short intrinsic forms), told apart by the
 * template's `Resources` / `AWSTemplateFormatVersion`. Pure: the caller reads the file.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeValue } from '../../codecs/reporter.js';
import { formatProblem, pathToString, sortProblems, type Issue, type ScenarioProblem } from '../../sim/scenario/problems.js';
import { parseScenarioSource } from '../../sim/scenario/source.js';
import type { DesiredState } from '../types.js';
import { CFN_YAML_TAGS } from './cfnYamlTags.js';
import { isTemplate, readTemplate } from './cfnTemplate.js';
import { readRequestBodies } from './requestBodies.js';
import { isObj } from './templateContext.js';

/** How to read a desired-state file. */
export interface ReadDesiredStateOptions {
  /** The file's name as problems and warnings print it (`desired.yaml`). */
  readonly fileName: string;
  /** CloudFormation parameter values (`--parameters Name=value`); a list parameter takes `a,b,c`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** `AWS::Region` and the Region in ARNs. Default `us-east-1`. */
  readonly region?: string;
  /** `AWS::AccountId` and the account in ARNs. Default `123456789012` (the twin's default account). */
  readonly accountId?: string;
  /** `AWS::StackName`, and the prefix of names CloudFormation would generate. Default `stack`. */
  readonly stackName?: string;
}

/**
 * Reads desired state. `Left`: every problem that stops the read (syntax, unknown keys, a `Ref` to nothing, …),
 * in file order, each with its path, line and column. `Right`: the bodies, with `warnings` for what was kept as a
 * placeholder or guessed (each `file:line:column: path: message`). Never throws.
 *
 * @category constructors
 * @example
 * ```ts
 * readDesiredState('clusters: [{ clusterName: prod }]\n', { fileName: 'desired.yaml' });
 * // Right({ clusters: [{ source: 'clusters[0]', body: { clusterName: 'prod' } }], taskDefinitions: [], …, warnings: [] })
 * ```
 */
export function readDesiredState(text: string, options: ReadDesiredStateOptions): E.Either<readonly ScenarioProblem[], DesiredState> {
  try {
    return read(text, options);
  } catch (e) {
    // A defect of ours must still not escape as an exception: it becomes a problem naming the file.
    const reason = e instanceof Error ? e.message : 'an exception';
    return E.left([{ file: options.fileName, path: '(file)', message: `internal error while reading the desired state: ${reason}` }]);
  }
}

function read(text: string, options: ReadDesiredStateOptions): E.Either<readonly ScenarioProblem[], DesiredState> {
  const file = options.fileName;
  const parsed = parseScenarioSource(text, { customTags: [...CFN_YAML_TAGS] });
  if (E.isLeft(parsed)) return E.left(parsed.left.map((i) => ({ file, path: pathToString(i.path), ...i.position, message: i.message })));
  const source = parsed.right;
  const place = (issue: Issue): ScenarioProblem => {
    const at = source.locate(issue.path, issue.at);
    return { file, path: pathToString(issue.path), line: at.line, column: at.column, message: issue.message };
  };
  const root = source.value;
  if (!isObj(root)) {
    return E.left([place({ path: [], message: `expected ECS request bodies (clusters, taskDefinitions, services, …) or a CloudFormation template (Resources), got ${describeValue(root)}` })]);
  }
  if (!isTemplate(root)) {
    const bodies = readRequestBodies(root);
    return E.isLeft(bodies) ? E.left(sortProblems(bodies.left.map(place))) : E.right({ ...bodies.right, warnings: [] });
  }
  const result = readTemplate(root, {
    parameters: options.parameters ?? {},
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    stackName: options.stackName ?? 'stack',
  });
  if (result.state === undefined || result.errors.length > 0) return E.left(sortProblems(result.errors.map(place)));
  return E.right({ ...result.state, warnings: sortProblems(result.warnings.map(place)).map(formatProblem) });
}
