import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file starts its own redis-server and SQLite files; two cores run two files at a time.
    maxWorkers: 2,
  },
});
