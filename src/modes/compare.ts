// `compare`: a read-only report across versions of the group (the ones named in
// `versions`, else the last `history`), with the metrics mirrored in their metadata.
import type { ModeRunner } from '../context.js'
import { runUrl } from '../context.js'
import { publish, reportFileName } from '../publish.js'
import {
  describeNamedVersions,
  describeVersions,
  listExistingVersions,
  type PackageDescription
} from '../registry/versions.js'
import { lastAuditActions } from '../registry/audit.js'
import { decisionLabel } from '../report/audit.js'
import { compareJson, oldestFirst, renderCompare, type CompareRow } from '../report/compare.js'
import { compareRow } from '../report/rows.js'
import { renderCompareText } from '../report/text-views.js'

export const runCompare: ModeRunner<'compare'> = async (ctx, settings) => {
  const { sagemaker } = ctx.aws
  const { group, history } = settings
  const requested = settings.report.versions
  // Resolve and read: the versions named, else the newest `history`.
  let packages: PackageDescription[]
  if (requested.length > 0) {
    packages = await ctx.steps.run(`reading versions ${requested.join(', ')}`, () =>
      describeNamedVersions(sagemaker, group, requested, 'versions')
    )
  } else {
    const found = await ctx.steps.run(`listing the newest ${history} versions`, () =>
      listExistingVersions(sagemaker, group, history)
    )
    packages = await ctx.steps.run(`reading ${found.length} versions`, () =>
      describeVersions(
        sagemaker,
        found.map(summary => summary.arn)
      )
    )
  }
  const arns = packages.map(pkg => pkg.ModelPackageArn ?? '')
  const decisions = await ctx.steps.run('reading the last recorded decisions', () =>
    lastAuditActions(sagemaker, arns, note => ctx.out.info(note))
  )
  // Decide what to show (pure).
  const rows = packages.map(pkg => {
    const last = decisions.get(pkg.ModelPackageArn ?? '')
    return { ...compareRow(pkg), lastDecision: last && decisionLabel(last) }
  })
  const newest = rows.reduce<CompareRow | undefined>(
    (best, row) => (best === undefined || row.version > best.version ? row : best),
    undefined
  )
  // Publish.
  const report = {
    group: group.nameOrArn,
    region: settings.region,
    rows,
    runUrl: runUrl(ctx.github) || undefined
  }
  if (newest) {
    ctx.out.setOutput('model-package-arn', newest.arn)
    ctx.out.setOutput('model-package-version', newest.version)
  }
  await ctx.steps.run('writing the report', () =>
    publish(ctx, {
      markdown: renderCompare(report),
      text: options => renderCompareText(report, options),
      log: [
        rows.length === 0
          ? `Group "${group.name}" has no versions to compare.`
          : `Compared ${rows.length} versions of "${group.name}": ${oldestFirst(rows)
              .map(row => `v${row.version}`)
              .join(', ')}`
      ],
      json: { fileName: reportFileName(group, 'compare'), data: compareJson(report) }
    })
  )
  return {}
}
