import { GLUE_FILENAME } from './glue-source';
import type { SourceMapLookup } from './source-map';

/** How to rewrite positions in the student's file: generated script line/column → original source. */
export interface StackMapping {
  /** The student's file name as it appears in frames. */
  filename: string;
  /** Lines the sandbox put before the generated module code. */
  lineOffset: number;
  /** The transpiler's source map. */
  map: SourceMapLookup;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Keeps only the student's frames of an isolate stack trace (drops the sandbox glue's frames) and,
 * given a mapping, points them at lines of the student's original source.
 */
export function studentStack(stack: string, mapping?: StackMapping): string {
  const at = mapping ? new RegExp(`${escapeRegExp(mapping.filename)}:(\\d+):(\\d+)`, 'g') : undefined;
  return stack
    .split('\n')
    .filter((line) => !line.includes(GLUE_FILENAME) && !/^\s+at (?:new Promise|<anonymous>)\s*$/.test(line))
    .map((line) =>
      at && mapping
        ? line.replace(at, (whole, l: string, c: string) => {
            const o = mapping.map.original(Number(l) - mapping.lineOffset, Number(c));
            return o ? `${mapping.filename}:${o.line}:${o.column}` : whole;
          })
        : line,
    )
    .join('\n')
    .trim();
}
