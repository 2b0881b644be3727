// Builds a mode's context from settings and runs it; shared by the action and the CLI.
import { getOctokit } from '@actions/github'
import { countCalls, createClients, retrySummary, tallyRetries } from './aws.js'
import type { ModeOutcome, Reporter, RunContext } from './context.js'
import { Steps } from './errors.js'
import { readGitHubRun } from './github/run.js'
import { processInterrupts } from './interrupts.js'
import { runMode } from './modes/index.js'
import type { Settings } from './settings.js'
import { VERSION } from './version.js'

export async function executeMode(
  settings: Settings,
  out: Reporter,
  env: NodeJS.ProcessEnv = process.env
): Promise<ModeOutcome> {
  const github = readGitHubRun(env)
  const aws = createClients(settings.region, VERSION)
  const calls = countCalls(aws.sagemaker)
  const retries = tallyRetries(aws)
  const ctx: RunContext = {
    aws,
    github,
    octokit: settings.githubToken
      ? getOctokit(settings.githubToken, { baseUrl: github.apiUrl })
      : undefined,
    out,
    now: () => new Date(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    workDir: env.RUNNER_TEMP || process.cwd(),
    interrupts: processInterrupts(message =>
      out.error ? out.error(message) : out.warning(message)
    ),
    steps: new Steps()
  }
  try {
    return await runMode(ctx, settings)
  } catch (error) {
    // An error outside every step still says what the run had already changed.
    throw ctx.steps.changedSoFar.length > 0 ? ctx.steps.failure(undefined, error) : error
  } finally {
    const total = [...calls.values()].reduce((sum, n) => sum + n, 0)
    const byOperation = [...calls.entries()].map(([name, n]) => `${name}=${n}`).join(', ')
    out.debug(`SageMaker calls: ${total}${byOperation ? ` (${byOperation})` : ''}`)
    const waited = retrySummary(retries)
    if (waited) out.info(waited)
  }
}
