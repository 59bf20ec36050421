/**
 * The task entity (domain form). PLACEHOLDER — the Fargate tasks work (issue 3) defines the full entity.
 *
 * @module
 */

/** A task. */
export interface Task {
  readonly key: string;
  readonly clusterName: string;
  readonly taskId: string;
  readonly arn: string;
}

/** Key of a task in `World.tasks`: `<clusterName>/<taskId>`. */
export const taskKey = (clusterName: string, taskId: string): string => `${clusterName}/${taskId}`;
