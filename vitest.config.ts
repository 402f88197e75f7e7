import { defineConfig } from 'vitest/config';

// Three projects: `unit` is the README test command (needs only Node + npm; repository tests run
// on SQLite, and on PostgreSQL too when MAMORI_TEST_PG_URL is set); `pg` runs the dialect-aware
// suites on PostgreSQL only; `browser` drives Debian's Chromium through playwright-core.
const DIALECT_SUITES = ['src/db/**/*.test.ts', 'src/services/**/*.test.ts', 'test/http/**/*.test.ts', 'test/cli/**/*.test.ts'];

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**', 'dist/**'],
          testTimeout: 30_000,
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'pg',
          include: DIALECT_SUITES,
          testTimeout: 30_000,
          env: { TZ: 'UTC', MAMORI_TEST_DIALECTS: 'postgres' },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
