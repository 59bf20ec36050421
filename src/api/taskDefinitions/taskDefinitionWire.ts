/**
 * Task definition → the wire objects of responses. Stored definitions are never handed out directly: every
 * response gets its own copy, so a caller editing a response (a common way to build the next revision) cannot
 * change the World.
 *
 * @module
 */
import type { TaskDefinition as SdkTaskDefinition } from '@aws-sdk/client-ecs';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import type { Tag, Wire } from '../../domain/wire.js';

/** A deep copy of a JSON value made of plain objects, arrays and primitives. */
export function cloneJson<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = cloneJson((v as Record<string, unknown>)[k]);
    // A `__proto__` data key (possible in `dockerLabels`) must stay a key, not become the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out as T;
}

/** The definition as DescribeTaskDefinition returns it (a fresh copy). */
export const taskDefinitionToWire = (td: TaskDefinition): Wire<SdkTaskDefinition> => cloneJson(td.wire);

/** The tags of a definition as responses carry them (a fresh copy). */
export const taskDefinitionTags = (td: TaskDefinition): Tag[] => td.tags.map((t) => ({ key: t.key, value: t.value }));
