// Transient 5xx answers and dropped connections on SageMaker, S3 and Runtime calls, through
// dist/index.js: each is retried with backoff and jitter, a bounded number of times, and
// the run reports the total time it waited; past the bound the job fails with the error.
import { describe, expect, it } from '@jest/globals'
import type { Emulator } from '../../emulator/server.ts'
import { MAX_ATTEMPTS } from '../../src/aws.js'
import { explain, runOn, useEmulator } from '../e2e/support.js'
import { reportedRetryWaitMs, useFigures } from './figures.js'
import { FAST_DELAYS, runScenario, scenario, snapshot } from './scenario.js'

let emulator: Emulator
useEmulator(e => (emulator = e), { port: 0, delays: FAST_DELAYS })
const figures = useFigures('transient', 'Transient 5xx and dropped connections')

/** Two failures in a row on every operation the scenario uses, alternating the kind. */
function failEverything(): void {
  const operations = [
    'CreateModelPackageGroup',
    'DescribeModelPackageGroup',
    'ListModelPackages',
    'DescribeModelPackage',
    'CreateModelPackage',
    'UpdateModelPackage',
    'CreateModel',
    'CreateEndpointConfig',
    'CreateEndpoint',
    'UpdateEndpoint',
    'DescribeEndpoint',
    'DescribeEndpointConfig',
    'AddTags',
    'PutObject',
    'GetObject'
  ]
  emulator.setFaults({
    failNext: Object.fromEntries(
      operations.map((op, i) => [
        op,
        i % 3 === 0
          ? { count: 2, error: 'ConnectionReset' }
          : i % 3 === 1
            ? { count: 2, error: 'InternalFailure', status: 500 }
            : { count: 2, error: 'ServiceUnavailable', status: 503 }
      ])
    )
  })
}

describe('transient faults', () => {
  it('every mode ends as without faults, and each run reports the time it waited', async () => {
    const clean = await runScenario(emulator, () => figures.runs++)
    const cleanState = await snapshot(emulator)
    emulator.reset()
    const waits: number[] = []
    const faulty = await runScenario(emulator, (_step, run) => {
      figures.runs++
      figures.faultsInjected += emulator.stats().injected - figures.faultsInjected
      waits.push(reportedRetryWaitMs(run.stdout))
      // Each step meets fresh faults: the previous step used its share up.
      failEverything()
    })
    emulator.setFaults({ clear: true })
    expect(faulty).toEqual(clean)
    expect(await snapshot(emulator)).toEqual(cleanState)
    figures.retryWaitMs += waits.reduce((a, b) => a + b, 0)
    // Every step after the first met faults, and said how long it waited.
    expect(waits.slice(1).every(ms => ms > 0)).toBe(true)
    expect(figures.faultsInjected).toBeGreaterThan(scenario(emulator).length)
  }, 600000)

  it(`gives up after ${MAX_ATTEMPTS} attempts and fails with the error`, async () => {
    emulator.seed({ modelPackageGroups: [{ ModelPackageGroupName: 'churn-model' }] })
    emulator.setFaults({
      failNext: { ListModelPackages: { count: 100, error: 'InternalFailure', status: 500 } }
    })
    const run = await runOn(emulator, {
      mode: 'compare',
      'model-package-group': 'churn-model'
    })
    figures.runs++
    figures.faultsInjected += emulator.stats().injected
    expect(run.exitCode).toBe(1)
    expect(emulator.stats().injected).toBeLessThanOrEqual(MAX_ATTEMPTS * 2)
    expect(run.errors.join('\n')).toMatch(/InternalFailure/)
    expect(run.errors.join('\n')).toMatch(new RegExp(`${MAX_ATTEMPTS} attempts`))
    if (!/^AWS retries: /m.test(run.stdout)) throw new Error(explain(run))
  }, 120000)
})
