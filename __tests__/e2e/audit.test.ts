// The audit trail through dist/index.js on the emulator: one lineage action per run of
// register, gate, deploy and rollback, associated with the version (and the endpoint),
// found again by a re-run, read back by `lineage` as a timeline and by `compare` as the
// last decision; a dry run records nothing.
import { beforeAll, describe, expect, it } from '@jest/globals'
import {
  DescribeActionCommand,
  DescribeEndpointCommand,
  ListActionsCommand,
  ListAssociationsCommand,
  type ActionSummary
} from '@aws-sdk/client-sagemaker'
import { readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.ts'
import type { ActionRun } from './harness.js'
import {
  IMAGE,
  ROLE,
  clients,
  explain,
  logisticModel,
  runOn,
  seedModel,
  useEmulator,
  writeJson
} from './support.js'

let emulator: Emulator
useEmulator(
  e => (emulator = e),
  {
    port: 0,
    delays: {
      packageCompleteMs: 20,
      endpointCreateMs: 200,
      endpointUpdateMs: 200,
      endpointDeleteMs: 50,
      waitSecondMs: 5
    }
  },
  false
)

const GROUP = 'audit-model'
const ENDPOINT = 'audit-prod'
const SHA = 'c0ffee'.padEnd(40, '0')

async function actions(): Promise<ActionSummary[]> {
  const listed = await clients(emulator).sagemaker.send(
    new ListActionsCommand({ SortBy: 'CreationTime', SortOrder: 'Ascending', MaxResults: 100 })
  )
  return listed.ActionSummaries ?? []
}

/** Runs the action as GitHub run `runId` (attempt `attempt`), and fails with its log if it did. */
async function runAs(
  runId: string,
  inputs: Record<string, string>,
  attempt = '1'
): Promise<ActionRun> {
  const run = await runOn(emulator, inputs, {
    sha: SHA,
    env: { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt }
  })
  if (run.exitCode !== 0) throw new Error(explain(run))
  return run
}

const deployInputs = (pkg: string) => ({
  mode: 'deploy',
  'model-package-group': GROUP,
  'model-package': pkg,
  'endpoint-name': ENDPOINT,
  'execution-role-arn': ROLE,
  'instance-type': 'ml.m5.large',
  'wait-timeout': '120',
  'wait-interval': '30'
})

const gateInputs = (pkg: string, extra: Record<string, string> = {}) => ({
  mode: 'gate',
  'model-package-group': GROUP,
  'model-package': pkg,
  thresholds: 'validation:auc >= 0.85',
  baseline: 'none',
  'on-pass': 'Approved',
  ...extra
})

describe('audit trail in SageMaker lineage', () => {
  let v1 = ''
  let v2 = ''
  const names: Record<string, string> = {}

  beforeAll(async () => {
    const url = seedModel(emulator, 'audit/v1.json', logisticModel([1]))
    v1 = emulator.seed({
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
    }).modelPackages[0] as string
    await runAs('100', deployInputs(v1))
  })

  /** Runs `inputs` as run `runId`, then again twice (the second as attempt 2): one action. */
  async function once(
    runId: string,
    inputs: Record<string, string>
  ): Promise<ActionSummary & { run: ActionRun }> {
    const before = await actions()
    const first = await runAs(runId, inputs)
    const after = await actions()
    expect(after).toHaveLength(before.length + 1)
    const added = after[after.length - 1] as ActionSummary
    expect(first.stdout).toContain(`Audit trail: recorded ${added.ActionArn}`)
    // The same run again, and a re-run attempt of it: the action is found, none is added.
    const again = await runAs(runId, inputs)
    expect(again.stdout).toContain(`Audit trail: found ${added.ActionArn}\n`)
    const attempt = await runAs(runId, inputs, '2')
    expect(attempt.stdout).toContain(`Audit trail: updated ${added.ActionArn} (run-attempt)`)
    expect(await actions()).toHaveLength(after.length)
    const described = await clients(emulator).sagemaker.send(
      new DescribeActionCommand({ ActionName: added.ActionName })
    )
    expect(described.Properties?.['run-attempt']).toBe('2')
    return { ...added, run: first }
  }

  it('records register, gate, deploy and rollback once per run, each associated with the version', async () => {
    const url = seedModel(emulator, 'audit/v2.json', logisticModel([2]))
    const register = await once('201', {
      mode: 'register',
      'model-package-group': GROUP,
      'model-data-url': url,
      'image-uri': IMAGE,
      'metrics-file': writeJson({ 'validation:auc': 0.91 })
    })
    v2 = register.run.outputs['model-package-arn'] as string
    expect(v2).toMatch(/\/2$/)
    names.register = register.ActionName as string
    names.gate = (await once('202', gateInputs(v2))).ActionName as string
    names.deploy = (await once('203', deployInputs(v2))).ActionName as string
    const rollbackInputs = {
      mode: 'rollback',
      'model-package-group': GROUP,
      'endpoint-name': ENDPOINT,
      'execution-role-arn': ROLE,
      'wait-timeout': '120',
      'wait-interval': '30',
      reason: 'latency doubled'
    }
    const before = await actions()
    await runAs('204', rollbackInputs)
    const after = await actions()
    expect(after).toHaveLength(before.length + 1)
    names.rollback = after[after.length - 1]?.ActionName as string
    // In another workflow run, a rollback finds nothing older to go back to: it fails and
    // records nothing. (The same run again finds its rollback done: e2e/deploy.test.ts.)
    const again = await runOn(emulator, rollbackInputs, { sha: SHA, env: { GITHUB_RUN_ID: '208' } })
    expect(again.exitCode).toBe(1)
    expect(await actions()).toEqual(after)

    const { sagemaker } = clients(emulator)
    const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: ENDPOINT }))
    for (const [mode, name] of Object.entries(names)) {
      const action = await sagemaker.send(new DescribeActionCommand({ ActionName: name }))
      expect(action.ActionType).toBe(mode)
      expect(action.Status).toBe('Completed')
      expect(action.Properties).toMatchObject({
        actor: 'octocat',
        commit: SHA,
        'run-url': expect.stringMatching(
          /^https:\/\/github\.example\.test\/acme\/churn-model\/actions\/runs\/20[1-4]$/
        ),
        group: GROUP
      })
      const links = await sagemaker.send(
        new ListAssociationsCommand({ SourceArn: action.ActionArn })
      )
      const targets = (links.AssociationSummaries ?? []).map(a => a.DestinationArn)
      expect(targets).toContain(v2)
      expect(links.AssociationSummaries?.every(a => a.AssociationType === 'AssociatedWith')).toBe(
        true
      )
      if (mode === 'deploy' || mode === 'rollback') expect(targets).toContain(endpoint.EndpointArn)
      else expect(targets).toHaveLength(1)
    }
    const gate = await sagemaker.send(new DescribeActionCommand({ ActionName: names.gate }))
    expect(gate.Properties).toMatchObject({
      decision: 'pass',
      'policy-sha256': expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    const rollback = await sagemaker.send(new DescribeActionCommand({ ActionName: names.rollback }))
    expect(rollback.Properties).toMatchObject({ decision: 'rolled-back' })
    expect(rollback.Properties?.reason).toContain('latency doubled')
  })

  it('shows the four runs in order in lineage, and the last one per version in compare', async () => {
    const run = await runAs('205', {
      mode: 'lineage',
      'model-package-group': GROUP,
      'model-package': v2
    })
    const report = JSON.parse(readFileSync(run.outputs['report-path'] as string, 'utf8')) as {
      auditTrail: { type: string; properties: Record<string, string> }[]
    }
    expect(report.auditTrail.map(a => [a.type, a.properties.decision])).toEqual([
      ['register', 'registered'],
      ['gate', 'pass'],
      ['deploy', 'deployed'],
      ['rollback', 'rolled-back']
    ])
    const section = run.summary.slice(run.summary.indexOf('### Audit trail'))
    const rows = section.split('\n').filter(line => /^\| \d{4}-/.test(line))
    expect(rows.map(row => row.split(' | ')[1])).toEqual([
      'register',
      'gate pass',
      'deploy',
      'rollback'
    ])
    expect(rows[1]).toContain('validation:auc 0.91 meets the threshold')
    expect(rows[1]).toMatch(/policy [0-9a-f]{12}/)

    const compare = await runAs('206', { mode: 'compare', 'model-package-group': GROUP })
    expect(compare.summary).toContain('last decision')
    const data = JSON.parse(readFileSync(compare.outputs['report-path'] as string, 'utf8')) as {
      versions: { version: number; lastDecision: string | null }[]
    }
    expect(data.versions.map(v => [v.version, v.lastDecision])).toEqual([
      [1, 'rollback'],
      [2, 'rollback']
    ])
  })

  it('records nothing in a dry run, and says what it would record', async () => {
    const before = await actions()
    const calls = emulator.stats().operations
    const run = await runAs('207', gateInputs(v2, { 'dry-run': 'true' }))
    expect(run.stdout).toMatch(/dry run: would record the audit action smg-gate-r207-[0-9a-f]{20}/)
    expect(await actions()).toEqual(before)
    const now = emulator.stats().operations
    for (const operation of ['CreateAction', 'UpdateAction', 'AddAssociation'])
      expect(now[operation]).toBe(calls[operation])
  })
})
