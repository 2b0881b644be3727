// A Jest reporter that records each run's test counts in reports/, so .ci/run can print
// one closing line for the unit and end-to-end runs together.
const { mkdirSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')

class CountReporter {
  onRunComplete(_contexts, results) {
    const dir = join(process.cwd(), 'reports')
    mkdirSync(dir, { recursive: true })
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests
    }
    writeFileSync(join(dir, `jest-${process.pid}-${Date.now()}.json`), JSON.stringify(counts))
  }
}

module.exports = CountReporter
