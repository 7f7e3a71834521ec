import * as tf from '@tensorflow/tfjs';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkInfo,
  formatArgs,
  getCheck,
  getHomework,
  homeworkInfo,
  homeworkTemplate,
  jsParamName,
  listChecks,
  listHomeworks,
  namedArgs,
  type PythonSignature,
  prepareCheckCases,
  typeScriptSignature,
} from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('presenting checks to students', () => {
  it("labels every case's arguments with the signature's parameter names", () => {
    const python: PythonSignature = {
      name: 'f',
      params: [
        { name: 'a', kind: 'bool[]', shape: '[T]', doc: 'a' },
        { name: 'b_b', kind: 'float64[][]', shape: '[B, K]', doc: 'b' },
        { name: 'lam', jsName: 'lambda', kind: 'float', doc: 'λ' },
      ],
      returns: { kind: 'float', doc: 'a loss' },
    };
    expect(python.params.map(jsParamName)).toEqual(['a', 'bB', 'lambda']);
    expect(typeScriptSignature('f', python)).toBe(
      'function f(a: number[], bB: number[][], lambda: number): number',
    );
    expect(
      typeScriptSignature('g', { ...python, params: [], returns: { kind: 'float64[]', doc: 'x' } }),
    ).toBe('function g(): number[]');
    for (const check of listChecks()) {
      for (const c of prepareCheckCases(check, 1, 2, 3)) expect(c.args).toHaveLength(check.argNames.length);
    }
    const gae = getCheck('gae');
    const [c] = prepareCheckCases(gae, 1, 1, 0);
    expect(Object.keys(namedArgs(gae, c!.args))).toEqual([
      'rewards',
      'values',
      'nextValues',
      'terminated',
      'truncated',
      'gamma',
      'lambda',
    ]);
    expect(formatArgs(getCheck('discounted-return'), [[1, 0.5, 1 / 3], [0, 0, 1], 0.9])).toEqual([
      'rewards = [1, 0.5, 0.3333333]',
      'dones = [0, 0, 1]',
      'gamma = 0.9',
    ]);
  });

  it('writes a starter module per homework that is valid TypeScript and exports every function', () => {
    for (const homework of listHomeworks()) {
      const source = homeworkTemplate(homework);
      const out = ts.transpileModule(source, {
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.ESNext },
      });
      expect(out.diagnostics ?? []).toEqual([]);
      for (const item of homework.items) {
        const check = getCheck(item.checkId);
        expect(source).toContain(`export ${check.signature} {`);
        expect(source).toContain(`// ${check.statement}`);
      }
    }
    expect(homeworkTemplate(getHomework('hw3-ppo'))).toMatch(/^\/\/ Trust regions and PPO \(hw3-ppo\)/);
  });

  it('describes checks and homeworks as plain JSON data', () => {
    const info = checkInfo(getCheck('ppo-clip'));
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
    expect(info.argNames).toEqual(['logProbs', 'oldLogProbs', 'advantages', 'clipEpsilon']);
    expect(info.mistakes.map((m) => m.id)).toContain('max-instead-of-min');
    const hw = homeworkInfo(getHomework('hw2-policy-gradient'));
    expect(hw.items.map((i) => [i.functionName, i.visible, i.hidden])).toEqual([
      ['importanceRatio', 3, 12],
      ['trajectoryImportanceWeight', 3, 12],
      ['truncatedImportanceWeight', 3, 12],
      ['categoricalEntropy', 3, 12],
      ['categoricalKl', 3, 12],
      ['gaussianKl', 3, 12],
    ]);
    expect(JSON.parse(JSON.stringify(hw))).toEqual(hw);
  });
});
