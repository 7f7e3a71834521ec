/**
 * Seconds from `now` until the next midnight in `timeZone` (IANA), when a course's daily submission
 * limit resets; at least 1. A day with a DST change is off by the shift at most.
 */
export function secondsUntilLocalMidnight(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const elapsed = part('hour') * 3600 + part('minute') * 60 + part('second');
  return Math.max(1, 86_400 - elapsed);
}
