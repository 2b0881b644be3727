// `lineage`: one version's full story (package, training and tuning job, provenance,
// gate and approval records, deployments, lineage associations) as a report. Read-only.
import type { ModeRunner } from '../context.js'
import { runUrl } from '../context.js'
import { namedErrorMessage, UserError } from '../errors.js'
import { publish, reportFileName } from '../publish.js'
import { readAuditTrail } from '../registry/audit.js'
import { readLineage } from '../registry/lineage.js'
import {
  describeGroup,
  describeNamedVersion,
  describeVersion,
  latestVersion,
  resolvePackageArn
} from '../registry/versions.js'
import { lineageJson, renderLineage, type LineageReport } from '../report/lineage.js'
import { renderLineageText } from '../report/text-views.js'

export const runLineage: ModeRunner<'lineage'> = async (ctx, settings) => {
  const sagemaker = ctx.aws.sagemaker
  const ref = settings.report.modelPackage
  const arn = await ctx.steps.run('finding the version', async () => {
    if (ref) return resolvePackageArn(sagemaker, settings.group, ref)
    const newest = await latestVersion(sagemaker, settings.group)
    if (newest) return newest.arn
    // Listing a group that does not exist answers with no versions: tell the two apart.
    await describeGroup(sagemaker, settings.group)
    throw new UserError(
      `Group "${settings.group.name}" has no versions; register one first, or name another group.`
    )
  })
  const pkg = await ctx.steps.run(`reading v${arn.split('/').pop()}`, () =>
    ref ? describeNamedVersion(sagemaker, arn, 'model-package') : describeVersion(sagemaker, arn)
  )
  const lineage = await ctx.steps.run('reading its training job and lineage', () =>
    readLineage(sagemaker, pkg)
  )
  const audit = await ctx.steps.run('reading its audit trail', () =>
    readAuditTrail(sagemaker, arn).catch((error: unknown) => {
      lineage.notes.push(`The audit trail could not be read (${namedErrorMessage(error)}).`)
      return []
    })
  )

  const report: LineageReport = {
    ...lineage,
    audit,
    group: settings.group.nameOrArn,
    region: settings.region,
    runUrl: runUrl(ctx.github) || undefined
  }
  const version = lineage.package.version
  ctx.out.setOutput('model-package-arn', arn)
  if (version !== undefined) ctx.out.setOutput('model-package-version', version)
  if (lineage.package.approvalStatus)
    ctx.out.setOutput('approval-status', lineage.package.approvalStatus)
  await ctx.steps.run('writing the report', () =>
    publish(ctx, {
      markdown: renderLineage(report),
      text: options => renderLineageText(report, options),
      log: [
        ...lineage.notes,
        `Lineage of ${settings.group.name} ${version !== undefined ? `v${version}` : arn}: ${lineage.trainingJob ? `training job ${lineage.trainingJob.name}` : 'no training job'}, ${lineage.associations.length} lineage associations, ${Object.keys(lineage.story.deployments).length} recorded deployments, ${audit.length} audited runs`
      ],
      json: {
        fileName: reportFileName(settings.group, `v${version ?? 'unknown'}-lineage`),
        data: lineageJson(report)
      }
    })
  )
  return {}
}
