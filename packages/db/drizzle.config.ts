import { defineConfig } from 'drizzle-kit';

// Only `generate` is used (migrations are applied by src/bin/migrate.ts through drizzle's migrator).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
