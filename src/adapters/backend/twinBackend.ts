/**
 * The twin backend: the {@link EcsBackend} port answered in-process by a {@link TwinHost} (the holder of the
 * current World). It is the AWS backend over the twin's in-process `ECSClient`, on purpose: the SDK serializes and
 * parses as against AWS, so the twin and AWS answer the port through one code path and in the same shapes.
 *
 * @module
 */
import { createInProcessEcsClient } from '../inProcessClient.js';
import type { TwinHost } from '../twinHost.js';
import { awsBackend } from './awsBackend.js';
import type { EcsBackend } from './ecsBackend.js';

/**
 * The {@link EcsBackend} of `host`. The client makes one attempt per call: the twin's answers are final (a
 * `ThrottlingException` is the twin's rate limiter speaking and is reported, not retried).
 *
 * @example
 * ```ts
 * const host = TwinHost.create({ seed: 1 });
 * if (E.isRight(host)) await twinBackend(host.right).CreateCluster({ clusterName: 'demo' });
 * ```
 */
export function twinBackend(host: TwinHost): EcsBackend {
  return awsBackend(createInProcessEcsClient(host, { maxAttempts: 1 }), 'twin');
}
