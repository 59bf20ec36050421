// Test harness for services: the task Sim plus helpers to create, update and read services. Not a test file.
import { Sim, net } from '../tasks/harness.js';

/** A service as DescribeServices returns it (the members the tests read). */
export interface WireService {
  serviceArn: string;
  serviceName: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition: string;
  deployments: WireDeployment[];
  events: Array<{ id: string; createdAt: number; message: string }>;
  [member: string]: unknown;
}

/** A deployment as DescribeServices returns it. */
export interface WireDeployment {
  id: string;
  status: string;
  taskDefinition: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  rolloutState: string;
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
}

/** Subnets of three zones. */
export const THREE_AZ = net('subnet-a1', 'subnet-b1', 'subnet-c1');

/** A Sim with service helpers. */
export class ServiceSim extends Sim {
  /** CreateService with defaults (launch type FARGATE, three zones); returns the service. */
  create(input: Record<string, unknown> = {}): WireService {
    return this.ok<{ service: WireService }>('CreateService', {
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: THREE_AZ,
      ...input,
    }).service;
  }
  /** UpdateService of `web` (or `input.service`). */
  update(input: Record<string, unknown>): WireService {
    return this.ok<{ service: WireService }>('UpdateService', { service: 'web', ...input }).service;
  }
  /** DescribeServices of one service. */
  service(name = 'web', cluster?: string): WireService {
    const out = this.ok<{ services: WireService[] }>('DescribeServices', { services: [name], ...(cluster ? { cluster } : {}) });
    return out.services[0]!;
  }
  /** Registers another revision of `web` with image `image`. */
  revise(image: string, extra: Record<string, unknown> = {}): string {
    const out = this.ok<{ taskDefinition: { taskDefinitionArn: string } }>('RegisterTaskDefinition', {
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image, essential: true, portMappings: [{ containerPort: 80 }], ...extra }],
    });
    return out.taskDefinition.taskDefinitionArn;
  }
  /** Service event messages, oldest first. */
  messages(name = 'web'): string[] {
    return this.service(name).events.map((e) => e.message).reverse();
  }
  /** Advances in steps of `stepMs` until `done` holds or `maxMs` passed; returns the virtual ms it took. */
  until(done: () => boolean, maxMs = 3_600_000, stepMs = 5_000): number {
    let waited = 0;
    while (!done()) {
      if (waited >= maxMs) throw new Error(`condition not reached within ${maxMs} ms`);
      this.advance(stepMs);
      waited += stepMs;
    }
    return waited;
  }
  /** Whether the service is steady: one deployment, COMPLETED, running = desired. */
  steady(name = 'web'): boolean {
    const s = this.service(name);
    return s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === s.desiredCount && s.pendingCount === 0;
  }
}

export { net };
