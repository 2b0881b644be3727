// 30% of every SageMaker, S3 and Runtime request answered with throttling, through
// dist/index.js: every mode must end with the decisions and the registry and endpoint
// state of a run without faults, and re-running `register` for one commit must never make
// a second version.
import { describe, expect, it } from '@jest/globals'
import { ListModelPackagesCommand } from '@aws-sdk/client-sagemaker'
import type { Emulator } from '../../emulator/server.ts'
import type { ActionRun } from '../e2e/harness.js'
import { clients, explain, runOn, useEmulator } from '../e2e/support.js'
import { reportedRetryWaitMs, useFigures } from './figures.js'
import {
  FAST_DELAYS,
  GROUP,
  registerInputs,
  runScenario,
  snapshot,
  extraNames,
  hostingNames
} from './scenario.js'

let emulator: Emulator
useEmulator(e => (emulator = e), { port: 0, delays: FAST_DELAYS })
const figures = useFigures('throttling', '30% throttling on every SageMaker, S3 and Runtime call')

const RATE = 0.3
const S3_AND_RUNTIME = [
  'CreateBucket',
  'DeleteObject',
  'GetObject',
  'HeadBucket',
  'HeadObject',
  'ListObjects',
  'ListObjectsV2',
  'PutObject',
  'InvokeEndpoint'
]
const RERUNS = 50
const AT_ONCE = 5

function throttleEverything(rate: number): void {
  emulator.setFaults({ throttleRate: rate })
  emulator.setFaults({ throttleRate: Object.fromEntries(S3_AND_RUNTIME.map(op => [op, rate])) })
}

function count(run: ActionRun): void {
  figures.runs++
  figures.retryWaitMs += reportedRetryWaitMs(run.stdout)
}

function takeInjected(): number {
  const { throttled, injected } = emulator.stats()
  figures.faultsInjected += throttled + injected
  return throttled
}

describe('30% throttling everywhere', () => {
  it('every mode ends with the same decisions, registry and endpoint as without faults', async () => {
    const clean = await runScenario(emulator, (_step, run) => count(run))
    const cleanState = await snapshot(emulator)
    const cleanHosting = await hostingNames(emulator)

    emulator.reset()
    throttleEverything(RATE)
    const throttled = await runScenario(emulator, (_step, run) => count(run))
    const injected = takeInjected()
    emulator.setFaults({ clear: true })
    expect(throttled).toEqual(clean)
    expect(await snapshot(emulator)).toEqual(cleanState)
    const hosting = await hostingNames(emulator)
    figures.resourcesLeaked += extraNames(cleanHosting, hosting).length
    expect(hosting).toEqual(cleanHosting)
    expect(injected).toBeGreaterThan(50)
  }, 600000)

  it(`${RERUNS} re-runs of register for one commit, ${AT_ONCE} at a time, leave one version`, async () => {
    throttleEverything(RATE)
    const inputs = registerInputs(emulator, 0.9)
    const runs: ActionRun[] = []
    const started = Date.now()
    for (let i = 0; i < RERUNS; i += AT_ONCE) {
      const batch = Array.from({ length: AT_ONCE }, () =>
        runOn(emulator, inputs, { sha: '1'.repeat(40) })
      )
      runs.push(...(await Promise.all(batch)))
    }
    figures.extra.registerRerunSeconds = Math.round((Date.now() - started) / 1000)
    takeInjected()
    emulator.setFaults({ clear: true })
    // At 30%, one request in about 1,400 is throttled on all 6 attempts: that run must fail
    // closed, saying so, and change nothing; every other run must succeed.
    for (const run of runs) {
      count(run)
      const gaveUp = /ThrottlingException.*6 attempts.*Nothing was changed\./.test(
        run.errors.join('\n')
      )
      if (gaveUp) figures.extra.runsThatGaveUp = (figures.extra.runsThatGaveUp ?? 0) + 1
      else if (run.exitCode !== 0) throw new Error(explain(run))
    }
    const succeeded = runs.filter(run => run.exitCode === 0)
    expect(succeeded.length).toBeGreaterThanOrEqual(RERUNS - 5)
    const listed = await clients(emulator).sagemaker.send(
      new ListModelPackagesCommand({ ModelPackageGroupName: GROUP, MaxResults: 100 })
    )
    const versions = listed.ModelPackageSummaryList ?? []
    figures.versionsDuplicated += versions.length - 1
    figures.extra.registerReruns = (figures.extra.registerReruns ?? 0) + runs.length
    expect(versions.map(v => v.ModelPackageVersion)).toEqual([1])
    expect(new Set(succeeded.map(r => r.outputs['model-package-arn']))).toEqual(
      new Set([versions[0]?.ModelPackageArn])
    )
  }, 900000)
})
