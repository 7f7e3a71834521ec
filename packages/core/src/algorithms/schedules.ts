/** Linear schedule: start + (end − start)·min(1, t/duration); `end` from t = duration on. */
export function linearSchedule(start: number, end: number, duration: number, t: number): number {
  if (duration <= 0) return end;
  return start + (end - start) * Math.min(1, t / duration);
}
