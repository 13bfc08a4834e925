import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Shared contract suites are imported by the tests that run them, never collected alone.
    exclude: ['**/node_modules/**', 'test/**/*.case.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: most of the suite waits on child processes, sockets and timers, not the CPU.
    maxWorkers: 2,
  },
})
