// What a deployment puts on the endpoint: for `deploy`, the version named (or each
// version of `traffic`, or the newest Approved one); for `rollback`, the version named, else
// the version this workflow run already rolled back to (an earlier attempt), else the
// previous package recorded on the endpoint, else the newest Approved version older than
// the live one; and, with `reject-current`, the rejection of the version replaced.
// Reads only; every version must be Approved.
import type { GitHubRun, RunContext } from '../context.js'
import { UserError } from '../errors.js'
import { asVersionUpdate, fitDescription, personDecision } from '../registry/decision.js'
import type { LiveEndpoint } from '../registry/served.js'
import { TAGS, tagValue } from '../registry/tags.js'
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
import { runLabel, type RejectRequest } from './plan.js'
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

/**
 * The package this workflow run's rollback replaced, when the endpoint still serves, alone,
 * what that rollback put there: an earlier attempt of the run (GitHub's "Re-run jobs")
 * made the rollback, and doing it again would go one version further back. A command run
 * outside GitHub Actions is no workflow run, and a deploy records no rollback.
 */
export function earlierRollback(
  live: LiveEndpoint,
  current: string | undefined,
  run: GitHubRun
): string | undefined {
  const from = live.tags[TAGS.rolledBackFrom]
  if (!run.runId || !from || !current || from === current || live.variants.length !== 1)
    return undefined
  const ours = live.tags[TAGS.run] === tagValue(runLabel(run))
  return ours && live.tags[TAGS.packageArn] === current ? from : undefined
}

export interface RollbackTarget {
  arn: string
  /** What chose the version, as the log says it. */
  source: string
  /** Set when this workflow run already rolled the endpoint back to `arn`: from what. */
  rolledBackFrom?: string
}

/** The version a rollback goes back to, and what chose it. */
export async function resolveRollbackTarget(
  ctx: RunContext,
  settings: SettingsOf<'rollback'>,
  live: LiveEndpoint,
  current: string | undefined
): Promise<RollbackTarget> {
  const { deploy, group } = settings
  const rolledBackFrom = earlierRollback(live, current, ctx.github)
  if (deploy.modelPackage) {
    const arn = await resolvePackageArn(ctx.aws.sagemaker, group, deploy.modelPackage)
    const source = 'input "model-package"'
    return arn === current && rolledBackFrom ? { arn, source, rolledBackFrom } : { arn, source }
  }
  if (current && rolledBackFrom)
    return { arn: current, source: 'this workflow run rolled back to it', rolledBackFrom }
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
