// The promotion of an A/B winner on the SageMaker double: what a dry run plans is, call for
// call and in order, what a real run on the same state then makes, audit record included;
// and what the audit action says when the promotion stops short.
import { describe, expect, it } from '@jest/globals'
import {
  AddAssociationCommand,
  CreateActionCommand,
  CreateModelCommand,
  type CreateActionCommandInput
} from '@aws-sdk/client-sagemaker'
import {
  ACCOUNT,
  BASE_DEPLOY,
  GROUP,
  REGION,
  deploySettings,
  packageArn,
  simContext
} from '../../__fixtures__/deploy/sagemaker.js'
import { requestResource } from '../../__fixtures__/requests.js'
import { promoteWinner, type Sides } from '../../src/abtest/promote.js'
import { runDeploy } from '../../src/modes/deploy.js'
import { recordAudit } from '../../src/registry/audit.js'
import { describeEndpoint, readLiveEndpoint } from '../../src/registry/served.js'
import type { ApprovalStatus, SettingsOf } from '../../src/settings.js'

type Fake = ReturnType<typeof simContext>

const SIDES: Sides = {
  winner: { variantName: 'v8', packageArn: packageArn(8), version: 8 },
  loser: { variantName: 'v7', packageArn: packageArn(7), version: 7 }
}
const EVIDENCE =
  'A/B test on endpoint churn-prod: v8 wins over v7. v8 is better on auc (p = 0.001).'

/**
 * v7 alone (workflow run 1), then v7 and v8 served 50/50 (run 2), so that the promotion's
 * cleanup has run 1's model and config to delete; then v8 in `status`, and run 3 starts.
 */
async function abEndpoint(status: ApprovalStatus): Promise<Fake> {
  const fake = simContext()
  fake.sim.addPackage(7, 'Approved')
  fake.sim.addPackage(8, 'Approved')
  const traffic = [
    { version: 7, weight: 50 },
    { version: 8, weight: 50 }
  ]
  const v7 = { modelPackage: { kind: 'version' as const, version: 7 } }
  for (const [runId, deploy] of [
    ['1', v7],
    ['2', { traffic }]
  ] as const) {
    fake.ctx.github = { ...fake.ctx.github, runId }
    expect((await runDeploy(fake.ctx, deploySettings(deploy))).failed).toBeUndefined()
  }
  const winner = fake.sim.packages.get(packageArn(8))
  if (winner) winner.status = status
  fake.ctx.github = { ...fake.ctx.github, runId: '3' }
  fake.sim.mock.on(CreateActionCommand).callsFake((input: CreateActionCommandInput) => ({
    ActionArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:action/${input.ActionName}`
  }))
  fake.sim.mock.on(AddAssociationCommand).resolves({})
  return fake
}

function abSettings(dryRun: boolean): SettingsOf<'ab-test'> {
  return {
    mode: 'ab-test',
    group: { name: GROUP, nameOrArn: GROUP },
    region: REGION,
    githubToken: '',
    dryRun,
    comment: false,
    history: 10,
    abTest: {
      endpointName: 'churn-prod',
      groundTruthS3Uri: 's3://ml-labels/churn',
      windowHours: 1,
      task: 'binary',
      decisionThreshold: 0.5,
      alpha: 0.05,
      policy: { thresholds: [], regressions: [], directions: {} },
      onVerdict: 'promote',
      promote: { ...BASE_DEPLOY, waitIntervalSeconds: 0 }
    }
  }
}

async function liveEndpoint(fake: Fake) {
  const sagemaker = fake.ctx.aws.sagemaker
  const description = await describeEndpoint(sagemaker, 'churn-prod')
  if (!description) throw new Error('the endpoint is gone')
  return readLiveEndpoint(sagemaker, description)
}

function accessDenied(action: string): Error {
  return Object.assign(
    new Error(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gh is not authorized to perform: ${action}`
    ),
    { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }
  )
}

/** The promotion as the mode runs it, with the audit record the mode's hook then makes. */
async function promote(fake: Fake, dryRun: boolean) {
  const live = await liveEndpoint(fake)
  const promoted = await promoteWinner(fake.ctx, abSettings(dryRun), live, SIDES, EVIDENCE)
  await recordAudit(fake.ctx, { mode: 'ab-test', dryRun, group: GROUP }, promoted.audit)
  return promoted
}

/** The mutating requests the double received from request number `from` on, in order. */
function madeSince(fake: Fake, from: number): { operation: string; resource: string }[] {
  return fake.sim.mock
    .calls()
    .slice(from)
    .map(call => call.args[0] as unknown as { constructor: { name: string }; input: object })
    .map(command => ({
      operation: command.constructor.name.replace(/Command$/, ''),
      resource: requestResource(command.input)
    }))
    .filter(call => /^(Create|Update|Delete|Add)/.test(call.operation))
}

const DEPLOYMENT = ['CreateModel', 'CreateEndpointConfig', 'UpdateEndpoint', 'AddTags']
const AUDIT = ['CreateAction', 'AddAssociation', 'AddAssociation', 'AddAssociation']

describe('promoting an A/B winner', () => {
  it.each([
    ['waits for approval', 'PendingManualApproval' as const, ['UpdateModelPackage']],
    ['is Approved already', 'Approved' as const, []]
  ])(
    'a dry run plans exactly the calls the run then makes when the winner %s',
    async (_, status, approval) => {
      const fake = await abEndpoint(status)
      const start = fake.sim.mock.calls().length
      const dry = await promote(fake, true)
      expect(madeSince(fake, start)).toEqual([])
      const from = fake.sim.mock.calls().length
      const real = await promote(fake, false)
      expect(real.failed).toBeUndefined()
      const planned = dry.calls.map(({ operation, resource }) => ({ operation, resource }))
      expect(planned).toEqual(madeSince(fake, from))
      expect(planned.map(call => call.operation)).toEqual([
        ...approval,
        'UpdateEndpointWeightsAndCapacities',
        ...DEPLOYMENT,
        // deployed:<endpoint> on the winner, run 1's config and model, the loser's rejection.
        'UpdateModelPackage',
        'DeleteEndpointConfig',
        'DeleteModel',
        'UpdateModelPackage',
        ...AUDIT
      ])
    }
  )

  it('records a promotion whose deployment rolled back as failed: the winner approved, the loser not rejected', async () => {
    const fake = await abEndpoint('PendingManualApproval')
    // The weight shift goes through; the single-variant update rolls back.
    fake.sim.scripts.push(
      { steps: ['Updating'], outcome: 'InService' },
      { steps: ['Updating', 'RollingBack'], outcome: 'rollback' }
    )
    const promoted = await promote(fake, false)
    expect(promoted.failed).toBeDefined()
    expect(promoted.audit).toMatchObject({
      decision: 'failed',
      failed: true,
      reason: EVIDENCE,
      properties: { approved: packageArn(8), rejected: undefined, failure: promoted.failed }
    })
    expect(fake.sim.packages.get(packageArn(7))?.status).toBe('Approved')
    const [action] = fake.sim.inputsOf(CreateActionCommand)
    expect(action?.Status).toBe('Failed')
    expect(action?.Properties).toMatchObject({ decision: 'failed', approved: packageArn(8) })
  })

  it('still records what it did when it stops after a write, then fails with the error', async () => {
    const fake = await abEndpoint('PendingManualApproval')
    fake.sim.mock.on(CreateModelCommand).rejects(accessDenied('sagemaker:CreateModel'))
    await expect(
      promoteWinner(fake.ctx, abSettings(false), await liveEndpoint(fake), SIDES, EVIDENCE)
    ).rejects.toThrow(/not authorized to perform: sagemaker:CreateModel/)
    const [action] = fake.sim.inputsOf(CreateActionCommand)
    expect(action?.Status).toBe('Failed')
    expect(action?.Properties).toMatchObject({ decision: 'failed', approved: packageArn(8) })
    expect(action?.Properties?.failure).toMatch(/^Stopped: .*sagemaker:CreateModel/)
    expect(action?.Properties?.rejected).toBeUndefined()
  })

  it.each([true, false])(
    'refuses to promote a winner a person rejected, changing nothing (dry run: %s)',
    async dryRun => {
      const fake = await abEndpoint('Rejected')
      const start = fake.sim.mock.calls().length
      await expect(
        promoteWinner(fake.ctx, abSettings(dryRun), await liveEndpoint(fake), SIDES, EVIDENCE)
      ).rejects.toThrow(
        `The A/B test's winner v8 (${packageArn(8)}) is Rejected: the test does not overturn a rejection. Nothing was changed.`
      )
      expect(madeSince(fake, start)).toEqual([])
      expect(fake.sim.packages.get(packageArn(8))?.status).toBe('Rejected')
    }
  )
})
