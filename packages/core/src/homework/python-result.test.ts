import { describe, expect, it } from 'vitest';
import { pythonResultOutcome } from './python-result';

describe('Python results as grading outcomes', () => {
  it('passes a scalar and a 1-D array of the expected shape through as numbers', () => {
    expect(pythonResultOutcome({ value: new Float64Array([1.5]), shape: [], type: 'float' }, 2)).toEqual({
      ok: true,
      value: 1.5,
    });
    expect(
      pythonResultOutcome({ value: new Float64Array([1, Number.NaN]), shape: [2], type: 'list' }, [1, 2]),
    ).toEqual({ ok: true, value: [1, Number.NaN] });
  });

  it('names the expected and the found shape, with a hint when a reshape would do', () => {
    const column = pythonResultOutcome(
      { value: new Float64Array([1, 2, 3]), shape: [3, 1], type: 'torch.Tensor (float32)' },
      [1, 2, 3],
    );
    expect(column).toEqual({
      ok: false,
      failure: {
        verdict: 'wrong_answer',
        message:
          'expected a 1-D array of shape (3,), found a torch.Tensor (float32) of shape (3, 1) (flatten it, e.g. .reshape(-1))',
      },
    });
    const short = pythonResultOutcome(
      { value: [1, 2], shape: [2], type: 'numpy.ndarray (float64)' },
      [1, 2, 3],
    );
    expect(short.ok || short.failure.message).toBe(
      'expected a 1-D array of shape (3,), found a numpy.ndarray (float64) of shape (2,)',
    );
    const vectorLoss = pythonResultOutcome(
      { value: [0.3], shape: [1], type: 'jaxlib.ArrayImpl (float32)' },
      0.3,
    );
    expect(vectorLoss.ok || vectorLoss.failure.message).toBe(
      'expected a float (or a 0-d array), found a jaxlib.ArrayImpl (float32) of shape (1,) (use .item() or float(...))',
    );
    const none = pythonResultOutcome({ value: null, shape: null, type: 'NoneType' }, [1]);
    expect(none.ok || none.failure.message).toMatch(/found None \(did the function return its result\?\)/);
    const text = pythonResultOutcome({ value: null, shape: null, type: 'str' }, 1);
    expect(text.ok || text.failure.message).toBe('expected a float (or a 0-d array), found a str');
  });
});
