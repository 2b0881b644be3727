// Mode name -> the runner that carries it out.
import type { ModeRunner } from '../context.js'
import type { Mode } from '../settings.js'
import { runRegister } from './register.js'

export const RUNNERS: Record<Mode, ModeRunner> = {
  register: runRegister
} as Record<Mode, ModeRunner>
