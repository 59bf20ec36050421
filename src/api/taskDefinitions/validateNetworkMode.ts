/**
 * Network-mode rules (reference §2.1, §2.8): Fargate requires `awsvpc`, and `hostname` is not supported under
 * `awsvpc` (the task's ENI decides the host name).
 *
 * @module
 */
import { clientException, type EcsError } from '../../domain/errors.js';
import type { RegistrationContext } from './registrationContext.js';

/** Checks the network mode against the launch type and the containers. */
export function validateNetworkMode(ctx: RegistrationContext): EcsError | undefined {
  if (ctx.requiresFargate && ctx.networkMode !== 'awsvpc') {
    // Observed wording, typographic quotes included (aws/amazon-ecs-cli#1145).
    return clientException('Fargate only supports network mode \u2018awsvpc\u2019.');
  }
  if (ctx.networkMode === 'awsvpc' && ctx.containers.some((c) => c.hostname !== undefined)) {
    // Observed wording (labd/ecs-deplojo#26).
    return clientException('hostname is not supported on container when networkMode=awsvpc.');
  }
  return undefined;
}
