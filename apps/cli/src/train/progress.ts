import { ProgressBar } from '../progress-bar';

/** `critic train`'s bar: `1200/50000 steps  830 steps/s  <note>`. */
export function trainingProgress(total: number, write: (text: string) => void, isTTY: boolean): ProgressBar {
  return new ProgressBar(total, write, isTTY, {
    text: ({ done, total: n, seconds, note }) => {
      const sps = seconds > 0 ? Math.round(done / seconds) : 0;
      return `${done}/${n} steps  ${sps} steps/s${note ? `  ${note}` : ''}`;
    },
  });
}
