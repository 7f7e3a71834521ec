import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { SourceMapLookup } from './source-map';

describe('SourceMapLookup', () => {
  it('maps a generated position back to the TypeScript line and column it came from', () => {
    const ts = [
      'type Obs = number[];',
      '',
      'export function act(obs: Obs): number {',
      '  const angle: number = obs[2]!;',
      '  return angle > 0 ? 1 : 0;',
      '}',
    ].join('\n');
    const out = transformSync(ts, { loader: 'ts', sourcemap: 'external', format: 'esm' });
    const { mappings } = JSON.parse(out.map) as { mappings: string };
    const lookup = new SourceMapLookup(mappings);
    const js = out.code.split('\n');
    const genLine = js.findIndex((l) => l.includes('angle > 0')) + 1;
    const genCol = js[genLine - 1]!.indexOf('angle > 0') + 1;
    expect(lookup.original(genLine, genCol)).toEqual({
      line: 5,
      column: ts.split('\n')[4]!.indexOf('angle > 0') + 1,
    });
    // Before a line's first mapping: that first mapping; a line past the end: unmapped.
    expect(lookup.original(genLine, 1)?.line).toBe(5);
    expect(lookup.original(js.length + 5, 1)).toBeUndefined();
  });
});
