// `compare`, `lineage` and `group` through dist/index.js on the emulator: the read-only
// modes change nothing, and group management refuses what would lose versions.
import { describe, expect, it } from '@jest/globals'
import {
  DescribeModelPackageGroupCommand,
  GetModelPackageGroupPolicyCommand,
  ListTagsCommand
} from '@aws-sdk/client-sagemaker'
import { readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.ts'
import {
  IMAGE,
  clients,
  explain,
  logisticModel,
  mutatingCalls,
  runOn,
  seedModel,
  useEmulator
} from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e))

const GROUP = 'ranking-model'

function seedGroup(aucs: number[]): string[] {
  const url = seedModel(emulator, 'ranking/model.json', logisticModel([0.5]))
  return emulator.seed({
    modelPackages: aucs.map((auc, i) => ({
      ModelPackageGroupName: GROUP,
      ModelApprovalStatus: i === 0 ? 'Approved' : 'PendingManualApproval',
      ModelPackageDescription: i === 1 ? 'has a | pipe and <b>markup</b>' : `retrain ${i + 1}`,
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: url }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      },
      CustomerMetadataProperties: { 'metric:validation:ndcg': String(auc) }
    }))
  }).modelPackages
}

describe('compare and lineage', () => {
  it('compares the last versions in a table and a chart, without changing anything', async () => {
    seedGroup([0.71, 0.74, 0.73])
    const run = await runOn(emulator, {
      mode: 'compare',
      'model-package-group': GROUP,
      history: '5'
    })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(mutatingCalls(emulator)).toEqual({})
    expect(run.outputs['model-package-version']).toBe('3')
    expect(run.summary).toContain('validation:ndcg')
    expect(run.summary).toContain('xychart-beta')
    expect(run.summary).toContain('line [0.71, 0.74, 0.73]')
    expect(run.summary).not.toContain('<b>markup</b>')
    const report = JSON.parse(readFileSync(run.outputs['report-path'] as string, 'utf8'))
    expect(JSON.stringify(report)).toContain('0.74')
  })

  it("tells one version's story, without changing anything", async () => {
    const [v1] = seedGroup([0.71])
    const run = await runOn(emulator, {
      mode: 'lineage',
      'model-package-group': GROUP,
      'model-package': '1'
    })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(mutatingCalls(emulator)).toEqual({})
    expect(run.outputs).toMatchObject({ 'model-package-arn': v1, 'approval-status': 'Approved' })
    expect(run.summary).toContain(IMAGE)
  })
})

describe('group management', () => {
  it('refuses to delete a group that holds versions, and deletes nothing', async () => {
    seedGroup([0.7, 0.72])
    const run = await runOn(emulator, {
      mode: 'group',
      'model-package-group': GROUP,
      'group-operation': 'delete'
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/force/)
    expect(mutatingCalls(emulator)).toEqual({})
    const group = await clients(emulator).sagemaker.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: GROUP })
    )
    expect(group.ModelPackageGroupName).toBe(GROUP)
  })

  it('shares with another account, tags, and unshares again', async () => {
    seedGroup([0.7])
    const { sagemaker } = clients(emulator)
    const share = await runOn(emulator, {
      mode: 'group',
      'model-package-group': GROUP,
      'group-operation': 'share',
      'account-ids': '210987654321'
    })
    if (share.exitCode !== 0) throw new Error(explain(share))
    const policy = await sagemaker.send(
      new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: GROUP })
    )
    expect(policy.ResourcePolicy).toContain('210987654321')
    expect(policy.ResourcePolicy).toContain('sagemaker:DescribeModelPackage')

    const tag = await runOn(emulator, {
      mode: 'group',
      'model-package-group': GROUP,
      'group-operation': 'update-tags',
      'group-tags': 'owner=ranking-team'
    })
    if (tag.exitCode !== 0) throw new Error(explain(tag))
    const group = await sagemaker.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: GROUP })
    )
    const tags = await sagemaker.send(
      new ListTagsCommand({ ResourceArn: group.ModelPackageGroupArn })
    )
    expect(tags.Tags).toContainEqual({ Key: 'owner', Value: 'ranking-team' })

    const unshare = await runOn(emulator, {
      mode: 'group',
      'model-package-group': GROUP,
      'group-operation': 'unshare',
      'account-ids': '210987654321'
    })
    if (unshare.exitCode !== 0) throw new Error(explain(unshare))
    await expect(
      sagemaker.send(new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: GROUP }))
    ).rejects.toThrow()
  })
})
