// Mode name -> the runner that carries it out.
import type { ModeRunner } from '../context.js'
import type { Mode } from '../settings.js'
import { runCompare } from './compare.js'
import { runApprove, runReject } from './decide.js'
import { runDeploy } from './deploy.js'
import { runGate } from './gate.js'
import { runGroup } from './group.js'
import { runLineage } from './lineage.js'
import { runRegister } from './register.js'
import { runRollback } from './rollback.js'

export const RUNNERS: Record<Mode, ModeRunner> = {
  register: runRegister,
  gate: runGate,
  approve: runApprove,
  reject: runReject,
  deploy: runDeploy,
  rollback: runRollback,
  compare: runCompare,
  lineage: runLineage,
  group: runGroup
}
