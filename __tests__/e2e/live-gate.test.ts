// The gate with validation-data, through dist/index.js as the runner runs it, against the
// emulator: the candidate and the champion are served on temporary endpoints (or run as
// transform jobs), the live metrics decide, and nothing temporary is left afterwards, also
// when the job is cancelled and only the post step cleans up.
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  DescribeModelPackageCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  ListTransformJobsCommand
} from '@aws-sdk/client-sagemaker'
import type { Emulator } from '../../emulator/server.ts'
import { binaryRows, csvText, writeTemp } from '../unit/live/support.js'
import type { ActionRun } from './harness.js'
import {
  BUCKET,
  clients,
  explain,
  IMAGE,
  logisticModel,
  ROLE,
  runOn,
  startOn,
  until,
  useEmulator
} from './support.js'

let emulator: Emulator

const DELAYS = {
  packageCompleteMs: 0,
  endpointCreateMs: 30,
  endpointDeleteMs: 10,
  transformJobMs: 30,
  transformStopMs: 10
}
useEmulator(e => (emulator = e), { port: 0, delays: DELAYS })

const GROUP = 'churn'
/** P(label = 1) = sigmoid(1.5 x1 - x2): the true model, and a much weaker one. */
const TRUE = logisticModel([1.5, -1])
const WEAK = logisticModel([0.4, 0])
const DATA = csvText(binaryRows(600, 11))

/** Registers v1 (Approved, the champion) and v2 (the candidate) serving these models. */
function versions(champion: object, candidate: object): string[] {
  const arns: string[] = []
  for (const [i, model] of [champion, candidate].entries()) {
    const key = `live/v${i + 1}.json`
    emulator.seed({ s3Objects: [{ bucket: BUCKET, key, body: JSON.stringify(model) }] })
    const { modelPackages } = emulator.seed({
      modelPackages: [
        {
          ModelPackageGroupName: GROUP,
          ModelApprovalStatus: i === 0 ? 'Approved' : 'PendingManualApproval',
          InferenceSpecification: {
            Containers: [{ Image: IMAGE, ModelDataUrl: `s3://${BUCKET}/${key}` }],
            SupportedContentTypes: ['text/csv'],
            SupportedResponseMIMETypes: ['text/csv'],
            SupportedTransformInstanceTypes: ['ml.m5.large'],
            SupportedRealtimeInferenceInstanceTypes: ['ml.m5.large']
          }
        }
      ]
    })
    arns.push(modelPackages[0]!)
  }
  return arns
}

function gateInputs(data: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode: 'gate',
    'model-package-group': GROUP,
    'model-package': '2',
    'validation-data': data,
    'execution-role-arn': ROLE,
    thresholds: 'live:auc >= 0.6',
    'max-regression': 'live:auc -0.01',
    'on-pass': 'Approved',
    comment: 'false',
    ...extra
  }
}

/** What is left of the temporary resources, once deleted endpoints are gone. */
async function left() {
  const { sagemaker } = clients(emulator)
  const [models, configs, endpoints, jobs] = await Promise.all([
    sagemaker.send(new ListModelsCommand({})),
    sagemaker.send(new ListEndpointConfigsCommand({})),
    sagemaker.send(new ListEndpointsCommand({})),
    sagemaker.send(new ListTransformJobsCommand({ StatusEquals: 'InProgress' }))
  ])
  return {
    models: (models.Models ?? []).map(m => m.ModelName),
    configs: (configs.EndpointConfigs ?? []).map(c => c.EndpointConfigName),
    endpoints: (endpoints.Endpoints ?? []).map(e => e.EndpointName),
    runningJobs: (jobs.TransformJobSummaries ?? []).map(j => j.TransformJobName)
  }
}

const NOTHING = { models: [], configs: [], endpoints: [], runningJobs: [] }

async function nothingLeft(): Promise<void> {
  await until('the temporary resources to be gone', async () => {
    const now = await left()
    return JSON.stringify(now) === JSON.stringify(NOTHING)
  })
  expect(await left()).toEqual(NOTHING)
}

function report(run: ActionRun) {
  return JSON.parse(readFileSync(run.outputs['report-path'] as string, 'utf8'))
}

async function metadataOf(arn: string) {
  const pkg = await clients(emulator).sagemaker.send(
    new DescribeModelPackageCommand({ ModelPackageName: arn })
  )
  return { status: pkg.ModelApprovalStatus, metadata: pkg.CustomerMetadataProperties ?? {} }
}

describe.each([
  ['endpoint', (): string => writeTemp('holdout.csv', DATA), {}],
  [
    'batch-transform',
    (): string => {
      emulator.seed({ s3Objects: [{ bucket: 'holdout', key: 'churn/holdout.csv', body: DATA }] })
      return 's3://holdout/churn/holdout.csv'
    },
    { 'validation-method': 'batch-transform' }
  ]
] as const)('gate on live data by %s', (method, data, extra) => {
  it('rejects a worse candidate with the paired p-value in the JSON report, and leaves nothing', async () => {
    const [, candidate] = versions(TRUE, WEAK)
    const run = await runOn(emulator, gateInputs(data(), extra))
    expect({ exitCode: run.exitCode, decision: run.outputs.decision }).toEqual({
      exitCode: 1,
      decision: 'fail'
    })
    const json = report(run)
    const auc = json.live.comparisons['live:auc']
    expect(json.live).toMatchObject({ outcome: 'evaluated', method, data: { rows: 600 } })
    expect(auc.test).toBe('delong')
    expect(auc.delta).toBeLessThan(-0.05)
    expect(auc.p_value).toBeLessThan(0.001)
    expect(auc.ci[1]).toBeLessThan(0)
    const rule = json.rules.find((r: { kind: string }) => r.kind === 'regression')
    expect(rule).toMatchObject({ metric: 'live:auc', verdict: 'fail', pValue: auc.p_value })
    expect(rule.explanation).toMatch(/^live:auc: non-inferiority not shown/)
    expect(run.summary).toContain('live:auc')
    const { status, metadata } = await metadataOf(candidate!)
    expect(status).toBe('Rejected')
    expect(metadata['live:data-sha256']).toBe(createHash('sha256').update(DATA).digest('hex'))
    expect(metadata['live:data-rows']).toBe('600')
    expect(Number(metadata['live:auc'])).toBeCloseTo(auc.candidate, 5)
    expect(metadata['live:auc:vs-baseline']).toMatch(
      /^delta=-0\.\d+ ci=-0\.\d+\/-0\.\d+ p=\S+ delong$/
    )
    expect(Object.keys(metadata).length).toBeLessThanOrEqual(50)
    await nothingLeft()
  })

  it('passes a better candidate and approves it, and leaves nothing', async () => {
    const [, candidate] = versions(WEAK, TRUE)
    const run = await runOn(emulator, gateInputs(data(), extra))
    expect({ exitCode: run.exitCode, log: run.exitCode ? explain(run) : '' }).toEqual({
      exitCode: 0,
      log: ''
    })
    expect(run.outputs.decision).toBe('pass')
    const json = report(run)
    expect(json.live.comparisons['live:auc'].delta).toBeGreaterThan(0.05)
    expect(json.rules.every((r: { verdict: string }) => r.verdict === 'pass')).toBe(true)
    expect((await metadataOf(candidate!)).status).toBe('Approved')
    await nothingLeft()
  })
})

describe('cancelled while live evaluation runs', () => {
  async function cancelThenPost(
    inputs: Record<string, string>,
    operation: string
  ): Promise<ActionRun> {
    const started = startOn(emulator, inputs)
    await until(`${operation} to reach SageMaker`, () =>
      emulator.calls().some(call => call.operation === operation)
    )
    started.child.kill('SIGTERM')
    const main = await started.result
    expect(main.exitCode).toBe(143)
    expect(main.errors.join('\n')).toMatch(
      /^SIGTERM during live evaluation: the post step deletes the temporary resources recorded/m
    )
    const recorded = JSON.parse(main.state['temporary-resources'] ?? '[]')
    expect(recorded.map((r: { kind: string }) => r.kind)).toContain('model')
    return runOn(emulator, inputs, { state: { ...main.state, isPost: 'true' } })
  }

  it('SIGTERM while the endpoint is being created: the post step leaves nothing', async () => {
    versions(WEAK, TRUE)
    emulator.setDelays({ endpointCreateMs: 1500 })
    try {
      const post = await cancelThenPost(
        gateInputs(writeTemp('holdout.csv', DATA)),
        'CreateEndpoint'
      )
      expect({ exitCode: post.exitCode, warnings: post.warnings }).toEqual({
        exitCode: 0,
        warnings: []
      })
      expect(post.stdout).toMatch(/Cleaned up temporary endpoint gate-1001-1-[0-9a-f]{6}-/)
      await nothingLeft()
    } finally {
      emulator.setDelays(DELAYS)
    }
  })

  it('SIGTERM while the transform jobs run: the post step stops them and leaves nothing', async () => {
    versions(WEAK, TRUE)
    emulator.seed({ s3Objects: [{ bucket: 'holdout', key: 'churn/holdout.csv', body: DATA }] })
    emulator.setDelays({ transformJobMs: 20000 })
    try {
      const post = await cancelThenPost(
        gateInputs('s3://holdout/churn/holdout.csv', { 'validation-method': 'batch-transform' }),
        'CreateTransformJob'
      )
      expect({ exitCode: post.exitCode, warnings: post.warnings }).toEqual({
        exitCode: 0,
        warnings: []
      })
      expect(post.stdout).toMatch(/Cleaned up temporary transform-job gate-1001-1-/)
      await nothingLeft()
    } finally {
      emulator.setDelays(DELAYS)
    }
  })
})

describe('versions that cannot be served', () => {
  it("fails the gate with SageMaker's FailureReason when the candidate cannot be served", async () => {
    const [, candidate] = versions(TRUE, { bad: true })
    const run = await runOn(emulator, gateInputs(writeTemp('holdout.csv', DATA)))
    expect(run.exitCode).toBe(1)
    expect(run.outputs.decision).toBe('fail')
    const json = report(run)
    expect(json.live.outcome).toBe('candidate-failed')
    expect(json.reasons[0]).toMatch(
      /^The candidate cannot be served \(endpoint gate-.*-candidate\): .+/
    )
    expect(json.reasons[0]).toContain(json.live.failure.reason)
    expect((await metadataOf(candidate!)).status).toBe('Rejected')
    await nothingLeft()
  })

  it('is an error, not a decision, when the baseline cannot be served', async () => {
    const [, candidate] = versions({ bad: true }, TRUE)
    const run = await runOn(emulator, gateInputs(writeTemp('holdout.csv', DATA)))
    expect(run.exitCode).toBe(1)
    expect(run.outputs.decision).toBeUndefined()
    expect(run.errors.join('\n')).toMatch(/The baseline v1 cannot be served/)
    const { status, metadata } = await metadataOf(candidate!)
    expect(status).toBe('PendingManualApproval')
    expect(metadata['gate:decision']).toBeUndefined()
    await nothingLeft()
  })
})

describe('wrong inputs name the input and create nothing', () => {
  it.each([
    [{ 'label-column': 'churned' }, /Input "validation-data" \(.*holdout\.csv\): .*"churned"/],
    [
      { 'validation-data': '/nonexistent/holdout.csv' },
      /Input "validation-data" \(\/nonexistent\/holdout\.csv\): cannot read the file/
    ],
    [{ task: 'binary-classification' }, /Input "task" .*binary-classification/],
    [
      { 'regression-test': 'non-inferior' },
      /Input "regression-test".*did you mean "non-inferiority"/
    ],
    [
      { 'validation-methd': 'endpoint' },
      /Unknown input "validation-methd"; did you mean "validation-method"\?/
    ]
  ])('%o', async (given, message) => {
    versions(WEAK, TRUE)
    const run = await runOn(emulator, { ...gateInputs(writeTemp('holdout.csv', DATA)), ...given })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(message)
    expect(
      emulator.calls().filter(call => /^(Create|Update|Delete|Stop)/.test(call.operation))
    ).toEqual([])
  })
})
