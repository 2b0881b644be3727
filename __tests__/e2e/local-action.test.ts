// `npm run local-action -- <mode>` as a person runs it: @github/local-action runs the action
// against the emulator and the loopback GitHub API with the values of .env.example.
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { scratchDir } from '../../__fixtures__/context.js'
import { NODE24 } from './harness.js'

function localAction(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(done =>
    execFile(
      NODE24,
      [resolve('scripts/local-action.mjs'), ...args],
      // Jest's NODE_OPTIONS (VM modules) would slow every node process local-action starts.
      { env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr
        })
    )
  )
}

describe('npm run local-action', () => {
  it('runs the gate on the seeded group: v2 passes against v1 and the PR gets the comment', async () => {
    const run = await localAction('gate')
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)])
    expect(run.stdout).toMatch(/'decision'\s*│\s*'pass'/)
    expect(run.stdout).toMatch(
      /'baseline-model-package-arn'\s*│\s*'arn:aws:sagemaker:us-east-1:123456789012:model-package\/local-churn\/1'/
    )
    expect(run.stdout).toContain('== Sticky comment on pull request #42')
    expect(run.stdout).toMatch(/^## ✅ Model gate passed: local-churn \[v2\]\(https:/m)
    // \s: rules keep to one line with non-breaking spaces.
    expect(run.stdout).toMatch(
      /\| ✅ \| validation:auc ↑ \| ✅\s≥\s0\.85<br>✅\smax\sdrop\s0\.01 \| 0\.88 \| 0\.91 \|/
    )
  })

  it('fails like the step would when the gate rejects, with another env file', async () => {
    const dir = scratchDir()
    const envFile = join(dir, '.env')
    writeFileSync(
      envFile,
      readFileSync('.env.example', 'utf8').replace(
        /^INPUT_THRESHOLDS=.*$/m,
        'INPUT_THRESHOLDS="validation:auc >= 0.95"'
      )
    )
    const run = await localAction('gate', envFile)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error::.*validation:auc/m)
    expect(run.stdout).toMatch(/'decision'\s*│\s*'fail'/)
  })

  it('explains its usage', async () => {
    const run = await localAction()
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Usage: npm run local-action -- <mode> [env-file]')
  })
})
