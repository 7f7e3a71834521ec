/**
 * A progress bar over a count of items (episodes, cases) on stderr: redrawn in place on a terminal,
 * one line per 10% otherwise (the same behaviour as `critic train`'s step bar, with its own unit).
 */
export class CountProgress {
  private lastDecile = -1;
  private drawn = false;
  private readonly start = performance.now();

  constructor(
    private readonly total: number,
    private readonly unit: string,
    private readonly write: (text: string) => void,
    private readonly isTTY: boolean,
    private readonly width = 30,
  ) {}

  /** Redraws for `done` items. */
  update(done: number): void {
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const seconds = (performance.now() - this.start) / 1000;
    const filled = Math.round(frac * this.width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${this.total} ${this.unit}  ${seconds.toFixed(1)} s`;
    this.drawn = true;
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

  /** Ends the bar's line on a terminal (once, and only when something was drawn). */
  finish(): void {
    if (this.isTTY && this.drawn) this.write('\n');
    this.drawn = false;
  }
}
