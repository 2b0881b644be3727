// Behaviours where AWS's documentation is thin: ARN letter case (both ways, as an option)
// and what ListModelPackages summaries carry.
import { describe, expect, it } from '@jest/globals'
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  ListModelPackagesCommand
} from '@aws-sdk/client-sagemaker'
import { ACCOUNT, REGION, useHarness } from './helpers.ts'

const h = useHarness()
const options = (body?: unknown) =>
  fetch(
    `${h.emu.url}/_emulator/options`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }
  )

describe('arnCase option', () => {
  it('lower-cases names in ARNs by default and keeps them with "preserve"', async () => {
    expect(await (await options()).json()).toEqual({ arnCase: 'lower' })
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'MyGroup' }))
    const lower = await h.sm.send(
      new CreateModelPackageCommand({ ModelPackageGroupName: 'MyGroup' })
    )
    expect(lower.ModelPackageArn).toBe(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/mygroup/1`
    )
    try {
      expect(await (await options({ arnCase: 'preserve' })).json()).toEqual({ arnCase: 'preserve' })
      const kept = await h.sm.send(
        new CreateModelPackageCommand({ ModelPackageGroupName: 'MyGroup' })
      )
      expect(kept.ModelPackageArn).toBe(
        `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/MyGroup/2`
      )
      const d = await h.sm.send(
        new DescribeModelPackageCommand({ ModelPackageName: kept.ModelPackageArn })
      )
      expect(d.ModelPackageVersion).toBe(2)
      // Lookups stay case-insensitive whatever the ARNs show.
      const byLower = await h.sm.send(
        new DescribeModelPackageCommand({ ModelPackageName: 'mygroup/2' })
      )
      expect(byLower.ModelPackageArn).toBe(kept.ModelPackageArn)
      // The option describes the account: reset() keeps it.
      h.emu.reset()
      expect(await (await options()).json()).toEqual({ arnCase: 'preserve' })
      const bad = await options({ arnCase: 'upper' })
      expect(bad.status).toBe(400)
      expect(await bad.json()).toEqual({
        error: 'arnCase must be "lower" or "preserve", got "upper"'
      })
    } finally {
      h.emu.setOptions({ arnCase: 'lower' })
    }
  })
})

describe('ListModelPackages summaries', () => {
  it('omit ModelPackageName for versions and carry it for unversioned packages', async () => {
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'g' }))
    await h.sm.send(new CreateModelPackageCommand({ ModelPackageGroupName: 'g' }))
    await h.sm.send(new CreateModelPackageCommand({ ModelPackageName: 'standalone' }))
    const versioned = await h.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'g' }))
    expect(versioned.ModelPackageSummaryList?.[0]).toMatchObject({
      ModelPackageGroupName: 'g',
      ModelPackageVersion: 1
    })
    expect(versioned.ModelPackageSummaryList?.[0]?.ModelPackageName).toBeUndefined()
    const unversioned = await h.sm.send(new ListModelPackagesCommand({}))
    expect(unversioned.ModelPackageSummaryList?.map(p => p.ModelPackageName)).toEqual([
      'standalone'
    ])
  })
})
