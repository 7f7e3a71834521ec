import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PolicyArtifacts, WEIGHTS_FILE } from '@critic/core';

/** Writes model.json, the weights file and critic.json into `dir`; returns the file names. */
export function writePolicyFiles(dir: string, artifacts: PolicyArtifacts): string[] {
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(artifacts.modelJson)}\n`);
  writeFileSync(join(dir, WEIGHTS_FILE), new Uint8Array(artifacts.weightData));
  writeFileSync(join(dir, 'critic.json'), `${JSON.stringify(artifacts.manifest, null, 2)}\n`);
  return ['model.json', WEIGHTS_FILE, 'critic.json'];
}
