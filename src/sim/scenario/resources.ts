/**
 * The `resources` section: ECS request bodies (CreateCluster, RegisterTaskDefinition, CreateService inputs, as ECS
 * takes them), each inline or as the path of a JSON file holding it. The bodies stay opaque here: ECS validates
 * them when the runner applies them, naming `resources.services[2]`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { REQUEST_LIMITS, readPlainInput } from '../../codecs/plainInput.js';
import { describeValue } from '../../codecs/reporter.js';
import type { Path } from './problems.js';
import { fail, isObj, readList, readObject, type Obj, type Reader } from './reader.js';
import type { ScenarioResources } from './types.js';

/** The lists of `resources`, in the order the runner applies them. */
export const RESOURCE_KINDS = ['clusters', 'taskDefinitions', 'services'] as const;

const KIND_BODY: Readonly<Record<(typeof RESOURCE_KINDS)[number], string>> = {
  clusters: 'a CreateCluster request',
  taskDefinitions: 'a RegisterTaskDefinition request',
  services: 'a CreateService request',
};

/**
 * `section` (a scenario or a variant's overrides) with every resource given as a file path replaced by the body
 * the file holds, so variants can merge bodies by identity whatever form they were written in. A body that cannot
 * be read, is not JSON or is not an object is an issue at its path, and is left out.
 */
export function inlineResourceFiles(r: Reader, section: Obj, path: Path): Obj {
  const res = section.resources;
  if (!isObj(res)) return section;
  const out: Record<string, unknown> = { ...res };
  for (const kind of RESOURCE_KINDS) {
    const list = res[kind];
    if (!Array.isArray(list)) continue;
    const kept: unknown[] = [];
    list.forEach((item, i) => {
      const body = readBody(r, item, [...path, 'resources', kind, i], KIND_BODY[kind]);
      // An item that failed is replaced by `null`, so indexes (and the positions of later problems) stay put.
      kept.push(body ?? null);
    });
    out[kind] = kept;
  }
  return { ...section, resources: out };
}

function readBody(r: Reader, item: unknown, path: Path, what: string): Obj | undefined {
  let body: unknown = item;
  let origin = '';
  if (typeof item === 'string') {
    const text = r.readFile(item);
    if (E.isLeft(text)) return fail(r, path, text.left);
    try {
      body = JSON.parse(text.right);
    } catch (e) {
      return fail(r, path, `${item} is not valid JSON: ${e instanceof SyntaxError ? e.message : 'it cannot be parsed'}`);
    }
    origin = `${item}: `;
  }
  if (!isObj(body)) return fail(r, path, `${origin}expected ${what} (an object) or the path of a JSON file holding one, got ${describeValue(body)}`);
  const plain = readPlainInput(body, REQUEST_LIMITS, '');
  if (E.isLeft(plain)) return fail(r, path, `${origin}${plain.left.message}`);
  return plain.right as Obj;
}

/** Decodes `resources` (after {@link inlineResourceFiles}: items that failed there are `null` and dropped). */
export function readResources(r: Reader, u: unknown, path: Path): ScenarioResources | undefined {
  const o = readObject(r, u, path, 'a resources object { clusters, taskDefinitions, services }', { clusters: false, taskDefinitions: false, services: false });
  if (o === undefined) return undefined;
  const lists = RESOURCE_KINDS.map((kind) => {
    if (o[kind] === undefined) return [];
    const list = readList(r, o[kind], [...path, kind], `a list of ${KIND_BODY[kind]} bodies`);
    return (list ?? []).filter(isObj);
  });
  return { clusters: lists[0]!, taskDefinitions: lists[1]!, services: lists[2]! };
}
