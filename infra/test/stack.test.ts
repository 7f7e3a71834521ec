import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import type { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { actionsOf, CERTIFICATE_ARN, synth } from './synth';

// Synthesized once per module (each synth takes seconds): the full deployment (HTTPS, GPU, push mode)
// and the bare one (no context at all, as `cdk synth` in CI runs it).
const full = synth({ certificateArn: CERTIFICATE_ARN, gpuInstanceType: 'g4dn.xlarge', pushMode: 'true' });
const bare = synth({});

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

function logicalId(construct: Construct): string {
  return full.stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

function resources(type: string): Record<string, Resource> {
  return full.template.findResources(type) as Record<string, Resource>;
}

/** Every statement of every AWS::IAM::Policy attached to the role `roleId`. */
function statementsOfRole(roleId: string): Statement[] {
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((p) =>
      (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
    )
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** Role logical id behind a task definition's `TaskRoleArn` / `ExecutionRoleArn`. */
function roleOfTask(taskId: string, key: 'TaskRoleArn' | 'ExecutionRoleArn'): string {
  const task = resources('AWS::ECS::TaskDefinition')[taskId];
  if (task === undefined) throw new Error(`no task definition ${taskId}`);
  const arn = task.Properties[key] as { 'Fn::GetAtt': [string, string] };
  return arn['Fn::GetAtt'][0];
}

describe('offline synthesis', () => {
  it('needs no context lookups (no VPC, AMI or hosted-zone queries to AWS)', () => {
    for (const { app } of [full, bare]) expect(app.synth().manifest.missing ?? []).toEqual([]);
  });
});

describe('artifact bucket', () => {
  it('blocks all public access, is encrypted, versioned and TLS-only', () => {
    full.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    full.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('expires noncurrent versions and aborts stale multipart uploads', () => {
    full.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            AbortIncompleteMultipartUpload: {},
          }),
        ]),
      },
    });
  });
});

describe('database', () => {
  const dbSg = logicalId(full.stack.database.securityGroup);

  it('is not publicly accessible and is encrypted', () => {
    const instances = Object.values(resources('AWS::RDS::DBInstance'));
    expect(instances.length).toBeGreaterThan(0);
    for (const instance of instances) expect(instance.Properties.PubliclyAccessible).toBe(false);
    full.template.hasResourceProperties('AWS::RDS::DBCluster', {
      StorageEncrypted: true,
      EnableHttpEndpoint: true,
    });
  });

  it('lives only in isolated subnets (no route to the internet)', () => {
    const [group] = Object.values(resources('AWS::RDS::DBSubnetGroup'));
    if (group === undefined) throw new Error('no DB subnet group');
    const subnetIds = (group.Properties.SubnetIds as { Ref: string }[]).map((s) => s.Ref);
    const subnets = resources('AWS::EC2::Subnet');
    expect(subnetIds.length).toBe(2);
    for (const id of subnetIds) {
      const tags = subnets[id]?.Properties.Tags as { Key: string; Value: string }[];
      expect(tags).toContainEqual({ Key: 'aws-cdk:subnet-type', Value: 'Isolated' });
    }
    const routes = Object.values(resources('AWS::EC2::Route'));
    const routeTables = new Set(
      Object.values(resources('AWS::EC2::SubnetRouteTableAssociation'))
        .filter((a) => subnetIds.includes((a.Properties.SubnetId as { Ref: string }).Ref))
        .map((a) => JSON.stringify(a.Properties.RouteTableId)),
    );
    for (const route of routes)
      expect(routeTables.has(JSON.stringify(route.Properties.RouteTableId))).toBe(false);
  });

  it('accepts connections only from security groups, and from every app service', () => {
    const sg = resources('AWS::EC2::SecurityGroup')[dbSg];
    expect(sg?.Properties.SecurityGroupIngress).toBeUndefined();
    const ingress = Object.values(resources('AWS::EC2::SecurityGroupIngress')).filter(
      (r) => JSON.stringify(r.Properties.GroupId) === JSON.stringify({ 'Fn::GetAtt': [dbSg, 'GroupId'] }),
    );
    for (const rule of ingress) {
      expect(rule.Properties.CidrIp).toBeUndefined();
      expect(rule.Properties.CidrIpv6).toBeUndefined();
      expect(rule.Properties.SourceSecurityGroupId).toBeDefined();
    }
    const sources = ingress.map((r) => JSON.stringify(r.Properties.SourceSecurityGroupId));
    for (const service of [full.stack.web.service, full.stack.workers.service]) {
      const serviceSg = service.connections.securityGroups[0]!;
      expect(sources).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalId(serviceSg), 'GroupId'] }));
    }
  });

  it('rotates the master and every service secret', () => {
    const schedules = Object.values(resources('AWS::SecretsManager::RotationSchedule'));
    expect(schedules.length).toBe(4);
    for (const s of schedules)
      expect(s.Properties.RotationRules).toMatchObject({ ScheduleExpression: 'rate(30 days)' });
  });
});

describe('grader worker permissions', () => {
  const workerTask = logicalId(full.stack.workers.taskDefinition);
  const taskRole = roleOfTask(workerTask, 'TaskRoleArn');
  const executionRole = roleOfTask(workerTask, 'ExecutionRoleArn');
  const graderSecret = JSON.stringify(full.stack.resolve(full.stack.database.roleSecrets.grader.secretArn));
  const otherSecrets = [
    full.stack.database.cluster.secret!.secretArn,
    full.stack.database.roleSecrets.web.secretArn,
    full.stack.database.roleSecrets.metrics.secretArn,
    full.stack.push!.sharedSecret.secretArn,
  ].map((arn) => JSON.stringify(full.stack.resolve(arn)));

  it('task role may only read artifact objects and protect its own cluster’s tasks from scale-in', () => {
    const statements = statementsOfRole(taskRole);
    expect(statements.flatMap(actionsOf)).toEqual(['s3:GetObject', 'ecs:UpdateTaskProtection']);
    expect(JSON.stringify(statements[0]?.Resource)).toContain(logicalId(full.stack.artifacts.bucket));
    // Task protection on tasks of the grader's own cluster only (arn:…:task/<cluster>/*), never `*`.
    const protection = JSON.stringify(statements[1]?.Resource);
    expect(protection).toContain(':task/');
    expect(protection).toContain(full.stack.getLogicalId(full.stack.cluster.node.defaultChild as CfnElement));
    expect(protection).not.toBe('"*"');
  });

  it('every grader variant (CPU, GPU, HTTP push) may protect its task from scale-in while it runs a job', () => {
    const graderTasks = Object.entries(resources('AWS::ECS::TaskDefinition'))
      .filter(([, t]) =>
        (t.Properties.ContainerDefinitions as { Name: string }[]).some((c) =>
          ['worker', 'grader-http'].includes(c.Name),
        ),
      )
      .map(([id]) => id);
    expect(graderTasks.length).toBe(3);
    for (const task of graderTasks) {
      expect(statementsOfRole(roleOfTask(task, 'TaskRoleArn')).flatMap(actionsOf)).toContain(
        'ecs:UpdateTaskProtection',
      );
    }
  });

  it('no worker role can write the bucket or use wildcards', () => {
    for (const role of [taskRole, executionRole]) {
      for (const action of statementsOfRole(role).flatMap(actionsOf)) {
        expect(action).not.toMatch(/^s3:(Put|Delete|\*)|^\*$/);
      }
    }
  });

  it('reads only its own database secret', () => {
    const secretStatements = [taskRole, executionRole]
      .flatMap(statementsOfRole)
      .filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    expect(secretStatements.length).toBeGreaterThan(0);
    for (const s of secretStatements) {
      const resource = JSON.stringify(s.Resource);
      expect(resource).toBe(graderSecret);
      for (const other of otherSecrets) expect(resource).not.toContain(other);
    }
  });

  it('the web app may write artifacts', () => {
    const webRole = logicalId(full.stack.web.taskRole);
    expect(statementsOfRole(webRole).flatMap(actionsOf)).toContain('s3:PutObject');
  });
});

describe('scaling', () => {
  it('worker services scale between 0 and their maximum on the workers needed', () => {
    const targets = Object.values(resources('AWS::ApplicationAutoScaling::ScalableTarget'));
    expect(targets.length).toBe(2); // CPU and GPU workers
    for (const t of targets) expect(t.Properties.MinCapacity).toBe(0);
    expect(targets.map((t) => t.Properties.MaxCapacity).sort()).toEqual([2, 20]);
    full.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: Match.objectLike({ AdjustmentType: 'ExactCapacity' }),
    });
    full.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'CEIL(running / 1) + CEIL(queued / 4)' }),
        Match.objectLike({
          Id: 'running',
          MetricStat: Match.objectLike({
            Metric: {
              Namespace: 'Critic/Queue',
              MetricName: 'RunningJobs',
              Dimensions: [{ Name: 'Queue', Value: 'grade' }],
            },
          }),
        }),
      ]),
    });
  });

  it('scaling alarms share a half-integer threshold, so a whole number of jobs never trips both', () => {
    const scaling = Object.entries(resources('AWS::CloudWatch::Alarm')).filter(([, a]) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes('CEIL(queued'),
    );
    expect(scaling.length).toBe(4); // lower + upper, CPU and GPU
    for (const [, a] of scaling) expect(Number.isInteger(a.Properties.Threshold)).toBe(false);
  });

  it('publishes the queue metrics every minute from a Lambda', () => {
    full.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
    full.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ QUEUES: 'grade,grade-gpu', NAMESPACE: 'Critic/Queue' }),
      },
    });
  });
});

describe('alarms', () => {
  const alarms = Object.values(resources('AWS::CloudWatch::Alarm'));
  const topic = logicalId(full.stack.alarms.topic);

  it('watch queue age, failure rate, dead jobs, push dead letters and ALB 5xx, and notify the topic', () => {
    const described = alarms.map((a) => String(a.Properties.AlarmDescription ?? ''));
    for (const pattern of [
      /Oldest claimable job/,
      /jobs in "grade" died/,
      /exhausted their attempts/,
      /Push-mode/,
      /5xx/,
    ]) {
      expect(described.some((d) => pattern.test(d))).toBe(true);
    }
    const ours = new Set(full.stack.alarms.alarms.map((a) => logicalId(a)));
    const paging = Object.entries(resources('AWS::CloudWatch::Alarm'))
      .filter(([id]) => ours.has(id))
      .map(([, a]) => a);
    // 3 per queue (CPU, GPU) + push dead letters + ALB 5xx + metrics publisher errors
    expect(paging.length).toBe(9);
    for (const a of paging) expect(a.Properties.AlarmActions).toEqual([{ Ref: topic }]);
  });

  it('compute the failure rate as dead / (done + dead)', () => {
    full.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF((done + dead) >= 5, dead / (done + dead), 0)' }),
      ]),
    });
  });

  it('every log group has a retention', () => {
    const groups = Object.values(resources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThan(5);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });
});

describe('deploy ordering', () => {
  it('services start only after migrations and role grants', () => {
    const [rolesId] = Object.keys(resources('Custom::CriticDbRoles'));
    const [migrationId] = Object.keys(resources('Custom::CriticMigration'));
    expect(full.template.findResources('Custom::CriticDbRoles')[rolesId!]?.DependsOn).toContain(migrationId);
    for (const service of [
      full.stack.web.service,
      full.stack.workers.service,
      full.stack.gpuWorkers!.service,
    ]) {
      const deps = (resources('AWS::ECS::Service')[logicalId(service)]?.DependsOn ?? []) as string[];
      expect(deps).toContain(rolesId);
    }
  });
});

describe('web', () => {
  it('serves HTTPS with the certificate from context and redirects HTTP', () => {
    full.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: CERTIFICATE_ARN }],
    });
    full.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [
        Match.objectLike({ Type: 'redirect', RedirectConfig: Match.objectLike({ Port: '443' }) }),
      ],
    });
  });

  it('checks health on /api/health and tells the app its public origin for CSRF checks', () => {
    full.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/api/health',
    });
    const webContainer = Match.objectLike({
      Name: 'web',
      Environment: Match.arrayWith([
        Match.objectLike({
          Name: 'CRITIC_WEB_ORIGIN',
          Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        }),
      ]),
    });
    full.template.hasResourceProperties('AWS::ECS::TaskDefinition', { ContainerDefinitions: [webContainer] });
  });

  it('trusts exactly one proxy hop (the load balancer) for client addresses; the push-mode grader listens beyond loopback', () => {
    full.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'web',
          Environment: Match.arrayWith([{ Name: 'CRITIC_TRUSTED_PROXY_HOPS', Value: '1' }]),
        }),
      ],
    });
    full.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Environment: Match.arrayWith([{ Name: 'CRITIC_GRADER_HOST', Value: '0.0.0.0' }]),
        }),
      ],
    });
  });

  it('without a certificate, falls back to HTTP and warns', () => {
    bare.template.resourcePropertiesCountIs(
      'AWS::ElasticLoadBalancingV2::Listener',
      { Protocol: 'HTTPS' },
      0,
    );
    Annotations.fromStack(bare.stack).hasWarning('*', Match.stringLikeRegexp('No certificateArn'));
  });
});

describe('optional variants', () => {
  it('the GPU variant appears only when gpuInstanceType is set', () => {
    full.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ ResourceRequirements: [{ Type: 'GPU', Value: '1' }] })],
    });
    // The GPU task runs Python agents' models on CUDA (the sandbox sees the NVIDIA devices).
    full.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          ResourceRequirements: [{ Type: 'GPU', Value: '1' }],
          Environment: Match.arrayWith([
            { Name: 'CRITIC_PYTHON_GPU', Value: '1' },
            { Name: 'CRITIC_PYTHON_VARIANT', Value: 'cuda' },
          ]),
        }),
      ],
    });
    full.template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ InstanceType: 'g4dn.xlarge' }),
    });
    // One capacity provider for the CPU graders' EC2 hosts (the Python sandbox), one more for GPUs.
    full.template.resourceCountIs('AWS::ECS::CapacityProvider', 2);
    bare.template.resourceCountIs('AWS::ECS::CapacityProvider', 1);
    bare.template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
    bare.template.resourcePropertiesCountIs(
      'AWS::ECS::TaskDefinition',
      { ContainerDefinitions: [Match.objectLike({ ResourceRequirements: Match.anyValue() })] },
      0,
    );
    expect(bare.stack.gpuWorkers).toBeUndefined();
  });

  it('push mode wires SQS to the dispatcher, lets the web app enqueue, and dead-letters after 3 tries', () => {
    const push = full.stack.push!;
    full.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(push.dispatcher) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(push.queue), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    full.template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() },
    });
    const webActions = statementsOfRole(logicalId(full.stack.web.taskRole)).flatMap(actionsOf);
    expect(webActions).toContain('sqs:SendMessage');
    bare.template.resourceCountIs('AWS::SQS::Queue', 0);
    bare.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
  });
});
