import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateModelPackageGroupCommand,
  DescribeModelPackageGroupCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import { fakeContext } from '../../__fixtures__/context.js'
import { GROUP_ARN } from '../../__fixtures__/register/settings.js'
import { ensureGroup } from '../../src/registry/groups.js'
import { isNotFound } from '../../src/aws-errors.js'

const sm = mockClient(SageMakerClient)
const OWN_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn'
const group = { nameOrArn: 'churn', name: 'churn' }

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name })

beforeEach(() => {
  sm.reset()
})

describe('isNotFound', () => {
  it('recognises the ValidationException SageMaker sends for a missing group', () => {
    expect(
      isNotFound(awsError('ValidationException', 'ModelPackageGroup churn does not exist.'))
    ).toBe(true)
    expect(isNotFound(awsError('ResourceNotFound', 'not found'))).toBe(true)
    expect(isNotFound(awsError('ValidationException', '1 validation error detected'))).toBe(false)
    expect(isNotFound(awsError('AccessDeniedException', 'does not exist'))).toBe(false)
    expect(isNotFound('does not exist')).toBe(false)
  })
})

describe('ensureGroup', () => {
  it('creates a missing group with its description and tags', async () => {
    sm.on(DescribeModelPackageGroupCommand).rejects(
      awsError('ValidationException', 'ModelPackageGroup churn does not exist.')
    )
    sm.on(CreateModelPackageGroupCommand).resolves({ ModelPackageGroupArn: OWN_ARN })
    const { ctx } = fakeContext()
    await expect(
      ensureGroup(ctx.aws.sagemaker, group, 'Churn', { team: 'ml' }, ctx.out, false)
    ).resolves.toEqual({
      arn: OWN_ARN,
      created: true,
      exists: true
    })
    expect(sm).toHaveReceivedCommandWith(CreateModelPackageGroupCommand, {
      ModelPackageGroupName: 'churn',
      ModelPackageGroupDescription: 'Churn',
      Tags: [{ Key: 'team', Value: 'ml' }]
    })
  })

  it('omits an empty description and tag list', async () => {
    sm.on(DescribeModelPackageGroupCommand).rejects(
      awsError('ValidationException', 'ModelPackageGroup churn does not exist.')
    )
    sm.on(CreateModelPackageGroupCommand).resolves({ ModelPackageGroupArn: OWN_ARN })
    const { ctx } = fakeContext()
    await ensureGroup(ctx.aws.sagemaker, group, undefined, {}, ctx.out, false)
    const input = sm.commandCalls(CreateModelPackageGroupCommand)[0]?.args[0].input
    expect(input).toEqual({ ModelPackageGroupName: 'churn' })
  })

  it('uses the group another job created at the same moment', async () => {
    sm.on(DescribeModelPackageGroupCommand)
      .rejectsOnce(awsError('ValidationException', 'ModelPackageGroup churn does not exist.'))
      .resolves({ ModelPackageGroupArn: OWN_ARN, ModelPackageGroupName: 'churn' } as never)
    sm.on(CreateModelPackageGroupCommand).rejects(
      awsError('ValidationException', 'Model Package Group already exists: arn:...')
    )
    const { ctx } = fakeContext()
    await expect(
      ensureGroup(ctx.aws.sagemaker, group, undefined, {}, ctx.out, false)
    ).resolves.toEqual({
      arn: OWN_ARN,
      created: false,
      exists: true
    })
  })

  it('passes on errors other than a missing group', async () => {
    sm.on(DescribeModelPackageGroupCommand).rejects(awsError('AccessDeniedException', 'no'))
    const { ctx } = fakeContext()
    await expect(
      ensureGroup(ctx.aws.sagemaker, group, undefined, {}, ctx.out, false)
    ).rejects.toThrow('no')
    expect(sm).not.toHaveReceivedCommand(CreateModelPackageGroupCommand)
  })

  it('never creates a shared group and warns that description and tags are ignored', async () => {
    const { ctx, warnings } = fakeContext()
    const shared = { nameOrArn: GROUP_ARN, name: 'churn', arn: GROUP_ARN }
    await expect(
      ensureGroup(ctx.aws.sagemaker, shared, 'x', { a: 'b' }, ctx.out, false)
    ).resolves.toEqual({
      arn: GROUP_ARN,
      created: false,
      exists: true
    })
    expect(sm.calls()).toHaveLength(0)
    expect(warnings).toHaveLength(1)
  })

  it('in a dry run prints the request instead of creating', async () => {
    sm.on(DescribeModelPackageGroupCommand).rejects(
      awsError('ValidationException', 'ModelPackageGroup churn does not exist.')
    )
    const { ctx, infos } = fakeContext()
    await expect(
      ensureGroup(ctx.aws.sagemaker, group, 'Churn', {}, ctx.out, true)
    ).resolves.toEqual({
      created: false,
      exists: false
    })
    expect(sm).not.toHaveReceivedCommand(CreateModelPackageGroupCommand)
    expect(infos[0]).toContain('"ModelPackageGroupDescription": "Churn"')
  })
})
