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
export class UploadProgress {
  private shownEnd = false;
  private shownStart = false;

  constructor(
    private readonly label: string,
    private readonly write: (text: string) => void,
    private readonly isTTY: boolean,
  ) {}

  /** Shows `sent` of `total` bytes. */
  update(sent: number, total: number): void {
    const pct = total > 0 ? Math.floor((100 * sent) / total) : 100;
    const line = `uploading ${this.label}: ${formatBytes(sent)} of ${formatBytes(total)} (${pct}%)`;
    if (this.isTTY) {
      this.write(`\r${line}\u001b[K${sent >= total ? '\n' : ''}`);
      return;
    }
    if (sent >= total && !this.shownEnd) {
      this.shownEnd = true;
      this.write(`${line}\n`);
    } else if (!this.shownStart && sent < total) {
      this.shownStart = true;
      this.write(`${line}\n`);
    }
  }
}
