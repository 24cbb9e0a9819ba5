import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Two cores on the CI machine; more workers only add MariaDB contention.
    maxWorkers: 2,
    // Test files share their worker's module cache instead of each re-importing the app (half the
    // suite's time went to that). Nothing may rely on fresh module state: every test builds its own
    // app and database (test/support), and the start-up test watches a child process of its own.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
