import { selectBackend } from '../src/backend';

/** The backend the algorithm tests run on (wasm, as the CLI and bench; cpu where wasm cannot start). */
export async function useTestBackend(): Promise<void> {
  await selectBackend({ prefer: ['wasm', 'cpu'] });
}
