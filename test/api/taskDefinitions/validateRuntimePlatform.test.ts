import { describe, it } from 'vitest';
import { ec2Request, expectAccepted, expectRejected, fargateRequest, withContainer } from './helpers.js';

const platform = (operatingSystemFamily: string, cpuArchitecture = 'X86_64') => ({
  runtimePlatform: { operatingSystemFamily, cpuArchitecture },
  cpu: '1024',
  memory: '2048',
});

// Fargate Windows platform 1.0.0 supports Windows Server 2019/2022 Full and Core
// (https://docs.aws.amazon.com/en_us/AmazonECS/latest/developerguide/platform-windows-fargate.html).
describe('runtime platform', () => {
  it.each(['LINUX', 'WINDOWS_SERVER_2019_FULL', 'WINDOWS_SERVER_2019_CORE', 'WINDOWS_SERVER_2022_FULL', 'WINDOWS_SERVER_2022_CORE'])(
    'Fargate accepts %s',
    (os) => {
      expectAccepted(fargateRequest(platform(os)));
    },
  );

  it.each(['WINDOWS_SERVER_2016_FULL', 'WINDOWS_SERVER_2004_CORE', 'WINDOWS_SERVER_20H2_CORE', 'WINDOWS_SERVER_2025_CORE'])(
    'Fargate rejects %s',
    (os) => {
      expectRejected(
        fargateRequest(platform(os)),
        'ClientException',
        `Fargate does not support operating system family '${os}' (runtimePlatform.operatingSystemFamily).`,
      );
    },
  );

  it('accepts ARM64 on Linux and rejects it on Windows', () => {
    expectAccepted(fargateRequest(platform('LINUX', 'ARM64')));
    expectRejected(
      fargateRequest(platform('WINDOWS_SERVER_2022_CORE', 'ARM64')),
      'ClientException',
      "runtimePlatform.cpuArchitecture ARM64 is not supported with operating system family 'WINDOWS_SERVER_2022_CORE'; Windows tasks run on X86_64.",
    );
  });

  it('rejects pidMode, ulimits and linuxParameters for Windows on Fargate', () => {
    const win = fargateRequest(platform('WINDOWS_SERVER_2019_CORE'));
    const message = (what: string) => `Tasks using the Fargate launch type with Windows containers do not support ${what}.`;
    expectRejected({ ...win, pidMode: 'task' }, 'ClientException', message('pidMode'));
    expectRejected(
      withContainer({ ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 4096 }] }, win),
      'ClientException',
      message('ulimits (containerDefinitions[0].ulimits)'),
    );
    expectRejected(
      withContainer({ linuxParameters: { initProcessEnabled: true } }, win),
      'ClientException',
      message('linuxParameters (containerDefinitions[0].linuxParameters)'),
    );
  });

  it('allows EC2-only Windows families outside Fargate', () => {
    expectAccepted(ec2Request({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL' } }));
  });

  it('rejects a lowercase architecture at decoding', () => {
    expectRejected(
      fargateRequest({ runtimePlatform: { cpuArchitecture: 'arm64' } }),
      'InvalidParameterException',
      "runtimePlatform.cpuArchitecture must be one of 'ARM64', 'X86_64', but was \"arm64\".",
    );
  });
});
