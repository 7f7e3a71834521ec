import { ProgressBar } from '../progress-bar';

/** `12.3 kB`-style size (SI units, as browsers and curl show uploads). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** The upload's progress line on stderr: redrawn in place on a terminal, else at start and end only. */
export function uploadProgress(label: string, write: (text: string) => void, isTTY: boolean): ProgressBar {
  return new ProgressBar(0, write, isTTY, {
    bar: false,
    offTerminal: 'ends',
    text: ({ done, total }) => {
      const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
      return `uploading ${label}: ${formatBytes(done)} of ${formatBytes(total)} (${pct}%)`;
    },
  });
}
