/**
 * Deployment settings, read from CDK context (`cdk deploy -c key=value` or `cdk.json`).
 * Every value has a default so `cdk synth` works offline with no context at all; a value that is set
 * but malformed is refused with an error naming the key, what was expected and what was found.
 */
export interface InfraConfig {
  /** AWS account to deploy to; undefined → environment-agnostic stack (CDK_DEFAULT_ACCOUNT at deploy). */
  account: string | undefined;
  /** AWS region to deploy to. */
  region: string;
  /** Prefix of resource names and the stack name. */
  stackName: string;
  /** ECR repository holding the web app image (name, in the deploy account and region). */
  webRepository: string;
  /** ECR repository holding the grader image (worker, HTTP push mode and migrations). */
  graderRepository: string;
  /** Image tag deployed for both repositories (a git SHA in CI). */
  imageTag: string;
  /** ACM certificate ARN for the HTTPS listener; undefined → HTTP only, with a synth warning. */
  certificateArn: string | undefined;
  /** NAT gateways (1 is cheapest; one per AZ survives an AZ outage). */
  natGateways: number;
  /** Aurora Serverless v2 minimum capacity in ACU (0.5 keeps it warm; 0 lets it pause when idle). */
  dbMinAcu: number;
  /** Aurora Serverless v2 maximum capacity in ACU. */
  dbMaxAcu: number;
  /** Web tasks kept running (the web app never scales to zero: it serves the UI). */
  webTasks: number;
  /** vCPU units (1024 = 1 vCPU) of one grader worker task. */
  workerCpu: number;
  /** Memory (MiB) of one grader worker task. */
  workerMemoryMiB: number;
  /** CPU grader worker tasks kept running when the queue is empty (0 = scale to zero). */
  minWorkers: number;
  /** Upper bound on CPU grader worker tasks. */
  maxWorkers: number;
  /** Jobs one worker task grades at once (CRITIC_GRADER_CONCURRENCY); 1 suits a 1-vCPU task. */
  workerConcurrency: number;
  /** Outstanding jobs (queued + running) one worker is expected to drain; sets the scaling steps. */
  jobsPerWorker: number;
  /** Name of the CPU job queue (the `queue` column of `jobs`). */
  cpuQueue: string;
  /**
   * Where CPU graders run: `ec2` (default) — instances whose seccomp profile admits bubblewrap, so
   * Python submissions are graded; `fargate` — no EC2 to manage, but no Python (bubblewrap cannot
   * create namespaces on Fargate).
   */
  graderCapacity: 'ec2' | 'fargate';
  /** EC2 instance type of the `ec2` grader capacity. */
  workerInstanceType: string;
  /** EC2 instance type of the GPU worker variant; undefined → no GPU variant. */
  gpuInstanceType: string | undefined;
  /** Name of the GPU job queue. */
  gpuQueue: string;
  /** Upper bound on GPU instances (one GPU worker task each). */
  maxGpuWorkers: number;
  /** Deploy the push mode: SQS → dispatcher Lambda → grader `POST /jobs/:id`. */
  pushMode: boolean;
  /** Grader HTTP tasks serving push mode. */
  pushTasks: number;
  /** Days CloudWatch keeps logs. */
  logRetentionDays: number;
  /** E-mail subscribed to the alarm topic; undefined → topic without subscribers. */
  alarmEmail: string | undefined;
  /** Oldest queued job age (seconds) that raises the queue-age alarm. */
  queueAgeAlarmSeconds: number;
  /** Path the ALB health check requests from the web app (answered 200–399 when healthy). */
  webHealthPath: string;
  /** Public origin of the site (`https://rl.example.edu`); undefined → the load balancer's DNS name. */
  webOrigin: string | undefined;
  /** Command of the web container (runs after DATABASE_URL is composed). */
  webCommand: string;
  /** Command of the polling grader worker. */
  workerCommand: string;
  /** Command of the grader HTTP server (push mode). */
  graderHttpCommand: string;
  /** Command of the one-off migration task. */
  migrateCommand: string;
}

/** Reads one context value (node.tryGetContext); values from `-c` arrive as strings. */
export type ContextReader = (key: string) => unknown;

/** Log retention periods CloudWatch accepts (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653];

export class InfraConfigError extends Error {
  constructor(key: string, expected: string, found: unknown) {
    super(`invalid context "${key}": expected ${expected}, found ${JSON.stringify(found)}`);
    this.name = 'InfraConfigError';
  }
}

function str(
  read: ContextReader,
  key: string,
  fallback: string,
  pattern?: RegExp,
  expected?: string,
): string {
  const raw = read(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (typeof raw !== 'string') throw new InfraConfigError(key, expected ?? 'a string', raw);
  if (pattern !== undefined && !pattern.test(raw))
    throw new InfraConfigError(key, expected ?? String(pattern), raw);
  return raw;
}

function graderCapacity(read: ContextReader): 'ec2' | 'fargate' {
  const raw = read('graderCapacity');
  if (raw === undefined || raw === null || raw === '') return 'ec2';
  if (raw !== 'ec2' && raw !== 'fargate') throw new InfraConfigError('graderCapacity', 'ec2 or fargate', raw);
  return raw;
}

function optStr(read: ContextReader, key: string, pattern: RegExp, expected: string): string | undefined {
  const raw = read(key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string' || !pattern.test(raw)) throw new InfraConfigError(key, expected, raw);
  return raw;
}

function num(
  read: ContextReader,
  key: string,
  fallback: number,
  min: number,
  max: number,
  integer = true,
): number {
  const raw = read(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  const kind = integer ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new InfraConfigError(key, `${kind} in [${min}, ${max}]`, raw);
  }
  return value;
}

function bool(read: ContextReader, key: string, fallback: boolean): boolean {
  const raw = read(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new InfraConfigError(key, 'true or false', raw);
}

const NAME = /^[a-z0-9][a-z0-9._/-]{0,255}$/;
/** The grader's own rule for queue names (CRITIC_GRADER_QUEUE). */
const QUEUE = /^[a-z][a-z0-9_.-]{0,62}$/;

/** Validates the context into an {@link InfraConfig}; `env` supplies CDK_DEFAULT_ACCOUNT/REGION fallbacks. */
export function readInfraConfig(
  read: ContextReader,
  env: Record<string, string | undefined> = {},
): InfraConfig {
  const dbMinAcu = num(read, 'dbMinAcu', 0.5, 0, 256, false);
  const dbMaxAcu = num(read, 'dbMaxAcu', 8, 1, 256, false);
  if (dbMaxAcu < dbMinAcu)
    throw new InfraConfigError('dbMaxAcu', `a number >= dbMinAcu (${dbMinAcu})`, dbMaxAcu);
  if (!Number.isInteger(dbMinAcu * 2)) throw new InfraConfigError('dbMinAcu', 'a multiple of 0.5', dbMinAcu);
  const logRetentionDays = num(read, 'logRetentionDays', 30, 1, 3653);
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw new InfraConfigError(
      'logRetentionDays',
      `one of ${LOG_RETENTION_DAYS.join(', ')}`,
      logRetentionDays,
    );
  }
  const maxWorkers = num(read, 'maxWorkers', 20, 1, 500);
  const minWorkers = num(read, 'minWorkers', 0, 0, 500);
  if (minWorkers > maxWorkers) {
    throw new InfraConfigError('minWorkers', `an integer <= maxWorkers (${maxWorkers})`, minWorkers);
  }
  const cpuQueue = str(read, 'cpuQueue', 'grade', QUEUE, 'a queue name [a-z][a-z0-9_.-]{0,62}');
  const gpuQueue = str(read, 'gpuQueue', 'grade-gpu', QUEUE, 'a queue name [a-z][a-z0-9_.-]{0,62}');
  if (gpuQueue === cpuQueue) throw new InfraConfigError('gpuQueue', `a name other than cpuQueue`, gpuQueue);
  return {
    account: optStr(read, 'account', /^\d{12}$/, 'a 12-digit AWS account id') ?? env.CDK_DEFAULT_ACCOUNT,
    region: str(read, 'region', env.CDK_DEFAULT_REGION ?? 'us-east-1', /^[a-z]{2}(-[a-z]+)+-\d$/, 'a region'),
    stackName: str(
      read,
      'stackName',
      'Critic',
      /^[A-Za-z][A-Za-z0-9-]{0,63}$/,
      'a CloudFormation stack name',
    ),
    webRepository: str(read, 'webRepository', 'critic-web', NAME, 'an ECR repository name'),
    graderRepository: str(read, 'graderRepository', 'critic-grader', NAME, 'an ECR repository name'),
    imageTag: str(read, 'imageTag', 'latest', /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a docker image tag'),
    certificateArn: optStr(
      read,
      'certificateArn',
      /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/,
      'an ACM certificate ARN',
    ),
    natGateways: num(read, 'natGateways', 1, 1, 3),
    dbMinAcu,
    dbMaxAcu,
    webTasks: num(read, 'webTasks', 1, 1, 50),
    workerCpu: num(read, 'workerCpu', 1024, 256, 16384),
    workerMemoryMiB: num(read, 'workerMemoryMiB', 2048, 512, 122880),
    minWorkers,
    maxWorkers,
    workerConcurrency: num(read, 'workerConcurrency', 1, 1, 64),
    jobsPerWorker: num(read, 'jobsPerWorker', 4, 1, 1000),
    cpuQueue,
    graderCapacity: graderCapacity(read),
    workerInstanceType:
      optStr(read, 'workerInstanceType', /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type') ??
      'c7i.large',
    gpuInstanceType: optStr(read, 'gpuInstanceType', /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type'),
    gpuQueue,
    maxGpuWorkers: num(read, 'maxGpuWorkers', 2, 1, 50),
    pushMode: bool(read, 'pushMode', false),
    pushTasks: num(read, 'pushTasks', 1, 1, 50),
    logRetentionDays,
    alarmEmail: optStr(read, 'alarmEmail', /^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address'),
    queueAgeAlarmSeconds: num(read, 'queueAgeAlarmSeconds', 600, 60, 86400),
    webHealthPath: str(
      read,
      'webHealthPath',
      '/api/health',
      /^\/[A-Za-z0-9._~/-]*$/,
      'a URL path starting with /',
    ),
    webOrigin: optStr(
      read,
      'webOrigin',
      /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
      'an origin such as https://rl.example.edu',
    ),
    webCommand: str(read, 'webCommand', 'npm run start -w @critic/web'),
    workerCommand: str(read, 'workerCommand', 'npm run start -w @critic/grader -- work'),
    graderHttpCommand: str(read, 'graderHttpCommand', 'npm run start -w @critic/grader -- serve'),
    migrateCommand: str(read, 'migrateCommand', 'npm run migrate -w @critic/db'),
  };
}
