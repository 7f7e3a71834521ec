import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One Postgres for the run (DATABASE_URL's or an embedded one); each test file gets its own database.
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
