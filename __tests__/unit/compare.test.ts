import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackagesCommand,
  SageMakerClient,
  type DescribeModelPackageCommandOutput
} from '@aws-sdk/client-sagemaker'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  CHURN_GROUP_ARN,
  churnPackageArn,
  fakeContext,
  useWorkDir
} from '../../__fixtures__/context.js'
import { commonSettings } from '../../__fixtures__/register/settings.js'
import { runCompare } from '../../src/modes/compare.js'
import { mapBounded } from '../../src/registry/versions.js'
import { compareJson, renderCompare } from '../../src/report/compare.js'
import type { SettingsOf } from '../../src/settings.js'

const sm = mockClient(SageMakerClient)
const GROUP_ARN = CHURN_GROUP_ARN
const arn = churnPackageArn

const workDir = useWorkDir('compare')
beforeEach(() => {
  sm.reset()
})

// The common part of the settings, as src/inputs/ builds them; only `report` matters here.
function settings(versions: number[] = [], history = 3): SettingsOf<'compare'> {
  return { ...commonSettings({ history }), mode: 'compare', report: { versions } }
}

type Pkg = { status: string; metadata: Record<string, string>; description?: string }

function pkg(version: number, spec: Pkg): DescribeModelPackageCommandOutput {
  return {
    $metadata: {},
    ModelPackageName: 'churn',
    ModelPackageGroupName: 'churn',
    ModelPackageVersion: version,
    ModelPackageArn: arn(version),
    ModelApprovalStatus: spec.status as 'Approved',
    ModelPackageDescription: spec.description,
    CreationTime: new Date(Date.UTC(2026, 0, version)),
    ModelPackageStatus: 'Completed',
    ModelPackageStatusDetails: { ValidationStatuses: [] },
    CustomerMetadataProperties: spec.metadata
  }
}

const PACKAGES: Record<number, Pkg> = {
  3: {
    status: 'Approved',
    metadata: {
      'metric:validation:auc': '0.85',
      'metric:validation:logloss': '0.41',
      'gate:decision': 'pass'
    }
  },
  4: {
    status: 'Rejected',
    metadata: { 'metric:validation:auc': '0.82', 'gate:decision': 'fail', 'source:commit': 'abc' }
  },
  5: {
    status: 'PendingManualApproval',
    metadata: {
      'metric:validation:auc': '0.9',
      'metric:validation:logloss': '0.35',
      'metric:train:accuracy': '0.97'
    }
  }
}

/** The group's listing (newest first) and each version's description. */
function mockPackages(packages: Record<number, Pkg>): void {
  const versions = Object.keys(packages)
    .map(Number)
    .sort((a, b) => b - a)
  sm.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: versions.map(version => ({
      ModelPackageArn: arn(version),
      ModelPackageVersion: version,
      ModelPackageGroupName: 'churn',
      CreationTime: new Date(2026, 0, version),
      ModelPackageStatus: 'Completed',
      ModelApprovalStatus: 'PendingManualApproval'
    }))
  })
  for (const [version, spec] of Object.entries(packages)) {
    sm.on(DescribeModelPackageCommand, { ModelPackageName: arn(Number(version)) }).resolves(
      pkg(Number(version), spec)
    )
  }
}

const READ_ONLY = new Set([
  'ListModelPackagesCommand',
  'DescribeModelPackageCommand',
  'DescribeModelPackageGroupCommand',
  // The versions' audit trail, for the last decision of each.
  'ListAssociationsCommand',
  'DescribeActionCommand'
])

function commandNames(): string[] {
  return sm.calls().map(call => (call.args[0] as object).constructor.name)
}

describe('compare mode', () => {
  it('compares the last `history` versions: table, charts, JSON file and outputs, without a mutating call', async () => {
    sm.on(ListModelPackagesCommand).resolves({
      ModelPackageSummaryList: [5, 4, 3].map(version => ({
        ModelPackageArn: arn(version),
        ModelPackageVersion: version,
        ModelPackageGroupName: 'churn',
        ModelApprovalStatus: PACKAGES[version]!.status as 'Approved',
        CreationTime: new Date(Date.UTC(2026, 0, version)),
        ModelPackageStatus: 'Completed'
      }))
    })
    mockPackages(PACKAGES)
    const fake = fakeContext({ workDir: workDir() })

    expect(await runCompare(fake.ctx, settings())).toEqual({})

    expect(sm).toHaveReceivedCommandTimes(ListModelPackagesCommand, 1)
    expect(sm).toHaveReceivedCommandWith(ListModelPackagesCommand, {
      ModelPackageGroupName: 'churn',
      ModelPackageType: 'Versioned',
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 3
    })
    expect(sm).toHaveReceivedCommandTimes(DescribeModelPackageCommand, 3)
    expect(commandNames().every(name => READ_ONLY.has(name))).toBe(true)

    const [summary] = fake.summaries
    expect(fake.summaries).toHaveLength(1)
    expect(summary).toContain('## Model versions compared: churn (v3 to v5)')
    // The union of metric names, sorted, with their better direction (and places to wrap),
    // then the gate column.
    expect(summary).toContain(
      '| version | status | created | train:<wbr>accuracy ↑ | validation:<wbr>auc ↑ | validation:<wbr>logloss ↓ | gate |'
    )
    const home = 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1'
    // Linked versions, statuses in words, short dates, one number of decimals per metric.
    expect(summary).toContain(
      `| [v3](${home}#/model-registry/churn/versions/3) | approved | Jan\u00a03 | — | 0.85 | 0.41 | pass |`
    )
    expect(summary).toContain(
      `| [v4](${home}#/model-registry/churn/versions/4) | rejected | Jan\u00a04 | — | 0.82 | — | fail |`
    )
    expect(summary).toContain(
      `| [v5](${home}#/model-registry/churn/versions/5) | pending approval | Jan\u00a05 | 0.97 | 0.90 | 0.35 | — |`
    )
    expect(summary).not.toContain('arn:aws:sagemaker')
    // Rows run oldest to newest, as the charts do.
    expect(summary!.indexOf('versions/3)')).toBeLessThan(summary!.indexOf('versions/5)'))
    // auc has 3 points and logloss 2; accuracy has one point, which is no trend.
    expect(summary!.match(/```mermaid/g)).toHaveLength(2)
    expect(summary).toContain('line [0.85, 0.82, 0.9]')
    expect(summary).toContain('x-axis ["v3 baseline", "v5 candidate"]')

    const path = fake.outputs.get('report-path') as string
    expect(path).toBe(join(workDir(), 'sagemaker-model-gate-churn-compare.json'))
    const json = JSON.parse(await readFile(path, 'utf8'))
    expect(json.schema).toBe('sagemaker-model-gate/compare-report@1')
    expect(json.metrics).toEqual(['train:accuracy', 'validation:auc', 'validation:logloss'])
    expect(json.versions.map((v: { version: number }) => v.version)).toEqual([3, 4, 5])
    expect(json.versions[1]).toMatchObject({
      arn: arn(4),
      status: 'Rejected',
      gateDecision: 'fail',
      metrics: { 'validation:auc': 0.82 }
    })
    expect(fake.outputs.get('model-package-arn')).toBe(arn(5))
    expect(fake.outputs.get('model-package-version')).toBe(5)
  })

  it('compares the versions named in `versions`, their ARNs from one listing of the group', async () => {
    mockPackages({ 3: PACKAGES[3]!, 5: PACKAGES[5]! })
    const fake = fakeContext({ workDir: workDir() })

    await runCompare(fake.ctx, settings([5, 3, 5]))

    expect(sm).toHaveReceivedCommandTimes(DescribeModelPackageGroupCommand, 0)
    expect(sm).toHaveReceivedCommandTimes(ListModelPackagesCommand, 1)
    expect(sm).toHaveReceivedCommandTimes(DescribeModelPackageCommand, 2)
    expect(sm).toHaveReceivedCommandWith(DescribeModelPackageCommand, { ModelPackageName: arn(3) })
    expect(sm).toHaveReceivedCommandWith(DescribeModelPackageCommand, { ModelPackageName: arn(5) })
    expect(fake.summaries[0]).toContain('(v3 to v5)')
    expect(fake.outputs.get('model-package-arn')).toBe(arn(5))
  })

  it('names the input when a requested version does not exist', async () => {
    sm.on(DescribeModelPackageGroupCommand).resolves({ ModelPackageGroupArn: GROUP_ARN })
    mockPackages({ 3: PACKAGES[3]! })
    sm.on(DescribeModelPackageCommand, { ModelPackageName: arn(9) }).rejects(
      Object.assign(new Error(`ModelPackage ${arn(9)} does not exist.`), {
        name: 'ValidationException'
      })
    )
    const fake = fakeContext({ workDir: workDir() })
    await expect(runCompare(fake.ctx, settings([3, 9]))).rejects.toThrow(
      /^Reading versions 3, 9 failed: Input "versions": v9 of group "churn" does not exist in us-east-1\..* Nothing was changed\.$/
    )
    expect(fake.summaries).toHaveLength(0)
    expect(fake.outputs.has('report-path')).toBe(false)
  })

  it('reports an empty group without failing', async () => {
    sm.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] })
    const fake = fakeContext({ workDir: workDir() })
    expect(await runCompare(fake.ctx, settings())).toEqual({})
    expect(fake.summaries[0]).toContain('The group has no versions to compare.')
    expect(fake.outputs.has('model-package-arn')).toBe(false)
    expect(fake.outputs.get('report-path')).toBe(
      join(workDir(), 'sagemaker-model-gate-churn-compare.json')
    )
  })
})

describe('compare report rendering', () => {
  const HOSTILE = 'auc|<img src=x onerror=alert(1)>`@octocat'
  const report = {
    group: 'churn',
    region: 'us-east-1',
    rows: [
      {
        version: 2,
        arn: arn(2),
        status: 'Approved',
        metrics: { [HOSTILE]: 0.5, auc: 0.8 },
        gateDecision: 'pass | <b>x</b>'
      },
      { version: 1, arn: arn(1), status: 'Approved', metrics: { [HOSTILE]: 0.4, auc: Number.NaN } }
    ]
  }

  it('escapes hostile metric names and decisions so that they cannot add columns, tags or mentions', () => {
    const markdown = renderCompare(report)
    expect(markdown).not.toContain('<img')
    expect(markdown).not.toContain('<b>')
    expect(markdown).not.toMatch(/@octocat/)
    const header = markdown.split('\n').find(line => line.startsWith('| version |'))!
    // An unescaped pipe is a column boundary: version, status, created, 2 metrics, gate.
    expect(header.split(/(?<!\\)\|/).length - 2).toBe(6)
    const row = markdown.split('\n').find(line => line.startsWith('| [v2]('))!
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(6)
    // Mermaid titles keep only safe characters.
    expect(markdown).toContain('title "auc img src=x onerror=alert(1) octocat ↑"')
  })

  it('writes non-finite values as null in the JSON and leaves text unescaped there', () => {
    const json = compareJson(report) as { versions: { metrics: Record<string, unknown> }[] }
    expect(json.versions[0]!.metrics).toEqual({ [HOSTILE]: 0.4, auc: null })
    expect(json.versions[1]!.metrics[HOSTILE]).toBe(0.5)
  })
})

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps the order of the input', async () => {
    let running = 0
    let peak = 0
    const results = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async n => {
      running++
      peak = Math.max(peak, running)
      await new Promise(resolve => setTimeout(resolve, n))
      running--
      return n * 10
    })
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60])
    expect(peak).toBe(3)
  })

  it('returns at once for no items', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([])
  })
})
