// The action's one error boundary: read every input once, run the mode, and turn any
// failure into a message a person can act on.
import * as core from '@actions/core'
import type { Reporter } from './context.js'
import { describeError } from './errors.js'
import { checkInputNames, inputNamesFromEnv, readSettings } from './inputs/index.js'
import { MODES } from './settings.js'
import { executeMode } from './runner.js'

export function actionsReporter(): Reporter {
  return {
    info: message => core.info(message),
    warning: message => core.warning(message),
    error: message => core.error(message),
    debug: message => core.debug(message),
    setOutput: (name, value) => core.setOutput(name, String(value)),
    summary: async markdown => {
      // Outside a runner there is no summary file; the log still gets the report.
      if (!process.env.GITHUB_STEP_SUMMARY) return core.info(markdown)
      await core.summary.addRaw(markdown, true).write()
    },
    saveState: (name, value) => core.saveState(name, value),
    postStep: true
  }
}

export async function run(): Promise<void> {
  try {
    // Names first: a misspelt input would otherwise be dropped silently by the runner, which
    // only warns about inputs action.yml does not declare.
    const mode = MODES.find(m => m === core.getInput('mode').trim().toLowerCase())
    if (mode) checkInputNames(mode, inputNamesFromEnv(process.env), false)
    const settings = readSettings(name => core.getInput(name))
    if (settings.githubToken) core.setSecret(settings.githubToken)
    const outcome = await executeMode(settings, actionsReporter())
    if (outcome.failed) core.setFailed(outcome.failed)
  } catch (error) {
    core.setFailed(describeError(error))
    if (error instanceof Error && error.stack) core.debug(error.stack)
  }
}
