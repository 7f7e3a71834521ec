const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** One decoded mapping: generated column → original line and column (all 0-based). */
interface Segment {
  genCol: number;
  line: number;
  col: number;
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`invalid base64 VLQ character "${ch}"`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Maps positions of a generated script back to its single source (a source map v3 `mappings` string). */
export class SourceMapLookup {
  private readonly lines: Segment[][] = [];

  constructor(mappings: string) {
    let srcLine = 0;
    let srcCol = 0;
    let srcIdx = 0;
    let name = 0;
    for (const lineText of mappings.split(';')) {
      const segments: Segment[] = [];
      let genCol = 0;
      for (const seg of lineText.split(',')) {
        if (!seg) continue;
        const f = decodeVlq(seg);
        genCol += f[0] ?? 0;
        if (f.length >= 4) {
          srcIdx += f[1]!;
          srcLine += f[2]!;
          srcCol += f[3]!;
          if (f.length >= 5) name += f[4]!;
          segments.push({ genCol, line: srcLine, col: srcCol });
        }
      }
      this.lines.push(segments);
    }
    void srcIdx;
    void name;
  }

  /** The original 1-based line and column of a 1-based generated position, if mapped. */
  original(line: number, column: number): { line: number; column: number } | undefined {
    const segments = this.lines[line - 1];
    if (!segments || segments.length === 0) return undefined;
    let best: Segment | undefined;
    for (const s of segments) {
      if (s.genCol <= column - 1) best = s;
      else break;
    }
    best ??= segments[0]!;
    return { line: best.line + 1, column: best.col + 1 };
  }
}
