// What a deployment puts on the endpoint: for `deploy`, the version named (or each
// version of `traffic`, or the newest Approved one); for `rollback`, the version named, else
// the previous package recorded on the endpoint, else the newest Approved version older
// than the live one; and, with `reject-current`, the rejection of the version replaced.
// Reads only; every version must be Approved.
import type { RunContext } from '../context.js'
import { UserError } from '../errors.js'
import { asVersionUpdate, fitDescription, personDecision } from '../registry/decision.js'
import type { LiveEndpoint } from '../registry/served.js'
import { TAGS } from '../registry/tags.js'
import {
  forNamedVersion,
  latestVersion,
  listVersions,
  resolvePackageArn,
  singleLine,
  versionFromArn,
  type PackageDescription
} from '../registry/versions.js'
import type { SettingsOf } from '../settings.js'
import type { RejectRequest } from './plan.js'
import { approvedTarget, type ApprovedTarget } from './prepare.js'

function versionOf(arn: string): number | undefined {
  try {
    return versionFromArn(arn)
  } catch {
    return undefined
  }
}

export async function resolveDeployTargets(
  ctx: RunContext,
  settings: SettingsOf<'deploy'>
): Promise<ApprovedTarget[]> {
  const { deploy, group } = settings
  const sagemaker = ctx.aws.sagemaker
  if (deploy.traffic.length > 0) {
    const targets: ApprovedTarget[] = []
    for (const { version, weight } of deploy.traffic) {
      const arn = await resolvePackageArn(sagemaker, group, { kind: 'version', version })
      targets.push(await forNamedVersion('traffic', arn, () => approvedTarget(ctx, arn, weight)))
    }
    return targets
  }
  if (deploy.modelPackage) {
    const arn = await resolvePackageArn(sagemaker, group, deploy.modelPackage)
    return [await forNamedVersion('model-package', arn, () => approvedTarget(ctx, arn, 1))]
  }
  const newest = await latestVersion(sagemaker, group, 'Approved')
  if (!newest) {
    throw new UserError(
      `Model package group "${group.name}" has no Approved version to deploy: approve one (mode: approve, or gate with on-pass: Approved), or name one with "model-package".`
    )
  }
  ctx.out.info(`Deploying the newest Approved version: v${newest.version} (${newest.arn})`)
  return [await approvedTarget(ctx, newest.arn, 1)]
}

/** The version a rollback goes back to, and what chose it. */
export async function resolveRollbackTarget(
  ctx: RunContext,
  settings: SettingsOf<'rollback'>,
  live: LiveEndpoint,
  current: string | undefined
): Promise<{ arn: string; source: string }> {
  const { deploy, group } = settings
  if (deploy.modelPackage) {
    return {
      arn: await resolvePackageArn(ctx.aws.sagemaker, group, deploy.modelPackage),
      source: 'input "model-package"'
    }
  }
  const recorded = live.tags[TAGS.previousPackageArn]
  if (recorded && recorded !== current)
    return { arn: recorded, source: `the endpoint's ${TAGS.previousPackageArn} tag` }
  const currentVersion = current ? versionOf(current) : undefined
  if (currentVersion === undefined) {
    throw new UserError(
      `Endpoint ${live.name} records no previous version and its live model names no versioned package: name the version to roll back to with "model-package".`
    )
  }
  const [older] = await listVersions(ctx.aws.sagemaker, group, {
    status: 'Approved',
    limit: 1,
    olderThanVersion: currentVersion
  })
  if (!older) {
    throw new UserError(
      `Endpoint ${live.name} serves v${currentVersion} and group "${group.name}" has no Approved version older than it: name the version to roll back to with "model-package".`
    )
  }
  return { arn: older.arn, source: `the newest Approved version older than v${currentVersion}` }
}

/**
 * `reject-current`: the decision that marks the replaced version Rejected, written like any
 * person's decision (registry/decision.ts), with who, where and why.
 */
export function rejectRequest(
  ctx: Pick<RunContext, 'github'>,
  replaced: PackageDescription,
  arn: string,
  endpointName: string,
  reason: string
): RejectRequest {
  const { write } = personDecision(ctx.github, {
    status: 'Rejected',
    reason,
    describe: (actor, url) =>
      fitDescription(
        `Rejected on rollback of endpoint ${endpointName} by ${singleLine(actor)}${url ? ` in ${singleLine(url)}` : ''}: `,
        reason
      ),
    existing: replaced.CustomerMetadataProperties
  })
  return { packageArn: arn, version: versionOf(arn) ?? 0, update: asVersionUpdate(write) }
}
