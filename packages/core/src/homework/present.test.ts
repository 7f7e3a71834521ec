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
  listChecks,
  listHomeworks,
  namedArgs,
  parameterNames,
  prepareCheckCases,
} from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('presenting checks to students', () => {
  it("labels every case's arguments with the signature's parameter names", () => {
    expect(parameterNames('function f(a: number[], bB: number[][], c: number): number')).toEqual([
      'a',
      'bB',
      'c',
    ]);
    expect(parameterNames('function f(): number')).toEqual([]);
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
