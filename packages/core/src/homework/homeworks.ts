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

/** Thrown for a homework definition that cannot be graded; names the field, what was expected and found. */
export class HomeworkDefinitionError extends Error {
  constructor(
    /** Path of the offending field (`items[2].hidden`). */
    readonly field: string,
    expected: string,
    found: string,
  ) {
    super(`homework definition: ${field}: expected ${expected}, found ${found}`);
    this.name = 'HomeworkDefinitionError';
  }
}

function found(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}

function countField(field: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new HomeworkDefinitionError(field, 'an integer ≥ 0', found(value));
  }
}

/** Checks a (custom) homework definition; throws {@link HomeworkDefinitionError} or an unknown-check error. */
export function validateHomework(homework: Homework): Homework {
  if (typeof homework?.id !== 'string' || homework.id.length === 0) {
    throw new HomeworkDefinitionError('id', 'a non-empty string', found(homework?.id));
  }
  if (!Array.isArray(homework.items) || homework.items.length === 0) {
    throw new HomeworkDefinitionError('items', 'a non-empty array of checks', found(homework.items));
  }
  const seen = new Set<string>();
  homework.items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (typeof item?.checkId !== 'string') {
      throw new HomeworkDefinitionError(`${at}.checkId`, 'a check id', found(item?.checkId));
    }
    getCheck(item.checkId);
    if (seen.has(item.checkId)) {
      throw new HomeworkDefinitionError(`${at}.checkId`, 'each check at most once', `${item.checkId} again`);
    }
    seen.add(item.checkId);
    if (typeof item.points !== 'number' || !Number.isFinite(item.points) || item.points < 0) {
      throw new HomeworkDefinitionError(`${at}.points`, 'a finite number ≥ 0', found(item.points));
    }
    countField(`${at}.visible`, item.visible);
    countField(`${at}.hidden`, item.hidden);
    if (item.visible + item.hidden === 0) {
      throw new HomeworkDefinitionError(`${at}`, 'at least one case (visible + hidden ≥ 1)', '0 cases');
    }
  });
  return homework;
}
