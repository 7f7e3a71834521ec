import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DENIED_SYSCALLS, GRADER_UID } from '../src/python-sandbox-host';
import { CERTIFICATE_ARN, synth } from './synth';

// Python submissions run in bubblewrap, which Fargate cannot host (no CAP_SYS_ADMIN, no custom
// seccomp profile, and the default one refuses unshare/clone of user namespaces). By default the CPU
// graders therefore run on EC2 instances set up for it; `graderCapacity=fargate` keeps Fargate, without Python.

const ec2 = synth({ certificateArn: CERTIFICATE_ARN });
const fargate = synth({ certificateArn: CERTIFICATE_ARN, graderCapacity: 'fargate' });

function userDataOf(t: typeof ec2.template): string {
  const lts = Object.values(t.findResources('AWS::EC2::LaunchTemplate')) as {
    Properties: { LaunchTemplateData: { UserData?: { 'Fn::Base64': unknown } } };
  }[];
  return lts.map((lt) => JSON.stringify(lt.Properties.LaunchTemplateData.UserData ?? '')).join('\n');
}

describe('CPU graders on EC2 capacity for the Python sandbox (the default)', () => {
  it('run as an EC2 service on a capacity provider, unprivileged, as a non-root user, with the runtime path', () => {
    expect(ec2.stack.workers.host).toBeDefined();
    ec2.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['EC2'],
      NetworkMode: 'awsvpc',
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'worker',
          User: GRADER_UID,
          Privileged: false,
          Environment: Match.arrayWith([{ Name: 'CRITIC_PYTHON_DIR', Value: '/opt/critic/python' }]),
        }),
      ],
    });
    const workerTask = Object.values(ec2.template.findResources('AWS::ECS::TaskDefinition')).find((t) =>
      JSON.stringify(t).includes('"Name":"worker"'),
    ) as {
      Properties: { ContainerDefinitions: { LinuxParameters?: { Capabilities?: { Add?: string[] } } }[] };
    };
    expect(workerTask.Properties.ContainerDefinitions[0]!.LinuxParameters?.Capabilities?.Add ?? []).toEqual(
      [],
    );
    ec2.template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [Match.objectLike({ Weight: 1 })],
      DesiredCount: 0,
    });
    ec2.template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '0',
      MaxSize: '20',
    });
  });

  it("set Docker's seccomp profile to allow bubblewrap's namespaces and keep the dangerous calls denied", () => {
    const userData = userDataOf(ec2.template);
    expect(userData).toContain('user.max_user_namespaces = 15000');
    expect(userData).toContain('/etc/docker/critic-seccomp.json');
    expect(userData).toContain('seccomp-profile');
    expect(userData).toContain('systemctl restart docker');
    for (const call of [
      'bpf',
      'kexec_load',
      'init_module',
      'ptrace',
      'keyctl',
      'userfaultfd',
      'perf_event_open',
    ]) {
      expect(DENIED_SYSCALLS).toContain(call);
      expect(userData).toContain(call);
    }
    for (const needed of ['unshare', 'clone', 'mount', 'umount2', 'pivot_root', 'setns']) {
      expect(DENIED_SYSCALLS as readonly string[]).not.toContain(needed);
    }
  });

  it('instances take no ingress and require IMDSv2', () => {
    ec2.template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Critic grader instances for the Python sandbox (no ingress)',
      SecurityGroupIngress: Match.absent(),
    });
    ec2.template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ MetadataOptions: Match.objectLike({ HttpTokens: 'required' }) }),
    });
  });
});

describe('graderCapacity=fargate', () => {
  it('keeps the Fargate workers and no EC2 instances (no Python grading)', () => {
    expect(fargate.stack.workers.host).toBeUndefined();
    fargate.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['FARGATE'],
      ContainerDefinitions: [Match.objectLike({ Name: 'worker' })],
    });
    expect(Object.keys(fargate.template.findResources('AWS::AutoScaling::AutoScalingGroup'))).toHaveLength(0);
  });

  it('refuses an unknown capacity', () => {
    expect(() => synth({ certificateArn: CERTIFICATE_ARN, graderCapacity: 'lambda' })).toThrow(
      /invalid context "graderCapacity": expected ec2 or fargate, found "lambda"/,
    );
  });
});
