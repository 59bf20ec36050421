// Registers the public task-definition corpus (shared/corpus/task-definitions, see its README) and checks the
// validator against it: every definition AWS accepted (`described`) must be accepted, except the files listed
// below, which were edited by hand after they were exported; and realistic templates (`input`) are rejected with
// ECS's exceptions and messages. The output-only members AWS returned (`requiresAttributes`, `compatibilities`) are
// compared with the twin's, member by member, for every described file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  COMPATIBILITY_ERAS,
  computeCompatibilities,
  compatibilityEraAt,
  CURRENT_COMPATIBILITY_ERA,
} from '../../src/api/taskDefinitions/compatibilities.js';
import { validateRegistration } from '../../src/api/taskDefinitions/validateRegistration.js';
import { RegisterTaskDefinitionRequestCodec } from '../../src/codecs/taskDefinition.js';
import { createWorld, execute } from '../../src/index.js';

// In this work tree and in CI the corpus sits next to the repository: <repo>/../shared/corpus/task-definitions.
const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/task-definitions');

/** Members only DescribeTaskDefinition returns; a request carrying them is stripped first, as users do. */
const READ_ONLY = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt'];

interface Entry {
  readonly file: string;
  readonly kind: 'described' | 'input';
  readonly body: Record<string, unknown>;
  /** The read-only members as the file has them (what AWS returned, for `described` files). */
  readonly described: Record<string, unknown>;
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
    const described: Record<string, unknown> = {};
    for (const k of READ_ONLY) {
      if (k in body) described[k] = body[k];
      delete body[k];
    }
    return { file, kind: cols[kindCol] as Entry['kind'], body, described };
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
  '0017.json': {
    reason: 'the account id was replaced by a "{{AWS_ACCOUNT_ID}}" template in the image and the execution role (AWS returned ecr-auth, so the image was an ECR one)',
    message: 'Container.image contains invalid characters.',
  },
  '0037.json': {
    reason: 'the region became "<region>" in both images and the roles "<taskRoleArn>"/"<executionRoleArn>" (and requiresAttributes was emptied)',
    message: 'Container.image contains invalid characters.',
  },
  '0104.json': {
    reason: 'the tag became "$IMAGE_TAG" for a pipeline to substitute',
    message: 'Container.image contains invalid characters.',
  },
  '0311.json': {
    reason: 'the account id was masked as "********" in the image and the execution role (AWS returned ecr-auth)',
    message: 'Container.image contains invalid characters.',
  },
  '0315.json': {
    reason: 'the image became "{IMAGE_URL}" and the roles "{TASK_ROLE_ARN}"/"{EXECUTION_ROLE_ARN}" (AWS returned ecr-auth and task-iam-role)',
    message: 'Container.image contains invalid characters.',
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
  '0029.json': { name: 'ClientException', message: 'Container.image contains invalid characters.' }, // "<IMAGE_URL>"
  '0079.json': { name: 'ClientException', message: 'Container.image contains invalid characters.' }, // "${AWS_ACCOUNT_ID}.dkr…"
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
    expect(counts).toEqual({ 'described accepted': 136, 'described rejected': 13, 'input accepted': 167, 'input rejected': 67 });
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

/** `registeredAt` as exports carry it (epoch seconds, or ISO-8601 with an offset) → epoch ms. */
function registeredAtMs(v: unknown): number | undefined {
  if (typeof v === 'number') return Math.round(v * 1000);
  if (typeof v === 'string') return Date.parse(v);
  return undefined;
}

const names = (v: unknown): string[] => ((v ?? []) as { name: string }[]).map((a) => a.name);

/**
 * Accepted `described` files whose `requiresAttributes` disagree with the twin's because the definition was edited
 * after export, each with the evidence. Every other accepted described file must match exactly, order included.
 */
const ATTRIBUTES_EDITED: Record<string, string> = {
  '0002.json': 'AWS returned no task-iam-role: the taskRoleArn (equal to the execution role) was added after export',
  '0041.json': 'the credential scrubber replaced one attribute name with "REDACTED" (corpus README), so its 1.18 cannot be told apart',
  '0043.json': 'a console first-run definition whose image was changed to an ECR one by hand: AWS returned no ecr-auth',
  '0109.json': 'AWS returned task-iam-role but the file has no taskRoleArn: it was removed after export',
  '0164.json': 'the taskRoleArn was added by hand: it follows executionRoleArn (AWS puts it first) and lacks the space after its colon',
  '0172.json': 'the secrets were added by hand: set off by blank lines, before `environment` (AWS lists them after volumesFrom)',
  '0208.json': 'the secrets were added by hand: right after `image` (AWS lists them after volumesFrom); AWS returned no secrets attribute',
  '0356.json': 'networkMode was changed from awsvpc to bridge by hand: AWS returned task-eni and FARGATE compatibility',
  '0373.json': 'the taskRoleArn was added by hand: it follows `memory`, out of AWS\'s member order',
  '0383.json': 'logConfiguration was set to null by hand: AWS returned logging-driver.awslogs',
};

/**
 * Dated exports whose `compatibilities` differ from the rule of their registration date
 * (src/api/taskDefinitions/compatibilities.ts).
 */
const COMPATIBILITIES_OFF_ERA: Record<string, string> = {
  '0327.json': 'eu-west-1 dropped EXTERNAL before the era boundary (2023-05-01) that us-east-1 (0022, 2023-04-29) shows',
  '0356.json': 'networkMode was changed from awsvpc to bridge by hand (see ATTRIBUTES_EDITED)',
};

describe('requiresAttributes and compatibilities of the described corpus', () => {
  const described = loadCorpus()
    .filter((e) => e.kind === 'described' && !HAND_EDITED[e.file])
    .map((e) => {
      const result = register(e.body);
      if (E.isLeft(result)) throw new Error(`${e.file}: ${result.left.message}`);
      const td = (result.right.output as { taskDefinition: Record<string, unknown> }).taskDefinition;
      return { ...e, td, atMs: registeredAtMs(e.described.registeredAt) };
    });
  const since2023 = (x: { atMs: number | undefined }): boolean => x.atMs !== undefined && x.atMs >= Date.UTC(2023, 0, 1);

  it('returns exactly the requiresAttributes AWS returned, in its order, for every unedited export', () => {
    for (const d of described) {
      const twin = JSON.stringify(names(d.td.requiresAttributes));
      const aws = JSON.stringify(names(d.described.requiresAttributes));
      const edited = ATTRIBUTES_EDITED[d.file];
      expect(twin === aws ? 'same' : 'different', `${d.file}: twin ${twin} vs AWS ${aws}${edited ? ` (${edited})` : ''}`).toBe(
        edited ? 'different' : 'same',
      );
    }
  });

  it('agrees on the requiresAttributes multiset for 126 of 136 exports, and 67 of 72 registered from 2023 on', () => {
    const agrees = (d: (typeof described)[number]): boolean =>
      JSON.stringify(names(d.td.requiresAttributes).sort()) === JSON.stringify(names(d.described.requiresAttributes).sort());
    expect({ all: described.length, agree: described.filter(agrees).length }).toEqual({ all: 136, agree: 126 });
    const recent = described.filter(since2023);
    expect({ all: recent.length, agree: recent.filter(agrees).length }).toEqual({ all: 72, agree: 67 });
  });

  it('computes compatibilities with the rule of the registration date for every dated export', () => {
    for (const d of described.filter((x) => x.atMs !== undefined)) {
      const request = RegisterTaskDefinitionRequestCodec.decode(d.body);
      if (E.isLeft(request)) throw new Error(d.file);
      const valid = validateRegistration(request.right);
      if (E.isLeft(valid)) throw new Error(d.file);
      const era = compatibilityEraAt(d.atMs!);
      const got = computeCompatibilities(valid.right.ctx, era);
      const expected = d.described.compatibilities;
      if (COMPATIBILITIES_OFF_ERA[d.file]) expect(got, d.file).not.toEqual(expected);
      else expect(got, `${d.file} registered ${new Date(d.atMs!).toISOString()}`).toEqual(expected);
    }
  });

  it('shows, for every undated export, the rule of one of the eras', () => {
    for (const d of described.filter((x) => x.atMs === undefined && !ATTRIBUTES_EDITED[x.file])) {
      const request = RegisterTaskDefinitionRequestCodec.decode(d.body);
      if (E.isLeft(request)) throw new Error(d.file);
      const valid = validateRegistration(request.right);
      if (E.isLeft(valid)) throw new Error(d.file);
      const ctx = valid.right.ctx;
      const rules = COMPATIBILITY_ERAS.map((era) => JSON.stringify(computeCompatibilities(ctx, era)));
      expect(rules, d.file).toContain(JSON.stringify(d.described.compatibilities));
    }
  });

  it('answers today\'s rule whatever the virtual date, as AWS did for the exports of the current era', () => {
    const current = described.filter((d) => d.atMs !== undefined && d.atMs >= CURRENT_COMPATIBILITY_ERA.fromMs);
    // 0112 (2026-06-23), 0026 (2026-06-29), 0164 (2026-07-31), 0142 (2026-08-08).
    expect(current.map((d) => d.file).sort()).toEqual(['0026.json', '0112.json', '0142.json', '0164.json']);
    for (const d of current) expect(d.td.compatibilities, d.file).toEqual(d.described.compatibilities);
    // The default world starts on 2024-01-01, yet it answers with the 2026 rule.
    const awsvpc = described.find((d) => d.file === '0213.json')!;
    expect(awsvpc.td.compatibilities).toEqual(['EC2', 'MANAGED_INSTANCES', 'FARGATE']);
    const bridge = described.find((d) => d.file === '0035.json')!;
    expect(bridge.td.compatibilities).toEqual(['EC2']);
  });
});
