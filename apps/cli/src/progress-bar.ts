/** What a progress line says after its `[###…] 42%` bar, for `done` of `total` after `seconds`. */
export type ProgressText = (p: { done: number; total: number; seconds: number; note: string }) => string;

/** How a {@link ProgressBar} reads and when it writes off a terminal. */
export interface ProgressStyle {
  text: ProgressText;
  /** Draw the `[###…] 42%` bar before the text (default true). */
  bar?: boolean;
  /**
   * Off a terminal (a log, CI): a line at the first update and then one per 10% (`deciles`, the
   * default), or only the first and the last (`ends`).
   */
  offTerminal?: 'deciles' | 'ends';
}

/**
 * The CLI's one progress line on stderr: on a terminal redrawn in place (`\r`, clear to the end of
 * the line), ended by `finish()` or on reaching the total; off a terminal as whole lines (see
 * {@link ProgressStyle.offTerminal}). Training steps, evaluated episodes, checked cases and uploaded
 * bytes all use it, each with its own text.
 */
export class ProgressBar {
  private lastDecile = -1;
  private drawn = false;
  private shownStart = false;
  private shownEnd = false;
  private readonly start = performance.now();

  constructor(
    private readonly total: number,
    private readonly write: (text: string) => void,
    private readonly isTTY: boolean,
    private readonly style: ProgressStyle,
    private readonly width = 30,
  ) {}

  /** Redraws for `done` of `total` (the constructor's unless given); `note` is passed to the text. */
  update(done: number, note = '', total = this.total): void {
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = (performance.now() - this.start) / 1000;
    const filled = Math.round(frac * this.width);
    const bar =
      this.style.bar === false
        ? ''
        : `[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% `;
    const line = `${bar}${this.style.text({ done, total, seconds, note })}`;
    const atEnd = done >= total;
    if (this.isTTY) {
      this.drawn = true;
      this.write(`\r${line}\u001b[K`);
      if (atEnd && this.style.offTerminal === 'ends') this.finish();
      return;
    }
    if (this.style.offTerminal === 'ends') {
      if (atEnd && !this.shownEnd) {
        this.shownEnd = true;
        this.write(`${line}\n`);
      } else if (!atEnd && !this.shownStart) {
        this.shownStart = true;
        this.write(`${line}\n`);
      }
      return;
    }
    const decile = Math.floor(frac * 10);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.write(`${line}\n`);
    }
  }

  /** Ends the line on a terminal (once, and only when something was drawn). */
  finish(): void {
    if (this.isTTY && this.drawn) this.write('\n');
    this.drawn = false;
  }
}

/** `12/100 episodes  3.2 s`: a bar over a count of items (episodes, cases). */
export function countProgress(
  total: number,
  unit: string,
  write: (text: string) => void,
  isTTY: boolean,
): ProgressBar {
  return new ProgressBar(total, write, isTTY, {
    text: ({ done, total: n, seconds }) => `${done}/${n} ${unit}  ${seconds.toFixed(1)} s`,
  });
}
