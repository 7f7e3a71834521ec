import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  originalPositionFor,
  TraceMap,
} from '@jridgewell/trace-mapping';

/** Maps positions of a generated script back to its single source (a source map v3 `mappings` string). */
export class SourceMapLookup {
  private readonly map: TraceMap;

  constructor(mappings: string) {
    this.map = new TraceMap({ version: 3, sources: ['student'], names: [], mappings });
  }

  /** The original 1-based line and column of a 1-based generated position, if mapped. */
  original(line: number, column: number): { line: number; column: number } | undefined {
    const at = { line, column: Math.max(0, column - 1) };
    // The mapping at or before the column; before a line's first mapping, that first mapping.
    const p =
      nonNull(originalPositionFor(this.map, { ...at, bias: GREATEST_LOWER_BOUND })) ??
      nonNull(originalPositionFor(this.map, { ...at, bias: LEAST_UPPER_BOUND }));
    return p && { line: p.line, column: p.column + 1 };
  }
}

function nonNull(p: {
  line: number | null;
  column: number | null;
}): { line: number; column: number } | undefined {
  return p.line === null || p.column === null ? undefined : { line: p.line, column: p.column };
}
