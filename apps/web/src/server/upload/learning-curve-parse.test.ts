import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-error';
import { downsampleCurve, parseLearningCurve } from './learning-curve-parse';

describe('parseLearningCurve', () => {
  it('reads critic train’s JSON lines, skipping records without an episode return', () => {
    const text = [
      '{"step":128,"losses/policy_loss":0.1}',
      '{"step":300,"charts/episodic_return":15,"charts/episodic_length":15}',
      '{"step":200,"charts/episodic_return":9}',
      '',
    ].join('\n');
    expect(parseLearningCurve(text)).toEqual([
      { step: 200, return: 9 },
      { step: 300, return: 15 },
    ]);
  });

  it('reads CSV with common column names, quoted headers and a TensorBoard export', () => {
    expect(parseLearningCurve('"Step","episode_return"\r\n1,2\r\n3,4\r\n')).toEqual([
      { step: 1, return: 2 },
      { step: 3, return: 4 },
    ]);
    expect(parseLearningCurve('Wall time,Step,Value\n1700000000.5,2048,101.5\n')).toEqual([
      { step: 2048, return: 101.5 },
    ]);
  });

  it('reads Stable-Baselines3 monitor.csv: the step is the running sum of episode lengths', () => {
    const text = '#{"t_start": 1700000000, "env_id": "CartPole-v1"}\nr,l,t\n12.0,12,0.1\n30.0,30,0.3\n';
    expect(parseLearningCurve(text)).toEqual([
      { step: 12, return: 12 },
      { step: 42, return: 30 },
    ]);
  });

  it('refuses files it cannot read with a 400 naming the problem', () => {
    const fail = (text: string) => {
      try {
        parseLearningCurve(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError);
        return (e as ApiError).message;
      }
      throw new Error('expected a refusal');
    };
    expect(fail('')).toMatch(/empty/);
    expect(fail('{"step": 1}\n{not json')).toMatch(/line 2 is not JSON/);
    expect(fail('{"step": 1, "loss": 2}')).toMatch(/no line has both a step/);
    expect(fail('step,return\n1,abc\n')).toMatch(/line 2 has no number/);
  });
});

describe('downsampleCurve', () => {
  it('averages consecutive points into at most `max` buckets and leaves short curves alone', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ step: i, return: i * 2 }));
    expect(downsampleCurve(pts, 20)).toBe(pts);
    expect(downsampleCurve(pts, 5)).toEqual([
      { step: 0.5, return: 1 },
      { step: 2.5, return: 5 },
      { step: 4.5, return: 9 },
      { step: 6.5, return: 13 },
      { step: 8.5, return: 17 },
    ]);
  });
});
