import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackendReport } from './backend';
import { selectBackend } from './backend';
import { CoreArgumentError } from './returns/errors';

async function installed(specifier: string): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ specifier);
    return true;
  } catch {
    return false;
  }
}

describe('selectBackend', () => {
  it('picks the first available of tfjs-node-gpu, tfjs-node, wasm, cpu and reports every attempt', async () => {
    const reports: BackendReport[] = [];
    const chosen = await selectBackend({ log: (report) => reports.push(report) });
    const native =
      (await installed('@tensorflow/tfjs-node-gpu')) || (await installed('@tensorflow/tfjs-node'));
    expect(chosen).toBe(native ? 'tensorflow' : 'wasm');
    expect(tf.getBackend()).toBe(chosen);
    expect(reports).toHaveLength(1);
    const report = reports[0] as BackendReport;
    expect(report.backend).toBe(chosen);
    expect(report.attempts[0]?.source).toBe('@tensorflow/tfjs-node-gpu');
    if (!native) {
      expect(report.attempts.map((a) => [a.source, a.ok])).toEqual([
        ['@tensorflow/tfjs-node-gpu', false],
        ['@tensorflow/tfjs-node', false],
        ['@tensorflow/tfjs-backend-wasm', true],
      ]);
      expect(report.attempts[0]?.reason).toContain('tfjs-node-gpu');
      expect(report.source).toBe('@tensorflow/tfjs-backend-wasm');
    }
    // the chosen backend computes
    expect(tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0])).toBe(6);
  });

  it('silences TensorFlow.js console warnings unless asked not to', async () => {
    tf.env().set('PROD', false);
    await selectBackend({ prefer: ['cpu'], quiet: false });
    expect(tf.env().getBool('PROD')).toBe(false);
    await selectBackend({ prefer: ['cpu'] });
    expect(tf.env().getBool('PROD')).toBe(true);
  });

  it('follows the preference order given', async () => {
    expect(await selectBackend({ prefer: ['cpu', 'wasm'] })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend({ prefer: ['wasm'] })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('throws when no preferred backend can start, and names an unknown backend', async () => {
    const native =
      (await installed('@tensorflow/tfjs-node-gpu')) || (await installed('@tensorflow/tfjs-node'));
    if (!native) {
      await expect(selectBackend({ prefer: ['tensorflow'] })).rejects.toThrow(
        /no TensorFlow.js backend could start/,
      );
    }
    const error = await selectBackend({ prefer: ['gpu' as 'cpu'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreArgumentError);
    expect((error as CoreArgumentError).argument).toBe('prefer');
  });
});
