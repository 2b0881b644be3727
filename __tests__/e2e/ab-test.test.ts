// `ab-test` through dist/index.js on the emulator: two versions deployed 50/50 with data
// capture, requests sent with an InferenceId, ground truth written for them in Model
// Monitor's format, then the verdict, the promotion and the ops limits.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  DescribeActionCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  ListActionsCommand,
  ListAssociationsCommand,
  UpdateModelPackageCommand
} from '@aws-sdk/client-sagemaker'
import { requestResource } from '../../__fixtures__/requests.js'
import type { Emulator } from '../../emulator/server.ts'
import { serveAndLabel } from './ab-traffic.js'
import {
  BUCKET,
  IMAGE,
  MUTATING,
  ROLE,
  clients,
  explain,
  logisticModel,
  mutatingCalls,
  runOn,
  seedModel,
  useEmulator
} from './support.js'

let emulator: Emulator
useEmulator(e => (emulator = e), {
  port: 0,
  // Capture is delivered by flushCapture only: one object per variant, as a quiet hour would be.
  delays: {
    packageCompleteMs: 0,
    endpointCreateMs: 20,
    endpointUpdateMs: 20,
    captureDeliveryMs: 600000
  }
})

const GROUP = 'churn-ab'
const ENDPOINT = 'churn-ab-prod'
const CAPTURE = `s3://${BUCKET}/capture`
const LABELS = `s3://${BUCKET}/ground-truth`
/** A two-feature logistic version: the label depends on the first feature only. */
function seedVersion(weights: number[]): string {
  const key = `ab/${weights.join('_')}-${Math.random().toString(36).slice(2)}.json`
  const url = seedModel(emulator, key, logisticModel(weights))
  const [arn] = emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: GROUP,
        ModelApprovalStatus: 'Approved',
        InferenceSpecification: {
          Containers: [{ Image: IMAGE, ModelDataUrl: url }],
          SupportedContentTypes: ['text/csv'],
          SupportedResponseMIMETypes: ['text/csv']
        }
      }
    ]
  }).modelPackages
  return arn as string
}

const version = (arn: string) => Number(arn.split('/').pop())

/** Deploys both versions 50/50 with data capture of every request. */
async function deployBoth(control: string, challenger: string): Promise<void> {
  const run = await runOn(emulator, {
    mode: 'deploy',
    'model-package-group': GROUP,
    'endpoint-name': ENDPOINT,
    'execution-role-arn': ROLE,
    'instance-type': 'ml.m5.large',
    traffic: `v${version(control)}=50,v${version(challenger)}=50`,
    'data-capture-s3-uri': CAPTURE,
    'data-capture-sampling-percentage': '100',
    'wait-interval': '0',
    'wait-timeout': '60'
  })
  if (run.exitCode !== 0) throw new Error(explain(run))
}

function serve(count: number, seed: number): Promise<void> {
  return serveAndLabel(emulator, {
    endpointName: ENDPOINT,
    count,
    seed,
    groundTruth: { bucket: BUCKET, prefix: 'ground-truth' }
  })
}

/** Runs ab-test; `env` names the GitHub run (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT) where it matters. */
function abTest(extra: Record<string, string> = {}, env: Record<string, string> = {}) {
  return runOn(
    emulator,
    {
      mode: 'ab-test',
      'model-package-group': GROUP,
      'endpoint-name': ENDPOINT,
      'ground-truth-s3-uri': LABELS,
      'window-hours': '1',
      'execution-role-arn': ROLE,
      'wait-timeout': '60',
      ...extra
    },
    { env }
  )
}

/** Makes a deployed version wait for approval again, as a challenger fresh from the gate would. */
async function makePending(arn: string): Promise<void> {
  await clients(emulator).sagemaker.send(
    new UpdateModelPackageCommand({
      ModelPackageArn: arn,
      ModelApprovalStatus: 'PendingManualApproval'
    })
  )
}

/** v1 (weak) and v2 (clearly better, pending approval) 50/50, with 400 labelled requests. */
async function clearWinnerPending(seed: number): Promise<{ v1: string; v2: string }> {
  const v1 = seedVersion([0.3, 1])
  const v2 = seedVersion([3, 0])
  await deployBoth(v1, v2)
  await makePending(v2)
  await serve(400, seed)
  return { v1, v2 }
}

/** The audit actions the runs recorded, of one type. */
async function auditActions(type: string) {
  const { sagemaker } = clients(emulator)
  const listed = await sagemaker.send(new ListActionsCommand({ ActionType: type, MaxResults: 100 }))
  return Promise.all(
    (listed.ActionSummaries ?? []).map(a =>
      sagemaker.send(new DescribeActionCommand({ ActionName: a.ActionName }))
    )
  )
}

/** The mutating SageMaker calls the emulator answered since call number `from`, in order. */
function mutatingSince(from: number): { operation: string; resource: string }[] {
  return emulator
    .calls()
    .slice(from)
    .filter(call => MUTATING.test(call.operation) && !call.error)
    .map(call => ({ operation: call.operation, resource: requestResource(call.input) }))
}

async function served(): Promise<string[]> {
  const { sagemaker } = clients(emulator)
  const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: ENDPOINT }))
  const config = await sagemaker.send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })
  )
  const arns: string[] = []
  for (const variant of config.ProductionVariants ?? []) {
    const model = await sagemaker.send(new DescribeModelCommand({ ModelName: variant.ModelName }))
    arns.push(
      model.Containers?.[0]?.ModelPackageName ?? model.PrimaryContainer?.ModelPackageName ?? ''
    )
  }
  expect(config.DataCaptureConfig?.DestinationS3Uri).toBe(CAPTURE)
  return arns
}

async function status(arn: string) {
  return clients(emulator).sagemaker.send(
    new DescribeModelPackageCommand({ ModelPackageName: arn })
  )
}

function report(run: { outputs: Record<string, string> }) {
  return JSON.parse(readFileSync(run.outputs['report-path'] as string, 'utf8')) as {
    verdict: string
    comparisons: Record<string, { p_value: number; test: string; delta: number; ci: number[] }>
    estimate: { perVariant: number; more: number; effect: number } | null
    variants: Record<string, { labelled: number; captured: number; ops: Record<string, number> }>
    limits: Record<string, { metric: string; verdict: string }[]>
  }
}

describe('ab-test', () => {
  it('promotes a clearly better challenger: all traffic, served alone, approved; the control is rejected', async () => {
    const v1 = seedVersion([0.3, 1])
    const v2 = seedVersion([3, 0])
    await deployBoth(v1, v2)
    // A pending challenger is approved by the promotion.
    await clients(emulator).sagemaker.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: v2,
        ModelApprovalStatus: 'PendingManualApproval'
      })
    )
    await serve(4000, 1)
    const run = await abTest({ 'on-verdict': 'promote' })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.outputs.verdict).toBe('winner')
    expect(run.outputs['winner-model-package-arn']).toBe(v2)
    const data = report(run)
    expect(data.comparisons.auc!.test).toBe('delong-independent')
    expect(data.comparisons.auc!.p_value).toBeLessThan(0.05)
    expect(data.comparisons.auc!.delta).toBeGreaterThan(0.1)
    expect(data.comparisons.accuracy!.test).toBe('two-proportion-z')
    expect(data.variants.control!.labelled + data.variants.challenger!.labelled).toBe(4000)
    expect(data.variants.control!.ops.invocations).toBe(data.variants.control!.captured)
    expect(await served()).toEqual([v2])
    expect((await status(v2)).ModelApprovalStatus).toBe('Approved')
    const loser = await status(v1)
    expect(loser.ModelApprovalStatus).toBe('Rejected')
    expect(loser.ApprovalDescription).toMatch(
      /A\/B test on endpoint churn-ab-prod: v2 wins over v1/
    )
    expect(loser.ApprovalDescription).toMatch(/better on auc/)
    expect(run.summary).toMatch(/## 🏆 A\/B test on churn-ab-prod: v2 .*wins/)
    // The mode's outputs only: the deployment inside the promotion sets none of deploy's.
    expect(Object.keys(run.outputs).sort()).toEqual([
      'report-path',
      'verdict',
      'winner-model-package-arn'
    ])
  }, 300000)

  it('rejects a clearly worse challenger with the evidence and returns all traffic to the control', async () => {
    const v1 = seedVersion([3, 0])
    const v2 = seedVersion([0.3, 1])
    await deployBoth(v1, v2)
    await serve(4000, 2)
    const run = await abTest({ 'on-verdict': 'promote' })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.outputs.verdict).toBe('winner')
    expect(run.outputs['winner-model-package-arn']).toBe(v1)
    expect(await served()).toEqual([v1])
    const loser = await status(v2)
    expect(loser.ModelApprovalStatus).toBe('Rejected')
    expect(loser.ApprovalDescription).toMatch(/v1 wins over v2.*auc.*p = /)
    expect((await status(v1)).ModelApprovalStatus).toBe('Approved')
  }, 300000)

  it('calls 60 requests inconclusive, with the requests still needed, and changes nothing', async () => {
    const v1 = seedVersion([2.6, 0.3])
    const v2 = seedVersion([3, 0])
    await deployBoth(v1, v2)
    await serve(60, 3)
    const before = mutatingCalls(emulator)
    const run = await abTest({ 'on-verdict': 'promote' })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.outputs.verdict).toBe('inconclusive')
    expect(run.outputs['winner-model-package-arn']).toBe('')
    const data = report(run)
    expect(data.estimate!.perVariant).toBeGreaterThan(30)
    expect(data.estimate!.more).toBe(2 * data.estimate!.perVariant - 60)
    expect(run.summary).toMatch(/more labelled requests/)
    expect(mutatingCalls(emulator)).toEqual(before)
    expect(await served()).toEqual([v1, v2])
  }, 300000)

  it('does not promote a winner someone rejected: it reports the verdict, changes nothing and fails', async () => {
    const { v1, v2 } = await clearWinnerPending(7)
    await clients(emulator).sagemaker.send(
      new UpdateModelPackageCommand({ ModelPackageArn: v2, ModelApprovalStatus: 'Rejected' })
    )
    const before = mutatingCalls(emulator)
    const run = await abTest({ 'on-verdict': 'promote' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      `::error::The A/B test's winner v2 (${v2}) is Rejected: the test does not overturn a rejection. Nothing was changed.`
    )
    expect(run.outputs.verdict).toBe('winner')
    expect(run.outputs['winner-model-package-arn']).toBe(v2)
    expect(report(run).verdict).toBe('winner')
    expect(run.summary).toMatch(/is Rejected: the test does not overturn a rejection/)
    expect(mutatingCalls(emulator)).toEqual(before)
    expect(await served()).toEqual([v1, v2])
    expect((await status(v2)).ModelApprovalStatus).toBe('Rejected')
    expect((await status(v1)).ModelApprovalStatus).toBe('Approved')
  }, 300000)

  it('fails the ops: limit of a challenger with a latency fault, and the control wins', async () => {
    const v1 = seedVersion([3, 0])
    const v2 = seedVersion([3, 0])
    await deployBoth(v1, v2)
    emulator.setVariant({ endpointName: ENDPOINT, variantName: `v${version(v2)}`, latencyMs: 250 })
    await serve(200, 4)
    const before = mutatingCalls(emulator)
    const run = await abTest({ thresholds: 'ops:model_latency_p99 <= 200\nops:error_rate <= 0.01' })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.outputs.verdict).toBe('winner')
    expect(run.outputs['winner-model-package-arn']).toBe(v1)
    const data = report(run)
    expect(data.variants.challenger!.ops.model_latency_p99).toBeGreaterThanOrEqual(250)
    expect(data.variants.control!.ops.model_latency_p99).toBeLessThan(200)
    expect(data.limits.challenger).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: 'ops:model_latency_p99', verdict: 'fail' })
      ])
    )
    expect(run.summary).toMatch(/fails the policy/)
    // on-verdict defaults to none: it decides nothing, so it writes and records nothing.
    expect(await served()).toEqual([v1, v2])
    expect(mutatingCalls(emulator)).toEqual(before)
    expect(await auditActions('ab-test')).toEqual([])
  }, 300000)

  it('records the promotion in the audit trail: what was approved and rejected, why, who and the run', async () => {
    const { v1, v2 } = await clearWinnerPending(5)
    const run = await abTest({ 'on-verdict': 'promote' }, { GITHUB_RUN_ID: '5151' })
    if (run.exitCode !== 0) throw new Error(explain(run))
    const [action, ...others] = await auditActions('ab-test')
    expect(others).toEqual([])
    expect(action!.Status).toBe('Completed')
    expect(action!.Source?.SourceUri).toBe(v2)
    expect(action!.Properties).toMatchObject({
      decision: 'promoted',
      verdict: 'winner',
      winner: v2,
      loser: v1,
      approved: v2,
      rejected: v1,
      actor: 'octocat',
      'run-url': 'https://github.example.test/acme/churn-model/actions/runs/5151',
      'run-id': '5151',
      endpoint: ENDPOINT,
      'model-package-arns': `${v2} ${v1}`
    })
    expect(action!.Properties!.reason).toMatch(
      /^A\/B test on endpoint churn-ab-prod: v2 wins over v1\. .*auc/
    )
    expect(action!.Properties!['endpoint-config']).toMatch(/^churn-ab-prod-v2-/)
    const links = await clients(emulator).sagemaker.send(
      new ListAssociationsCommand({ SourceArn: action!.ActionArn })
    )
    const endpoint = await clients(emulator).sagemaker.send(
      new DescribeEndpointCommand({ EndpointName: ENDPOINT })
    )
    expect((links.AssociationSummaries ?? []).map(a => a.DestinationArn).sort()).toEqual(
      [v1, v2, endpoint.EndpointArn].sort()
    )
    expect(run.stdout).toMatch(
      /Audit trail: recorded arn:aws:sagemaker:[^ ]+:action\/smg-ab-test-r5151-/
    )
  }, 300000)

  it('a re-run of the same workflow run finds its promotion done: it changes nothing and updates its audit action in place', async () => {
    const { v2 } = await clearWinnerPending(6)
    const first = await abTest({ 'on-verdict': 'promote' }, { GITHUB_RUN_ID: '6161' })
    if (first.exitCode !== 0) throw new Error(explain(first))
    const [recorded] = await auditActions('ab-test')
    const from = emulator.calls().length
    const again = await abTest(
      { 'on-verdict': 'promote' },
      { GITHUB_RUN_ID: '6161', GITHUB_RUN_ATTEMPT: '2' }
    )
    if (again.exitCode !== 0) throw new Error(explain(again))
    expect(again.stdout).toMatch(
      /Endpoint churn-ab-prod already serves v2 alone: this workflow run \(.*6161\) promoted it over v1\./
    )
    expect(again.summary).toMatch(/v2\]\(.*\) promoted over \[v1\]\(.*\) by this workflow run/)
    expect(again.outputs.verdict).toBe('winner')
    expect(again.outputs['winner-model-package-arn']).toBe(v2)
    // Only the audit action changes: the same action, now naming the second attempt.
    expect(mutatingSince(from)).toEqual([
      { operation: 'UpdateAction', resource: recorded!.ActionName }
    ])
    const [action, ...others] = await auditActions('ab-test')
    expect(others).toEqual([])
    expect(action!.ActionArn).toBe(recorded!.ActionArn)
    expect(action!.Properties).toMatchObject({ ...recorded!.Properties, 'run-attempt': '2' })
    expect(again.stdout).toMatch(/Audit trail: updated \S+ \(run-attempt\)/)
  }, 300000)

  it('a dry run plans, in order, exactly the calls its promotion then makes: the pending winner approved first', async () => {
    const { v1, v2 } = await clearWinnerPending(7)
    const github = { GITHUB_RUN_ID: '7171' }
    const before = mutatingCalls(emulator)
    const dry = await abTest({ 'on-verdict': 'promote', 'dry-run': 'true' }, github)
    if (dry.exitCode !== 0) throw new Error(explain(dry))
    expect(mutatingCalls(emulator)).toEqual(before)
    const planned = (
      JSON.parse(readFileSync(dry.outputs['report-path'] as string, 'utf8')) as {
        promotion: { calls: { operation: string; resource: string; text: string }[] }
      }
    ).promotion.calls
    const from = emulator.calls().length
    const run = await abTest({ 'on-verdict': 'promote' }, github)
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(planned.map(({ operation, resource }) => ({ operation, resource }))).toEqual(
      mutatingSince(from)
    )
    expect(planned.map(c => c.operation)).toEqual([
      'UpdateModelPackage',
      'UpdateEndpointWeightsAndCapacities',
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'AddTags',
      'UpdateModelPackage',
      'UpdateModelPackage',
      'CreateAction',
      'AddAssociation',
      'AddAssociation',
      'AddAssociation'
    ])
    expect(planned[0]).toMatchObject({ resource: v2 })
    expect(planned[0]!.text).toMatch(/^UpdateModelPackage v2 .*: PendingManualApproval -> Approved/)
    expect(planned[7]).toMatchObject({ resource: v1 })
    expect(planned[7]!.text).toMatch(/^UpdateModelPackage v1 .*: Approved -> Rejected/)
    // The dry run's log says the same lines, in the same order.
    const at = planned.map(c => dry.stdout.indexOf(c.text))
    expect(at.every((position, i) => position > (at[i - 1] ?? -1))).toBe(true)
  }, 300000)
})
