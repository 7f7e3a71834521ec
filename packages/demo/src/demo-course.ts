/** A demo account: who it is and the course role it gets. */
export interface DemoAccount {
  email: string;
  name: string;
  role: 'instructor' | 'ta' | 'student';
}

/** The demo course's people: an instructor, a TA and two students (who form one team). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'instructor@demo.critic', name: 'Ada Instructor', role: 'instructor' },
  { email: 'ta@demo.critic', name: 'Theo Assistant', role: 'ta' },
  { email: 'student1@demo.critic', name: 'Sam Student', role: 'student' },
  { email: 'student2@demo.critic', name: 'Kim Student', role: 'student' },
];

/** The demo course. */
export const DEMO_COURSE = { slug: 'rl-demo', title: 'Reinforcement Learning (demo)' } as const;

/** The team the two students share. */
export const DEMO_TEAM = 'Demo Team';

const DAY = 86_400_000;

/** The demo assignments (POST /api/courses/:id/assignments bodies), open from yesterday for two weeks. */
export function demoAssignments(now: Date): { slug: string; body: Record<string, unknown> }[] {
  const opensAt = new Date(now.getTime() - DAY).toISOString();
  const dueAt = new Date(now.getTime() + 14 * DAY).toISOString();
  return [
    {
      slug: 'cartpole',
      body: {
        slug: 'cartpole',
        title: 'CartPole-v1',
        kind: 'agent',
        envId: 'CartPole-v1',
        publicEpisodes: 10,
        privateEpisodes: 20,
        opensAt,
        dueAt,
      },
    },
    {
      slug: 'hw1-returns',
      body: {
        slug: 'hw1-returns',
        title: 'Homework 1: returns, TD targets and advantages',
        kind: 'checks',
        homework: 'hw1-returns',
        opensAt,
        dueAt,
      },
    },
  ];
}

/** Baselines put on the CartPole board: a random agent and a PPO agent trained for this many steps. */
export const DEMO_BASELINES = { kinds: ['random', 'ppo'] as const, budgetSteps: 30_000, seed: 1 };
