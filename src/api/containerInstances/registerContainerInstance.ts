/**
 * RegisterContainerInstance (an agent-side call, https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterContainerInstance.html):
 * registers an EC2 instance in a cluster, ACTIVE and connected.
 *
 * What the twin takes from the request (SIM RULEs where ECS documents nothing):
 * - `instanceIdentityDocument` (the JSON of the instance metadata service): `instanceId`, `instanceType`,
 *   `availabilityZone`, `imageId`. Without it, the EC2 id is derived from the new container instance id, the type is
 *   the `ecs.instance-type` attribute if given, else `m5.large`, and the zone the `ecs.availability-zone` attribute
 *   if given, else one of the network's zones chosen by the id.
 * - `totalResources`: `CPU` and `MEMORY` (`integerValue`), `PORTS` and `PORTS_UDP` (`stringSetValue`, the reserved
 *   ports). Missing ones come from the instance-type table and the default reserved ports; other names are ignored.
 * - `containerInstanceArn` of an instance of the cluster re-registers it: same id, `version` + 1, ACTIVE again; so
 *   does an identity document whose `instanceId` is already registered in the cluster (the agent restarting), so
 *   one EC2 instance never counts twice.
 *
 * @module
 */
import type { RegisterContainerInstanceResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { TagListCodec } from '../../codecs/common.js';
import { list, struct } from '../../codecs/struct.js';
import type { InstanceAttribute, InstanceResources } from '../../domain/containerInstance.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Wire } from '../../domain/wire.js';
import { hashString } from '../../scheduler/derivedIds.js';
import { keepLedgerOf } from '../../scheduler/ec2/instanceLedger.js';
import { registeredCapacity } from '../../scheduler/placement/instanceTypes.js';
import { defineOperation } from '../operation.js';
import { validateTags } from '../tags/tags.js';
import { containerInstanceToWire } from './containerInstanceWire.js';
import { AttributeListCodec, ResourceCodec, VersionInfoCodec, getRegistrationCluster } from './containerInstanceRequest.js';
import { findByEc2InstanceId, lookupInstance } from './findContainerInstance.js';
import { putAttributes, validateAttribute } from './instanceAttributes.js';
import { DEFAULT_VERSION_INFO, buildInstance, drawInstanceId, ec2InstanceIdOf, resourcesOfType, storeInstance, RESERVED_TCP_PORTS } from './registration.js';

/** RegisterContainerInstance request. */
export const RegisterContainerInstanceInput = struct('RegisterContainerInstanceRequest', {
  cluster: t.string,
  instanceIdentityDocument: t.string,
  instanceIdentityDocumentSignature: t.string,
  totalResources: list(ResourceCodec, 'list of Resource'),
  versionInfo: VersionInfoCodec,
  containerInstanceArn: t.string,
  attributes: AttributeListCodec,
  tags: TagListCodec,
});

/** Instance type when neither the identity document nor the attributes name one (SIM RULE). */
export const DEFAULT_INSTANCE_TYPE = 'm5.large';

interface IdentityDocument {
  readonly instanceId?: string;
  readonly instanceType?: string;
  readonly availabilityZone?: string;
  readonly imageId?: string;
}

function readIdentityDocument(text: string | undefined): E.Either<EcsError, IdentityDocument> {
  if (text === undefined || text === '') return E.right({});
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return E.left(invalidParameter('instanceIdentityDocument: expected the JSON instance identity document of an EC2 instance.'));
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return E.left(invalidParameter('instanceIdentityDocument: expected the JSON instance identity document of an EC2 instance.'));
  }
  const d = doc as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of ['instanceId', 'instanceType', 'availabilityZone', 'imageId'] as const) {
    const v = d[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') return E.left(invalidParameter(`instanceIdentityDocument.${key}: expected a string.`));
    out[key] = v;
  }
  if (out.instanceId !== undefined && !/^i-[0-9a-f]{8,17}$/.test(out.instanceId)) {
    return E.left(invalidParameter(`instanceIdentityDocument.instanceId: '${out.instanceId}' is not an EC2 instance id.`));
  }
  return E.right(out);
}

const PORT_RE = /^[1-9]\d{0,4}$/;

function readResources(
  given: t.TypeOf<typeof RegisterContainerInstanceInput>['totalResources'],
  base: InstanceResources | undefined,
): E.Either<EcsError, InstanceResources> {
  let { cpu, memory, ports, portsUdp } = base ?? { cpu: undefined, memory: undefined, ports: RESERVED_TCP_PORTS, portsUdp: [] as readonly string[] };
  for (let i = 0; i < (given ?? []).length; i++) {
    const r = given![i]!;
    const at = `totalResources[${i}]`;
    if (r.name === 'CPU' || r.name === 'MEMORY') {
      if (r.integerValue === undefined || r.integerValue < 0) return E.left(invalidParameter(`${at}.integerValue: expected an integer ≥ 0 for ${r.name}.`));
      if (r.name === 'CPU') cpu = r.integerValue;
      else memory = r.integerValue;
    } else if (r.name === 'PORTS' || r.name === 'PORTS_UDP') {
      const set = r.stringSetValue ?? [];
      const bad = set.find((p) => !PORT_RE.test(p) || Number(p) > 65535);
      if (bad !== undefined) return E.left(invalidParameter(`${at}.stringSetValue: '${bad}' is not a port from 1 to 65535.`));
      if (r.name === 'PORTS') ports = [...new Set(set)];
      else portsUdp = [...new Set(set)];
    }
  }
  if (cpu === undefined || memory === undefined) {
    return E.left(invalidParameter('totalResources: CPU and MEMORY are required for an instance type the twin does not know.'));
  }
  return E.right({ cpu, memory, ports, portsUdp });
}

function validateAttributes(attrs: t.TypeOf<typeof AttributeListCodec>): E.Either<EcsError, InstanceAttribute[]> {
  const out: InstanceAttribute[] = [];
  for (let i = 0; i < attrs.length; i++) {
    const a = validateAttribute(attrs[i]!, `attributes[${i}]`);
    if (E.isLeft(a)) return a;
    out.push(a.right);
  }
  // putAttributes on nothing applies the per-resource limit of custom attributes.
  return putAttributes([], out);
}

const attributeValue = (attrs: readonly InstanceAttribute[], name: string): string | undefined => attrs.find((a) => a.name === name)?.value;

function zoneFor(tx: WorldTxn, id: string): string {
  const zones = [...new Set(tx.config.network.subnets.map((s) => s.availabilityZone))];
  return zones[hashString(id) % zones.length] ?? `${tx.config.region}a`;
}

/** RegisterContainerInstance. */
export const registerContainerInstance = defineOperation({
  name: 'RegisterContainerInstance',
  input: RegisterContainerInstanceInput,
  run: (tx, input): E.Either<EcsError, Wire<RegisterContainerInstanceResponse>> => {
    const cluster = getRegistrationCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const doc = readIdentityDocument(input.instanceIdentityDocument);
    if (E.isLeft(doc)) return doc;
    const attributes = validateAttributes(input.attributes ?? []);
    if (E.isLeft(attributes)) return attributes;
    const tags = validateTags(input.tags ?? []);
    if (E.isLeft(tags)) return tags;
    const previous =
      (input.containerInstanceArn === undefined ? undefined : lookupInstance(tx, cluster.right.name, input.containerInstanceArn)) ??
      (doc.right.instanceId === undefined ? undefined : findByEc2InstanceId(tx, cluster.right.name, doc.right.instanceId));
    const id = previous?.id ?? drawInstanceId(tx);
    const instanceType = doc.right.instanceType ?? attributeValue(attributes.right, 'ecs.instance-type') ?? DEFAULT_INSTANCE_TYPE;
    const resources = readResources(input.totalResources, resourcesOfType(instanceType));
    if (E.isLeft(resources)) return resources;
    const built = buildInstance(tx, {
      cluster: cluster.right.name,
      id,
      ec2InstanceId: doc.right.instanceId ?? previous?.ec2InstanceId ?? ec2InstanceIdOf(id),
      instanceType,
      availabilityZone: doc.right.availabilityZone ?? attributeValue(attributes.right, 'ecs.availability-zone') ?? zoneFor(tx, id),
      architecture: registeredCapacity(instanceType)?.architecture ?? 'x86_64',
      ...(doc.right.imageId !== undefined ? { amiId: doc.right.imageId } : {}),
      resources: resources.right,
      attributes: attributes.right,
      tags: tags.right,
      versionInfo: { ...DEFAULT_VERSION_INFO, ...input.versionInfo },
    });
    // A re-registration keeps what the instance's tasks hold (its ledger): they keep running on it.
    const instance = previous === undefined ? built : keepLedgerOf(previous, { ...built, version: previous.version + 1, registeredAt: previous.registeredAt });
    storeInstance(tx, instance);
    return E.right({ containerInstance: containerInstanceToWire(instance, true) });
  },
});
