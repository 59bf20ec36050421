/**
 * References between containers and volumes: every `mountPoints[].sourceVolume` names a volume of the task
 * definition, and every `volumesFrom[].sourceContainer` names one of its containers. ECS refuses the registration
 * otherwise, with these ClientException messages (observed: "Unknown volume 'root-RO'." in ansible/ansible#35751
 * and wellcomecollection/platform#677, "Unknown volume 'null'." for a mount point without a source volume in
 * blinkist/terraform-aws-airship-ecs-service#46; "Invalid 'volumesFrom' setting. Unknown container: 'container'."
 * in eagletmt/hako#54).
 *
 * @module
 */
import type { ContainerDefinitionInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';

/** Checks the mount points and `volumesFrom` of every container against the task definition's volumes and containers. */
export function validateVolumeReferences(
  volumes: ReadonlyArray<{ readonly name?: string | undefined }>,
  containers: readonly ContainerDefinitionInput[],
): EcsError | undefined {
  const volumeNames = new Set(volumes.map((v) => v.name));
  const containerNames = new Set(containers.map((c) => c.name));
  for (const c of containers) {
    for (const m of c.mountPoints ?? []) {
      if (m.sourceVolume === undefined || !volumeNames.has(m.sourceVolume)) {
        return clientException(`Unknown volume '${m.sourceVolume ?? 'null'}'.`);
      }
    }
    for (const v of c.volumesFrom ?? []) {
      if (v.sourceContainer === undefined || !containerNames.has(v.sourceContainer)) {
        return clientException(`Invalid 'volumesFrom' setting. Unknown container: '${v.sourceContainer ?? 'null'}'.`);
      }
    }
  }
  return undefined;
}
