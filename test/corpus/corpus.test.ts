// Registers the public task-definition corpus (shared/corpus/task-definitions, see its README) and checks the
// validator against it: every definition AWS accepted (`described`) must be accepted, except the files listed
// below, which were edited by hand after they were exported; and realistic templates (`input`) are rejected with
// ECS's exceptions and messages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createWorld, execute } from '../../src/index.js';

// In this work tree and in CI the corpus sits next to the repository: <repo>/../shared/corpus/task-definitions.
const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/task-definitions');

/** Members only DescribeTaskDefinition returns; a request carrying them is stripped first, as users do. */
const READ_ONLY = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt'];

interface Entry {
  readonly file: string;
  readonly kind: 'described' | 'input';
  readonly body: Record<string, unknown>;
}

function loadCorpus(): Entry[] {
  const lines = fs.readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split('\t');
  const fileCol = header.indexOf('file');
  const kindCol = header.indexOf('kind');
  return lines.slice(1).map((line) => {
    const cols = line.split('\t');
    const file = cols[fileCol]!;
    const body = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as Record<string, unknown>;
    for (const k of READ_ONLY) delete body[k];
    return { file, kind: cols[kindCol] as Entry['kind'], body };
  });
}

const register = (body: unknown) => execute(createWorld(), 'RegisterTaskDefinition', body);

/**
 * `described` files that no longer match what AWS registered, each inspected by hand, with the error the twin
 * (rightly) gives.
 */
const HAND_EDITED: Record<string, { readonly reason: string; readonly message: string }> = {
  '0094.json': {
    reason: 'the image was removed so that the deploy action fills it in (ARN revision 3 was registered with one)',
    message: 'Container.image should not be null or empty.',
  },
  '0173.json': {
    reason: 'the image was removed so that the deploy action fills it in',
    message: 'Container.image should not be null or empty.',
  },
  '0199.json': {
    reason: 'both images blanked to "" for the deploy action to fill in (and the ARN removed)',
    message: 'Container.image should not be null or empty.',
  },
  '0220.json': {
    reason: 'the image blanked to "" for the deploy action to fill in',
    message: 'Container.image should not be null or empty.',
  },
  '0258.json': {
    reason: "the first container's image was removed for the deploy action to fill in",
    message: 'Container.image should not be null or empty.',
  },
  '0170.json': {
    reason: 'ARN revision :38 but "revision": 1 — the container memory was raised above the task memory by hand (corpus README)',
    message: "The 'memory' setting for container 'banbury-backend-dev' is greater than for the task.",
  },
  '0289.json': {
    reason:
      'a name prefix was cut out everywhere by hand: the container, log group and even the ECR repository are named ' +
      '"-orders-hub-dev", which ECR does not allow (repository names start with a letter or digit)',
    message:
      'containerDefinitions[0].portMappings[0].name must be 1-64 lowercase letters, numbers, underscores and hyphens, and must not start with a hyphen.',
  },
  '0364.json': {
    reason:
      'udp mappings for ports 80 and 443 were added by hand: unlike every other mapping in this console export they ' +
      'lack the console-generated `name`, and the API reference says exposing one container port for two protocols ' +
      'returns an error (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ecs/aws.sdk.kotlin.services.ecs.model/-port-mapping)',
    message:
      "Invalid port mappings for container 'mweldy-strongmind-rails-exam-container': containerPort 80 is exposed for more than one protocol (containerDefinitions[0].portMappings[2]).",
  },
};

/** Hand-written request bodies and templates, with the rejection ECS would give. */
const INPUT_REJECTIONS: Record<string, { readonly name: string; readonly message: string }> = {
  '0008.json': { name: 'ClientException', message: 'Container.image should not be null or empty.' },
  '0013.json': { name: 'ClientException', message: 'Fargate requires task definition to have execution role ARN to support log driver awslogs.' },
  '0016.json': { name: 'SerializationException', message: 'containerDefinitions[0].portMappings[0].containerPort must be integer, but was "8000".' },
  '0097.json': { name: 'InvalidParameterException', message: "runtimePlatform.cpuArchitecture must be one of 'ARM64', 'X86_64', but was \"arm64\"." },
  '0098.json': { name: 'ClientException', message: 'Family contains invalid characters.' },
  '0268.json': { name: 'ClientException', message: 'Container.name contains invalid characters.' },
  '0280.json': { name: 'ClientException', message: 'containerDefinitions[0].startTimeout must be between 2 and 120 seconds on Fargate, but was 600.' },
  '0288.json': {
    name: 'InvalidParameterException',
    message: "containerDefinitions[0].logConfiguration.logDriver must be one of 'awsfirelens', 'awslogs', 'fluentd', 'gelf', 'journald', 'json-file', 'splunk', 'syslog', but was \"none\".",
  },
  '0304.json': { name: 'ClientException', message: 'Family can not be blank.' },
  '0307.json': { name: 'ClientException', message: 'Container.name should not be null or empty.' },
  '0323.json': {
    name: 'SerializationException',
    message: 'containerDefinitions[0].cpu must be integer, but was "256". containerDefinitions[0].memory must be integer, but was "512".',
  },
};

describe('the public task-definition corpus', () => {
  const corpus = loadCorpus();
  const results = corpus.map((e) => ({ ...e, result: register(e.body) }));

  it('holds the 383 files its README describes', () => {
    expect(corpus).toHaveLength(383);
    expect(corpus.filter((e) => e.kind === 'described')).toHaveLength(149);
  });

  it('accepts and rejects exactly these counts per kind', () => {
    const counts: Record<string, number> = {};
    for (const r of results) {
      const key = `${r.kind} ${E.isRight(r.result) ? 'accepted' : 'rejected'}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual({ 'described accepted': 141, 'described rejected': 8, 'input accepted': 189, 'input rejected': 45 });
  });

  it('accepts every described definition except the hand-edited ones, which fail for the edited value', () => {
    for (const r of results.filter((x) => x.kind === 'described')) {
      const edited = HAND_EDITED[r.file];
      const got = E.isLeft(r.result) ? `${r.result.left.name}: ${r.result.left.message}` : 'accepted';
      expect(got, `${r.file}${edited ? ` (${edited.reason})` : ''}`).toBe(edited ? `ClientException: ${edited.message}` : 'accepted');
    }
  });

  it('rejects templates and hand-written bodies the way ECS does', () => {
    for (const [file, expected] of Object.entries(INPUT_REJECTIONS)) {
      const r = results.find((x) => x.file === file)!;
      expect(r.kind).toBe('input');
      expect(E.isLeft(r.result) ? { name: r.result.left.name, message: r.result.left.message } : 'accepted', file).toEqual(expected);
    }
  });

  it('re-registers every accepted definition from its own description unchanged', () => {
    for (const r of results) {
      if (E.isLeft(r.result)) continue;
      const out = r.result.right.output as { taskDefinition: Record<string, unknown> };
      const again = register(Object.fromEntries(Object.entries(out.taskDefinition).filter(([k]) => !READ_ONLY.includes(k))));
      expect(E.isRight(again) && (again.right.output as { taskDefinition: unknown }).taskDefinition, r.file).toEqual(out.taskDefinition);
    }
  });
});
