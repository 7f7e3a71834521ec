import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // No outcome may depend on the machine's speed: vitest's 5 s default fails heavy tests on a busy CI
    // machine (load ~8 on 2 cores), so the limit only catches hangs.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
