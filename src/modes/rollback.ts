// `rollback`: puts the previous version back on the endpoint through the same path as
// `deploy`. The target is `model-package`, else the previous package recorded on the
// endpoint, else the newest Approved version older than the live one. With
// `reject-current`, the version it replaced is marked Rejected, as the plan's last call,
// only once the rollback is verified.
import type { ModeRunner, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { approvedTarget, runDeployment, settledEndpoint } from '../deploy/execute.js'
import { runLabel, type RejectRequest } from '../deploy/plan.js'
import { currentPackageArn, type LiveEndpoint } from '../registry/served.js'
import { TAGS } from '../registry/tags.js'
import { UserError } from '../errors.js'
import { KEYS, METADATA_MAX_VALUE, sanitizeMetadataText } from '../registry/metadata.js'
import {
  APPROVAL_DESCRIPTION_MAX,
  forNamedVersion,
  listVersions,
  resolvePackageArn,
  singleLine,
  truncate,
  versionFromArn
} from '../registry/versions.js'
import type { SettingsOf } from '../settings.js'

function versionOf(arn: string): number | undefined {
  try {
    return versionFromArn(arn)
  } catch {
    return undefined
  }
}

export async function resolveRollbackTarget(
  ctx: RunContext,
  settings: SettingsOf<'rollback'>,
  live: LiveEndpoint,
  current: string | undefined
): Promise<{ arn: string; source: string }> {
  const deploy = settings.deploy
  if (deploy.modelPackage) {
    return {
      arn: await resolvePackageArn(ctx.aws.sagemaker, settings.group, deploy.modelPackage),
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
  const [older] = await listVersions(ctx.aws.sagemaker, settings.group, {
    status: 'Approved',
    limit: 1,
    olderThanVersion: currentVersion
  })
  if (!older) {
    throw new UserError(
      `Endpoint ${live.name} serves v${currentVersion} and group "${settings.group.name}" has no Approved version older than it: name the version to roll back to with "model-package".`
    )
  }
  return { arn: older.arn, source: `the newest Approved version older than v${currentVersion}` }
}

export const runRollback: ModeRunner<'rollback'> = async (ctx, settings) => {
  const deploy = settings.deploy
  if (deploy.traffic.length > 0) {
    throw new UserError(
      'Input "traffic" does not apply to mode "rollback": use mode "deploy" to change weights.'
    )
  }
  const live = await settledEndpoint(ctx, deploy, settings.dryRun)
  if (!live) {
    throw new UserError(
      `Endpoint ${deploy.endpointName} does not exist in ${settings.region}: there is nothing to roll back.`
    )
  }
  const current = currentPackageArn(live)
  const { arn, source } = await resolveRollbackTarget(ctx, settings, live, current)
  if (arn === current && live.variants.length === 1) {
    throw new UserError(
      `Endpoint ${live.name} already serves ${arn} (${source}): there is nothing to roll back.`
    )
  }
  ctx.out.info(
    `Rolling endpoint ${live.name} back from ${current ?? 'an unknown package'} to ${arn} (${source})`
  )
  // A version named in "model-package" that does not exist is the input's mistake, said so.
  const target = await (deploy.modelPackage
    ? forNamedVersion('model-package', arn, () => approvedTarget(ctx, arn, 1))
    : approvedTarget(ctx, arn, 1))
  const reject =
    deploy.rejectCurrent && current && current !== target.arn
      ? rejectRequest(ctx, current, deploy.endpointName, deploy.reason ?? '')
      : undefined
  const outcome = await runDeployment(ctx, settings, {
    kind: 'rollback',
    targets: [target],
    live,
    reject
  })
  return outcome.failed ? { failed: outcome.failed } : {}
}

/** The UpdateModelPackage that marks the replaced version Rejected, with who, where and why. */
function rejectRequest(
  ctx: RunContext,
  arn: string,
  endpointName: string,
  reason: string
): RejectRequest {
  const actor = ctx.github.actor || 'unknown actor'
  const run = runUrl(ctx.github)
  return {
    packageArn: arn,
    version: versionOf(arn) ?? 0,
    update: {
      status: 'Rejected',
      // As UpdateModelPackage will send it, so that the plan shows the exact text.
      approvalDescription: truncate(
        singleLine(
          `Rejected on rollback of endpoint ${endpointName} by ${actor}${run ? ` in ${run}` : ''}: ${reason}`
        ),
        APPROVAL_DESCRIPTION_MAX
      ),
      metadata: {
        [KEYS.decisionBy]: sanitizeMetadataText(actor, METADATA_MAX_VALUE),
        [KEYS.decisionRun]: sanitizeMetadataText(runLabel(ctx.github), METADATA_MAX_VALUE),
        [KEYS.decisionReason]: sanitizeMetadataText(reason, METADATA_MAX_VALUE)
      }
    }
  }
}
