import { describe, it } from 'vitest';
import { ec2Request, expectAccepted, expectRejected, fargateRequest, withContainer } from './helpers.js';

describe('container resources', () => {
  // Observed: pulumi/pulumi-awsx#1220.
  it("rejects a container's memory above the task's", () => {
    expectRejected(withContainer({ memory: 513 }), 'ClientException', "The 'memory' setting for container 'app' is greater than for the task.");
    expectAccepted(withContainer({ memory: 512 }));
  });

  // Corpus evidence (reference §2.3): equal reservation and limit accepted (0035, 0037, …); a Fargate reservation
  // above the task memory accepted (0348), so reservations are not checked against the task.
  it('accepts memoryReservation equal to memory, and a reservation above the task memory', () => {
    expectAccepted(withContainer({ memory: 256, memoryReservation: 256 }));
    expectAccepted(withContainer({ memoryReservation: 1024 }));
  });

  it('rejects memoryReservation above memory', () => {
    expectRejected(
      withContainer({ memory: 256, memoryReservation: 257 }),
      'ClientException',
      "Invalid setting for container 'app'. 'memoryReservation' must be less than or equal to 'memory'.",
    );
  });

  // Observed: cuttlesoft/ecs-deploy.py#17.
  it('requires memory or memoryReservation on every container when the task has no memory', () => {
    const message = "Invalid setting for container 'worker'. At least one of 'memory' or 'memoryReservation' must be specified.";
    expectRejected(ec2Request({ containerDefinitions: [{ name: 'worker', image: 'busybox' }] }), 'ClientException', message);
    expectAccepted(ec2Request({ containerDefinitions: [{ name: 'worker', image: 'busybox', memoryReservation: 64 }] }));
    expectAccepted(ec2Request({ memory: '512', containerDefinitions: [{ name: 'worker', image: 'busybox' }] }));
  });

  it('enforces the Docker minimum of 6 MiB', () => {
    expectRejected(withContainer({ memory: 5 }), 'ClientException', "Invalid 'memory' setting for container 'app'. The minimum is 6 MiB.");
    expectRejected(
      withContainer({ memoryReservation: 4 }),
      'ClientException',
      "Invalid 'memoryReservation' setting for container 'app'. The minimum is 6 MiB.",
    );
    expectAccepted(withContainer({ memory: 6 }));
  });

  it('rejects a negative container cpu', () => {
    expectRejected(withContainer({ cpu: -1 }), 'ClientException', "Invalid 'cpu' setting for container 'app'.");
  });

  it('rejects container cpu summing above the task cpu', () => {
    const twoContainers = (a: number, b: number) =>
      fargateRequest({
        containerDefinitions: [
          { name: 'a', image: 'nginx', cpu: a },
          { name: 'b', image: 'nginx', cpu: b },
        ],
      });
    expectAccepted(twoContainers(128, 128));
    expectRejected(
      twoContainers(200, 100),
      'ClientException',
      "The sum of the 'cpu' settings of the containers (300) is greater than the 'cpu' setting of the task (256).",
    );
  });
});
