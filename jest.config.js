// Jest runs in ESM mode: ts-jest transforms TypeScript, and tests register module
// mocks with jest.unstable_mockModule before importing the code under test.
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }
    ]
  }
}

const E2E = ['<rootDir>/__tests__/e2e/**/*.test.ts']

export default {
  reporters: ['default', '<rootDir>/scripts/count-reporter.cjs'],
  testSequencer: '<rootDir>/scripts/test-sequencer.cjs',
  // testTimeout is a global option in Jest 30: end-to-end runs wait for endpoint states,
  // and in `npm test` four workers share the machine, so a test of many runs may be slow.
  testTimeout: 300000,
  // A worker gets this long, on the main process's clock, to exit once all files ran. Ours
  // exit within a millisecond, but on a loaded machine the main process (or the worker) may
  // not be scheduled within Jest's default 500 ms, and Jest then kills a worker that had
  // already exited and warns that it "failed to exit gracefully".
  workerGracefulExitTimeout: 5000,
  coverageDirectory: 'coverage',
  coverageReporters: ['text-summary', 'lcov', 'json-summary'],
  collectCoverageFrom: ['src/**/*.ts', 'emulator/**/*.ts', '!emulator/cli.ts'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/__tests__/unit/**/*.test.ts',
        '<rootDir>/__tests__/emulator/**/*.test.ts'
      ]
    },
    { ...common, displayName: 'e2e', testMatch: E2E },
    // The same files again, against emulators that keep the case of names in ARNs.
    {
      ...common,
      displayName: 'e2e-arn-preserve',
      testMatch: E2E,
      setupFiles: ['<rootDir>/__tests__/e2e/arn-preserve.ts']
    },
    // Faults, bad input, cancellation and injection through dist/index.js; each file writes
    // its figures to reports/reliability/ for `npm run reliability`.
    {
      ...common,
      displayName: 'reliability',
      testMatch: ['<rootDir>/__tests__/reliability/**/*.test.ts']
    }
  ]
}
