/**
 * ECS's wording for a request list that holds more items than the API allows.
 *
 * Real answers use one sentence pattern, naming the list and its limit: `taskIds can have at most 100 items.`
 * (DescribeTasks with 101 tasks: gchq/sleeper#555, sil-org/ecs-deploy#266), `instanceIds can have at most 100
 * items.` (DescribeContainerInstances: traefik/traefik#3625), `service names can have at most 10 items.`
 * (DescribeServices: structurely/ecs-autoscale#32), `subnets can have at most 16 items.` (awsvpcConfiguration,
 * reference §3.8). The twin uses the same sentence for every list limit it enforces, with the name a real answer
 * uses where one was seen and the request member's name otherwise (SIM RULE); limits with a different observed
 * sentence (`Too many containers.`, the capacity providers of a cluster) keep their own.
 *
 * @module
 */

/**
 * The message for list `name` holding more than `max` items.
 *
 * @category constructors
 * @example
 * ```ts
 * listSizeMessage('taskIds', 100); // 'taskIds can have at most 100 items.'
 * ```
 */
export const listSizeMessage = (name: string, max: number): string => `${name} can have at most ${max} items.`;
