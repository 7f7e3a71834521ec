import type { FrameContext } from './draw-frame';

/** A FrameContext that records every call (with the styles in force) as a line of text, for tests. */
export class RecordingContext implements FrameContext {
  readonly calls: string[] = [];
  fillStyle: string | CanvasGradient | CanvasPattern = '#000000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000000';
  lineWidth = 1;
  lineCap: CanvasLineCap = 'butt';
  lineJoin: CanvasLineJoin = 'miter';
  font = '10px sans-serif';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  textAlign: CanvasTextAlign = 'start';

  fillRect(x: number, y: number, w: number, h: number): void {
    this.calls.push(`fillRect ${r(x)} ${r(y)} ${r(w)} ${r(h)} ${String(this.fillStyle)}`);
  }
  beginPath(): void {
    this.calls.push('beginPath');
  }
  moveTo(x: number, y: number): void {
    this.calls.push(`moveTo ${r(x)} ${r(y)}`);
  }
  lineTo(x: number, y: number): void {
    this.calls.push(`lineTo ${r(x)} ${r(y)}`);
  }
  closePath(): void {
    this.calls.push('closePath');
  }
  arc(x: number, y: number, radius: number, a0: number, a1: number): void {
    this.calls.push(`arc ${r(x)} ${r(y)} ${r(radius)} ${r(a0)} ${r(a1)}`);
  }
  fill(): void {
    this.calls.push(`fill ${String(this.fillStyle)}`);
  }
  stroke(): void {
    this.calls.push(`stroke ${String(this.strokeStyle)} ${r(this.lineWidth)}`);
  }
  fillText(text: string, x: number, y: number): void {
    this.calls.push(
      `fillText ${JSON.stringify(text)} ${r(x)} ${r(y)} ${this.font} ${String(this.fillStyle)} ${this.textBaseline}`,
    );
  }
}

/** Rounds to 3 decimals so recorded coordinates compare exactly. */
function r(v: number): number {
  return Math.round(v * 1000) / 1000;
}
