import { closeSync, openSync, writeSync } from 'node:fs';
import type { Metrics, MetricsLogger } from '@critic/core';

/** Writes every metric record as one JSON line `{"step": …, "<key>": value, …}` and keeps the episode returns. */
export class JsonlLogger implements MetricsLogger {
  private readonly fd: number;
  /** (step, episodic return) of every finished training episode. */
  readonly returns: { step: number; value: number }[] = [];

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  log(step: number, metrics: Metrics): void {
    writeSync(this.fd, `${JSON.stringify({ step, ...metrics })}\n`);
    const r = metrics['charts/episodic_return'];
    if (r !== undefined) this.returns.push({ step, value: r });
  }

  close(): void {
    closeSync(this.fd);
  }
}
