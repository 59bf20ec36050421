/**
 * The IAM roles of a task definition (`taskRoleArn`, `executionRoleArn`).
 *
 * Both take "the short name or full ARN of the IAM role" (API reference). The twin has no IAM, so it cannot tell
 * whether a role exists; it models only what a source shows: an ARN of something other than an IAM role — an ECS
 * cluster ARN as the execution role and a CloudFormation stack ARN as the task role — is refused with
 * `ClientException: Role is not valid` (aws-samples/aws-modern-application-workshop#9). Short names pass.
 *
 * @module
 */
import type { RegisterTaskDefinitionInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';

/**
 * The shape of an IAM role ARN, `arn:<partition>:iam::<account>:role/<path and name>`. Only the service and the
 * resource type are checked: what ECS answers for, say, a placeholder account (`arn:aws:iam::ACCOUNT_ID:role/x`) is
 * not shown by any source.
 */
export const ROLE_ARN_PATTERN = /^arn:[^:]+:iam::[^:]*:role\/.+$/;

/** Checks `taskRoleArn` and `executionRoleArn`: a value written as an ARN must be an IAM role's. */
export function validateRoles(request: RegisterTaskDefinitionInput): EcsError | undefined {
  for (const role of [request.taskRoleArn, request.executionRoleArn]) {
    if (role !== undefined && role.startsWith('arn:') && !ROLE_ARN_PATTERN.test(role)) {
      // ECS's wording, without a final period (aws-samples/aws-modern-application-workshop#9).
      return clientException('Role is not valid');
    }
  }
  return undefined;
}
