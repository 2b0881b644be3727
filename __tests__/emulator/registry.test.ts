// Model Registry behaviour, driven only through @aws-sdk/client-sagemaker.
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AddTagsCommand,
  BatchDescribeModelPackageCommand,
  CreateModelPackageCommand,
  type CreateModelPackageCommandInput,
  CreateModelPackageGroupCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DeleteModelPackageGroupPolicyCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  GetModelPackageGroupPolicyCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListTagsCommand,
  PutModelPackageGroupPolicyCommand,
  UpdateModelPackageCommand
} from '@aws-sdk/client-sagemaker'
import { ACCOUNT, expectAwsError, IMAGE, REGION, useHarness, waitFor } from './helpers.ts'

const h = useHarness()

const spec = {
  Containers: [{ Image: IMAGE, ModelDataUrl: 's3://models/m.json' }],
  SupportedContentTypes: ['text/csv'],
  SupportedResponseMIMETypes: ['text/csv']
}

async function group(name = 'churn'): Promise<string> {
  const r = await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: name }))
  return r.ModelPackageGroupArn!
}

async function version(
  groupName = 'churn',
  extra: Partial<CreateModelPackageCommandInput> = {}
): Promise<string> {
  const r = await h.sm.send(
    new CreateModelPackageCommand({
      ModelPackageGroupName: groupName,
      InferenceSpecification: spec,
      ...extra
    })
  )
  return r.ModelPackageArn!
}

describe('model package groups', () => {
  it('creates, describes (by name and ARN), lists and deletes a group', async () => {
    const arn = await group('Churn-Model')
    expect(arn).toBe(`arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package-group/churn-model`)
    const byName = await h.sm.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'Churn-Model' })
    )
    expect(byName.ModelPackageGroupName).toBe('Churn-Model')
    expect(byName.ModelPackageGroupStatus).toBe('Completed')
    expect(byName.CreationTime).toBeInstanceOf(Date)
    const byArn = await h.sm.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: arn })
    )
    expect(byArn.ModelPackageGroupArn).toBe(arn)
    const list = await h.sm.send(new ListModelPackageGroupsCommand({ NameContains: 'churn' }))
    expect(list.ModelPackageGroupSummaryList?.map(g => g.ModelPackageGroupName)).toEqual([
      'Churn-Model'
    ])
    // NameContains: "Pattern: [a-zA-Z0-9\-]+" on ListModelPackageGroups and ListModelPackages.
    await expectAwsError(
      h.sm.send(new ListModelPackageGroupsCommand({ NameContains: 'churn model' })),
      'ValidationException',
      400,
      /at 'nameContains'/
    )
    await expectAwsError(
      h.sm.send(new ListModelPackagesCommand({ NameContains: 'churn/1' })),
      'ValidationException',
      400,
      /at 'nameContains'/
    )
    await h.sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: 'Churn-Model' }))
    await expectAwsError(
      h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'Churn-Model' })),
      'ValidationException',
      400,
      /does not exist/
    )
  })

  it('rejects a duplicate name, also when only the case differs', async () => {
    await group('churn')
    await expectAwsError(
      h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'CHURN' })),
      'ValidationException',
      400,
      /already exists/
    )
  })

  it.each([
    ['-leading-hyphen', 1, /regular expression pattern/],
    ['has_underscore', 1, /regular expression pattern/],
    ['x'.repeat(64), 2, /length less than or equal to 63/]
  ])('rejects the group name %s', async (name, problems, message) => {
    const err = await expectAwsError(
      h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: name })),
      'ValidationException',
      400,
      message
    )
    const count = problems === 1 ? '1 validation error' : `${problems} validation errors`
    expect(err.message).toMatch(
      new RegExp(`^${count} detected: Value '.*' at 'modelPackageGroupName'`)
    )
  })

  it('refuses to delete a group that still has versions (ConflictException)', async () => {
    await group()
    const arn = await version()
    await expectAwsError(
      h.sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: 'churn' })),
      'ConflictException',
      400,
      /contains 1 model package/
    )
    await h.sm.send(new DeleteModelPackageCommand({ ModelPackageName: arn }))
    await h.sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }))
  })

  it('stores, returns and deletes a resource policy', async () => {
    const arn = await group()
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::210987654321:root' },
          Action: 'sagemaker:DescribeModelPackage',
          Resource: `${arn}/*`
        }
      ]
    })
    const put = await h.sm.send(
      new PutModelPackageGroupPolicyCommand({
        ModelPackageGroupName: 'churn',
        ResourcePolicy: policy
      })
    )
    expect(put.ModelPackageGroupArn).toBe(arn)
    const got = await h.sm.send(
      new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: 'churn' })
    )
    expect(got.ResourcePolicy).toBe(policy)
    await h.sm.send(new DeleteModelPackageGroupPolicyCommand({ ModelPackageGroupName: 'churn' }))
    await expectAwsError(
      h.sm.send(new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: 'churn' })),
      'ValidationException'
    )
    await expectAwsError(
      h.sm.send(
        new PutModelPackageGroupPolicyCommand({
          ModelPackageGroupName: 'churn',
          ResourcePolicy: '{not json'
        })
      ),
      'ValidationException',
      400,
      /not valid JSON/
    )
  })
})

describe('model packages', () => {
  it('numbers versions 1, 2, 3 per group with SageMaker ARNs, Pending then Completed', async () => {
    // Pending must outlast four creations on a loaded machine; delays outlive reset().
    h.emu.setDelays({ packageCompleteMs: 1500 })
    await group('churn')
    await group('fraud')
    const a1 = await version('churn')
    const a2 = await version('churn')
    const b1 = await version('fraud')
    const a3 = await version('churn')
    expect([a1, a2, a3, b1]).toEqual([
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/churn/1`,
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/churn/2`,
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/churn/3`,
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/fraud/1`
    ])
    const d = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: a2 }))
    expect(d).toMatchObject({
      ModelPackageGroupName: 'churn',
      ModelPackageName: 'churn',
      ModelPackageVersion: 2,
      ModelPackageStatus: 'Pending',
      ModelApprovalStatus: 'PendingManualApproval',
      CertifyForMarketplace: false,
      InferenceSpecification: spec
    })
    const done = await waitFor(
      () => h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: 'churn/2' })),
      r => r.ModelPackageStatus === 'Completed'
    )
    expect(done.ModelPackageArn).toBe(a2)
    h.emu.setDelays({ packageCompleteMs: 150 })
  })

  it('keeps numbering after a version is deleted (numbers are never reused)', async () => {
    await group()
    await version()
    const v2 = await version()
    await h.sm.send(new DeleteModelPackageCommand({ ModelPackageName: v2 }))
    expect(await version()).toMatch(/model-package\/churn\/3$/)
  })

  it('takes an explicit approval status at creation', async () => {
    await group()
    const arn = await version('churn', { ModelApprovalStatus: 'Approved' })
    const d = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
    expect(d.ModelApprovalStatus).toBe('Approved')
  })

  it('fails for a group that does not exist, and for name plus group together', async () => {
    await expectAwsError(
      h.sm.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: 'nope',
          InferenceSpecification: spec
        })
      ),
      'ValidationException',
      400,
      /ModelPackageGroup nope does not exist/
    )
    await group()
    await expectAwsError(
      h.sm.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: 'churn',
          ModelPackageName: 'x',
          InferenceSpecification: spec
        })
      ),
      'ValidationException',
      400,
      /Both ModelPackageName and ModelPackageGroupName/
    )
  })

  it('rejects a duplicate unversioned package name', async () => {
    await h.sm.send(
      new CreateModelPackageCommand({ ModelPackageName: 'solo', InferenceSpecification: spec })
    )
    await expectAwsError(
      h.sm.send(
        new CreateModelPackageCommand({ ModelPackageName: 'Solo', InferenceSpecification: spec })
      ),
      'ValidationException',
      400,
      /already exists/
    )
  })

  it('is idempotent on ClientToken, and refuses the same token with other parameters', async () => {
    await group()
    const first = await version('churn', {
      ClientToken: 'run-42-attempt-1',
      ModelPackageDescription: 'candidate'
    })
    const again = await version('churn', {
      ClientToken: 'run-42-attempt-1',
      ModelPackageDescription: 'candidate'
    })
    expect(again).toBe(first)
    const list = await h.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'churn' }))
    expect(list.ModelPackageSummaryList).toHaveLength(1)
    await expectAwsError(
      h.sm.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: 'churn',
          InferenceSpecification: spec,
          ClientToken: 'run-42-attempt-1',
          ModelPackageDescription: 'something else'
        })
      ),
      'ConflictException'
    )
  })

  describe('CustomerMetadataProperties limits', () => {
    beforeEach(async () => {
      await group()
    })
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        '51 entries',
        Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
        /length less than or equal to 50/
      ],
      ['a 129-character key', { ['k'.repeat(129)]: 'v' }, /length less than or equal to 128/],
      ['a 257-character value', { k: 'v'.repeat(257) }, /length less than or equal to 256/],
      ['a "?" in a value', { k: 'a?b' }, /regular expression pattern/],
      ['a "," in a value', { k: 'a,b' }, /regular expression pattern/],
      ['a "#" in a key', { 'a#b': 'v' }, /regular expression pattern/],
      ['an empty value', { k: '' }, /length greater than or equal to 1/]
    ]
    it.each(cases)('rejects %s', async (_label, props, message) => {
      await expectAwsError(
        h.sm.send(
          new CreateModelPackageCommand({
            ModelPackageGroupName: 'churn',
            InferenceSpecification: spec,
            CustomerMetadataProperties: props
          })
        ),
        'ValidationException',
        400,
        message
      )
    })
    it('accepts 50 entries at the maximum lengths with every allowed character', async () => {
      const props = Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [
          `k${i}`.padEnd(128, 'x'),
          'é 9_.:/=+-@'.padEnd(256, 'y')
        ])
      )
      const arn = await version('churn', { CustomerMetadataProperties: props })
      const d = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
      expect(d.CustomerMetadataProperties).toEqual(props)
    })
  })

  it('validates ModelMetrics sources and the description', async () => {
    await group()
    await expectAwsError(
      h.sm.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: 'churn',
          InferenceSpecification: spec,
          ModelMetrics: {
            ModelQuality: {
              Statistics: {
                ContentType: 'application/json',
                S3Uri: 'not-a-uri',
                ContentDigest: 'md5:abc'
              }
            }
          }
        })
      ),
      'ValidationException',
      400,
      /^2 validation errors detected: .*modelMetrics\.modelQuality\.statistics\.contentDigest.*modelMetrics\.modelQuality\.statistics\.s3Uri/
    )
    await expectAwsError(
      h.sm.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: 'churn',
          InferenceSpecification: spec,
          ModelPackageDescription: 'd'.repeat(1025)
        })
      ),
      'ValidationException'
    )
  })

  it('refuses the control characters the API reference patterns exclude, field by field', async () => {
    // EntityDescription: no line break or tab in package and group descriptions.
    await expectAwsError(
      h.sm.send(
        new CreateModelPackageGroupCommand({
          ModelPackageGroupName: 'g2',
          ModelPackageGroupDescription: 'line one\nline two'
        })
      ),
      'ValidationException',
      400,
      /at 'modelPackageGroupDescription' failed to satisfy constraint: Member must satisfy regular expression pattern/
    )
    await group()
    await expectAwsError(
      version('churn', { ModelPackageDescription: 'tab\there' }),
      'ValidationException',
      400,
      /at 'modelPackageDescription'/
    )
    // `.*` (a Java pattern): no line terminator, but a tab is fine.
    await expectAwsError(
      version('churn', { MetadataProperties: { ProjectId: 'p-1\np-2' } }),
      'ValidationException',
      400,
      /at 'metadataProperties\.projectId'/
    )
    const arn = await version('churn', { MetadataProperties: { ProjectId: 'p-1\tp-2' } })
    await expectAwsError(
      h.sm.send(
        new UpdateModelPackageCommand({ ModelPackageArn: arn, ApprovalDescription: 'ok\u2028no' })
      ),
      'ValidationException',
      400,
      /at 'approvalDescription'/
    )
    await expectAwsError(
      h.sm.send(
        new UpdateModelPackageCommand({
          ModelPackageArn: arn,
          ModelLifeCycle: { Stage: 'staging', StageStatus: 'Approved', StageDescription: 'a\rb' }
        })
      ),
      'ValidationException',
      400,
      /at 'modelLifeCycle\.stageDescription'/
    )
    await h.sm.send(
      new UpdateModelPackageCommand({ ModelPackageArn: arn, ApprovalDescription: 'tab\tis fine' })
    )
    const d = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
    expect(d.ApprovalDescription).toBe('tab\tis fine')
    expect(d.MetadataProperties?.ProjectId).toBe('p-1\tp-2')
  })

  it('UpdateModelPackage changes only the given fields and merges metadata', async () => {
    await group()
    const metrics = {
      ModelQuality: {
        Statistics: {
          ContentType: 'application/json',
          S3Uri: 's3://metrics/stats.json',
          ContentDigest: `sha256:${'a'.repeat(64)}`
        }
      }
    }
    const arn = await version('churn', {
      ModelPackageDescription: 'candidate',
      MetadataProperties: { CommitId: 'abc123', Repository: 'https://github.com/o/r' },
      ModelMetrics: metrics,
      CustomerMetadataProperties: { keep: '1', change: 'old', drop: 'x' },
      ModelLifeCycle: { Stage: 'Development', StageStatus: 'Registered' }
    })
    await h.sm.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: arn,
        ModelApprovalStatus: 'Approved',
        ApprovalDescription: 'auc 0.91 >= 0.85',
        CustomerMetadataProperties: { change: 'new', added: 'y' },
        CustomerMetadataPropertiesToRemove: ['drop']
      })
    )
    const d = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
    expect(d.ModelApprovalStatus).toBe('Approved')
    expect(d.ApprovalDescription).toBe('auc 0.91 >= 0.85')
    expect(d.CustomerMetadataProperties).toEqual({ keep: '1', change: 'new', added: 'y' })
    expect(d.ModelPackageDescription).toBe('candidate')
    expect(d.MetadataProperties).toEqual({
      CommitId: 'abc123',
      Repository: 'https://github.com/o/r'
    })
    expect(d.ModelMetrics).toEqual(metrics)
    expect(d.ModelLifeCycle).toEqual({ Stage: 'Development', StageStatus: 'Registered' })
    expect(d.LastModifiedTime).toBeInstanceOf(Date)

    // A second update naming only the stage leaves approval and metadata alone.
    await h.sm.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: arn,
        ModelLifeCycle: { Stage: 'Production', StageStatus: 'Deployed' }
      })
    )
    const d2 = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
    expect(d2.ModelApprovalStatus).toBe('Approved')
    expect(d2.CustomerMetadataProperties).toEqual({ keep: '1', change: 'new', added: 'y' })
    expect(d2.ModelLifeCycle).toEqual({ Stage: 'Production', StageStatus: 'Deployed' })

    // Approved -> Rejected -> Approved are legal transitions.
    await h.sm.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: arn,
        ModelApprovalStatus: 'Rejected',
        ApprovalDescription: 'regressed'
      })
    )
    await h.sm.send(
      new UpdateModelPackageCommand({ ModelPackageArn: arn, ModelApprovalStatus: 'Approved' })
    )
    const d3 = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
    expect(d3.ModelApprovalStatus).toBe('Approved')
    expect(d3.ApprovalDescription).toBe('regressed')
  })

  it('refuses MetadataProperties and ModelMetrics on update (they are immutable)', async () => {
    await group()
    const arn = await version('churn', { MetadataProperties: { CommitId: 'abc' } })
    // The SDK drops members UpdateModelPackage does not have, so add one on the wire as a
    // hand-written client would.
    const cmd = new UpdateModelPackageCommand({ ModelPackageArn: arn })
    cmd.middlewareStack.add(
      next => async args => {
        const req = args.request as { body: Uint8Array | string; headers: Record<string, string> }
        const sent = typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body)
        req.body = JSON.stringify({ ...JSON.parse(sent), MetadataProperties: { CommitId: 'def' } })
        req.headers['content-length'] = String(Buffer.byteLength(req.body))
        return next(args)
      },
      { step: 'build' }
    )
    await expectAwsError(
      h.sm.send(cmd),
      'ValidationException',
      400,
      /MetadataProperties cannot be updated/
    )
    const d = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
    expect(d.MetadataProperties).toEqual({ CommitId: 'abc' })
  })

  it('rejects an update whose merged metadata would exceed 50 entries, or names a key twice', async () => {
    await group()
    const props = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))
    const arn = await version('churn', { CustomerMetadataProperties: props })
    await expectAwsError(
      h.sm.send(
        new UpdateModelPackageCommand({
          ModelPackageArn: arn,
          CustomerMetadataProperties: { extra: 'v' }
        })
      ),
      'ValidationException',
      400,
      /51 entries/
    )
    await expectAwsError(
      h.sm.send(
        new UpdateModelPackageCommand({
          ModelPackageArn: arn,
          CustomerMetadataProperties: { k1: 'w' },
          CustomerMetadataPropertiesToRemove: ['k1']
        })
      ),
      'ValidationException',
      400,
      /name the same key/
    )
    // Removing one first makes room.
    await h.sm.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: arn,
        CustomerMetadataProperties: { extra: 'v' },
        CustomerMetadataPropertiesToRemove: ['k0']
      })
    )
  })

  it('fails to describe, update or delete a package that does not exist', async () => {
    const missing = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/churn/9`
    await expectAwsError(
      h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: missing })),
      'ValidationException'
    )
    await expectAwsError(
      h.sm.send(
        new UpdateModelPackageCommand({ ModelPackageArn: missing, ModelApprovalStatus: 'Approved' })
      ),
      'ValidationException'
    )
    await expectAwsError(
      h.sm.send(new DeleteModelPackageCommand({ ModelPackageName: missing })),
      'ValidationException'
    )
  })

  it('BatchDescribeModelPackage returns summaries and an error map', async () => {
    await group()
    const a = await version()
    const missing = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/churn/7`
    const r = await h.sm.send(
      new BatchDescribeModelPackageCommand({ ModelPackageArnList: [a, missing] })
    )
    expect(r.ModelPackageSummaries?.[a]).toMatchObject({
      ModelPackageGroupName: 'churn',
      ModelPackageVersion: 1,
      ModelApprovalStatus: 'PendingManualApproval'
    })
    expect(r.BatchDescribeModelPackageErrorMap?.[missing]?.ErrorCode).toBe('ValidationException')
  })
})

describe('ListModelPackages', () => {
  beforeEach(async () => {
    await group('churn')
    for (let i = 0; i < 3; i++) await version('churn')
    await h.sm.send(
      new CreateModelPackageCommand({ ModelPackageName: 'solo', InferenceSpecification: spec })
    )
  })

  it('lists unversioned packages only when given neither a group nor a type', async () => {
    const r = await h.sm.send(new ListModelPackagesCommand({}))
    expect(r.ModelPackageSummaryList?.map(p => p.ModelPackageName)).toEqual(['solo'])
    const versioned = await h.sm.send(
      new ListModelPackagesCommand({ ModelPackageType: 'Versioned' })
    )
    expect(versioned.ModelPackageSummaryList?.map(p => p.ModelPackageVersion)).toEqual([1, 2, 3])
    const both = await h.sm.send(new ListModelPackagesCommand({ ModelPackageType: 'Both' }))
    expect(both.ModelPackageSummaryList).toHaveLength(4)
  })

  it('sorts ascending by creation time unless told otherwise', async () => {
    const asc = await h.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'churn' }))
    expect(asc.ModelPackageSummaryList?.map(p => p.ModelPackageVersion)).toEqual([1, 2, 3])
    const desc = await h.sm.send(
      new ListModelPackagesCommand({ ModelPackageGroupName: 'churn', SortOrder: 'Descending' })
    )
    expect(desc.ModelPackageSummaryList?.map(p => p.ModelPackageVersion)).toEqual([3, 2, 1])
  })

  it('filters by approval status', async () => {
    await h.sm.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/churn/2`,
        ModelApprovalStatus: 'Approved'
      })
    )
    const r = await h.sm.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: 'churn',
        ModelApprovalStatus: 'Approved'
      })
    )
    expect(r.ModelPackageSummaryList?.map(p => p.ModelPackageVersion)).toEqual([2])
  })

  it('pages with NextToken and caps MaxResults at 100', async () => {
    for (let i = 0; i < 130; i++) await version('churn')
    const seen: number[] = []
    let token: string | undefined
    let calls = 0
    do {
      const r = await h.sm.send(
        new ListModelPackagesCommand({
          ModelPackageGroupName: 'churn',
          MaxResults: 100,
          NextToken: token,
          SortOrder: 'Descending'
        })
      )
      expect(r.ModelPackageSummaryList!.length).toBeLessThanOrEqual(100)
      seen.push(...r.ModelPackageSummaryList!.map(p => p.ModelPackageVersion!))
      token = r.NextToken
      calls++
    } while (token)
    expect(calls).toBe(2)
    expect(seen).toEqual(Array.from({ length: 133 }, (_, i) => 133 - i))
    await expectAwsError(
      h.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'churn', MaxResults: 101 })),
      'ValidationException',
      400,
      /less than or equal to 100/
    )
    await expectAwsError(
      h.sm.send(
        new ListModelPackagesCommand({ ModelPackageGroupName: 'churn', NextToken: 'garbage' })
      ),
      'ValidationException',
      400,
      /Invalid pagination token/
    )
  })

  it('returns 10 per page when MaxResults is not given', async () => {
    for (let i = 0; i < 10; i++) await version('churn')
    const r = await h.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'churn' }))
    expect(r.ModelPackageSummaryList).toHaveLength(10)
    expect(r.NextToken).toEqual(expect.any(String))
    const next = await h.sm.send(
      new ListModelPackagesCommand({ ModelPackageGroupName: 'churn', NextToken: r.NextToken })
    )
    const first = new Set(r.ModelPackageSummaryList?.map(p => p.ModelPackageArn))
    expect(next.ModelPackageSummaryList?.some(p => first.has(p.ModelPackageArn))).toBe(false)
  })
})

describe('tags', () => {
  it('adds and lists tags on a group and a version; fails for a missing resource', async () => {
    const arn = await group()
    await h.sm.send(
      new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'team', Value: 'risk' }] })
    )
    await h.sm.send(
      new AddTagsCommand({
        ResourceArn: arn,
        Tags: [
          { Key: 'team', Value: 'fraud' },
          { Key: 'env', Value: 'prod' }
        ]
      })
    )
    const t = await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))
    expect(t.Tags).toEqual([
      { Key: 'team', Value: 'fraud' },
      { Key: 'env', Value: 'prod' }
    ])
    const created = await h.sm.send(
      new CreateModelPackageGroupCommand({
        ModelPackageGroupName: 'tagged',
        Tags: [{ Key: 'owner', Value: 'ml@example.com' }]
      })
    )
    expect(
      (await h.sm.send(new ListTagsCommand({ ResourceArn: created.ModelPackageGroupArn }))).Tags
    ).toEqual([{ Key: 'owner', Value: 'ml@example.com' }])
    await expectAwsError(
      h.sm.send(
        new AddTagsCommand({
          ResourceArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package-group/nope`,
          Tags: [{ Key: 'a', Value: 'b' }]
        })
      ),
      'ResourceNotFound'
    )
    await expectAwsError(
      h.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'bad?key', Value: 'b' }] })),
      'ValidationException'
    )
  })

  it('takes ListTags MaxResults of 50 or more only', async () => {
    const arn = await group()
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }))
    await h.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: tags }))
    // ListTags MaxResults: "Valid Range: Minimum value of 50" (API reference), no maximum.
    await expectAwsError(
      h.sm.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 10 })),
      'ValidationException',
      400,
      /Value '10' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 50/
    )
    const all = await h.sm.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 500 }))
    expect(all.Tags).toHaveLength(50)
    expect(all.NextToken).toBeUndefined()
  })
})
