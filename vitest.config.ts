import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // PostgreSQL-backed suites create their own schema; keep file-level parallelism modest on 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // `candor` processes the tests start run the TypeScript sources (bin/candor.js), never a
    // dist/ that may be older than them; test/cli/compiled.cli.test.ts tests the compiled program.
    env: { CANDOR_FROM_SOURCE: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.http.test.ts', '**/*.cli.test.ts', '**/*.browser.test.ts'],
        },
      },
      // A real browser (Debian's chromium through playwright-core) against a real server.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.browser.test.ts'] } },
      { extends: true, test: { name: 'db', include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'http',
          include: ['src/**/*.http.test.ts', 'test/**/*.http.test.ts', 'test/**/*.cli.test.ts'],
        },
      },
    ],
  },
})
