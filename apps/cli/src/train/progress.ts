/** A progress bar on stderr: redrawn in place on a terminal, one line per 10% otherwise. */
export class ProgressBar {
  private lastDecile = -1;
  private readonly start = performance.now();

  constructor(
    private readonly total: number,
    private readonly write: (text: string) => void,
    private readonly isTTY: boolean,
    private readonly width = 30,
  ) {}

  /** Redraws for `done` steps; `note` is appended (e.g. the recent mean return). */
  update(done: number, note = ''): void {
    const frac = Math.min(1, done / this.total);
    const seconds = (performance.now() - this.start) / 1000;
    const sps = seconds > 0 ? Math.round(done / seconds) : 0;
    const filled = Math.round(frac * this.width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${this.total} steps  ${sps} steps/s${note ? `  ${note}` : ''}`;
    if (this.isTTY) {
      this.write(`\r${line}\u001b[K`);
      return;
    }
    const decile = Math.floor(frac * 10);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.write(`${line}\n`);
    }
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    if (this.isTTY) this.write('\n');
  }
}
