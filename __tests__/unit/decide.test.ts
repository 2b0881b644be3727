import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker'
import 'aws-sdk-client-mock-jest'
import { DEFAULT_RUN, fakeContext, type FakeContextOverrides } from '../../__fixtures__/context.js'
import {
  decisionSettings,
  FakeRegistry,
  packageArn,
  RUN_URL
} from '../../__fixtures__/gate/registry.js'
import { decisionDescription, runApprove, runReject } from '../../src/modes/decide.js'
import { deciderOf } from '../../src/registry/decision.js'
import type { SettingsOf } from '../../src/settings.js'

let reg: FakeRegistry

beforeEach(() => {
  reg = new FakeRegistry()
})

afterEach(() => {
  reg.restore()
})

async function approve(settings: SettingsOf<'approve'>, overrides: FakeContextOverrides = {}) {
  const fake = fakeContext(overrides)
  const outcome = await runApprove(fake.ctx, settings)
  return { ...fake, outcome }
}

async function reject(settings: SettingsOf<'reject'>, overrides: FakeContextOverrides = {}) {
  const fake = fakeContext(overrides)
  const outcome = await runReject(fake.ctx, settings)
  return { ...fake, outcome }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

describe('approve', () => {
  it('approves the newest pending version by default, with actor, reason and run link', async () => {
    reg.add(4, 'Approved')
    reg.add(5, 'PendingManualApproval')
    reg.add(6, 'PendingManualApproval', { metadata: { 'team:owner': 'risk-ml' } })
    const { outcome, outputs, summaries } = await approve(
      decisionSettings('approve', { reason: 'Offline eval reviewed by risk team' })
    )

    expect(outcome).toEqual({
      audit: {
        decision: 'Approved',
        reason: 'Offline eval reviewed by risk team',
        packages: [packageArn(6)],
        properties: { forced: undefined, previous: 'PendingManualApproval' }
      }
    })
    expect(reg.updates()).toEqual([
      {
        ModelPackageArn: packageArn(6),
        ModelApprovalStatus: 'Approved',
        ApprovalDescription: `Approved by octocat: Offline eval reviewed by risk team Run: ${RUN_URL}`,
        CustomerMetadataProperties: {
          'decision:actor': 'octocat',
          'decision:reason': 'Offline eval reviewed by risk team',
          'decision:run': RUN_URL
        }
      }
    ])
    expect(reg.get(6).status).toBe('Approved')
    expect(reg.get(5).status).toBe('PendingManualApproval')
    expect(reg.get(6).metadata['team:owner']).toBe('risk-ml')
    expect(Object.fromEntries(outputs)).toMatchObject({
      'model-package-arn': packageArn(6),
      'model-package-version': 6,
      'approval-status': 'Approved',
      decision: 'none'
    })
    expect(summaries[0]).toContain('churn v6 approved')
    expect(summaries[0]).toContain('| previous status | pending approval |')
  })

  it('sets the ModelLifeCycle stage when asked', async () => {
    reg.add(3, 'PendingManualApproval')
    await approve(
      decisionSettings('approve', {
        modelPackage: { kind: 'version', version: 3 },
        modelLifecycleStage: 'staging'
      })
    )
    expect(reg.updates()[0]?.ModelLifeCycle).toEqual({
      Stage: 'staging',
      StageStatus: 'Approved',
      StageDescription: 'offline eval reviewed'
    })
    expect(reg.get(3).lifecycle?.Stage).toBe('staging')
  })

  it('refuses a version whose last gate failed unless forced', async () => {
    reg.add(7, 'Rejected', { metadata: { 'gate:decision': 'fail' } })
    const error = await failure(
      approve(decisionSettings('approve', { modelPackage: { kind: 'version', version: 7 } }))
    )
    expect(error.message).toBe(
      'v7 failed its last gate (gate:decision=fail); approving it needs "force: true" and a reason that says why.'
    )
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
    expect(reg.get(7).status).toBe('Rejected')
  })

  it('approves over a failed gate with force, and says so everywhere', async () => {
    reg.add(7, 'Rejected', { metadata: { 'gate:decision': 'fail' } })
    const { summaries } = await approve(
      decisionSettings('approve', {
        modelPackage: { kind: 'arn', arn: packageArn(7) },
        force: true,
        reason: 'Hotfix: the failed metric is a known labelling bug'
      })
    )
    const [update] = reg.updates()
    expect(update?.ModelApprovalStatus).toBe('Approved')
    expect(update?.ApprovalDescription).toBe(
      `Approved by octocat (forced over a failed gate): Hotfix: the failed metric is a known labelling bug Run: ${RUN_URL}`
    )
    expect(summaries[0]).toContain('approved over a failed gate (`force: true`)')
    // The failed gate stays on record next to the human decision.
    expect(reg.get(7).metadata['gate:decision']).toBe('fail')
  })

  it('refuses a version that is not Completed', async () => {
    reg.add(8, 'PendingManualApproval', { packageStatus: 'Failed' })
    const error = await failure(
      approve(decisionSettings('approve', { modelPackage: { kind: 'version', version: 8 } }))
    )
    expect(error.message).toBe('v8 is Failed; only a Completed version can be approved.')
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })

  it('makes no update in a dry run and reports the status unchanged', async () => {
    reg.add(2, 'PendingManualApproval')
    const { outputs, infos, summaries } = await approve(
      decisionSettings('approve', {}, { dryRun: true })
    )
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
    expect(outputs.get('approval-status')).toBe('PendingManualApproval')
    expect(infos[0]).toMatch(/^dry run: would set v2 from PendingManualApproval to Approved/)
    expect(summaries[0]).toContain('v2 would be approved')
  })

  it('says what to do when no version waits for approval and none was named', async () => {
    reg.add(1, 'Approved')
    const error = await failure(approve(decisionSettings('approve')))
    expect(error.message).toBe(
      'Finding the version failed: Group "churn" has no version waiting for approval; name the version with "model-package". Nothing was changed.'
    )
  })

  it('names the input when the version does not exist', async () => {
    reg.add(1, 'PendingManualApproval')
    const error = await failure(
      approve(decisionSettings('approve', { modelPackage: { kind: 'version', version: 42 } }))
    )
    expect(error.message).toBe(
      'Finding the version failed: Input "model-package": v42 of group "churn" does not exist in us-east-1. Check the version number, the group, the region and the AWS account the credentials belong to. Nothing was changed.'
    )
  })

  it('refuses a version from another group', async () => {
    reg.add(3, 'PendingManualApproval', { group: 'fraud' })
    const error = await failure(
      approve(
        decisionSettings('approve', { modelPackage: { kind: 'arn', arn: packageArn(3, 'fraud') } })
      )
    )
    expect(error.message).toContain('belongs to group "fraud", not to "churn"')
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })

  it('refuses an empty reason', async () => {
    reg.add(1, 'PendingManualApproval')
    const error = await failure(approve(decisionSettings('approve', { reason: '  ' })))
    expect(error.message).toContain('Input "reason" is required for mode "approve"')
    expect(reg.sagemaker.calls()).toHaveLength(0)
  })
})

describe('reject', () => {
  it('rejects with the reason, the actor and the lifecycle stage; no force needed after a failed gate', async () => {
    reg.add(5, 'Approved', { metadata: { 'gate:decision': 'fail' } })
    const { outputs } = await reject(
      decisionSettings('reject', {
        modelPackage: { kind: 'version', version: 5 },
        reason: 'Drift on the November cohort',
        modelLifecycleStage: 'production'
      }),
      { github: { actor: 'release-manager' } }
    )
    expect(reg.updates()).toEqual([
      {
        ModelPackageArn: packageArn(5),
        ModelApprovalStatus: 'Rejected',
        ApprovalDescription: `Rejected by release-manager: Drift on the November cohort Run: ${RUN_URL}`,
        CustomerMetadataProperties: {
          'decision:actor': 'release-manager',
          'decision:reason': 'Drift on the November cohort',
          'decision:run': RUN_URL
        },
        ModelLifeCycle: {
          Stage: 'production',
          StageStatus: 'Rejected',
          StageDescription: 'Drift on the November cohort'
        }
      }
    ])
    expect(outputs.get('approval-status')).toBe('Rejected')
  })

  it('keeps text SageMaker refuses out of the description and the metadata', async () => {
    reg.add(5, 'PendingManualApproval')
    await reject(
      decisionSettings('reject', {
        reason: 'Bias check failed:\n- segment A, 12% worse\n- see "report #4"'
      })
    )
    const [update] = reg.updates()
    expect(update?.ApprovalDescription).toBe(
      `Rejected by octocat: Bias check failed: - segment A, 12% worse - see "report #4" Run: ${RUN_URL}`
    )
    // Readable, not `_`-riddled: the exact text is in ApprovalDescription.
    expect(update?.CustomerMetadataProperties?.['decision:reason']).toBe(
      'Bias check failed: - segment A 12 percent worse - see report 4'
    )
    expect(reg.get(5).status).toBe('Rejected')
  })

  it('keeps the actor and the run link when a long reason is cut to 1,024 characters', async () => {
    reg.add(5, 'PendingManualApproval')
    const reason = 'The model underperforms on the holdout set. '.repeat(40)
    await reject(decisionSettings('reject', { reason, modelLifecycleStage: 'staging' }))
    const [update] = reg.updates()
    const description = update?.ApprovalDescription ?? ''
    expect(description.length).toBe(1024)
    expect(description.startsWith('Rejected by octocat: The model underperforms')).toBe(true)
    expect(description.endsWith(`… Run: ${RUN_URL}`)).toBe(true)
    expect(update?.ModelLifeCycle?.StageDescription?.length).toBeLessThanOrEqual(1024)
    const recorded = update?.CustomerMetadataProperties?.['decision:reason'] ?? ''
    expect(recorded.length).toBeLessThanOrEqual(256)
    expect(recorded.endsWith('...')).toBe(true)
  })

  it('keeps the decision when the version already holds 50 metadata entries', async () => {
    const metadata: Record<string, string> = {}
    for (let i = 0; i < 49; i++) metadata[`team:note-${i}`] = 'x'
    reg.add(5, 'PendingManualApproval', { metadata })
    const { warnings } = await reject(decisionSettings('reject'))
    const [update] = reg.updates()
    expect(update?.ModelApprovalStatus).toBe('Rejected')
    expect(update?.CustomerMetadataProperties).toEqual({ 'decision:actor': 'octocat' })
    expect(warnings).toContain(
      'Not recorded in customer metadata: decision:reason: the package already holds 50 entries'
    )
    expect(reg.get(5).status).toBe('Rejected')
  })
})

describe('who decided', () => {
  it('records the local user, marked as such, when there is no GITHUB_ACTOR', async () => {
    reg.add(5, 'PendingManualApproval')
    await approve(decisionSettings('approve', { reason: 'reviewed offline; fine!' }), {
      github: { actor: '', localUser: 'alice@laptop', repository: '', runId: '' }
    })
    const [update] = reg.updates()
    expect(update?.ApprovalDescription).toBe(
      'Approved by local user alice@laptop: reviewed offline; fine!'
    )
    expect(update?.CustomerMetadataProperties).toEqual({
      'decision:actor': 'local user alice@laptop',
      'decision:reason': 'reviewed offline. fine.'
    })
  })

  it('says so when neither GITHUB_ACTOR nor a local user name is known', () => {
    expect(deciderOf({ ...DEFAULT_RUN, actor: '', localUser: undefined })).toBe(
      'unknown (no GITHUB_ACTOR and no local user name)'
    )
    expect(deciderOf({ ...DEFAULT_RUN, actor: 'octocat', localUser: 'bob@box' })).toBe('octocat')
  })

  it('removes an earlier decision:run when this decision has no run link', async () => {
    reg.add(5, 'Approved', {
      metadata: { 'decision:run': 'https://github.com/acme/churn-model/actions/runs/1' }
    })
    await reject(decisionSettings('reject', { modelPackage: { kind: 'version', version: 5 } }), {
      github: { runId: '' }
    })
    expect(reg.updates()[0]?.CustomerMetadataPropertiesToRemove).toEqual(['decision:run'])
    expect(reg.get(5).metadata['decision:run']).toBeUndefined()
  })
})

describe('two writers on one version', () => {
  it('does not approve when a gate recorded a failure after the version was read', async () => {
    reg.add(5, 'PendingManualApproval')
    reg.beforeDescribe = (arn, reads) => {
      if (arn === packageArn(5) && reads === 1) reg.get(5).metadata['gate:decision'] = 'fail'
    }
    const error = await failure(approve(decisionSettings('approve')))
    expect(error.message).toMatch(
      /^Checking that v5 is still as read failed after reading v5: v5 was changed by another writer while this run was deciding \(gate:decision \(none\) -> fail\)/
    )
    expect(reg.sagemaker).not.toHaveReceivedCommand(UpdateModelPackageCommand)
  })
})

describe('decisionDescription', () => {
  it('has no run link outside a workflow run', () => {
    expect(decisionDescription('Approved', 'alice', 'ok', '', false)).toBe('Approved by alice: ok')
  })
})
