// Mode name -> the runner that carries it out, each typed with its own mode's settings.
import type { ModeOutcome, RunContext } from '../context.js'
import { recordAudit } from '../registry/audit.js'
import type { Mode, Settings } from '../settings.js'
import { runAbTest } from './ab-test.js'
import { runCompare } from './compare.js'
import { runApprove, runReject } from './decide.js'
import { runDeploy } from './deploy.js'
import { runGate } from './gate.js'
import { runGroup } from './group.js'
import { runLineage } from './lineage.js'
import { runRegister } from './register.js'
import { runRollback } from './rollback.js'

export const RUNNERS: {
  [M in Mode]: (ctx: RunContext, settings: Extract<Settings, { mode: M }>) => Promise<ModeOutcome>
} = {
  register: runRegister,
  gate: runGate,
  approve: runApprove,
  reject: runReject,
  deploy: runDeploy,
  rollback: runRollback,
  compare: runCompare,
  lineage: runLineage,
  group: runGroup,
  'ab-test': runAbTest
}

/**
 * Runs the runner of the settings' own mode, then records what it declared in the audit
 * trail: after its decision is written, so a trail that cannot be written only warns.
 */
export async function runMode<M extends Mode>(
  ctx: RunContext,
  settings: Extract<Settings, { mode: M }>
): Promise<ModeOutcome> {
  const runner: (typeof RUNNERS)[M] = RUNNERS[settings.mode]
  const outcome = await runner(ctx, settings)
  if (outcome.audit) {
    const scope = { mode: settings.mode, dryRun: settings.dryRun, group: settings.group.name }
    await recordAudit(ctx, scope, outcome.audit)
  }
  return outcome
}
