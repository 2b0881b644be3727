// The action's shell, run as the runner runs it: bad input fails the step with a message
// naming the input, before any AWS call.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.ts'
import { NODE24, runAction } from './harness.js'
import { useEmulator } from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e))

describe('dist/index.js', () => {
  it('runs on the Node 24 that action.yml declares, as an ES module', () => {
    expect(execFileSync(NODE24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
    expect(readFileSync('action.yml', 'utf8')).toMatch(/using: ['"]?node24/)
    expect(JSON.parse(readFileSync('dist/package.json', 'utf8'))).toMatchObject({ type: 'module' })
  })

  it('fails an unknown mode with the list of valid modes and no AWS call', async () => {
    emulator.reset()
    const run = await runAction(
      { mode: 'bogus', 'model-package-group': 'churn' },
      { emulatorUrl: emulator.url }
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/"mode".*bogus/)
    for (const mode of ['register', 'gate', 'approve', 'reject', 'deploy', 'rollback']) {
      expect(run.errors.join('\n')).toContain(mode)
    }
    expect(emulator.stats().operations).toEqual({})
  })

  it('names the input of a malformed threshold and makes no AWS call', async () => {
    emulator.reset()
    const run = await runAction(
      { mode: 'gate', 'model-package-group': 'churn', thresholds: 'validation:auc >= high' },
      { emulatorUrl: emulator.url }
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/thresholds/)
    expect(run.errors.join('\n')).toMatch(/high/)
    expect(emulator.stats().operations).toEqual({})
  })

  it('runs the post step quietly when the main step left nothing to clean up', async () => {
    const run = await runAction({ mode: 'gate' }, { state: { isPost: 'true' } })
    expect(run.exitCode).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.warnings).toEqual([])
  })
})
