// A promotion run again in the same workflow run (GitHub's "Re-run jobs"): the endpoint then
// serves the winner alone, deployed by this run, and there are no two variants left to test.
// This run's audit action says what the first attempt promoted and over which version; the
// re-run changes nothing but the rejection that attempt did not reach, and records into the
// same action.
import type { RunContext } from '../context.js'
import { publish } from '../publish.js'
import { runLabel } from '../deploy/plan.js'
import { readAuditTrail, type AuditAction, type AuditEntry } from '../registry/audit.js'
import { recordDecision } from '../registry/decision.js'
import type { LiveEndpoint } from '../registry/served.js'
import { TAGS, tagValue } from '../registry/tags.js'
import { renderEarlierPromotion } from '../report/ab-test.js'
import type { SettingsOf } from '../settings.js'
import { describeVersion, versionFromArn } from '../registry/versions.js'
import { decisionOn, promotionAudit, type Sides } from './promote.js'

/** How many of the winner's newest audit actions are searched for this run's promotion. */
const SEARCHED = 10

/** This workflow run's promotion of the version the endpoint serves alone, if it made one. */
async function earlierAction(
  ctx: RunContext,
  live: LiveEndpoint
): Promise<AuditAction | undefined> {
  const run = ctx.github
  const [only] = live.variants
  const served = only?.packageArn
  if (!run.runId || live.variants.length !== 1 || !served) return undefined
  const deployedHere =
    live.tags[TAGS.run] === tagValue(runLabel(run)) && live.tags[TAGS.packageArn] === served
  if (!deployedHere) return undefined
  const trail = await readAuditTrail(ctx.aws.sagemaker, served, SEARCHED)
  return trail
    .reverse()
    .find(
      action =>
        action.type === 'ab-test' &&
        action.properties['run-id'] === run.runId &&
        action.properties.winner === served &&
        Boolean(action.properties.loser)
    )
}

/**
 * On a re-run whose promotion took effect: says so, makes the rejection the earlier attempt
 * did not reach, and returns the audit entry of the whole promotion. Undefined otherwise.
 */
export async function finishEarlierPromotion(
  ctx: RunContext,
  settings: SettingsOf<'ab-test'>,
  live: LiveEndpoint
): Promise<AuditEntry | undefined> {
  const action = await ctx.steps.run(`reading this workflow run's audit trail`, () =>
    earlierAction(ctx, live)
  )
  if (!action) return undefined
  const p = action.properties
  const winner = p.winner ?? ''
  const loser = p.loser ?? ''
  const sides: Sides = {
    winner: {
      variantName: live.variants[0]?.variantName ?? '',
      packageArn: winner,
      version: versionFromArn(winner)
    },
    loser: { variantName: '', packageArn: loser, version: versionFromArn(loser) }
  }
  const evidence = p.reason ?? ''
  const left = p.rejected
    ? 'Nothing to do.'
    : `What is left: marking v${sides.loser.version} Rejected.`
  const found = `Endpoint ${live.name} already serves v${sides.winner.version} alone: this workflow run (${runLabel(ctx.github)}) promoted it over v${sides.loser.version}. ${left}`
  const view = { winner: sides.winner.version, loser: sides.loser.version, found, evidence }
  const { region, group } = settings
  const where = { endpointName: live.name, region, group: group.nameOrArn }
  ctx.out.info(found)
  ctx.out.setOutput('verdict', p.verdict ?? 'winner')
  ctx.out.setOutput('winner-model-package-arn', winner)
  if (!p.rejected) {
    const pkg = await ctx.steps.run(`reading v${sides.loser.version}`, () =>
      describeVersion(ctx.aws.sagemaker, loser)
    )
    const reject = decisionOn(ctx, pkg, 'Rejected', evidence)
    const change = `set v${reject.version} from ${reject.from} to Rejected`
    if (settings.dryRun) ctx.out.info(`Dry run: would ${change}.`)
    else await recordDecision(ctx, pkg, reject.write, change)
  }
  await publish(ctx, { markdown: renderEarlierPromotion({ ...where, ...view }) })
  return promotionAudit(sides, evidence, live, {
    approved: Boolean(p.approved),
    rejected: true,
    configName: p['endpoint-config'] ?? live.configName
  })
}
