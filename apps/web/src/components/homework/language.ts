/** The languages a homework can be written in, in the order the picker offers them. */
export const HOMEWORK_LANGUAGES = [
  { id: 'python', label: 'Python' },
  { id: 'js', label: 'JS/TS' },
] as const;

/** A homework language id. */
export type HomeworkLanguage = (typeof HOMEWORK_LANGUAGES)[number]['id'];

/** Where the browser remembers the student's choice. */
export const LANGUAGE_STORAGE_KEY = 'critic.homework.language';

/** A stored value as a language; Python (the course's language) for anything else. */
export function parseLanguage(value: string | null | undefined): HomeworkLanguage {
  return value === 'js' ? 'js' : 'python';
}
