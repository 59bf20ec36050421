// Role ARNs: an ARN of anything but an IAM role is refused with "Role is not valid" (ECS's wording, no final
// period), as when an ECS cluster ARN and a CloudFormation stack ARN were given (aws-samples/aws-modern-application-workshop#9).
// Short names are allowed: the API takes "the short name or full ARN of the IAM role".
import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, fargateRequest } from './helpers.js';

describe('taskRoleArn and executionRoleArn', () => {
  it.each([
    ['an ECS cluster ARN as the execution role', { executionRoleArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/MythicalMysfits-Cluster' }],
    [
      'a CloudFormation stack ARN as the task role',
      { taskRoleArn: 'arn:aws:cloudformation:us-east-1:123456789012:stack/MythicalMysfitsCoreStack/1b2c3d4e-5f60-11e8-9c2d-fa7ae01bbebc' },
    ],
    ['an IAM user ARN', { taskRoleArn: 'arn:aws:iam::123456789012:user/deployer' }],
    ['an instance profile ARN', { executionRoleArn: 'arn:aws:iam::123456789012:instance-profile/ecsInstanceRole' }],
  ])('rejects %s', (_case, roles) => {
    expectRejected(fargateRequest(roles), 'ClientException', 'Role is not valid');
  });

  it.each([
    ['role ARNs', { taskRoleArn: 'arn:aws:iam::123456789012:role/app', executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole' }],
    ['a role with a path', { taskRoleArn: 'arn:aws:iam::123456789012:role/service-role/app' }],
    ['a China-partition role', { taskRoleArn: 'arn:aws-cn:iam::123456789012:role/app' }],
    ['short role names', { taskRoleArn: 'app', executionRoleArn: 'ecsTaskExecutionRole' }],
  ])('accepts %s', (_case, roles) => {
    expectAccepted(fargateRequest(roles));
  });
});
