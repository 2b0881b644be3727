import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { getOctokit } from '@actions/github'
import {
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  UpdateModelPackageCommand
} from '@aws-sdk/client-sagemaker'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import 'aws-sdk-client-mock-jest'
import { fakeContext, useWorkDir, type FakeContextOverrides } from '../../__fixtures__/context.js'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import {
  FakeRegistry,
  gateSettings,
  GROUP_ARN,
  metrics,
  packageArn,
  RUN_URL
} from '../../__fixtures__/gate/registry.js'
import { runGate } from '../../src/modes/gate.js'
import { approvalDescription } from '../../src/registry/decision.js'
import { parsePolicy, policySha256, type Decision } from '../../src/policy/index.js'
import type { SettingsOf } from '../../src/settings.js'

const STATISTICS = join(
  import.meta.dirname,
  '../../__fixtures__/gate/model-quality-statistics.json'
)
const DEFAULT_POLICY_SHA = policySha256(
  parsePolicy('validation:auc >= 0.85\nvalidation:logloss <= 0.40', 'validation:auc -0.01', '')
)

let reg: FakeRegistry
const workDir = useWorkDir('gate', { each: true })
let github: FakeGitHub | undefined

beforeEach(async () => {
  reg = new FakeRegistry()
  github = undefined
})

afterEach(async () => {
  reg.restore()
  await github?.close()
})

/** v1 and v3 Approved (v3 is the champion), v2 Rejected, v4 the pending candidate. */
function standardGroup(
  candidate: Record<string, number> = { 'validation:auc': 0.905, 'validation:logloss': 0.32 }
) {
  reg.add(1, 'Approved', {
    metadata: metrics({ 'validation:auc': 0.88, 'validation:logloss': 0.35 })
  })
  reg.add(2, 'Rejected', {
    metadata: metrics({ 'validation:auc': 0.8, 'validation:logloss': 0.5 })
  })
  reg.add(3, 'Approved', {
    metadata: metrics({ 'validation:auc': 0.9, 'validation:logloss': 0.33 })
  })
  reg.add(4, 'PendingManualApproval', {
    metadata: { ...metrics(candidate), 'team:owner': 'risk-ml', 'source:commit': 'abc123' }
  })
}

async function gate(settings: SettingsOf<'gate'>, overrides: FakeContextOverrides = {}) {
  const fake = fakeContext({ workDir: workDir(), ...overrides })
  const outcome = await runGate(fake.ctx, settings)
  return { ...fake, outcome }
}

/** The error of a gate run; settings given as a function are read inside the run, as inputs are. */
async function gateError(
  settings: SettingsOf<'gate'> | (() => SettingsOf<'gate'>),
  overrides: FakeContextOverrides = {}
): Promise<Error> {
  const fake = fakeContext({ workDir: workDir(), ...overrides })
  try {
    await runGate(fake.ctx, typeof settings === 'function' ? settings() : settings)
  } catch (error) {
    return error as Error
  }
  throw new Error('the gate was expected to fail with an error')
}

interface VersionJson {
  version: number
  status?: string
  label?: string
  metrics: Record<string, number>
}

/** The parts of the JSON report file these tests read. */
interface ReportJson {
  decision: string
  reasons: string[]
  rules: { metric: string; kind: string; verdict: string; explanation: string }[]
  candidate: VersionJson
  baseline: VersionJson | null
  history: VersionJson[]
  dryRun: boolean
  written?: string
}

async function reportOf(outputs: Map<string, unknown>): Promise<ReportJson> {
  return JSON.parse(await readFile(outputs.get('report-path') as string, 'utf8')) as ReportJson
}

describe('gate decision and registry record', () => {
  it('approves a passing candidate with on-pass Approved and records the gate keys, merged', async () => {
    standardGroup()
    const { outcome, outputs } = await gate(gateSettings({ onPass: 'Approved' }))

    expect(outcome.failed).toBeUndefined()
    expect(outcome.audit).toMatchObject({
      decision: 'pass',
      packages: [outputs.get('model-package-arn')],
      policyHash: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    expect(outcome.audit?.reason).toContain('meets the threshold')
    expect(reg.updates()).toHaveLength(1)
    const [update] = reg.updates()
    expect(update).toEqual({
      ModelPackageArn: packageArn(4),
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: `sagemaker-model-gate: v4 passed the gate (policy sha256 ${DEFAULT_POLICY_SHA.slice(0, 12)}). Run: ${RUN_URL}`,
      CustomerMetadataProperties: {
        'gate:decision': 'pass',
        'gate:policy-sha256': DEFAULT_POLICY_SHA,
        'gate:run': RUN_URL
      }
    })
    expect(update?.ApprovalDescription?.length).toBeLessThanOrEqual(1024)
    // SageMaker merges: keys written by others are still there.
    expect(reg.get(4).metadata).toMatchObject({
      'team:owner': 'risk-ml',
      'metric:validation:auc': '0.905',
      'gate:decision': 'pass'
    })
    expect(reg.get(4).status).toBe('Approved')
    expect(Object.fromEntries(outputs)).toMatchObject({
      decision: 'pass',
      'model-package-arn': packageArn(4),
      'model-package-version': 4,
      'approval-status': 'Approved',
      'baseline-model-package-arn': packageArn(3)
    })
  })

  it('rejects a failing candidate with every reason and fails the job', async () => {
    standardGroup({ 'validation:auc': 0.84, 'validation:logloss': 0.45 })
    const { outcome, outputs } = await gate(gateSettings())

    const [update] = reg.updates()
    expect(update?.ModelPackageArn).toBe(packageArn(4))
    expect(update?.ModelApprovalStatus).toBe('Rejected')
    const description = update?.ApprovalDescription ?? ''
    expect(description.length).toBeLessThanOrEqual(1024)
    expect(description).toMatch(/^sagemaker-model-gate: v4 failed the gate/)
    expect(description).toContain('Failing rules: validation:auc 0.84 is not at least 0.85')
    expect(description).toContain('validation:logloss 0.45 is not at most 0.4')
    expect(description).toContain('validation:auc dropped by 0.06')
    expect(description.endsWith(`Run: ${RUN_URL}`)).toBe(true)
    expect(update?.CustomerMetadataProperties).toEqual({
      'gate:decision': 'fail',
      'gate:policy-sha256': DEFAULT_POLICY_SHA,
      'gate:run': RUN_URL
    })

    expect(outcome.failed).toMatch(/^Gate failed for v4: /)
    expect(outcome.failed).toContain('validation:auc 0.84 is not at least 0.85')
    expect(outcome.failed).toContain('validation:logloss 0.45 is not at most 0.4')
    expect(outcome.failed).toContain('validation:auc dropped by 0.06')
    expect(outputs.get('decision')).toBe('fail')
    expect(outputs.get('approval-status')).toBe('Rejected')
  })

  it('does not fail the job with fail-on-reject false, but still rejects', async () => {
    standardGroup({ 'validation:auc': 0.84, 'validation:logloss': 0.3 })
    const { outcome, outputs } = await gate(gateSettings({ failOnReject: false }))
    expect(outcome.failed).toBeUndefined()
    expect(outputs.get('decision')).toBe('fail')
    expect(reg.get(4).status).toBe('Rejected')
  })

  it('with on-fail none records gate:decision=fail and leaves the status pending, in one write', async () => {
    standardGroup({ 'validation:auc': 0.84, 'validation:logloss': 0.3 })
    const { outcome, outputs, infos } = await gate(gateSettings({ onFail: 'none' }))
    // The status is written as it stands, with the description and the keys, so that a
    // later writer replaces all three and none of them can disagree with the others.
    expect(reg.updates()).toEqual([
      {
        ModelPackageArn: packageArn(4),
        ModelApprovalStatus: 'PendingManualApproval',
        ApprovalDescription: expect.stringMatching(
          /^sagemaker-model-gate: v4 failed the gate \(policy sha256 [0-9a-f]{12}\)\. Status left PendingManualApproval \(on-fail: none\)\. Failing rules: /
        ),
        CustomerMetadataProperties: {
          'gate:decision': 'fail',
          'gate:policy-sha256': DEFAULT_POLICY_SHA,
          'gate:run': RUN_URL
        }
      }
    ])
    expect(reg.get(4).status).toBe('PendingManualApproval')
    expect(outputs.get('approval-status')).toBe('PendingManualApproval')
    expect(outcome.failed).toContain('Gate failed for v4')
    expect(infos).toContain(
      'gate:decision=fail written to v4; status left PendingManualApproval (on-fail: none)'
    )
  })

  it('with on-pass none (the default) records gate:decision=pass only', async () => {
    standardGroup()
    const { outcome } = await gate(gateSettings())
    expect(outcome.failed).toBeUndefined()
    expect(reg.updates()).toEqual([
      {
        ModelPackageArn: packageArn(4),
        ModelApprovalStatus: 'PendingManualApproval',
        ApprovalDescription: `sagemaker-model-gate: v4 passed the gate (policy sha256 ${DEFAULT_POLICY_SHA.slice(0, 12)}). Status left PendingManualApproval (on-pass: none). Run: ${RUN_URL}`,
        CustomerMetadataProperties: {
          'gate:decision': 'pass',
          'gate:policy-sha256': DEFAULT_POLICY_SHA,
          'gate:run': RUN_URL
        }
      }
    ])
  })

  it('fails closed when the candidate lacks a metric the policy names', async () => {
    standardGroup({ 'validation:auc': 0.95 })
    const { outcome, outputs } = await gate(gateSettings())
    expect(outputs.get('decision')).toBe('fail')
    expect(outcome.failed).toContain(
      'validation:logloss is missing on candidate v4, and a metric named in the policy must be present.'
    )
    expect(reg.get(4).status).toBe('Rejected')
    const report = await reportOf(outputs)
    expect(report.rules).toContainEqual(
      expect.objectContaining({ metric: 'validation:logloss', kind: 'threshold', verdict: 'fail' })
    )
  })

  it('skips the regression rule, and says why, when the baseline lacks the metric', async () => {
    reg.add(3, 'Approved', { metadata: metrics({ 'validation:logloss': 0.33 }) })
    reg.add(4, 'PendingManualApproval', {
      metadata: metrics({ 'validation:auc': 0.9, 'validation:logloss': 0.32 })
    })
    const { outcome, outputs, summaries } = await gate(gateSettings())
    expect(outcome.failed).toBeUndefined()
    expect(outputs.get('decision')).toBe('pass')
    const report = await reportOf(outputs)
    expect(report.rules).toContainEqual(
      expect.objectContaining({
        metric: 'validation:auc',
        kind: 'regression',
        verdict: 'skipped',
        explanation: 'Skipped: baseline v3 has no validation:auc.'
      })
    )
    expect(summaries.join('\n')).toContain('skipped')
  })

  it('treats a group without any approved version as a normal first gate: no baseline', async () => {
    reg.add(1, 'Rejected', { metadata: metrics({ 'validation:auc': 0.7 }) })
    reg.add(2, 'PendingManualApproval', {
      metadata: metrics({ 'validation:auc': 0.9, 'validation:logloss': 0.3 })
    })
    const { outcome, outputs, infos } = await gate(gateSettings({ onPass: 'Approved' }))
    expect(outcome.failed).toBeUndefined()
    expect(outputs.get('baseline-model-package-arn')).toBe('')
    expect(infos).toContain('Gate pass for v2 (no baseline)')
    const report = await reportOf(outputs)
    expect(report.baseline).toBeNull()
    expect(report.rules).toContainEqual(
      expect.objectContaining({
        kind: 'regression',
        verdict: 'skipped',
        explanation: 'Skipped: there is no baseline to compare with.'
      })
    )
    expect(reg.get(2).status).toBe('Approved')
  })

  it('uses the next approved version when the candidate is itself the newest approved', async () => {
    reg.add(2, 'Approved', {
      metadata: metrics({ 'validation:auc': 0.89, 'validation:logloss': 0.3 })
    })
    reg.add(3, 'Rejected', {
      metadata: metrics({ 'validation:auc': 0.6, 'validation:logloss': 0.9 })
    })
    reg.add(4, 'Approved', {
      metadata: metrics({ 'validation:auc': 0.9, 'validation:logloss': 0.3 })
    })
    const { outcome, outputs, infos } = await gate(
      gateSettings({ modelPackage: { kind: 'arn', arn: packageArn(4) }, onPass: 'Approved' })
    )
    expect(outcome.failed).toBeUndefined()
    expect(outputs.get('baseline-model-package-arn')).toBe(packageArn(2))
    const approvedLookups = reg.sagemaker
      .commandCalls(ListModelPackagesCommand)
      .map(call => call.args[0].input)
      .filter(input => input.ModelApprovalStatus === 'Approved')
    expect(approvedLookups.map(input => input.MaxResults)).toEqual([1, 2])
    // Already Approved: someone decided it; the gate writes nothing that could disagree.
    expect(reg.updates()).toEqual([])
    expect(infos.join('\n')).toMatch(
      /nothing recorded on v4: it is already Approved, and the gate records its decision only on versions pending approval/
    )
  })

  it('does not overturn a status a person set: a passing gate on a Rejected version leaves it Rejected', async () => {
    standardGroup()
    const { outcome, outputs, infos } = await gate(
      gateSettings({
        modelPackage: { kind: 'version', version: 2 },
        onPass: 'Approved',
        thresholds: 'validation:auc >= 0.5',
        maxRegression: ''
      })
    )
    expect(outcome.failed).toBeUndefined()
    expect(outputs.get('decision')).toBe('pass')
    expect(outputs.get('approval-status')).toBe('Rejected')
    expect(reg.updates()).toEqual([])
    expect(reg.get(2).metadata['gate:decision']).toBeUndefined()
    expect(infos.join('\n')).toMatch(
      /nothing recorded on v2: it is already Rejected, .*use mode "approve" or "reject"/
    )
  })

  it('refuses a version:N baseline that is the candidate, before writing anything', async () => {
    standardGroup()
    const error = await gateError(
      gateSettings({
        modelPackage: { kind: 'version', version: 4 },
        baseline: { kind: 'version', version: 4 }
      })
    )
    expect(error.message).toBe(
      'Finding the baseline failed after finding the candidate: Input "baseline": version 4 is the candidate itself (v4); a version cannot be its own baseline. Nothing was changed.'
    )
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })

  it('compares with a version:N baseline', async () => {
    standardGroup()
    const { outputs } = await gate(gateSettings({ baseline: { kind: 'version', version: 1 } }))
    expect(outputs.get('baseline-model-package-arn')).toBe(packageArn(1))
    const report = await reportOf(outputs)
    expect(report.baseline).toMatchObject({ version: 1, label: 'version 1' })
  })

  it('compares with the package an endpoint serves with the most weight', async () => {
    standardGroup()
    reg.serve('churn-prod', [
      { arn: packageArn(3), weight: 10 },
      { arn: packageArn(1), weight: 90 }
    ])
    const { outputs } = await gate(
      gateSettings({ baseline: { kind: 'endpoint', endpointName: 'churn-prod' } })
    )
    expect(outputs.get('baseline-model-package-arn')).toBe(packageArn(1))
    const report = await reportOf(outputs)
    expect(report.baseline).toMatchObject({ version: 1, label: 'live on churn-prod' })
  })

  it('stops with a clear message when the endpoint baseline does not exist', async () => {
    standardGroup()
    const error = await gateError(
      gateSettings({ baseline: { kind: 'endpoint', endpointName: 'missing' } })
    )
    expect(error.message).toContain('Input "baseline": endpoint "missing" does not exist')
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })
})

describe('metric sources', () => {
  const statisticsPolicy = { thresholds: 'auc >= 0.85\naccuracy >= 0.9', maxRegression: '' }

  it('falls back to the statistics JSON in S3 when its digest matches', async () => {
    const text = await readFile(STATISTICS, 'utf8')
    const digest = reg.putObject('s3://evals/churn/v4/statistics.json', text)
    reg.add(4, 'PendingManualApproval', {
      statistics: { S3Uri: 's3://evals/churn/v4/statistics.json', ContentDigest: digest }
    })
    const { outcome, outputs, warnings } = await gate(gateSettings(statisticsPolicy))
    expect(outcome.failed).toBeUndefined()
    expect(warnings.filter(w => w.startsWith('v4'))).toEqual([])
    const report = await reportOf(outputs)
    expect(report.candidate.metrics).toMatchObject({ auc: 0.93, accuracy: 0.91 })
    expect(reg.s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'evals',
      Key: 'churn/v4/statistics.json'
    })
  })

  it('does not trust statistics whose digest does not match, and fails closed', async () => {
    const text = await readFile(STATISTICS, 'utf8')
    const digest = reg.putObject('s3://evals/churn/v4/statistics.json', text)
    // Someone edited the file after registration.
    reg.putObject('s3://evals/churn/v4/statistics.json', text.replace('0.93', '0.99'))
    reg.add(4, 'PendingManualApproval', {
      statistics: { S3Uri: 's3://evals/churn/v4/statistics.json', ContentDigest: digest }
    })
    const { outcome, outputs, warnings } = await gate(gateSettings(statisticsPolicy))
    expect(warnings).toContain(
      'v4: the statistics at s3://evals/churn/v4/statistics.json do not match their recorded ContentDigest; they were not used.'
    )
    expect(outputs.get('decision')).toBe('fail')
    expect(outcome.failed).toContain('auc is missing on candidate v4')
    const report = await reportOf(outputs)
    expect(report.candidate.metrics).toEqual({})
    expect(reg.get(4).status).toBe('Rejected')
  })

  it("falls back to the training job's final metrics", async () => {
    reg.trainingJobs.set('churn-train-4', [
      { name: 'validation:auc', value: 0.91 },
      { name: 'validation:logloss', value: 0.3 }
    ])
    reg.add(3, 'Approved', {
      metadata: metrics({ 'validation:auc': 0.9, 'validation:logloss': 0.33 })
    })
    reg.add(4, 'PendingManualApproval', { metadata: { 'source:training-job': 'churn-train-4' } })
    const { outcome, outputs } = await gate(gateSettings())
    expect(outcome.failed).toBeUndefined()
    expect(reg.sagemaker).toHaveReceivedCommandTimes(DescribeTrainingJobCommand, 1)
    const report = await reportOf(outputs)
    expect(report.candidate.metrics).toEqual({ 'validation:auc': 0.91, 'validation:logloss': 0.3 })
  })

  it('reads the statistics and the training job once each when the metadata mirror has every metric', async () => {
    standardGroup()
    reg.get(4).statistics = { S3Uri: 's3://evals/missing.json' }
    reg.get(4).metadata['source:training-job'] = 'never-described'
    const { outputs, infos } = await gate(gateSettings())
    // For the standard deviations and the provenance diff only: the decision stands on the mirror.
    expect(reg.s3).toHaveReceivedCommandTimes(GetObjectCommand, 1)
    expect(reg.sagemaker).toHaveReceivedCommandTimes(DescribeTrainingJobCommand, 1)
    expect(outputs.get('decision')).toBe('pass')
    expect(infos).toContainEqual(
      expect.stringContaining('Training job "never-described" could not be read')
    )
  })
})

describe('gate report: provenance, directions and standard deviations', () => {
  function trainedGroup() {
    standardGroup()
    for (const [version, job, depth, data] of [
      [3, 'churn-train-3', '6', 's3://data/churn/2026-01/'],
      [4, 'churn-train-4', '8', 's3://data/churn/2026-02/']
    ] as const) {
      reg.trainingJobs.set(job, [])
      reg.trainingJobInputs.set(job, {
        hyperParameters: { max_depth: depth, eta: '0.2' },
        channels: { train: data }
      })
      reg.get(version).metadata['source:training-job'] = job
    }
  }

  it('shows the hyperparameters and training data that differ from the baseline, one call a version', async () => {
    trainedGroup()
    const { outputs, summaries } = await gate(gateSettings())
    expect(reg.sagemaker).toHaveReceivedCommandTimes(DescribeTrainingJobCommand, 2)
    const markdown = summaries.join('\n')
    expect(markdown).toContain('### What changed from the baseline')
    expect(markdown).toMatch(/\| hyperparameter max\\_depth \| 6 \| 8 \|/)
    expect(markdown.replace(/<wbr>/g, '')).toContain(
      '| training data train | s3://data/churn/2026-01/ | s3://data/churn/2026-02/ |'
    )
    const report = JSON.parse(await readFile(outputs.get('report-path') as string, 'utf8')) as {
      candidate: { hyperParameters: Record<string, string>; trainingData: Record<string, string> }
    }
    expect(report.candidate.hyperParameters).toEqual({ max_depth: '8', eta: '0.2' })
    expect(report.candidate.trainingData).toEqual({ train: 's3://data/churn/2026-02/' })
  })

  it("shows the statistics' standard deviations beside the values they belong to", async () => {
    const text = await readFile(STATISTICS, 'utf8')
    const digest = reg.putObject('s3://evals/churn/v4/statistics.json', text)
    reg.add(3, 'Approved', { metadata: metrics({ auc: 0.9 }) })
    reg.add(4, 'PendingManualApproval', {
      // The mirror holds auc as the statistics do, and accuracy with another value.
      metadata: metrics({ auc: 0.93, accuracy: 0.95 }),
      statistics: { S3Uri: 's3://evals/churn/v4/statistics.json', ContentDigest: digest }
    })
    const { outputs, summaries } = await gate(
      gateSettings({ thresholds: 'auc >= 0.85\naccuracy >= 0.5', maxRegression: '' })
    )
    const report = JSON.parse(await readFile(outputs.get('report-path') as string, 'utf8')) as {
      candidate: { standardDeviations?: Record<string, number> }
    }
    expect(report.candidate.standardDeviations).toEqual({ auc: 0.0015, f1: 0.003 })
    expect(summaries.join('\n')).toMatch(/\| 0\.9300\s±\s0\.0015 \|/)
  })

  it('marks the direction given in metric-directions and links the repository on the GitHub server', async () => {
    reg.add(3, 'Approved', { metadata: metrics({ 'custom:score': 0.3 }) })
    reg.add(4, 'PendingManualApproval', { metadata: metrics({ 'custom:score': 0.25 }) })
    const policy = {
      thresholds: '',
      maxRegression: 'custom:score -0.1',
      metricDirections: 'custom:score lower'
    }
    const { outputs, summaries } = await gate(gateSettings(policy), {
      github: { serverUrl: 'https://ghe.example.com' }
    })
    const report = JSON.parse(await readFile(outputs.get('report-path') as string, 'utf8')) as {
      directions: Record<string, string>
    }
    expect(report.directions).toEqual({ 'custom:score': 'lower' })
    const markdown = summaries.join('\n')
    expect(markdown).toContain('custom:score ↓')
    expect(markdown).toContain('](https://ghe.example.com/acme/churn-model)')
  })
})

describe('fail closed: an error before the decision writes nothing', () => {
  it('writes nothing when a policy line is wrong, and makes no SageMaker call', async () => {
    standardGroup()
    const error = await gateError(() => gateSettings({ thresholds: 'validation:auc => 0.8' }))
    expect(error.message).toContain('Input "thresholds", line 1')
    expect(reg.sagemaker.calls()).toHaveLength(0)
  })

  it('writes nothing when describing the baseline fails', async () => {
    standardGroup()
    reg.sagemaker
      .on(DescribeModelPackageCommand, { ModelPackageName: packageArn(3) })
      .rejects(
        Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {} })
      )
    const error = await gateError(gateSettings({ onPass: 'Approved' }))
    expect(error.name).toBe('StepError')
    expect((error.cause as Error).name).toBe('ThrottlingException')
    expect(error.message).toMatch(
      /^Reading the candidate and the baseline failed after finding the baseline: ThrottlingException: Rate exceeded\. .*Nothing was changed\.$/
    )
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })

  it('checks validation-data before creating anything: a bad row fails with its line and column', async () => {
    standardGroup()
    const data = join(workDir(), 'holdout.csv')
    await writeFile(data, 'label,x1\n1,0.5\nyes,0.25\n')
    const error = await gateError(
      gateSettings({
        validationData: data,
        executionRoleArn: 'arn:aws:iam::123456789012:role/sagemaker-execution',
        thresholds: 'live:auc >= 0.8'
      })
    )
    expect(error.message).toContain(
      `Input "validation-data" (${data}): line 3, column "label" (index 0, label): "yes" is not a finite number. Nothing was changed.`
    )
    const operations = reg.sagemaker.calls().map(call => call.args[0].constructor.name)
    expect(operations.filter(name => /^(Create|Update|Delete|Stop)/.test(name))).toEqual([])
  })

  it('names the input when the candidate version does not exist', async () => {
    standardGroup()
    const error = await gateError(gateSettings({ modelPackage: { kind: 'version', version: 99 } }))
    expect(error.message).toContain(
      'Input "model-package": v99 of group "churn" does not exist in us-east-1. Check the version'
    )
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })

  it('refuses a candidate from another group', async () => {
    standardGroup()
    reg.add(7, 'PendingManualApproval', {
      group: 'fraud',
      metadata: metrics({ 'validation:auc': 0.99, 'validation:logloss': 0.1 })
    })
    const error = await gateError(
      gateSettings({
        modelPackage: { kind: 'arn', arn: packageArn(7, 'fraud') },
        onPass: 'Approved'
      })
    )
    expect(error.message).toContain('belongs to group "fraud", not to "churn"')
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })

  it('refuses a candidate whose creation did not complete', async () => {
    standardGroup()
    reg.get(4).packageStatus = 'Failed'
    const error = await gateError(gateSettings({ onPass: 'Approved' }))
    expect(error.message).toBe('v4 is Failed; only a Completed version can be gated.')
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })

  it('says so when no version waits for approval and none was named', async () => {
    reg.add(1, 'Approved', { metadata: metrics({ 'validation:auc': 0.9 }) })
    const error = await gateError(gateSettings())
    expect(error.message).toContain('has no version waiting for approval (PendingManualApproval)')
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })

  it('still records the decision when the trend history cannot be read', async () => {
    standardGroup({ 'validation:auc': 0.8, 'validation:logloss': 0.3 })
    reg.sagemaker
      .on(DescribeModelPackageCommand, { ModelPackageName: packageArn(2) })
      .rejects(
        Object.assign(new Error('ModelPackage was deleted'), { name: 'ValidationException' })
      )
    const { outcome, warnings } = await gate(gateSettings())
    expect(outcome.failed).toContain('Gate failed for v4')
    expect(reg.get(4).status).toBe('Rejected')
    expect(
      warnings.some(w => w.startsWith('The version history for the trend chart could not be read'))
    ).toBe(true)
  })
})

describe('registry limits', () => {
  it('keeps the verdict and the run link in an ApprovalDescription of at most 1,024 characters', () => {
    const reasons = Array.from(
      { length: 40 },
      (_, i) => `validation:metric_${i} 0.1 is not at least 0.9 (threshold >= 0.9).`
    )
    const decision: Decision = { decision: 'fail', rules: [], reasons }
    const text = approvalDescription(decision, 12, 'f'.repeat(64), RUN_URL)
    expect(text.length).toBe(1024)
    expect(
      text.startsWith(
        'sagemaker-model-gate: v12 failed the gate (policy sha256 ffffffffffff). Failing rules: validation:metric_0'
      )
    ).toBe(true)
    expect(text.endsWith(`… Run: ${RUN_URL}`)).toBe(true)
    expect(
      approvalDescription({ decision: 'pass', rules: [], reasons: [] }, 3, 'a'.repeat(64), '')
    ).toBe('sagemaker-model-gate: v3 passed the gate (policy sha256 aaaaaaaaaaaa).')
  })

  it('writes the status even when the version already holds 50 metadata entries', async () => {
    standardGroup({ 'validation:auc': 0.8, 'validation:logloss': 0.3 })
    const full = reg.get(4).metadata
    for (let i = 0; Object.keys(full).length < 49; i++) full[`team:note-${i}`] = 'x'
    const { outcome, warnings } = await gate(gateSettings())
    expect(outcome.failed).toMatch(/^Gate failed/)
    const [update] = reg.updates()
    // One free slot: the decision itself wins it.
    expect(update?.CustomerMetadataProperties).toEqual({ 'gate:decision': 'fail' })
    expect(update?.ModelApprovalStatus).toBe('Rejected')
    expect(reg.get(4).status).toBe('Rejected')
    expect(warnings).toContain(
      'Not recorded in customer metadata: gate:policy-sha256: the package already holds 50 entries'
    )
  })
})

describe('two writers on one version', () => {
  it('writes nothing when another writer decided the version after the gate read it', async () => {
    standardGroup({ 'validation:auc': 0.84, 'validation:logloss': 0.3 })
    reg.beforeDescribe = (arn, reads) => {
      // The second read of v4 is the check right before the write.
      if (arn !== packageArn(4) || reads !== 1) return
      Object.assign(reg.get(4), {
        status: 'Approved',
        approvalDescription: 'Approved by alice: ok'
      })
      reg.get(4).metadata['decision:actor'] = 'alice'
    }
    const error = await gateError(gateSettings())
    expect(error.message).toBe(
      'Checking that v4 is still as read failed after computing the verdict (fail): v4 was changed by another writer while this run was deciding (status PendingManualApproval -> Approved; ApprovalDescription changed; decision:actor (none) -> alice); it now holds Approved, decision:actor=alice. Nothing was written: run again to decide on what it holds now. Nothing was changed.'
    )
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
    expect(reg.get(4).status).toBe('Approved')
  })

  it('fails, saying what the version holds, when another decision lands right after its own', async () => {
    standardGroup()
    reg.beforeDescribe = (arn, reads) => {
      // The third read of v4 is the one right after the write: another gate wrote in between.
      if (arn !== packageArn(4) || reads !== 2) return
      Object.assign(reg.get(4), { status: 'Rejected', approvalDescription: 'other gate: failed' })
      Object.assign(reg.get(4).metadata, {
        'gate:decision': 'fail',
        'gate:policy-sha256': 'f'.repeat(64),
        'gate:run': 'https://github.com/acme/churn-model/actions/runs/2'
      })
    }
    const error = await gateError(gateSettings({ onPass: 'Approved' }))
    expect(reg.updates()).toHaveLength(1)
    expect(error.message).toMatch(
      /^Reading v4 back after recording the decision failed after computing the verdict \(pass\): v4 was changed by another writer right after this run wrote its decision \(Approved, gate:decision=pass, gate:policy-sha256=[0-9a-f]{64}, gate:run=https:\/\/github\.com\/acme\/churn-model\/actions\/runs\/987654321\): it now holds Rejected, gate:decision=fail, gate:policy-sha256=f{64}, gate:run=https:\/\/github\.com\/acme\/churn-model\/actions\/runs\/2\. The version is consistent with that other decision, not with this run's; run again if this one should stand\. Already done: Approved and gate:decision=pass written to v4\.$/
    )
  })

  it('removes its own earlier gate:run when this run has no run link, so no stale link stays', async () => {
    standardGroup()
    reg.get(4).metadata['gate:run'] = 'https://github.com/acme/churn-model/actions/runs/1'
    const { outcome } = await gate(gateSettings(), { github: { repository: '', runId: '' } })
    expect(outcome.failed).toBeUndefined()
    expect(reg.updates()[0]?.CustomerMetadataPropertiesToRemove).toEqual(['gate:run'])
    expect(reg.get(4).metadata['gate:run']).toBeUndefined()
  })
})

describe('registry limits, continued', () => {
  it('still writes status and description when no decision key fits, and says so', async () => {
    standardGroup({ 'validation:auc': 0.8, 'validation:logloss': 0.3 })
    const full = reg.get(4).metadata
    for (let i = 0; Object.keys(full).length < 50; i++) full[`team:note-${i}`] = 'x'
    const { outcome, infos, warnings } = await gate(gateSettings({ onFail: 'none' }))
    expect(outcome.failed).toContain('Gate failed for v4')
    expect(reg.updates()).toEqual([
      {
        ModelPackageArn: packageArn(4),
        ModelApprovalStatus: 'PendingManualApproval',
        ApprovalDescription: expect.stringMatching(/^sagemaker-model-gate: v4 failed the gate/)
      }
    ])
    expect(Object.keys(reg.get(4).metadata)).toHaveLength(50)
    expect(infos).toContain(
      'the ApprovalDescription (no room for gate:decision in customer metadata) written to v4; status left PendingManualApproval (on-fail: none)'
    )
    expect(warnings).toContain(
      'Not recorded in customer metadata: gate:decision: the package already holds 50 entries'
    )
  })

  it('accepts a group named by ARN, as for a group shared from another account', async () => {
    standardGroup()
    const { outcome, outputs } = await gate(
      gateSettings(
        { modelPackage: { kind: 'version', version: 4 } },
        { group: { name: 'churn', nameOrArn: GROUP_ARN, arn: GROUP_ARN } }
      )
    )
    expect(outcome.failed).toBeUndefined()
    expect(outputs.get('baseline-model-package-arn')).toBe(packageArn(3))
    // The group ARN gives the package ARN without asking SageMaker.
    expect(reg.sagemaker).not.toHaveReceivedCommand(DescribeModelPackageGroupCommand)
  })
})

describe('dry run', () => {
  it('writes nothing to the registry but still reports, and says what it would do', async () => {
    standardGroup({ 'validation:auc': 0.8, 'validation:logloss': 0.3 })
    github = await startFakeGitHub()
    const octokit = getOctokit('token', { baseUrl: github.url, request: { retries: 0 } })
    const { outcome, outputs, infos } = await gate(gateSettings({}, { dryRun: true }), { octokit })
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
    expect(reg.get(4).status).toBe('PendingManualApproval')
    expect(outputs.get('approval-status')).toBe('PendingManualApproval')
    expect(infos).toContain('dry run: would write Rejected and gate:decision=fail to v4')
    // The verdict still decides the job: a dry run previews the gate, it does not soften it.
    expect(outcome.failed).toContain('Gate failed for v4')
    const report = await reportOf(outputs)
    expect(report).toMatchObject({
      dryRun: true,
      written: 'dry run: would write Rejected and gate:decision=fail to v4'
    })
    // A comment is not a registry change: the PR still sees the preview.
    expect(github.state.comments).toHaveLength(1)
  })
})

describe('reports', () => {
  it('writes the JSON report with the decision, candidate, baseline and history', async () => {
    standardGroup({ 'validation:auc': 0.84, 'validation:logloss': 0.3 })
    const { outputs } = await gate(gateSettings())
    const path = outputs.get('report-path') as string
    expect(path).toBe(join(workDir(), 'sagemaker-model-gate-churn-v4.json'))
    const report = await reportOf(outputs)
    expect(report).toMatchObject({
      schema: 'sagemaker-model-gate/gate-report@1',
      group: 'churn',
      decision: 'fail',
      candidate: { version: 4, status: 'Rejected', metrics: { 'validation:auc': 0.84 } },
      baseline: { version: 3, label: 'latest approved', metrics: { 'validation:auc': 0.9 } },
      runUrl: RUN_URL,
      dryRun: false,
      written: 'Rejected and gate:decision=fail written to v4',
      policySha256: DEFAULT_POLICY_SHA
    })
    expect(report.reasons).toEqual([
      'validation:auc 0.84 is not at least 0.85 (threshold >= 0.85).',
      expect.stringContaining('validation:auc dropped by 0.06')
    ])
    expect(report.history.map(entry => entry.version)).toEqual([1, 2, 3, 4])
    expect(report.history[1]).toMatchObject({
      version: 2,
      status: 'Rejected',
      metrics: { 'validation:auc': 0.8 }
    })
  })

  it('posts one sticky comment on a pull request and updates it in place on the next run', async () => {
    standardGroup()
    github = await startFakeGitHub()
    github.addComment({
      issueNumber: 42,
      body: '<!-- sagemaker-model-gate:churn -->\nhijack',
      login: 'mallory'
    })
    const octokit = getOctokit('token', { baseUrl: github.url, request: { retries: 0 } })
    const first = await gate(gateSettings(), { octokit })
    const ours = github.state.comments.filter(c => c.user.login === 'github-actions[bot]')
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body.startsWith('<!-- sagemaker-model-gate:churn -->')).toBe(true)
    expect(ours[0]?.body).toContain('v4')
    expect(first.outputs.get('comment-id')).toBe(ours[0]?.id)
    // The job summary carries the same report.
    expect(first.summaries[0]).toContain('v4')

    reg.get(4).metadata['metric:validation:auc'] = '0.95'
    reg.get(4).status = 'PendingManualApproval'
    const second = await gate(gateSettings(), { octokit })
    const after = github.state.comments.filter(c => c.user.login === 'github-actions[bot]')
    expect(after).toHaveLength(1)
    expect(after[0]?.body).toContain('0.95')
    expect(second.outputs.get('comment-id')).toBe(ours[0]?.id)
    // Somebody else's comment with our marker is never touched.
    expect(github.state.comments.find(c => c.user.login === 'mallory')?.body).toBe(
      '<!-- sagemaker-model-gate:churn -->\nhijack'
    )
  })

  it('writes only the job summary when the event has no pull request', async () => {
    standardGroup()
    github = await startFakeGitHub()
    const octokit = getOctokit('token', { baseUrl: github.url, request: { retries: 0 } })
    const { summaries, infos, outcome } = await gate(gateSettings(), {
      octokit,
      github: { pullRequest: undefined, eventName: 'push' }
    })
    expect(outcome.failed).toBeUndefined()
    expect(github.state.requests).toEqual([])
    expect(summaries).toHaveLength(1)
    expect(infos).toContain('No pull request in this event: the report is in the job summary only.')
  })

  it('warns with the fix when the comment cannot be written, and the verdict still decides the job', async () => {
    standardGroup({ 'validation:auc': 0.8, 'validation:logloss': 0.3 })
    github = await startFakeGitHub()
    github.state.commentWriteStatus = 403
    const octokit = getOctokit('token', { baseUrl: github.url, request: { retries: 0 } })
    const { outcome, warnings, outputs } = await gate(gateSettings(), { octokit })
    expect(outcome.failed).toContain('Gate failed for v4')
    expect(reg.get(4).status).toBe('Rejected')
    expect(outputs.has('comment-id')).toBe(false)
    expect(warnings.some(w => w.includes('HTTP 403') && w.includes('pull-requests: write'))).toBe(
      true
    )
  })
})

describe('economy', () => {
  it('makes at most history + 7 SageMaker calls in a group of 5,000 versions, using only O(history) calls', async () => {
    for (let v = 1; v <= 5000; v++) {
      const status = v === 5000 ? 'PendingManualApproval' : v % 25 === 0 ? 'Approved' : 'Rejected'
      reg.add(v, status, {
        metadata: metrics({ 'validation:auc': 0.85 + (v % 10) / 1000, 'validation:logloss': 0.3 })
      })
    }
    const history = 10
    const { outcome, outputs } = await gate(
      gateSettings({ onPass: 'Approved', maxRegression: 'validation:auc -0.5' }, { history })
    )
    expect(outcome.failed).toBeUndefined()
    // The champion is 4975, the newest multiple of 25, outside the 10-version window.
    expect(outputs.get('baseline-model-package-arn')).toBe(packageArn(4975))

    const calls = reg.sagemaker.calls().length
    expect(calls).toBeLessThanOrEqual(history + 7)

    const lists = reg.sagemaker
      .commandCalls(ListModelPackagesCommand)
      .map(call => call.args[0].input)
    for (const input of lists) {
      expect(input).toMatchObject({
        ModelPackageType: 'Versioned',
        SortOrder: 'Descending',
        ModelPackageGroupName: 'churn'
      })
      expect(input.MaxResults).toBeLessThanOrEqual(100)
    }
    expect(lists).toContainEqual(
      expect.objectContaining({ ModelApprovalStatus: 'Approved', MaxResults: 1 })
    )
    // The window's versions (the candidate among them) and the baseline, each described once,
    // and the candidate twice more: right before and right after the decision is written.
    expect(reg.sagemaker).toHaveReceivedCommandTimes(DescribeModelPackageCommand, history + 3)
    const report = await reportOf(outputs)
    expect(report.history.map(entry => entry.version)).toEqual(
      Array.from({ length: history }, (_, i) => 4991 + i)
    )
  })
})
