// `gate`, `approve` and `reject` through dist/index.js on the emulator, with a loopback
// GitHub API for the sticky pull request comment.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker'
import { readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.ts'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import {
  BUCKET,
  IMAGE,
  clients,
  explain,
  logisticModel,
  mutatingCalls,
  runOn,
  seedModel,
  totalCalls,
  writeJson,
  useEmulator
} from './support.js'

let emulator: Emulator
let github: FakeGitHub

useEmulator(e => (emulator = e))
beforeAll(async () => {
  github = await startFakeGitHub()
})
afterAll(async () => {
  await github.close()
})
beforeEach(() => {
  github.state.comments.length = 0
  github.state.commentWriteStatus = undefined
})

const GROUP = 'churn-model'
const POLICY = {
  thresholds: 'validation:auc >= 0.85\nvalidation:logloss <= 0.40',
  'max-regression': 'validation:auc -0.01'
}
const PR = { name: 'pull_request', payload: { pull_request: { number: 7 } } }

/** Versions straight into the registry, as an earlier register run would have left them. */
function seedVersions(
  versions: { auc: number; logloss: number; status?: string; description?: string }[]
): string[] {
  const url = seedModel(emulator, 'churn/model.json', logisticModel([0.5]))
  return emulator.seed({
    modelPackages: versions.map(v => ({
      ModelPackageGroupName: GROUP,
      ModelPackageDescription: v.description ?? 'retrain',
      ModelApprovalStatus: v.status ?? 'PendingManualApproval',
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: url }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      },
      CustomerMetadataProperties: {
        'metric:validation:auc': String(v.auc),
        'metric:validation:logloss': String(v.logloss)
      }
    }))
  }).modelPackages
}

function gate(extra: Record<string, string> = {}) {
  return {
    mode: 'gate',
    'model-package-group': GROUP,
    'github-token': 'ghs_faketoken',
    ...POLICY,
    ...extra
  }
}

async function describe_(arn: string) {
  return clients(emulator).sagemaker.send(
    new DescribeModelPackageCommand({ ModelPackageName: arn })
  )
}

function ourComments() {
  return github.state.comments.filter(c => c.body.includes(`sagemaker-model-gate:${GROUP}`))
}

describe('gate', () => {
  it('writes one sticky comment, edits it on the next run, and leaves a hijacked marker alone', async () => {
    seedVersions([
      { auc: 0.9, logloss: 0.3, status: 'Approved' },
      { auc: 0.92, logloss: 0.28 }
    ])
    github.setIdentity('github-actions[bot]')
    github.addComment({
      issueNumber: 7,
      body: `<!-- sagemaker-model-gate:${GROUP} -->\nfake verdict`,
      login: 'mallory'
    })

    const first = await runOn(emulator, gate(), { event: PR, githubApiUrl: github.url })
    if (first.exitCode !== 0) throw new Error(explain(first))
    expect(first.outputs).toMatchObject({ decision: 'pass', 'model-package-version': '2' })
    expect(first.outputs['baseline-model-package-arn']).toMatch(/\/1$/)
    const mine = ourComments().filter(c => c.user.login === 'github-actions[bot]')
    expect(mine).toHaveLength(1)
    expect(first.outputs['comment-id']).toBe(String(mine[0]?.id))
    expect(mine[0]?.body).toContain('| validation:auc')
    expect(mine[0]?.body).toContain('```mermaid')

    const second = await runOn(emulator, gate({ history: '5' }), {
      event: PR,
      githubApiUrl: github.url
    })
    expect(second.exitCode).toBe(0)
    expect(second.outputs['comment-id']).toBe(first.outputs['comment-id'])
    expect(ourComments()).toHaveLength(2) // ours, edited in place, and mallory's
    const mallory = github.state.comments.find(c => c.user.login === 'mallory')
    expect(mallory?.body).toContain('fake verdict')
    expect(
      github.state.requests.filter(
        r => r.method === 'PATCH' && r.path.includes(`/comments/${mallory?.id}`)
      )
    ).toEqual([])

    // The summary and the JSON report tell the same story.
    expect(second.summary).toContain('validation:auc')
    const report = JSON.parse(readFileSync(second.outputs['report-path'] as string, 'utf8'))
    expect(report).toMatchObject({ decision: 'pass' })
  })

  it('rejects a failing candidate with its reasons and fails the job', async () => {
    const [, v2] = seedVersions([
      { auc: 0.9, logloss: 0.3, status: 'Approved' },
      { auc: 0.86, logloss: 0.45 }
    ])
    const run = await runOn(emulator, gate(), { event: PR, githubApiUrl: github.url })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ decision: 'fail', 'approval-status': 'Rejected' })
    expect(run.errors.join('\n')).toMatch(/validation:logloss/)
    const pkg = await describe_(v2 as string)
    expect(pkg.ModelApprovalStatus).toBe('Rejected')
    expect(pkg.ApprovalDescription).toMatch(/failed/)
    expect(pkg.ApprovalDescription).toMatch(/validation:logloss/)
    expect(pkg.ApprovalDescription).toMatch(/validation:auc/)
    expect(pkg.ApprovalDescription?.length).toBeLessThanOrEqual(1024)
    expect(pkg.CustomerMetadataProperties).toMatchObject({
      'gate:decision': 'fail',
      'gate:run': 'https://github.example.test/acme/churn-model/actions/runs/1001',
      // The gate merges its keys; the metrics mirror stays.
      'metric:validation:auc': '0.86'
    })
    expect(pkg.CustomerMetadataProperties?.['gate:policy-sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(ourComments()[0]?.body).toMatch(/fail/i)
  })

  it('approves a passing candidate when on-pass is Approved, with no PR: summary only', async () => {
    const [, v2] = seedVersions([
      { auc: 0.9, logloss: 0.3, status: 'Approved' },
      { auc: 0.9, logloss: 0.3 }
    ])
    const run = await runOn(emulator, gate({ 'on-pass': 'Approved' }), { githubApiUrl: github.url })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect((await describe_(v2 as string)).ModelApprovalStatus).toBe('Approved')
    expect(github.state.comments).toEqual([])
    expect(run.summary).toContain('validation:auc')
  })

  it('keeps its verdict when the comment cannot be written, and says how to fix it', async () => {
    seedVersions([{ auc: 0.9, logloss: 0.3 }])
    github.state.commentWriteStatus = 403
    const run = await runOn(emulator, gate(), { event: PR, githubApiUrl: github.url })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.decision).toBe('pass')
    expect(run.warnings.join('\n')).toMatch(/pull-requests: write/)
  })

  it('registers, then gates on the metrics register wrote', async () => {
    const url = seedModel(emulator, 'churn/v1.json', logisticModel([0.5]))
    const register = await runOn(
      emulator,
      {
        mode: 'register',
        'model-package-group': GROUP,
        'model-data-url': url,
        'image-uri': IMAGE,
        'metrics-file': writeJson({
          binary_classification_metrics: { auc: { value: 0.8, standard_deviation: 0.01 } }
        }),
        'metrics-s3-uri': `s3://${BUCKET}/metrics`
      },
      { sha: 'c'.repeat(40) }
    )
    expect(register.exitCode).toBe(0)
    const run = await runOn(emulator, gate({ thresholds: 'auc >= 0.85', 'max-regression': '' }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs.decision).toBe('fail')
    expect(
      (await describe_(register.outputs['model-package-arn'] as string)).ModelApprovalStatus
    ).toBe('Rejected')
  })

  it('makes at most history + 9 SageMaker calls in a group of 5,000 versions (2 for the audit trail)', async () => {
    const versions = Array.from({ length: 5000 }, (_, i) => ({
      auc: 0.85 + (i % 10) / 1000,
      logloss: 0.3,
      status: i % 7 === 0 ? 'Approved' : i === 4999 ? 'PendingManualApproval' : 'Rejected'
    }))
    seedVersions(versions)
    const before = totalCalls(emulator)
    const run = await runOn(emulator, gate({ history: '10' }), { env: { RUNNER_DEBUG: '1' } })
    if (run.exitCode !== 0) throw new Error(explain(run))
    const calls = totalCalls(emulator) - before
    expect(calls).toBeLessThanOrEqual(19)
    expect(run.stdout).toMatch(new RegExp(`::debug::SageMaker calls: ${calls}\\b`))
    expect(run.outputs['model-package-version']).toBe('5000')
  })
})

describe('gate under faults', () => {
  it('decides the same under 30% throttling, because the client retries', async () => {
    const [, v2] = seedVersions([
      { auc: 0.9, logloss: 0.3, status: 'Approved' },
      { auc: 0.91, logloss: 0.3 }
    ])
    emulator.setFaults({ throttleRate: 0.3 })
    const run = await runOn(emulator, gate({ 'on-pass': 'Approved' }))
    emulator.setFaults({ clear: true })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(emulator.stats().throttled).toBeGreaterThan(0)
    expect(run.outputs.decision).toBe('pass')
    expect((await describe_(v2 as string)).ModelApprovalStatus).toBe('Approved')
  })

  it('fails the job and leaves the version pending when the decision cannot be written', async () => {
    const [, v2] = seedVersions([
      { auc: 0.9, logloss: 0.3, status: 'Approved' },
      { auc: 0.5, logloss: 0.9 }
    ])
    emulator.setFaults({
      failNext: { UpdateModelPackage: { count: 20, error: 'InternalFailure', status: 500 } }
    })
    const run = await runOn(emulator, gate())
    emulator.setFaults({ clear: true })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/InternalFailure/)
    expect(run.errors.join('\n')).toMatch(/request id/)
    const pkg = await describe_(v2 as string)
    expect(pkg.ModelApprovalStatus).toBe('PendingManualApproval')
    expect(pkg.CustomerMetadataProperties?.['gate:decision']).toBeUndefined()
  })
})

describe('approve and reject', () => {
  it('refuses to approve a version whose gate failed unless forced, and records who decided', async () => {
    const [v1] = seedVersions([{ auc: 0.7, logloss: 0.6 }])
    const failed = await runOn(emulator, gate({ 'on-fail': 'none' }))
    expect(failed.exitCode).toBe(1)
    expect((await describe_(v1 as string)).CustomerMetadataProperties?.['gate:decision']).toBe(
      'fail'
    )

    const before = mutatingCalls(emulator)
    const refused = await runOn(emulator, {
      mode: 'approve',
      'model-package-group': GROUP,
      'model-package': '1',
      reason: 'looks fine to me'
    })
    expect(refused.exitCode).toBe(1)
    expect(refused.errors.join('\n')).toMatch(/force/)
    expect(mutatingCalls(emulator)).toEqual(before)

    const forced = await runOn(emulator, {
      mode: 'approve',
      'model-package-group': GROUP,
      'model-package': '1',
      reason: 'offline eval on the Q3 holdout is better',
      force: 'true'
    })
    if (forced.exitCode !== 0) throw new Error(explain(forced))
    const pkg = await describe_(v1 as string)
    expect(pkg.ModelApprovalStatus).toBe('Approved')
    expect(pkg.ApprovalDescription).toMatch(
      /Approved by octocat .*offline eval on the Q3 holdout is better/
    )
    expect(pkg.CustomerMetadataProperties).toMatchObject({
      'decision:actor': 'octocat',
      'decision:reason': 'offline eval on the Q3 holdout is better'
    })

    const rejected = await runOn(emulator, {
      mode: 'reject',
      'model-package-group': GROUP,
      'model-package': '1',
      reason: 'drift on the new cohort'
    })
    expect(rejected.exitCode).toBe(0)
    expect((await describe_(v1 as string)).ModelApprovalStatus).toBe('Rejected')
  })
})
