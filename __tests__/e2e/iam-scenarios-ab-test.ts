// `ab-test` in the least-privilege suite: v1 and v2 deployed 50/50 on the endpoint with
// data capture, requests captured and labelled (ground truth in its own bucket), then the
// verdict alone (docs/iam/ab-test.json) or the verdict and the promotion of the winner
// (docs/iam/ab-test-promote.json).
import { UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker'
import { expect } from '@jest/globals'
import type { Emulator } from '../../emulator/server.ts'
import { serveAndLabel } from './ab-traffic.js'
import type { ActionRun } from './harness.js'
import { BUCKET, ENDPOINT, GROUP, ROLE, type Run, type Scenario } from './iam-scenarios.js'
import { IMAGE, clients, logisticModel } from './support.js'

const CAPTURE_BUCKET = 'ml-capture'
const GROUND_TRUTH = { bucket: 'ml-ground-truth', prefix: 'churn' }

/**
 * v1 (a weak model, the control) and v2 (the true one, pending: the promotion approves it)
 * deployed 50/50 with capture of every request, first or after v3 alone; `count` requests
 * served and labelled.
 */
async function abTestOnEndpoint(
  emulator: Emulator,
  run: Run,
  count: number,
  served: 'first' | 'after-v3' = 'first'
): Promise<void> {
  emulator.seed({
    s3Objects: [
      { bucket: BUCKET, key: 'churn/ab-v1.json', body: JSON.stringify(logisticModel([0.3, 1])) },
      { bucket: BUCKET, key: 'churn/ab-v2.json', body: JSON.stringify(logisticModel([3, 0])) }
    ]
  })
  // v3 (v1's model) is what the endpoint served before the test, when it served anything.
  const [, v2] = emulator.seed({
    modelPackages: [1, 2, 1].map(i => ({
      ModelPackageGroupName: GROUP,
      ModelApprovalStatus: 'Approved',
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: `s3://${BUCKET}/churn/ab-v${i}.json` }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      }
    }))
  }).modelPackages
  const deploy = {
    mode: 'deploy',
    'model-package-group': GROUP,
    'endpoint-name': ENDPOINT,
    'execution-role-arn': ROLE,
    'instance-type': 'ml.m5.large',
    'data-capture-s3-uri': `s3://${CAPTURE_BUCKET}`,
    'data-capture-sampling-percentage': '100',
    'wait-interval': '0',
    'wait-timeout': '60'
  }
  if (served === 'after-v3') await run({ ...deploy, 'model-package': '3' })
  await run({ ...deploy, traffic: 'v1=50,v2=50' })
  await clients(emulator).sagemaker.send(
    new UpdateModelPackageCommand({
      ModelPackageArn: v2,
      ModelApprovalStatus: 'PendingManualApproval'
    })
  )
  await serveAndLabel(emulator, {
    endpointName: ENDPOINT,
    count,
    seed: 1,
    groundTruth: GROUND_TRUTH
  })
}

const abTest = {
  mode: 'ab-test',
  'model-package-group': GROUP,
  'endpoint-name': ENDPOINT,
  'ground-truth-s3-uri': `s3://${GROUND_TRUTH.bucket}/${GROUND_TRUTH.prefix}`,
  'window-hours': '1',
  thresholds: 'ops:error_rate <= 0.01'
}

const promote = {
  ...abTest,
  'on-verdict': 'promote',
  'execution-role-arn': ROLE,
  'wait-timeout': '60'
}

const verdict = (expected: string) => async (_: Emulator, run: ActionRun) => {
  expect(run.outputs.verdict).toBe(expected)
}

export const AB_TEST_SCENARIOS: Record<string, Scenario[]> = {
  'ab-test': [
    {
      name: 'calls the winner of v1 and v2 from captured, labelled requests and changes nothing',
      setup: (emulator, run) => abTestOnEndpoint(emulator, run, 400),
      inputs: abTest,
      check: verdict('winner')
    }
  ],
  'ab-test-promote': [
    {
      name: 'promotes the winner: approved, all traffic, served alone; the loser rejected; recorded',
      // What served before the test is cleaned up once the winner serves alone.
      setup: (emulator, run) => abTestOnEndpoint(emulator, run, 400, 'after-v3'),
      inputs: promote,
      // A workflow run of its own, as a scheduled test is: the winner's model is made anew.
      env: { GITHUB_RUN_ID: '2002' },
      // The winner is served alone under a new variant name, which SageMaker cannot shift
      // blue/green; all its traffic is already on it.
      warnings: [/^The variants change \(v1,v2 -> primary\)/],
      check: async (emulator, run) => {
        await verdict('winner')(emulator, run)
        expect(run.stdout).toMatch(/\d+\. DeleteEndpointConfig churn-prod-v3-/)
        expect(run.stdout).toMatch(/\d+\. DeleteModel churn-prod-v3-/)
        expect(run.stdout).toMatch(/Audit trail: recorded \S+:action\/smg-ab-test-r2002-/)
      }
    },
    {
      name: 'run again in the same workflow run, finds its promotion done and its audit action',
      setup: async (emulator, run) => {
        await abTestOnEndpoint(emulator, run, 400)
        await run(promote)
      },
      inputs: promote,
      check: async (_, run) => {
        expect(run.stdout).toMatch(
          /already serves v2 alone: this workflow run .* promoted it over v1/
        )
        expect(run.stdout).toMatch(/Audit trail: (found|updated) \S+:action\/smg-ab-test-r1001-/)
      }
    }
  ]
}
