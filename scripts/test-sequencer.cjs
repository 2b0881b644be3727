// Orders test files for parallel workers so that no long file starts last and runs alone.
// Jest orders by the durations it remembers from earlier runs on this machine; a clean clone
// (CI) has none, and then Jest falls back to file size, which says little about files that
// wait on endpoints and retries. There the reliability files (fault scenarios with real
// retry waits, the longest) start first, then the end-to-end projects.
const Sequencer = require('@jest/test-sequencer').default

const RANK = { reliability: 0, 'e2e-arn-preserve': 1, e2e: 2 }

class SlowestFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests)
    if (sorted.every(test => test.duration != null)) return sorted
    const rank = test => RANK[test.context.config.displayName?.name] ?? 3
    return [...sorted].sort((a, b) => rank(a) - rank(b))
  }
}

module.exports = SlowestFirst
