// Two gates with different policies deciding one pending version at the same time, through
// dist/index.js on the emulator: whatever the interleaving, the version's status, its
// gate:* keys and its ApprovalDescription must tell one story, and a job must not report a
// decision the registry does not hold without failing.
import { describe, expect, it } from '@jest/globals'
import { DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker'
import type { Emulator } from '../../emulator/server.ts'
import { parsePolicy, policySha256 } from '../../src/policy/index.js'
import type { ActionRun } from './harness.js'
import { IMAGE, clients, explain, logisticModel, runOn, seedModel, useEmulator } from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e))

const GROUP = 'churn-model'
const PASSING = 'validation:auc >= 0.85'
const FAILING = 'validation:auc >= 0.95'
const sha = (thresholds: string) => policySha256(parsePolicy(thresholds, '', ''))
const ROUNDS = 12

function seedCandidate(): string {
  const url = seedModel(emulator, 'churn/model.json', logisticModel([0.5]))
  const [arn] = emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: GROUP,
        InferenceSpecification: {
          Containers: [{ Image: IMAGE, ModelDataUrl: url }],
          SupportedContentTypes: ['text/csv'],
          SupportedResponseMIMETypes: ['text/csv']
        },
        CustomerMetadataProperties: { 'metric:validation:auc': '0.9' }
      }
    ]
  }).modelPackages
  return arn as string
}

function gate(thresholds: string, runId: string, delayMs: number): Promise<ActionRun> {
  return new Promise(resolve => setTimeout(resolve, delayMs)).then(() =>
    runOn(
      emulator,
      {
        mode: 'gate',
        'model-package-group': GROUP,
        'model-package': '1',
        thresholds,
        'on-pass': 'Approved',
        'on-fail': 'Rejected',
        baseline: 'none'
      },
      { env: { GITHUB_RUN_ID: runId } }
    )
  )
}

describe('two gates at once on one pending version', () => {
  it(`leave status, gate:* keys and ApprovalDescription agreeing, in ${ROUNDS} interleavings`, async () => {
    const outcomes: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      emulator.reset()
      const candidate = seedCandidate()
      // Even rounds slow every UpdateModelPackage down, so that both gates pass their check
      // before either write lands (the writes overlap); odd rounds start one gate later,
      // so that it reads what the other has just written. The leader alternates.
      const overlap = round % 2 === 0
      emulator.setFaults({ latencyMs: { UpdateModelPackage: overlap ? 600 : 0 } })
      const lag = overlap ? (round % 4) * 50 : 300 + round * 100
      const [passDelay, failDelay] = round % 4 < 2 ? [0, lag] : [lag, 0]
      const [passing, failing] = await Promise.all([
        gate(PASSING, '11', passDelay),
        gate(FAILING, '22', failDelay)
      ])
      const pkg = await clients(emulator).sagemaker.send(
        new DescribeModelPackageCommand({ ModelPackageName: candidate })
      )
      const metadata = pkg.CustomerMetadataProperties ?? {}
      const status = pkg.ModelApprovalStatus
      const context = `round ${round}: ${status}, ${JSON.stringify(metadata)}, "${pkg.ApprovalDescription}"\npassing: ${explain(passing)}\nfailing: ${explain(failing)}`
      // One writer's whole decision, never a mix.
      if (status === 'Approved') {
        expect([context, metadata['gate:decision']]).toEqual([context, 'pass'])
        expect([context, metadata['gate:policy-sha256']]).toEqual([context, sha(PASSING)])
        expect([context, metadata['gate:run']]).toEqual([context, expect.stringMatching(/\/11$/)])
        expect([context, pkg.ApprovalDescription]).toEqual([
          context,
          expect.stringMatching(/^sagemaker-model-gate: v1 passed the gate .*runs\/11$/)
        ])
      } else {
        expect([context, status]).toEqual([context, 'Rejected'])
        expect([context, metadata['gate:decision']]).toEqual([context, 'fail'])
        expect([context, metadata['gate:policy-sha256']]).toEqual([context, sha(FAILING)])
        expect([context, metadata['gate:run']]).toEqual([context, expect.stringMatching(/\/22$/)])
        expect([context, pkg.ApprovalDescription]).toEqual([
          context,
          expect.stringMatching(/^sagemaker-model-gate: v1 failed the gate .*runs\/22$/)
        ])
      }
      // The gate whose decision stands says so; the other one wrote nothing (the version was
      // already decided when it read it), or fails saying another writer changed the version.
      const [winner, loser] = status === 'Approved' ? [passing, failing] : [failing, passing]
      expect([context, winner.outputs['approval-status']]).toEqual([context, status])
      const loserWroteNothing = /nothing recorded on v1: it is already (Approved|Rejected)/.test(
        loser.stdout
      )
      const loserSawTheOther = /changed by another writer/.test(loser.errors.join('\n'))
      expect([context, loserWroteNothing || loserSawTheOther]).toEqual([context, true])
      if (loserSawTheOther) expect([context, loser.exitCode]).toEqual([context, 1])
      if (loserWroteNothing) {
        expect([context, loser.outputs['approval-status']]).toEqual([context, status])
      }
      outcomes.push(loserWroteNothing ? 'read-after' : 'interleaved')
    }
    // Both kinds of interleaving occurred, so the test exercised the race, not one order.
    expect(new Set(outcomes).size).toBe(2)
  })
})
