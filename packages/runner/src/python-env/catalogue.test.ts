import { expandPythonSpace, listPythonEnvs, pythonEnvDescription, pythonSpace } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { loadPythonRuntime } from '../python/python-runtime';
import { describePythonEnvs } from './python-env-process';

describe('the static catalogue of Python-backed envs', () => {
  it('equals what the pinned runtime describes (regenerate with scripts/gen-python-env-catalogue.ts)', async () => {
    const live = await describePythonEnvs();
    expect(live).toEqual(JSON.parse(JSON.stringify(listPythonEnvs())));
    const rt = loadPythonRuntime();
    for (const e of listPythonEnvs()) {
      expect(e.versions.gymnasium).toBe(rt.packages.gymnasium);
      if (e.family === 'mujoco') expect(e.versions.mujoco).toBe(rt.packages.mujoco);
      else expect(e.versions['ale-py']).toBe(rt.packages['ale-py']);
    }
  }, 300_000);

  it('lists the MuJoCo v5 family and Pong/Breakout with Gymnasium spaces (dtype, Discrete start) and limits', () => {
    expect(listPythonEnvs().map((e) => e.id)).toEqual([
      'InvertedPendulum-v5',
      'InvertedDoublePendulum-v5',
      'Reacher-v5',
      'Swimmer-v5',
      'HalfCheetah-v5',
      'Hopper-v5',
      'Walker2d-v5',
      'Ant-v5',
      'ALE/Pong-v5',
      'ALE/Breakout-v5',
    ]);
    const cheetah = pythonEnvDescription('HalfCheetah-v5');
    expect(cheetah.maxEpisodeSteps).toBe(1000);
    expect(cheetah.observationSpace).toMatchObject({ type: 'Box', shape: [17], dtype: 'float64' });
    expect(cheetah.actionSpace).toMatchObject({
      type: 'Box',
      shape: [6],
      dtype: 'float32',
      low: -1,
      high: 1,
    });
    const pong = pythonEnvDescription('ALE/Pong-v5');
    expect(pong.observationSpace).toMatchObject({ shape: [210, 160, 3], dtype: 'uint8', low: 0, high: 255 });
    expect(pong.actionSpace).toEqual({ type: 'Discrete', n: 6, start: 0 });
    expect(pythonEnvDescription('ALE/Pong-v5', { atariPreprocessing: true }).observationSpace).toMatchObject({
      shape: [4, 84, 84],
    });
    expect(() => pythonEnvDescription('Hopper-v5', { atariPreprocessing: true })).toThrow(/Atari envs only/);
    expect(() => pythonEnvDescription('Pong')).toThrow(/not a Python-backed env/);
    // Bounds given once are spelled out for the web's schema; a Discrete keeps its start.
    const box = expandPythonSpace(pong.observationSpace);
    expect(box.type === 'Box' && box.low.length).toBe(210 * 160 * 3);
    expect(pythonSpace({ type: 'Discrete', n: 3, start: -1 }).toSpec()).toEqual({
      type: 'Discrete',
      n: 3,
      start: -1,
    });
  });
});
