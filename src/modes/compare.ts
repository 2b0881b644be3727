// `compare`: a read-only report across versions of the group (the ones named in
// `versions`, else the last `history`), with the metrics mirrored in their metadata.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isNotFound } from '../aws-errors.js'
import type { ModeRunner, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { DESCRIBE_CONCURRENCY, describeVersions, mapBounded } from '../registry/lineage.js'
import { KEYS, metricsFromMetadata } from '../registry/metadata.js'
import {
  describeGroup,
  describeVersion,
  listVersions,
  packageArnFromGroupArn,
  versionFromArn,
  versionsNotFound,
  type PackageDescription
} from '../registry/versions.js'
import { compareJson, oldestFirst, renderCompare, type CompareRow } from '../report/compare.js'
import type { GroupRef } from '../settings.js'

/** Writes the Markdown to the job summary and the data to a JSON file in the work folder. */
export async function publishReport(
  ctx: RunContext,
  fileName: string,
  markdown: string,
  data: unknown
): Promise<string> {
  await ctx.out.summary(markdown)
  const path = join(ctx.workDir, fileName)
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`)
  ctx.out.setOutput('report-path', path)
  return path
}

/** The file name of a report: the group name is already restricted to `[A-Za-z0-9-]`. */
export function reportFileName(group: GroupRef, kind: string): string {
  return `sagemaker-model-gate-${group.name.replace(/[^A-Za-z0-9-]/g, '_')}-${kind}.json`
}

/** The group's ARN, from the input when given as one, else from one DescribeModelPackageGroup. */
export async function groupArnOf(ctx: RunContext, group: GroupRef): Promise<string> {
  if (group.arn) return group.arn
  const described = await describeGroup(ctx.aws.sagemaker, group)
  if (!described.ModelPackageGroupArn) {
    throw new Error(`SageMaker returned no ARN for group "${group.name}"`)
  }
  return described.ModelPackageGroupArn
}

async function describeNamed(
  ctx: RunContext,
  group: GroupRef,
  versions: number[]
): Promise<PackageDescription[]> {
  const groupArn = await groupArnOf(ctx, group)
  const arns = [...new Set(versions)].map(version => packageArnFromGroupArn(groupArn, version))
  const missing = new Set<string>()
  const found = await mapBounded(arns, DESCRIBE_CONCURRENCY, arn =>
    describeVersion(ctx.aws.sagemaker, arn).catch((error: unknown) => {
      if (!isNotFound(error)) throw error
      missing.add(arn)
      return undefined
    })
  )
  if (missing.size > 0)
    throw versionsNotFound(
      'versions',
      arns.filter(arn => missing.has(arn))
    )
  return found as PackageDescription[]
}

/** The newest `limit` versions, described; a group that does not exist is an error, not an empty report. */
async function describeNewest(ctx: RunContext, group: GroupRef, limit: number) {
  const sagemaker = ctx.aws.sagemaker
  const found = await ctx.steps.run(`listing the newest ${limit} versions`, async () => {
    const summaries = await listVersions(sagemaker, group, { limit })
    // Listing a group that does not exist answers with no versions: tell the two apart.
    if (summaries.length === 0) await describeGroup(sagemaker, group)
    return summaries
  })
  return ctx.steps.run(`reading ${found.length} versions`, () =>
    describeVersions(
      sagemaker,
      found.map(summary => summary.arn)
    )
  )
}

export function compareRow(pkg: PackageDescription): CompareRow {
  const arn = pkg.ModelPackageArn ?? ''
  const metadata = pkg.CustomerMetadataProperties
  return {
    version: pkg.ModelPackageVersion ?? versionFromArn(arn),
    arn,
    status: pkg.ModelApprovalStatus,
    created: pkg.CreationTime instanceof Date ? pkg.CreationTime.toISOString() : undefined,
    description: pkg.ModelPackageDescription,
    metrics: metricsFromMetadata(metadata),
    gateDecision: metadata?.[KEYS.gateDecision]
  }
}

export const runCompare: ModeRunner<'compare'> = async (ctx, settings) => {
  const requested = settings.report.versions
  const packages =
    requested.length > 0
      ? await ctx.steps.run(`reading versions ${requested.join(', ')}`, () =>
          describeNamed(ctx, settings.group, requested)
        )
      : await describeNewest(ctx, settings.group, settings.history)
  const rows = packages.map(compareRow)
  const newest = rows.reduce<CompareRow | undefined>(
    (best, row) => (best === undefined || row.version > best.version ? row : best),
    undefined
  )
  ctx.out.info(
    rows.length === 0
      ? `Group "${settings.group.name}" has no versions to compare.`
      : `Compared ${rows.length} versions of "${settings.group.name}": ${oldestFirst(rows)
          .map(row => `v${row.version}`)
          .join(', ')}`
  )

  const report = {
    group: settings.group.nameOrArn,
    region: settings.region,
    rows,
    runUrl: runUrl(ctx.github) || undefined
  }
  if (newest) {
    ctx.out.setOutput('model-package-arn', newest.arn)
    ctx.out.setOutput('model-package-version', newest.version)
  }
  await ctx.steps.run('writing the report', () =>
    publishReport(
      ctx,
      reportFileName(settings.group, 'compare'),
      renderCompare(report),
      compareJson(report)
    )
  )
  return {}
}
