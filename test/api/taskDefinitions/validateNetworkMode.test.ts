import { describe, it } from 'vitest';
import { ec2Request, expectAccepted, expectRejected, fargateRequest, withContainer } from './helpers.js';

describe('network mode', () => {
  // Observed, with typographic quotes (aws/amazon-ecs-cli#1145).
  it.each([['bridge'], ['host'], ['none'], [undefined]])('Fargate rejects networkMode %s', (networkMode) => {
    expectRejected(fargateRequest({ networkMode }), 'ClientException', 'Fargate only supports network mode \u2018awsvpc\u2019.');
  });

  it('applies when EC2 is listed too', () => {
    expectRejected(
      fargateRequest({ networkMode: 'bridge', requiresCompatibilities: ['EC2', 'FARGATE'] }),
      'ClientException',
      'Fargate only supports network mode \u2018awsvpc\u2019.',
    );
  });

  // Observed (labd/ecs-deplojo#26).
  it('rejects hostname under awsvpc, on any launch type', () => {
    const message = 'hostname is not supported on container when networkMode=awsvpc.';
    expectRejected(withContainer({ hostname: 'web' }), 'ClientException', message);
    expectRejected(
      ec2Request({ networkMode: 'awsvpc', containerDefinitions: [{ name: 'w', image: 'busybox', memory: 64, hostname: 'w' }] }),
      'ClientException',
      message,
    );
    expectAccepted(ec2Request({ containerDefinitions: [{ name: 'w', image: 'busybox', memory: 64, hostname: 'w' }] }));
  });

  it('rejects an unknown network mode at decoding', () => {
    expectRejected(
      fargateRequest({ networkMode: 'AWSVPC' }),
      'InvalidParameterException',
      "networkMode must be one of 'awsvpc', 'bridge', 'host', 'none', but was \"AWSVPC\".",
    );
  });
});
