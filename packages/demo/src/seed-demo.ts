import {
  createEmailVerification,
  type Database,
  enqueueBaselineJobs,
  getUserByEmail,
  isEmailVerified,
  verifyEmail,
} from '@critic/db';
import { ApiCallError, type ApiEndpoint, ApiSession } from './api-session';
import {
  DEMO_ACCOUNTS,
  DEMO_BASELINES,
  DEMO_COURSE,
  DEMO_TEAM,
  type DemoAccount,
  demoAssignments,
} from './demo-course';

/** What `seedDemoCourse` found or made. */
export interface DemoSeedResult {
  courseId: string;
  /** Assignment ids by slug (`cartpole`, `hw1-returns`). */
  assignments: Record<string, string>;
  /** What this run created (empty on a second run): `account instructor@demo.critic`, `course rl-demo`, … */
  created: string[];
}

/** Options of `seedDemoCourse`. */
export interface DemoSeedOptions {
  /** Password of every demo account. */
  password: string;
  /** Assignment dates are relative to it; default now. */
  now?: Date;
  /** Training budget of the PPO baseline; default DEMO_BASELINES.budgetSteps. */
  baselineBudgetSteps?: number;
}

interface UserBody {
  user: { id: string; email: string };
}
interface MeBody {
  user: { id: string };
  courses: { id: string; slug: string; role: string; team: { id: string; name: string } | null }[];
}

/**
 * Signs the account up when it does not exist yet, confirms its address directly in the database (as
 * opening the mailed link would; the demo's addresses receive no mail, and its roster seat is granted
 * then), and signs in; returns its session and user id.
 */
async function signIn(
  endpoint: ApiEndpoint,
  db: Database,
  account: DemoAccount,
  password: string,
  created: string[],
) {
  const session = new ApiSession(endpoint, account.email);
  let user = await getUserByEmail(db, account.email);
  if (user === undefined) {
    // Answered 202 whether or not the address has an account (nothing about accounts is revealed).
    await session.call(
      'POST',
      '/auth/signup',
      { json: { email: account.email, name: account.name, password } },
      [202],
    );
    user = await getUserByEmail(db, account.email);
    if (user === undefined) throw new Error(`signing up ${account.email} created no account`);
    created.push(`account ${account.email}`);
  }
  if (!(await isEmailVerified(db, user.id))) {
    const now = new Date();
    const { token } = await createEmailVerification(db, { userId: user.id, ttlMs: 60_000, now });
    await verifyEmail(db, { token, now });
  }
  try {
    const inn = await session.call<UserBody>('POST', '/auth/signin', {
      json: { email: account.email, password },
    });
    return { session, userId: inn.body.user.id };
  } catch (e) {
    if (e instanceof ApiCallError && e.status === 401) {
      throw new Error(
        `demo account ${account.email} exists with another password than the saved demo password; ` +
          'delete the demo password file and the database under .data/ to start afresh',
      );
    }
    throw e;
  }
}

const courseOf = async (session: ApiSession, slug: string) =>
  (await session.call<MeBody>('GET', '/me')).body.courses.find((c) => c.slug === slug);

/**
 * Seeds the demo course through the REST API, idempotently (a second run finds everything and creates
 * nothing): the accounts, the course, its roster (TA and students), the students' team, the CartPole
 * agent assignment and the hw1-returns homework; then enqueues the CartPole baselines (random and PPO)
 * directly in the database, each only once.
 */
export async function seedDemoCourse(
  endpoint: ApiEndpoint,
  db: Database,
  options: DemoSeedOptions,
): Promise<DemoSeedResult> {
  const created: string[] = [];
  const [instructorAccount, ...others] = DEMO_ACCOUNTS;
  const instructor = await signIn(endpoint, db, instructorAccount!, options.password, created);
  let course = await courseOf(instructor.session, DEMO_COURSE.slug);
  if (course === undefined) {
    const made = await instructor.session.call<{ id: string }>('POST', '/courses', { json: DEMO_COURSE });
    created.push(`course ${DEMO_COURSE.slug}`);
    course = { id: made.body.id, slug: DEMO_COURSE.slug, role: 'instructor', team: null };
  }
  const courseId = course.id;
  const roster = ['email,name,role', ...others.map((a) => `${a.email},${a.name},${a.role}`)].join('\n');
  const imported = await instructor.session.call<{ enrolled: number; invited: number }>(
    'POST',
    `/courses/${courseId}/roster`,
    { csv: `${roster}\n` },
  );
  if (imported.body.enrolled + imported.body.invited > 0) created.push(`roster of ${DEMO_COURSE.slug}`);

  // A student already in the demo team tells the others its invite code (staff do not see codes).
  let teamHolder: ApiSession | undefined;
  for (const account of others) {
    const { session } = await signIn(endpoint, db, account, options.password, created);
    if (account.role !== 'student') continue;
    const mine = await courseOf(session, DEMO_COURSE.slug);
    if (mine === undefined) {
      throw new Error(`${account.email} is not enrolled in ${DEMO_COURSE.slug} after the roster import`);
    }
    if (mine.team !== null) {
      if (mine.team.name === DEMO_TEAM) teamHolder ??= session;
      continue;
    }
    if (teamHolder === undefined) {
      await session.call('POST', `/courses/${courseId}/teams`, { json: { name: DEMO_TEAM } });
      created.push(`team ${DEMO_TEAM}`);
      teamHolder = session;
      continue;
    }
    const teams = await teamHolder.call<{ name: string; inviteCode: string }[]>(
      'GET',
      `/courses/${courseId}/teams`,
    );
    const code = teams.body.find((t) => t.name === DEMO_TEAM)?.inviteCode;
    if (code === undefined) throw new Error(`${teamHolder.label} sees no invite code of ${DEMO_TEAM}`);
    await session.call('POST', `/courses/${courseId}/teams/join`, { json: { code } });
    created.push(`${account.email} joined ${DEMO_TEAM}`);
  }

  const existing = await instructor.session.call<{ id: string; slug: string }[]>(
    'GET',
    `/courses/${courseId}/assignments`,
  );
  const assignments: Record<string, string> = Object.fromEntries(existing.body.map((a) => [a.slug, a.id]));
  for (const a of demoAssignments(options.now ?? new Date())) {
    if (assignments[a.slug] !== undefined) continue;
    const made = await instructor.session.call<{ id: string }>('POST', `/courses/${courseId}/assignments`, {
      json: a.body,
    });
    assignments[a.slug] = made.body.id;
    created.push(`assignment ${a.slug}`);
  }
  const jobs = await enqueueBaselineJobs(db, assignments.cartpole!, {
    requestedBy: instructor.userId,
    kinds: [...DEMO_BASELINES.kinds],
    budgetSteps: options.baselineBudgetSteps ?? DEMO_BASELINES.budgetSteps,
    seed: DEMO_BASELINES.seed,
    onlyMissing: true,
  });
  for (const j of jobs) created.push(`baseline job ${j.payload.kind}`);
  return { courseId, assignments, created };
}
