import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeModelPackageGroupCommand,
  ListModelPackagesCommand,
  UpdateModelPackageCommand
} from '@aws-sdk/client-sagemaker'
import 'aws-sdk-client-mock-jest'
import { fakeContext } from '../../__fixtures__/context.js'
import { FakeRegistry, GROUP, GROUP_ARN, packageArn } from '../../__fixtures__/gate/registry.js'
import {
  latestVersion,
  listVersions,
  resolvePackageArn,
  versionArns,
  singleLine,
  truncate,
  updateVersion,
  versionFromArn
} from '../../src/registry/versions.js'
import type { GroupRef } from '../../src/settings.js'

const group: GroupRef = { name: GROUP, nameOrArn: GROUP }
let reg: FakeRegistry

beforeEach(() => {
  reg = new FakeRegistry()
})

afterEach(() => {
  reg.restore()
})

function sagemaker() {
  return fakeContext().ctx.aws.sagemaker
}

function listInputs() {
  return reg.sagemaker.commandCalls(ListModelPackagesCommand).map(call => call.args[0].input)
}

describe('ARNs', () => {
  it('reads the version at the end of a package ARN', () => {
    expect(versionFromArn(packageArn(17))).toBe(17)
    expect(() =>
      versionFromArn('arn:aws:sagemaker:us-east-1:123456789012:model-package/unversioned')
    ).toThrow('is not the ARN of a versioned model package')
  })

  it('resolves an ARN without a call, and a version number from the listing', async () => {
    for (let v = 1; v <= 9; v++) reg.add(v, 'PendingManualApproval')
    const client = sagemaker()
    await expect(
      resolvePackageArn(client, group, { kind: 'arn', arn: packageArn(9) })
    ).resolves.toBe(packageArn(9))
    expect(reg.sagemaker.calls()).toHaveLength(0)
    await expect(resolvePackageArn(client, group, { kind: 'version', version: 7 })).resolves.toBe(
      packageArn(7)
    )
    expect(reg.sagemaker).toHaveReceivedCommandTimes(ListModelPackagesCommand, 1)
    expect(reg.sagemaker).toHaveReceivedCommandTimes(DescribeModelPackageGroupCommand, 0)
    expect(listInputs()[0]).toMatchObject({
      SortOrder: 'Descending',
      ModelPackageType: 'Versioned'
    })
  })

  it('takes the ARNs from the listing, never from the group ARN, and names missing versions', async () => {
    for (let v = 1; v <= 250; v++) reg.add(v, 'Approved')
    const client = sagemaker()
    // Group ARN spelled otherwise than the registry spells its package ARNs.
    const shouted = {
      ...group,
      arn: GROUP_ARN.toUpperCase().replace('ARN:AWS:SAGEMAKER', 'arn:aws:sagemaker')
    }
    await expect(versionArns(client, shouted, [249, 120], 'versions')).resolves.toEqual([
      packageArn(249),
      packageArn(120)
    ])
    // Newest first, stopping at the page that holds the oldest version asked for.
    expect(reg.sagemaker).toHaveReceivedCommandTimes(ListModelPackagesCommand, 2)
    await expect(versionArns(client, group, [3, 300, 400], 'versions')).rejects.toThrow(
      `Input "versions": v300, v400 of group "${GROUP}" do not exist in us-east-1.`
    )
  })
})

describe('listVersions', () => {
  beforeEach(() => {
    for (let v = 1; v <= 260; v++) reg.add(v, v % 2 === 0 ? 'Approved' : 'Rejected')
  })

  it('lists newest first, paging only as far as the limit needs', async () => {
    const found = await listVersions(sagemaker(), group, { limit: 250 })
    expect(found).toHaveLength(250)
    expect(found[0]).toMatchObject({ arn: packageArn(260), version: 260, status: 'Approved' })
    expect(found[249]?.version).toBe(11)
    expect(listInputs().map(input => input.MaxResults)).toEqual([100, 100, 50])
    for (const input of listInputs()) {
      expect(input).toMatchObject({
        ModelPackageGroupName: GROUP,
        ModelPackageType: 'Versioned',
        SortBy: 'CreationTime',
        SortOrder: 'Descending'
      })
    }
  })

  it('passes the status filter to SageMaker', async () => {
    const found = await listVersions(sagemaker(), group, { status: 'Rejected', limit: 3 })
    expect(found.map(v => v.version)).toEqual([259, 257, 255])
    expect(listInputs()).toEqual([
      expect.objectContaining({ ModelApprovalStatus: 'Rejected', MaxResults: 3 })
    ])
  })

  it('skips versions at or above olderThanVersion', async () => {
    const found = await listVersions(sagemaker(), group, { limit: 2, olderThanVersion: 200 })
    expect(found.map(v => v.version)).toEqual([199, 198])
  })

  it('stops at the end of the group', async () => {
    const found = await listVersions(sagemaker(), group, { status: 'Approved', limit: 500 })
    expect(found).toHaveLength(130)
    expect(listInputs()).toHaveLength(2)
  })

  it('makes no call for a limit of zero', async () => {
    await expect(listVersions(sagemaker(), group, { limit: 0 })).resolves.toEqual([])
    expect(reg.sagemaker.calls()).toHaveLength(0)
  })

  it('finds the newest version with a status in one call of MaxResults 1', async () => {
    await expect(latestVersion(sagemaker(), group, 'Approved')).resolves.toMatchObject({
      version: 260
    })
    expect(listInputs()).toEqual([
      expect.objectContaining({ ModelApprovalStatus: 'Approved', MaxResults: 1 })
    ])
    await expect(
      latestVersion(sagemaker(), group, 'PendingManualApproval')
    ).resolves.toBeUndefined()
  })
})

describe('updateVersion', () => {
  beforeEach(() => {
    reg.add(1, 'PendingManualApproval', { metadata: { 'team:owner': 'risk-ml' } })
  })

  it('sends only the fields given', async () => {
    await updateVersion(sagemaker(), packageArn(1), { metadata: { 'gate:decision': 'pass' } })
    expect(reg.updates()).toEqual([
      { ModelPackageArn: packageArn(1), CustomerMetadataProperties: { 'gate:decision': 'pass' } }
    ])
    expect(reg.get(1).metadata).toEqual({ 'team:owner': 'risk-ml', 'gate:decision': 'pass' })
  })

  it('sends status, description, removals and lifecycle', async () => {
    await updateVersion(sagemaker(), packageArn(1), {
      status: 'Approved',
      approvalDescription: 'ok',
      metadataToRemove: ['team:owner'],
      lifecycle: { stage: 'staging', stageStatus: 'Approved', description: 'promoted' }
    })
    expect(reg.sagemaker).toHaveReceivedCommandWith(UpdateModelPackageCommand, {
      ModelPackageArn: packageArn(1),
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'ok',
      CustomerMetadataPropertiesToRemove: ['team:owner'],
      ModelLifeCycle: { Stage: 'staging', StageStatus: 'Approved', StageDescription: 'promoted' }
    })
    expect(reg.get(1).metadata).toEqual({})
  })

  it('omits empty metadata', async () => {
    await updateVersion(sagemaker(), packageArn(1), { status: 'Rejected', metadata: {} })
    expect(reg.updates()).toEqual([
      { ModelPackageArn: packageArn(1), ModelApprovalStatus: 'Rejected' }
    ])
  })

  it('fits descriptions to one line of at most 1,024 characters', async () => {
    await updateVersion(sagemaker(), packageArn(1), {
      approvalDescription: `line one\nline two\t${'x'.repeat(2000)}`,
      lifecycle: {
        stage: 'staging',
        stageStatus: 'Approved',
        description: `a\r\nb ${'y'.repeat(2000)}`
      }
    })
    const [update] = reg.updates()
    expect(update?.ApprovalDescription?.length).toBe(1024)
    expect(update?.ApprovalDescription?.startsWith('line one line two xxx')).toBe(true)
    expect(update?.ApprovalDescription?.endsWith('x…')).toBe(true)
    expect(update?.ModelLifeCycle?.StageDescription?.length).toBe(1024)
    expect(update?.ModelLifeCycle?.StageDescription?.startsWith('a b yyy')).toBe(true)
  })
})

describe('text helpers', () => {
  it('truncates with an ellipsis inside the limit', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef')
    expect(truncate('abcdefg', 6)).toBe('abcde…')
  })

  it('collapses line breaks and control characters to single spaces', () => {
    expect(singleLine('  a\n\nb\u0000c\u2028d  ')).toBe('a b c d')
    expect(singleLine('validation:auc >= 0.85 — ok')).toBe('validation:auc >= 0.85 — ok')
  })
})
