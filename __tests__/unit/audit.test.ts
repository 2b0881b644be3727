// The audit hook against a mocked SageMaker client: what it sends, how it finds the action
// of an earlier attempt, and that every refusal is a warning naming what is missing.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  AddAssociationCommand,
  CreateActionCommand,
  DescribeActionCommand,
  DescribeEndpointCommand,
  ListAssociationsCommand,
  SageMakerClient,
  SageMakerServiceException,
  UpdateActionCommand
} from '@aws-sdk/client-sagemaker'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import { churnPackageArn, DEFAULT_RUN, fakeContext } from '../../__fixtures__/context.js'
import {
  auditActionName,
  auditProperties,
  lastAuditActions,
  readAuditTrail,
  recordAudit,
  type AuditEntry
} from '../../src/registry/audit.js'
import { decisionLabel } from '../../src/report/audit.js'

const sm = mockClient(SageMakerClient)
beforeEach(() => {
  sm.reset()
})
afterEach(() => {
  sm.reset()
})

const ACTION_ARN = (name: string) => `arn:aws:sagemaker:us-east-1:123456789012:action/${name}`
const ENDPOINT_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod'
const scope = { mode: 'gate' as const, dryRun: false, group: 'churn' }
const entry: AuditEntry = {
  decision: 'pass',
  reason: 'validation:auc 0.91 meets the threshold >= 0.85.',
  packages: [churnPackageArn(7)],
  policyHash: 'ab'.repeat(32)
}

function awsError(name: string, message: string): SageMakerServiceException {
  return new SageMakerServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'req-1' }
  })
}

describe('auditActionName', () => {
  it('is the same for every attempt of a run and differs by mode, version, endpoint and run', () => {
    const name = auditActionName('gate', DEFAULT_RUN, entry)
    expect(name).toMatch(/^smg-gate-r987654321-[0-9a-f]{20}$/)
    expect(auditActionName('gate', { ...DEFAULT_RUN, runAttempt: '3' }, entry)).toBe(name)
    expect(auditActionName('approve', DEFAULT_RUN, entry)).not.toBe(name)
    expect(
      auditActionName('gate', DEFAULT_RUN, { ...entry, packages: [churnPackageArn(8)] })
    ).not.toBe(name)
    expect(
      auditActionName('gate', DEFAULT_RUN, { ...entry, endpoint: { name: 'churn-prod' } })
    ).not.toBe(name)
    expect(auditActionName('gate', { ...DEFAULT_RUN, runId: '987654322' }, entry)).not.toBe(name)
  })

  it('keeps to SageMaker’s name rule within 120 characters, even for a long run id', () => {
    const name = auditActionName('rollback', { ...DEFAULT_RUN, runId: '9'.repeat(200) }, entry)
    expect(name.length).toBeLessThanOrEqual(120)
    expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}$/)
  })

  it('is new for every command outside GitHub Actions, where there is no run to find again', () => {
    const local = { ...DEFAULT_RUN, runId: '', runAttempt: '' }
    const first = auditActionName('approve', local, entry)
    expect(first).toMatch(/^smg-approve-local-[0-9a-f]{20}$/)
    expect(auditActionName('approve', local, entry)).not.toBe(first)
  })
})

describe('auditProperties', () => {
  it('holds the decision, who, the commit, the run and the digests, on one line each', () => {
    const properties = auditProperties(
      DEFAULT_RUN,
      { ...entry, reason: 'line one\nline two', dataHash: 'cd'.repeat(32) },
      'churn'
    )
    expect(properties).toMatchObject({
      decision: 'pass',
      reason: 'line one line two',
      actor: 'octocat',
      commit: DEFAULT_RUN.sha,
      'run-url': 'https://github.com/acme/churn-model/actions/runs/987654321',
      'run-id': '987654321',
      'run-attempt': '1',
      group: 'churn',
      version: '7',
      'policy-sha256': 'ab'.repeat(32),
      'data-sha256': 'cd'.repeat(32)
    })
    expect(properties).not.toHaveProperty('endpoint')
  })

  it('cuts a value to 2500 characters, SageMaker’s limit', () => {
    const properties = auditProperties(DEFAULT_RUN, { ...entry, reason: 'x'.repeat(3000) }, 'c')
    expect(properties.reason).toHaveLength(2500)
    expect(properties.reason?.endsWith('…')).toBe(true)
  })
})

describe('recordAudit', () => {
  it('creates the action and associates it with the version and the endpoint', async () => {
    const { ctx, infos, warnings } = fakeContext()
    const name = auditActionName('deploy', ctx.github, {
      ...entry,
      endpoint: { name: 'churn-prod' }
    })
    sm.on(DescribeEndpointCommand).resolves({ EndpointArn: ENDPOINT_ARN })
    sm.on(CreateActionCommand).resolves({ ActionArn: ACTION_ARN(name) })
    sm.on(AddAssociationCommand).resolves({})
    await recordAudit(
      ctx,
      { ...scope, mode: 'deploy' },
      { ...entry, decision: 'deployed', endpoint: { name: 'churn-prod' } }
    )
    expect(warnings).toEqual([])
    expect(sm).toHaveReceivedCommandWith(CreateActionCommand, {
      ActionName: name,
      ActionType: 'deploy',
      Status: 'Completed',
      Source: { SourceUri: churnPackageArn(7), SourceType: 'ModelPackage' },
      MetadataProperties: {
        CommitId: DEFAULT_RUN.sha,
        Repository: 'https://github.com/acme/churn-model',
        GeneratedBy: 'https://github.com/acme/churn-model/actions/runs/987654321'
      }
    })
    const associations = sm.commandCalls(AddAssociationCommand).map(call => call.args[0].input)
    expect(associations).toEqual([
      {
        SourceArn: ACTION_ARN(name),
        DestinationArn: churnPackageArn(7),
        AssociationType: 'AssociatedWith'
      },
      {
        SourceArn: ACTION_ARN(name),
        DestinationArn: ENDPOINT_ARN,
        AssociationType: 'AssociatedWith'
      }
    ])
    expect(sm).not.toHaveReceivedCommand(ListAssociationsCommand)
    expect(infos).toContain(`Audit trail: recorded ${ACTION_ARN(name)}`)
  })

  it('treats "already exists" as found: no update when nothing changed, missing links added', async () => {
    const { ctx, infos, warnings } = fakeContext()
    const name = auditActionName('gate', ctx.github, entry)
    sm.on(CreateActionCommand).rejects(
      awsError('ValidationException', `Action ${name} already exists: ${ACTION_ARN(name)}`)
    )
    sm.on(DescribeActionCommand).resolves({
      ActionArn: ACTION_ARN(name),
      Status: 'Completed',
      Properties: auditProperties(ctx.github, entry, 'churn')
    })
    // A racing run created the action but had not linked it yet.
    sm.on(ListAssociationsCommand).resolves({ AssociationSummaries: [] })
    sm.on(AddAssociationCommand).resolves({})
    await recordAudit(ctx, scope, entry)
    expect(warnings).toEqual([])
    expect(sm).not.toHaveReceivedCommand(UpdateActionCommand)
    expect(sm).toHaveReceivedCommandTimes(AddAssociationCommand, 1)
    expect(infos).toContain(`Audit trail: found ${ACTION_ARN(name)}`)
  })

  it('updates the action of an earlier attempt in place, naming what changed', async () => {
    const { ctx, infos } = fakeContext({ github: { runAttempt: '2' } })
    const name = auditActionName('deploy', ctx.github, entry)
    const first = auditProperties({ ...ctx.github, runAttempt: '1' }, entry, 'churn')
    sm.on(CreateActionCommand).rejects(awsError('ValidationException', 'Action already exists'))
    sm.on(DescribeActionCommand).resolves({
      ActionArn: ACTION_ARN(name),
      Status: 'Failed',
      Properties: first
    })
    sm.on(ListAssociationsCommand).resolves({
      AssociationSummaries: [{ SourceArn: ACTION_ARN(name), DestinationArn: churnPackageArn(7) }]
    })
    sm.on(UpdateActionCommand).resolves({ ActionArn: ACTION_ARN(name) })
    await recordAudit(ctx, { ...scope, mode: 'deploy' }, entry)
    expect(sm).toHaveReceivedCommandWith(UpdateActionCommand, {
      ActionName: name,
      Status: 'Completed',
      Properties: expect.objectContaining({ 'run-attempt': '2' })
    })
    expect(sm).not.toHaveReceivedCommand(AddAssociationCommand)
    expect(infos).toContain(`Audit trail: updated ${ACTION_ARN(name)} (status, run-attempt)`)
  })

  it('only warns when CreateAction is denied, naming the permissions it needs', async () => {
    const { ctx, warnings } = fakeContext()
    sm.on(CreateActionCommand).rejects(
      awsError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/ci/gh is not authorized to perform: sagemaker:CreateAction'
      )
    )
    await expect(recordAudit(ctx, scope, entry)).resolves.toBeUndefined()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('AccessDeniedException')
    expect(warnings[0]).toContain('sagemaker:CreateAction')
    expect(warnings[0]).toContain('sagemaker:AddAssociation')
    expect(warnings[0]).toContain('The gate itself stands as written')
    expect(sm).not.toHaveReceivedCommand(AddAssociationCommand)
  })

  it('warns when the association fails after the action was made; the re-run links it', async () => {
    const { ctx, warnings } = fakeContext()
    const name = auditActionName('gate', ctx.github, entry)
    sm.on(CreateActionCommand).resolves({ ActionArn: ACTION_ARN(name) })
    sm.on(AddAssociationCommand).rejects(
      awsError('AccessDeniedException', 'not authorized to perform: sagemaker:AddAssociation')
    )
    await recordAudit(ctx, scope, entry)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/a re-run of this workflow run completes the record/)
  })

  it('passes on any other CreateAction error as a warning, without describing', async () => {
    const { ctx, warnings } = fakeContext()
    sm.on(CreateActionCommand).rejects(
      awsError('ResourceLimitExceeded', 'You have reached the limit of actions')
    )
    await recordAudit(ctx, scope, entry)
    expect(warnings[0]).toContain('ResourceLimitExceeded')
    expect(sm).not.toHaveReceivedCommand(DescribeActionCommand)
  })

  it('sends nothing in a dry run and says what it would record', async () => {
    const { ctx, infos } = fakeContext()
    await recordAudit(ctx, { ...scope, dryRun: true }, entry)
    expect(sm.calls()).toHaveLength(0)
    expect(infos).toEqual([
      `dry run: would record the audit action ${auditActionName('gate', ctx.github, entry)} (type gate, pass) associated with ${churnPackageArn(7)}`
    ])
  })

  it('records nothing without a version (a dry-run registration)', async () => {
    const { ctx, infos, warnings } = fakeContext()
    await recordAudit(ctx, scope, { ...entry, packages: [] })
    expect(sm.calls()).toHaveLength(0)
    expect([...infos, ...warnings]).toEqual([])
  })
})

describe('reading the trail', () => {
  const summary = (name: string) => ({
    SourceArn: ACTION_ARN(name),
    DestinationArn: churnPackageArn(7),
    AssociationType: 'AssociatedWith' as const
  })

  it('reads only our actions, oldest first, with their properties', async () => {
    sm.on(ListAssociationsCommand).resolves({
      AssociationSummaries: [
        summary('smg-deploy-r2-bbbb'),
        { ...summary('x'), SourceArn: 'arn:aws:sagemaker:us-east-1:123456789012:context/ctx' },
        summary('someone-elses-action'),
        summary('smg-gate-r1-aaaa')
      ]
    })
    sm.on(DescribeActionCommand, { ActionName: ACTION_ARN('smg-deploy-r2-bbbb') }).resolves({
      ActionName: 'smg-deploy-r2-bbbb',
      ActionType: 'deploy',
      CreationTime: new Date('2026-03-01T12:05:00Z'),
      Properties: { decision: 'deployed' }
    })
    sm.on(DescribeActionCommand, { ActionName: ACTION_ARN('smg-gate-r1-aaaa') }).resolves({
      ActionName: 'smg-gate-r1-aaaa',
      ActionType: 'gate',
      CreationTime: new Date('2026-03-01T12:00:00Z'),
      Properties: { decision: 'pass' }
    })
    const trail = await readAuditTrail(new SageMakerClient({}), churnPackageArn(7))
    expect(trail.map(a => [a.type, a.properties.decision, a.created])).toEqual([
      ['gate', 'pass', '2026-03-01T12:00:00.000Z'],
      ['deploy', 'deployed', '2026-03-01T12:05:00.000Z']
    ])
    expect(sm).toHaveReceivedCommandWith(ListAssociationsCommand, {
      DestinationArn: churnPackageArn(7),
      AssociationType: 'AssociatedWith',
      SortOrder: 'Descending'
    })
    expect(trail.map(decisionLabel)).toEqual(['gate pass', 'deploy'])
  })

  it('gives compare a note, not an error, when the role may not read lineage', async () => {
    sm.on(ListAssociationsCommand).rejects(
      awsError('AccessDeniedException', 'not authorized to perform: sagemaker:ListAssociations')
    )
    const notes: string[] = []
    const last = await lastAuditActions(new SageMakerClient({}), [churnPackageArn(7)], note =>
      notes.push(note)
    )
    expect(last.size).toBe(0)
    expect(notes[0]).toContain('AccessDeniedException')
  })
})
