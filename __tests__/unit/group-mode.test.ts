import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AddTagsCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DeleteModelPackageGroupPolicyCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  GetModelPackageGroupPolicyCommand,
  ListModelPackagesCommand,
  ListTagsCommand,
  PutModelPackageGroupPolicyCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import { readFile } from 'node:fs/promises'
import {
  CHURN_GROUP_ARN,
  churnPackageArn,
  fakeContext,
  useWorkDir
} from '../../__fixtures__/context.js'
import { commonSettings } from '../../__fixtures__/register/settings.js'
import { runGroup } from '../../src/modes/group.js'
import { SHARE_SID } from '../../src/registry/sharing.js'
import type { CommonSettings, GroupSettings, SettingsOf } from '../../src/settings.js'

const sm = mockClient(SageMakerClient)
const GROUP_ARN = CHURN_GROUP_ARN
const arn = churnPackageArn
const NO_POLICY = Object.assign(
  new Error(`Cannot find resource policy for Model Package Group ${GROUP_ARN}.`),
  { name: 'ValidationException' }
)
const MUTATING = new Set([
  'AddTagsCommand',
  'DeleteModelPackageCommand',
  'DeleteModelPackageGroupCommand',
  'DeleteModelPackageGroupPolicyCommand',
  'PutModelPackageGroupPolicyCommand',
  'UpdateModelPackageCommand'
])

const workDir = useWorkDir('group')
beforeEach(() => {
  sm.reset()
  sm.on(DescribeModelPackageGroupCommand).resolves({
    ModelPackageGroupName: 'churn',
    ModelPackageGroupArn: GROUP_ARN,
    ModelPackageGroupDescription: 'Churn <b>model</b>',
    ModelPackageGroupStatus: 'Completed',
    CreationTime: new Date('2026-01-01T00:00:00Z')
  })
})

function settings(
  ops: Partial<GroupSettings>,
  common: Partial<CommonSettings> = {}
): SettingsOf<'group'> {
  return {
    ...commonSettings(common),
    mode: 'group',
    groupOps: { operation: 'describe', groupTags: {}, accountIds: [], force: false, ...ops }
  }
}

type Status = 'Approved' | 'Rejected' | 'PendingManualApproval'

function mockVersions(versions: Record<number, Status>): void {
  const newestFirst = Object.keys(versions)
    .map(Number)
    .sort((a, b) => b - a)
  sm.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: newestFirst.map(version => ({
      ModelPackageArn: arn(version),
      ModelPackageVersion: version,
      ModelPackageGroupName: 'churn',
      ModelApprovalStatus: versions[version],
      CreationTime: new Date(Date.UTC(2026, 0, version)),
      ModelPackageStatus: 'Completed'
    }))
  })
}

function mutatingCalls(): string[] {
  return sm
    .calls()
    .map(call => (call.args[0] as object).constructor.name)
    .filter(name => MUTATING.has(name))
}

describe('group describe and list', () => {
  it('describes the group: version counts, tags and the accounts it is shared with', async () => {
    mockVersions({ 1: 'Approved', 2: 'Rejected', 3: 'Approved', 4: 'PendingManualApproval' })
    sm.on(ListTagsCommand).resolves({ Tags: [{ Key: 'team', Value: 'risk' }] })
    sm.on(GetModelPackageGroupPolicyCommand).resolves({
      ResourcePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: SHARE_SID, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' } },
          { Sid: 'Other', Effect: 'Allow', Principal: { AWS: '333333333333' } }
        ]
      })
    })
    const fake = fakeContext({ workDir: workDir() })

    expect(await runGroup(fake.ctx, settings({ operation: 'describe' }))).toEqual({})

    expect(sm).toHaveReceivedCommandWith(ListModelPackagesCommand, {
      ModelPackageGroupName: 'churn',
      ModelPackageType: 'Versioned',
      SortOrder: 'Descending',
      MaxResults: 100
    })
    expect(sm).toHaveReceivedCommandWith(ListTagsCommand, { ResourceArn: GROUP_ARN })
    expect(sm).toHaveReceivedCommandWith(GetModelPackageGroupPolicyCommand, {
      ModelPackageGroupName: 'churn'
    })
    expect(mutatingCalls()).toEqual([])
    const summary = fake.summaries[0]!
    expect(summary).toContain('| description | Churn &lt;b&gt;model&lt;/b&gt; |')
    expect(summary).toContain('| versions | 4 |')
    expect(summary).toContain('| Approved | 2 |')
    expect(summary).toContain('| newest version | v4 \\(PendingManualApproval\\) |')
    expect(summary).toContain('| newest approved | v3 |')
    expect(summary).toContain('| shared with accounts | 222222222222 |')
    expect(summary).toContain('| other policy statements | 1 |')
    expect(summary).toContain('| team | risk |')
    const json = JSON.parse(await readFile(fake.outputs.get('report-path') as string, 'utf8'))
    expect(json.versions).toEqual({
      total: 4,
      capped: false,
      byStatus: { Approved: 2, PendingManualApproval: 1, Rejected: 1 }
    })
    expect(json.sharedWith).toEqual(['222222222222'])
  })

  it('treats a group without a resource policy as not shared', async () => {
    mockVersions({})
    sm.on(ListTagsCommand).resolves({})
    sm.on(GetModelPackageGroupPolicyCommand).rejects(NO_POLICY)
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'describe' }))
    expect(fake.warnings).toEqual([])
    expect(fake.summaries[0]).toContain('| versions | 0 |')
    expect(fake.summaries[0]).not.toContain('shared with')
  })

  it('lists the newest `history` versions', async () => {
    mockVersions({ 1: 'Approved', 2: 'Rejected' })
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'list' }, { history: 2 }))
    expect(sm).toHaveReceivedCommandWith(ListModelPackagesCommand, { MaxResults: 2 })
    expect(fake.summaries[0]).toContain('| version | status | created | description |')
    expect(fake.summaries[0]).toContain('| v2 | Rejected | 2026-01-02T00:00:00.000Z | — |')
    expect(mutatingCalls()).toEqual([])
  })
})

describe('group update-tags', () => {
  it('adds only the tags that change, on the group ARN', async () => {
    sm.on(ListTagsCommand).resolves({
      Tags: [
        { Key: 'team', Value: 'risk' },
        { Key: 'tier', Value: 'gold' }
      ]
    })
    sm.on(AddTagsCommand).resolves({})
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(
      fake.ctx,
      settings({
        operation: 'update-tags',
        groupTags: { team: 'risk', tier: 'platinum', cost: 'ml' }
      })
    )
    expect(sm).toHaveReceivedCommandTimes(AddTagsCommand, 1)
    expect(sm).toHaveReceivedCommandWith(AddTagsCommand, {
      ResourceArn: GROUP_ARN,
      Tags: [
        { Key: 'tier', Value: 'platinum' },
        { Key: 'cost', Value: 'ml' }
      ]
    })
    expect(fake.summaries[0]).toContain('| tier | gold | platinum |')
    expect(fake.summaries[0]).toContain('| cost | — | ml |')
  })

  it('prints the AddTags request in a dry run and sends nothing', async () => {
    sm.on(ListTagsCommand).resolves({})
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(
      fake.ctx,
      settings({ operation: 'update-tags', groupTags: { team: 'risk' } }, { dryRun: true })
    )
    expect(mutatingCalls()).toEqual([])
    expect(fake.infos.join('\n')).toContain('Dry run: would call AddTags')
    expect(fake.infos.join('\n')).toContain('"Key": "team"')
  })
})

describe('group delete', () => {
  it('refuses while versions exist unless forced, and deletes nothing', async () => {
    mockVersions({ 1: 'Rejected', 2: 'PendingManualApproval' })
    const fake = fakeContext({ workDir: workDir() })
    await expect(runGroup(fake.ctx, settings({ operation: 'delete' }))).rejects.toThrow(
      'Group "churn" still holds 2 versions: v2 (PendingManualApproval), v1 (Rejected). Deleting the group deletes them all; set "force: true" to do that, or keep the group.'
    )
    expect(mutatingCalls()).toEqual([])
  })

  it('refuses even with force while an Approved version is recorded as deployed', async () => {
    mockVersions({ 1: 'Approved', 2: 'Approved', 3: 'Rejected' })
    sm.on(DescribeModelPackageCommand, { ModelPackageName: arn(2) }).resolves({
      ModelPackageArn: arn(2),
      CustomerMetadataProperties: { 'deployed:churn-prod': '2026-02-01 run 5', 'metric:auc': '0.9' }
    })
    sm.on(DescribeModelPackageCommand, { ModelPackageName: arn(1) }).resolves({
      ModelPackageArn: arn(1),
      CustomerMetadataProperties: {}
    })
    const fake = fakeContext({ workDir: workDir() })
    await expect(
      runGroup(fake.ctx, settings({ operation: 'delete', force: true }))
    ).rejects.toThrow(/v2 \(deployed to churn-prod\).*"force" does not override this/)
    expect(sm).toHaveReceivedCommandTimes(DescribeModelPackageCommand, 3)
    expect(mutatingCalls()).toEqual([])
  })

  it('refuses even with force while an endpoint still serves a version rejected while live', async () => {
    mockVersions({ 1: 'Rejected', 2: 'Rejected' })
    sm.on(DescribeModelPackageCommand).resolves({ CustomerMetadataProperties: {} })
    sm.on(DescribeModelPackageCommand, { ModelPackageName: arn(2) }).resolves({
      ModelPackageArn: arn(2),
      CustomerMetadataProperties: { 'deployed:churn-prod': '2026-02-01 run 5' }
    })
    sm.on(DescribeEndpointCommand, { EndpointName: 'churn-prod' }).resolves({
      EndpointName: 'churn-prod',
      EndpointStatus: 'InService',
      EndpointConfigName: 'churn-prod-v2-0123456789'
    })
    sm.on(DescribeEndpointConfigCommand, {
      EndpointConfigName: 'churn-prod-v2-0123456789'
    }).resolves({
      ProductionVariants: [{ VariantName: 'primary', ModelName: 'churn-prod-v2-9876543210' }]
    })
    sm.on(DescribeModelCommand, { ModelName: 'churn-prod-v2-9876543210' }).resolves({
      Containers: [{ ModelPackageName: arn(2) }]
    })
    const fake = fakeContext({ workDir: workDir() })
    await expect(
      runGroup(fake.ctx, settings({ operation: 'delete', force: true }))
    ).rejects.toThrow(/v2 \(served by churn-prod now\).*"force" does not override this/)
    expect(mutatingCalls()).toEqual([])
  })

  it('refuses when it cannot read an endpoint a version is recorded on', async () => {
    mockVersions({ 1: 'Rejected' })
    sm.on(DescribeModelPackageCommand).resolves({
      ModelPackageArn: arn(1),
      CustomerMetadataProperties: { 'deployed:churn-prod': '2026-02-01 run 5' }
    })
    sm.on(DescribeEndpointCommand).rejects(
      Object.assign(new Error('not authorized to perform: sagemaker:DescribeEndpoint'), {
        name: 'AccessDeniedException'
      })
    )
    const fake = fakeContext({ workDir: workDir() })
    await expect(
      runGroup(fake.ctx, settings({ operation: 'delete', force: true }))
    ).rejects.toThrow(/not authorized/)
    expect(mutatingCalls()).toEqual([])
  })

  it('with force, deletes every version newest first and then the group', async () => {
    mockVersions({ 1: 'Approved', 2: 'Rejected', 3: 'PendingManualApproval' })
    sm.on(DescribeModelPackageCommand).resolves({ CustomerMetadataProperties: {} })
    sm.on(DeleteModelPackageCommand).resolves({})
    sm.on(DeleteModelPackageGroupCommand).resolves({})
    const fake = fakeContext({ workDir: workDir() })

    await runGroup(fake.ctx, settings({ operation: 'delete', force: true }))

    const deletes = sm
      .calls()
      .map(call => call.args[0])
      .filter(
        command =>
          command instanceof DeleteModelPackageCommand ||
          command instanceof DeleteModelPackageGroupCommand
      )
      .map(command => (command as DeleteModelPackageCommand).input)
    expect(deletes).toEqual([
      { ModelPackageName: arn(3) },
      { ModelPackageName: arn(2) },
      { ModelPackageName: arn(1) },
      { ModelPackageGroupName: 'churn' }
    ])
    expect(fake.infos[0]).toContain(`DeleteModelPackage ${arn(3)} (PendingManualApproval)`)
    expect(fake.summaries[0]).toContain('Deleted 3 versions (newest first), then the group')
  })

  it('stops at the first failed version delete and leaves the group', async () => {
    mockVersions({ 1: 'Rejected', 2: 'Rejected' })
    sm.on(DeleteModelPackageCommand, { ModelPackageName: arn(2) }).rejects(
      Object.assign(new Error('throttled'), { name: 'ThrottlingException' })
    )
    const fake = fakeContext({ workDir: workDir() })
    await expect(
      runGroup(fake.ctx, settings({ operation: 'delete', force: true }))
    ).rejects.toThrow('throttled')
    expect(sm).toHaveReceivedCommandTimes(DeleteModelPackageCommand, 1)
    expect(sm).toHaveReceivedCommandTimes(DeleteModelPackageGroupCommand, 0)
  })

  it('prints the plan in a dry run and deletes nothing', async () => {
    mockVersions({ 1: 'Rejected', 2: 'Approved' })
    sm.on(DescribeModelPackageCommand).resolves({ CustomerMetadataProperties: {} })
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'delete', force: true }, { dryRun: true }))
    expect(mutatingCalls()).toEqual([])
    expect(fake.infos[0]).toBe(
      [
        'Dry run: would delete group "churn" and its 2 versions, newest first:',
        `  DeleteModelPackage ${arn(2)} (Approved)`,
        `  DeleteModelPackage ${arn(1)} (Rejected)`,
        '  DeleteModelPackageGroup churn'
      ].join('\n')
    )
    expect(fake.summaries[0]).toContain('Dry run: group would be deleted')
  })

  it('deletes an empty group without force', async () => {
    mockVersions({})
    sm.on(DeleteModelPackageGroupCommand).resolves({})
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'delete' }))
    expect(sm).toHaveReceivedCommandWith(DeleteModelPackageGroupCommand, {
      ModelPackageGroupName: 'churn'
    })
    expect(sm).toHaveReceivedCommandTimes(DeleteModelPackageCommand, 0)
  })
})

describe('group share and unshare', () => {
  it('creates the policy when the group has none', async () => {
    sm.on(GetModelPackageGroupPolicyCommand).rejects(NO_POLICY)
    sm.on(PutModelPackageGroupPolicyCommand).resolves({ ModelPackageGroupArn: GROUP_ARN })
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'share', accountIds: ['222222222222'] }))
    expect(sm).toHaveReceivedCommandTimes(PutModelPackageGroupPolicyCommand, 1)
    const input = sm.commandCalls(PutModelPackageGroupPolicyCommand)[0]!.args[0].input
    expect(input.ModelPackageGroupName).toBe('churn')
    expect(JSON.parse(input.ResourcePolicy!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: SHARE_SID,
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::222222222222:root'] },
          Action: [
            'sagemaker:DescribeModelPackageGroup',
            'sagemaker:ListModelPackages',
            'sagemaker:DescribeModelPackage',
            'sagemaker:CreateModel'
          ],
          Resource: [GROUP_ARN, 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/*']
        }
      ]
    })
    expect(fake.summaries[0]).toContain('Shared with 222222222222.')
  })

  it('merges with an existing policy and keeps its other statements', async () => {
    const other = {
      Sid: 'Audit',
      Effect: 'Allow',
      Principal: { AWS: '333333333333' },
      Action: 'sagemaker:DescribeModelPackageGroup',
      Resource: GROUP_ARN
    }
    sm.on(GetModelPackageGroupPolicyCommand).resolves({
      ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [other] })
    })
    sm.on(PutModelPackageGroupPolicyCommand).resolves({})
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'share', accountIds: ['222222222222'] }))
    const policy = JSON.parse(
      sm.commandCalls(PutModelPackageGroupPolicyCommand)[0]!.args[0].input.ResourcePolicy!
    )
    expect(policy.Statement[0]).toEqual(other)
    expect(policy.Statement[1].Sid).toBe(SHARE_SID)
  })

  it('makes no call when the accounts already have access', async () => {
    sm.on(GetModelPackageGroupPolicyCommand).rejects(NO_POLICY)
    sm.on(PutModelPackageGroupPolicyCommand).resolves({})
    const first = fakeContext({ workDir: workDir() })
    await runGroup(first.ctx, settings({ operation: 'share', accountIds: ['222222222222'] }))
    const written = sm.commandCalls(PutModelPackageGroupPolicyCommand)[0]!.args[0].input
      .ResourcePolicy
    sm.reset()
    sm.on(DescribeModelPackageGroupCommand).resolves({ ModelPackageGroupArn: GROUP_ARN })
    sm.on(GetModelPackageGroupPolicyCommand).resolves({ ResourcePolicy: written })
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'share', accountIds: ['222222222222'] }))
    expect(mutatingCalls()).toEqual([])
    expect(fake.infos[0]).toContain('already shared with 222222222222; no change needed')
  })

  it('prints the policy in a dry run and writes nothing', async () => {
    sm.on(GetModelPackageGroupPolicyCommand).rejects(NO_POLICY)
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(
      fake.ctx,
      settings({ operation: 'share', accountIds: ['222222222222'] }, { dryRun: true })
    )
    expect(mutatingCalls()).toEqual([])
    expect(fake.infos[0]).toContain('would call PutModelPackageGroupPolicy')
    expect(fake.infos[0]).toContain('"arn:aws:iam::222222222222:root"')
  })

  it('unshare deletes the policy when its last account goes', async () => {
    sm.on(GetModelPackageGroupPolicyCommand).resolves({
      ResourcePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: SHARE_SID,
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::222222222222:root' },
            Action: 'sagemaker:DescribeModelPackage',
            Resource: GROUP_ARN
          }
        ]
      })
    })
    sm.on(DeleteModelPackageGroupPolicyCommand).resolves({})
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'unshare', accountIds: ['222222222222'] }))
    expect(sm).toHaveReceivedCommandWith(DeleteModelPackageGroupPolicyCommand, {
      ModelPackageGroupName: 'churn'
    })
    expect(sm).toHaveReceivedCommandTimes(PutModelPackageGroupPolicyCommand, 0)
    expect(fake.summaries[0]).toContain('Shared with no account.')
  })

  it('unshare warns about an account that a foreign statement still names', async () => {
    sm.on(GetModelPackageGroupPolicyCommand).resolves({
      ResourcePolicy: JSON.stringify({
        Statement: [
          {
            Sid: SHARE_SID,
            Effect: 'Allow',
            Principal: {
              AWS: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::444444444444:root']
            },
            Action: 'x',
            Resource: GROUP_ARN
          },
          {
            Sid: 'Legacy',
            Effect: 'Allow',
            Principal: { AWS: '222222222222' },
            Action: 'x',
            Resource: GROUP_ARN
          }
        ]
      })
    })
    sm.on(PutModelPackageGroupPolicyCommand).resolves({})
    const fake = fakeContext({ workDir: workDir() })
    await runGroup(fake.ctx, settings({ operation: 'unshare', accountIds: ['222222222222'] }))
    const policy = JSON.parse(
      sm.commandCalls(PutModelPackageGroupPolicyCommand)[0]!.args[0].input.ResourcePolicy!
    )
    expect(policy.Statement[0].Principal.AWS).toEqual(['arn:aws:iam::444444444444:root'])
    expect(policy.Statement[1].Sid).toBe('Legacy')
    expect(fake.warnings[0]).toContain(
      'Account 222222222222 is also named in policy statement "Legacy"'
    )
  })

  it('refuses to share a group given as an ARN', async () => {
    const fake = fakeContext({ workDir: workDir() })
    await expect(
      runGroup(
        fake.ctx,
        settings(
          { operation: 'share', accountIds: ['222222222222'] },
          { group: { nameOrArn: GROUP_ARN, name: 'churn', arn: GROUP_ARN } }
        )
      )
    ).rejects.toThrow(/needs "model-package-group" as a name, not an ARN/)
    expect(sm.calls()).toHaveLength(0)
  })

  it('refuses to share the group with the account that owns it, before any policy call', async () => {
    const fake = fakeContext({ workDir: workDir() })
    const error = await runGroup(
      fake.ctx,
      settings({ operation: 'share', accountIds: ['222222222222', '123456789012'] })
    ).catch((e: Error) => e)
    expect((error as Error).message).toBe(
      `Input "account-ids": 123456789012 is the account that owns group "churn" (${GROUP_ARN}); sharing with it grants nothing. Remove it and give the other accounts to share with.`
    )
    expect(sm).not.toHaveReceivedCommand(GetModelPackageGroupPolicyCommand)
    expect(mutatingCalls()).toEqual([])
  })

  it('does not overwrite a policy it cannot read', async () => {
    sm.on(GetModelPackageGroupPolicyCommand).resolves({ ResourcePolicy: '{broken' })
    const fake = fakeContext({ workDir: workDir() })
    await expect(
      runGroup(fake.ctx, settings({ operation: 'share', accountIds: ['222222222222'] }))
    ).rejects.toThrow(/not a JSON policy document/)
    expect(mutatingCalls()).toEqual([])
  })
})
