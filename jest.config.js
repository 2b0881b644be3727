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

export default {
  reporters: ['default', '<rootDir>/scripts/count-reporter.cjs'],
  // testTimeout is a global option in Jest 30: end-to-end runs wait for endpoint states.
  testTimeout: 120000,
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
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] },
    // Faults, bad input, cancellation and injection through dist/index.js; each file writes
    // its figures to reports/reliability/ for `npm run reliability`.
    {
      ...common,
      displayName: 'reliability',
      testMatch: ['<rootDir>/__tests__/reliability/**/*.test.ts']
    }
  ]
}
