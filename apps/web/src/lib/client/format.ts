// How numbers, sizes and times are written on the pages.

/** A score with 2 decimals (or 4 significant digits for small values). */
export function formatScore(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return Math.abs(x) >= 1 || x === 0 ? x.toFixed(2) : x.toPrecision(3);
}

/** `mean ± half-width` of a confidence interval, e.g. `"487.20 ± 6.10"`. */
export function formatMeanCi(mean: number, ciLow: number, ciHigh: number): string {
  return `${formatScore(mean)} ± ${formatScore((ciHigh - ciLow) / 2)}`;
}

/** A byte count as B / KiB / MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** An ISO timestamp as a short UTC date and time (the same on server and client renders). */
export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** An ISO timestamp to the second in UTC, e.g. `2026-12-04 20:31:07 UTC`. */
export function formatTimeSeconds(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Seconds between two ISO timestamps as `12 s`, `3 min 05 s` or `1 h 02 min`; '' when either is missing. */
export function formatDuration(fromIso: string | null | undefined, toIso: string | null | undefined): string {
  if (!fromIso || !toIso) return '';
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Points with at most 2 decimals and no trailing zeros (`9.999999999999998` → `10`). */
export function formatPoints(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** `n` and the noun, plural unless n is 1: `1 team`, `3 teams`, `0 members`. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
