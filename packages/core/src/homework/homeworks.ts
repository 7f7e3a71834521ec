import { getCheck, UnknownHomeworkIdError } from './catalogue';

/** One check of a homework, with its weight and case counts. */
export interface HomeworkItem {
  /** Catalogue id of the check. */
  checkId: string;
  /** Points for this check in this homework (partial credit: fraction of cases passed × points). */
  points: number;
  /** Cases shown to the student with input, expected, got and tolerance (the first ones). */
  visible: number;
  /** Cases graded pass/fail only. */
  hidden: number;
}

/** A homework: an ordered list of checks. */
export interface Homework {
  /** Stable id (`hw1-returns`, …). */
  id: string;
  /** Human title. */
  title: string;
  /** The checks, in the order students see them. */
  items: readonly HomeworkItem[];
}

const item = (checkId: string, points?: number, visible = 3, hidden = 12): HomeworkItem => ({
  checkId,
  points: points ?? getCheck(checkId).points,
  visible,
  hidden,
});

const HOMEWORKS: readonly Homework[] = [
  {
    id: 'hw1-returns',
    title: 'Returns, TD targets and advantages',
    items: [
      item('discounted-return'),
      item('td-target'),
      item('a2c-advantage'),
      item('n-step-return'),
      item('gae'),
    ],
  },
  {
    id: 'hw2-policy-gradient',
    title: 'Off-policy gradients: importance sampling, KL and entropy',
    items: [
      item('importance-ratio'),
      item('trajectory-weight'),
      item('truncated-trajectory-weight'),
      item('categorical-entropy'),
      item('categorical-kl'),
      item('gaussian-kl'),
    ],
  },
  {
    id: 'hw3-ppo',
    title: 'Trust regions and PPO',
    items: [item('ppo-kl-penalty'), item('ppo-clip'), item('ppo-clip-kl-entropy')],
  },
];

/** The course's default homework set. */
export function listHomeworks(): readonly Homework[] {
  return HOMEWORKS;
}

/** The homework with this id; throws {@link UnknownHomeworkIdError} listing the known ids otherwise. */
export function getHomework(id: string): Homework {
  const homework = HOMEWORKS.find((h) => h.id === id);
  if (homework === undefined) {
    throw new UnknownHomeworkIdError(
      'homework',
      id,
      HOMEWORKS.map((h) => h.id),
    );
  }
  return homework;
}

/** The function names a homework's module must export (for the runner's `requiredExports`). */
export function requiredExports(homework: Homework): string[] {
  return homework.items.map((i) => getCheck(i.checkId).functionName);
}
