// The bulk seed a performance test relies on: a group with 5,000 versions, quickly, and
// filtered listings over it that stay cheap.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DescribeModelPackageCommand, ListModelPackagesCommand } from '@aws-sdk/client-sagemaker'
import { harness, type Harness, IMAGE } from './helpers.ts'

let h: Harness
beforeAll(async () => {
  h = await harness()
})
afterAll(async () => h.close())

const packages = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    ModelPackageGroupName: 'big',
    ModelApprovalStatus: i % 10 === 9 ? 'Approved' : 'PendingManualApproval',
    InferenceSpecification: {
      Containers: [{ Image: IMAGE, ModelDataUrl: `s3://models/big/${i + 1}.json` }]
    },
    CustomerMetadataProperties: { run: String(i + 1) },
    CreationTime: 1790000000 + i
  }))

describe('bulk seed', () => {
  it('creates 5,000 versions in-process well under a second and lists them efficiently', async () => {
    h.emu.reset()
    const start = performance.now()
    const result = h.emu.seed({ region: 'eu-west-1', modelPackages: packages(5000) })
    const seeded = performance.now() - start
    expect(seeded).toBeLessThan(1500)
    expect(result.modelPackages).toHaveLength(5000)
    expect(result.modelPackages[4999]).toBe(
      'arn:aws:sagemaker:eu-west-1:123456789012:model-package/big/5000'
    )
    expect(result.modelPackageGroups).toBe(1)

    const d = await h.sm.send(
      new DescribeModelPackageCommand({ ModelPackageName: result.modelPackages[41]! })
    )
    expect(d).toMatchObject({
      ModelPackageVersion: 42,
      ModelPackageStatus: 'Completed',
      CustomerMetadataProperties: { run: '42' }
    })
    expect(d.CreationTime?.getTime()).toBe((1790000000 + 41) * 1000)

    const listStart = performance.now()
    const approved: number[] = []
    let token: string | undefined
    do {
      const page = await h.sm.send(
        new ListModelPackagesCommand({
          ModelPackageGroupName: 'big',
          ModelApprovalStatus: 'Approved',
          SortOrder: 'Descending',
          MaxResults: 100,
          NextToken: token
        })
      )
      approved.push(...page.ModelPackageSummaryList!.map(p => p.ModelPackageVersion!))
      token = page.NextToken
    } while (token)
    expect(approved).toHaveLength(500)
    expect(approved.slice(0, 3)).toEqual([5000, 4990, 4980])
    const newest = await h.sm.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: 'big',
        SortOrder: 'Descending',
        MaxResults: 10
      })
    )
    expect(newest.ModelPackageSummaryList?.map(p => p.ModelPackageVersion)).toEqual([
      5000, 4999, 4998, 4997, 4996, 4995, 4994, 4993, 4992, 4991
    ])
    expect(performance.now() - listStart).toBeLessThan(1500)
  })

  it('seeds over HTTP too', async () => {
    h.emu.reset()
    const r = await fetch(`${h.emu.url}/_emulator/seed`, {
      method: 'POST',
      body: JSON.stringify({ modelPackages: packages(1000) })
    })
    expect(r.status).toBe(200)
    const body = (await r.json()) as { modelPackages: string[] }
    expect(body.modelPackages).toHaveLength(1000)
    const bad = await fetch(`${h.emu.url}/_emulator/seed`, {
      method: 'POST',
      body: JSON.stringify({
        modelPackages: [{ ModelPackageGroupName: 'big', CustomerMetadataProperties: { 'a?': 'b' } }]
      })
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(
      /^modelPackages: 1 validation error detected/
    )
  })
})
