import { GLUE_FILENAME } from './glue-source';

/** Keeps only the student's frames of an isolate stack trace (drops the sandbox glue's frames). */
export function studentStack(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => !line.includes(GLUE_FILENAME) && !/^\s+at (?:new Promise|<anonymous>)\s*$/.test(line))
    .join('\n')
    .trim();
}
