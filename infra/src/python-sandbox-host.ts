import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';

/**
 * Syscalls the grader container may not make: Docker's default denials, minus the ones bubblewrap
 * needs to build a sandbox in an unprivileged user namespace (clone/unshare with namespace flags,
 * mount, umount2, pivot_root, setns). Everything else is allowed, as in Docker's default profile.
 */
export const DENIED_SYSCALLS = [
  'acct',
  'add_key',
  'bpf',
  'clock_adjtime',
  'clock_settime',
  'create_module',
  'delete_module',
  'fanotify_init',
  'finit_module',
  'get_kernel_syms',
  'init_module',
  'ioperm',
  'iopl',
  'kcmp',
  'kexec_file_load',
  'kexec_load',
  'keyctl',
  'lookup_dcookie',
  'name_to_handle_at',
  'nfsservctl',
  'open_by_handle_at',
  'perf_event_open',
  'process_vm_readv',
  'process_vm_writev',
  'ptrace',
  'query_module',
  'quotactl',
  'reboot',
  'request_key',
  'settimeofday',
  'stime',
  'swapoff',
  'swapon',
  'sysfs',
  '_sysctl',
  'syslog',
  'uselib',
  'userfaultfd',
  'ustat',
  'vm86',
  'vm86old',
] as const;

/** The Docker seccomp profile of the Python-capable grader instances. */
export function graderSeccompProfile(): object {
  return {
    defaultAction: 'SCMP_ACT_ALLOW',
    architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
    syscalls: [{ names: [...DENIED_SYSCALLS], action: 'SCMP_ACT_ERRNO', errnoRet: 1 }],
  };
}

/** The uid the grader runs as on these instances: not root, so bubblewrap uses a user namespace. */
export const GRADER_UID = '1000:1000';

export interface PythonSandboxHostProps {
  cluster: ecs.Cluster;
  /** EC2 instance type of the grader hosts, e.g. c7i.large. */
  instanceType: string;
  maxInstances: number;
}

/**
 * EC2 capacity where the Python sandbox's guarantees hold. Fargate cannot host it: its tasks get
 * no CAP_SYS_ADMIN, no custom seccomp profile and containerd's default profile, which refuses the
 * unshare/clone(CLONE_NEWUSER…)/mount calls bubblewrap needs. These instances (ECS-optimized Amazon
 * Linux 2023, IMDSv2 only, no ingress) set Docker's default seccomp profile to `graderSeccompProfile`
 * and keep unprivileged user namespaces on; the grader container runs unprivileged as GRADER_UID,
 * with no added capabilities, and each submission gets its own user, pid, net, mount, ipc and uts
 * namespaces inside it. An Auto Scaling group at 0…maxInstances behind an ECS capacity provider.
 */
export class PythonSandboxHost extends Construct {
  readonly capacityProvider: ecs.AsgCapacityProvider;
  readonly autoScalingGroup: autoscaling.AutoScalingGroup;

  constructor(scope: Construct, id: string, props: PythonSandboxHostProps) {
    super(scope, id);
    const securityGroup = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc: props.cluster.vpc,
      description: 'Critic grader instances for the Python sandbox (no ingress)',
    });
    const userData = ec2.UserData.forLinux();
    const profile = JSON.stringify(graderSeccompProfile());
    userData.addCommands(
      'set -euo pipefail',
      // bubblewrap builds each sandbox in an unprivileged user namespace.
      'echo "user.max_user_namespaces = 15000" > /etc/sysctl.d/90-critic-userns.conf',
      'sysctl --system',
      'mkdir -p /etc/docker',
      `cat > /etc/docker/critic-seccomp.json <<'PROFILE'\n${profile}\nPROFILE`,
      `python3 -c 'import json,os; p="/etc/docker/daemon.json"; d=json.load(open(p)) if os.path.exists(p) else {}; d["seccomp-profile"]="/etc/docker/critic-seccomp.json"; json.dump(d,open(p,"w"))'`,
      'systemctl restart docker',
    );
    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Instances', {
      vpc: props.cluster.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      instanceType: new ec2.InstanceType(props.instanceType),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(ecs.AmiHardwareType.STANDARD),
      userData,
      minCapacity: 0,
      maxCapacity: props.maxInstances,
      securityGroup,
      requireImdsv2: true,
      newInstancesProtectedFromScaleIn: false,
    });
    this.capacityProvider = new ecs.AsgCapacityProvider(this, 'CapacityProvider', {
      autoScalingGroup: this.autoScalingGroup,
      enableManagedScaling: true,
      enableManagedTerminationProtection: false,
      targetCapacityPercent: 100,
    });
    props.cluster.addAsgCapacityProvider(this.capacityProvider);
  }
}
