import type { Frame } from '../types';

/** Why `frame` is not a drawable Frame (viewport + shapes with finite coordinates), or undefined. */
export function frameProblem(frame: unknown): string | undefined {
  if (frame === null || typeof frame !== 'object')
    return `expected a Frame object, found ${frame === null ? 'null' : typeof frame}`;
  const f = frame as Partial<Frame>;
  const v = f.viewport;
  if (v === null || typeof v !== 'object')
    return 'frame.viewport is missing (expected { xMin, xMax, yMin, yMax })';
  for (const k of ['xMin', 'xMax', 'yMin', 'yMax'] as const) {
    if (typeof v[k] !== 'number' || !Number.isFinite(v[k]))
      return `frame.viewport.${k} must be a finite number, found ${String(v[k])}`;
  }
  if (!(v.xMin < v.xMax) || !(v.yMin < v.yMax)) {
    return `frame.viewport must have xMin < xMax and yMin < yMax, found x [${v.xMin}, ${v.xMax}], y [${v.yMin}, ${v.yMax}]`;
  }
  if (!Array.isArray(f.shapes)) return 'frame.shapes must be an array of shapes';
  for (let i = 0; i < f.shapes.length; i++) {
    const problem = shapeProblem(f.shapes[i]);
    if (problem) return `frame.shapes[${i}]: ${problem}`;
  }
  return undefined;
}

function shapeProblem(shape: unknown): string | undefined {
  if (shape === null || typeof shape !== 'object') return 'expected a shape object';
  const s = shape as Record<string, unknown>;
  switch (s.kind) {
    case 'line':
    case 'polygon': {
      if (!Array.isArray(s.points) || s.points.length < 2) return `${s.kind} needs at least 2 points`;
      for (let j = 0; j < s.points.length; j++) {
        if (!isPoint(s.points[j]))
          return `points[${j}] must be a pair of finite numbers, found ${JSON.stringify(s.points[j])}`;
      }
      return undefined;
    }
    case 'circle':
      if (!isPoint(s.center))
        return `circle center must be a pair of finite numbers, found ${JSON.stringify(s.center)}`;
      if (typeof s.radius !== 'number' || !(s.radius >= 0) || !Number.isFinite(s.radius)) {
        return `circle radius must be a finite number ≥ 0, found ${String(s.radius)}`;
      }
      return undefined;
    case 'text':
      if (!isPoint(s.at))
        return `text position must be a pair of finite numbers, found ${JSON.stringify(s.at)}`;
      if (typeof s.text !== 'string') return 'text must be a string';
      return undefined;
    default:
      return `unknown shape kind ${JSON.stringify(s.kind)} (expected line, polygon, circle or text)`;
  }
}

function isPoint(p: unknown): boolean {
  return (
    Array.isArray(p) &&
    p.length === 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1])
  );
}
