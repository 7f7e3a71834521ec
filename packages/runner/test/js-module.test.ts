import { describe, expect, it } from 'vitest';
import { InvalidArtifactError, prepareModule } from '../src/index';

const req = { filename: 'agent.ts', requiredExports: ['act'], maxSourceBytes: 10_000 };

async function refusal(source: string, r = req): Promise<InvalidArtifactError> {
  const e = await prepareModule(source, r).catch((x: unknown) => x);
  if (!(e instanceof InvalidArtifactError)) throw new Error(`expected a refusal, got ${String(e)}`);
  return e;
}

describe('prepareModule (transpile and check, never run)', () => {
  it('transpiles TypeScript and lists the exports', async () => {
    const m = await prepareModule(
      'import type { Foo } from "./types";\nconst k: number = 2;\nexport function act(o: number[]): number { return o.length % k; }\nexport const reset = () => {};',
      req,
    );
    expect(m.exports.sort()).toEqual(['act', 'reset']);
    expect(m.script.startsWith('(function () {')).toBe(true);
    expect(m.script).not.toMatch(/: number/);
    expect(m.sourceMappings.length).toBeGreaterThan(0);
  });

  it('refuses oversized sources, unknown file types, syntax errors and missing exports', async () => {
    const big = await refusal(`export function act() { return 0 }\n//${'x'.repeat(10_000)}`);
    expect(big.location).toMatchObject({ file: 'agent.ts', expected: '≤ 10000 bytes' });
    expect((await refusal('export function act() {}', { ...req, filename: 'agent.py' })).message).toMatch(
      /expected a \.js or \.ts module/,
    );
    const syntax = await refusal('export function act() {\n  return 1 +;\n}');
    expect(syntax.message).toMatch(/^agent\.ts does not compile:\nagent\.ts:2:\d+: /);
    const missing = await refusal('export default function act() { return 0 }');
    expect(missing.message).toMatch(/must export `act`.*it exports `default`/);
    expect(missing.location).toMatchObject({ expected: 'act', found: 'default' });
  });

  it('refuses every import, even unused ones', async () => {
    expect((await refusal('import "./side-effect";\nexport function act() { return 0 }')).message).toMatch(
      /import of "\.\/side-effect" is not allowed/,
    );
    expect(
      (await refusal('import { x } from "lodash";\nexport function act() { return 0 }')).message,
    ).toMatch(/agent\.ts:1:\d+: import of "lodash" is not allowed/);
    expect((await refusal('export { act } from "./other";')).message).toMatch(
      /import of "\.\/other" is not allowed/,
    );
  });
});
