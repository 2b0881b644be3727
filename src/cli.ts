// The command-line face of the same core: `sagemaker-model-gate <mode> --input value ...`.
// Flags are the action's input names, parsed by Node's own `util.parseArgs` in strict mode:
// an unknown flag is an error (with the nearest known flag), and so is a flag the chosen
// mode does not read. A repeated flag adds a line (for multi-line inputs).
import { appendFileSync } from 'node:fs'
import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util'
import type { Presentation, Reporter } from './context.js'
import { describeError, errorMessage, UserError } from './errors.js'
import {
  checkInputNames,
  DEFAULTS,
  INPUT_NAMES,
  INPUT_TABLE,
  inputsOf,
  nearestName,
  readSettings
} from './inputs/index.js'
import { METRICS_SUMMARY, metricsCommand, metricsUsage } from './metrics-command.js'
import { markdownToText } from './report/markdown-text.js'
import { plain } from './report/text.js'
import { useColor } from './report/terminal.js'
import { executeMode } from './runner.js'
import { MODES, type Mode } from './settings.js'
import { VERSION } from './version.js'

const COMMAND = 'sagemaker-model-gate'

/** What each mode is for, in one line, for `--help`. */
export const MODE_SUMMARY: Readonly<Record<Mode, string>> = {
  register: 'Register a model version with its metrics and provenance (creates the group).',
  gate: 'Compare a candidate with thresholds and a baseline, record the decision, report it.',
  approve: 'Approve a version, recording the reason and who decided.',
  reject: 'Reject a version, recording the reason and who decided.',
  deploy: 'Put an Approved version on an endpoint and verify that it serves.',
  rollback: 'Put the previously deployed version back on the endpoint.',
  compare: 'Metrics table and trend chart across versions of the group.',
  lineage: "One version's story: training job, data, image, commit, decisions, deployments.",
  group: 'Describe, list, tag, share, unshare or delete the model package group.',
  'ab-test':
    'Decide an A/B test on an endpoint from captured traffic and ground truth; promote the winner.'
}

const OPTIONS_HELP = `Options: --help (with a mode: that mode's flags), --version, --verbose (debug output),
  --output text|markdown|json (default text: aligned plain text, coloured on a terminal
  unless NO_COLOR is set; markdown: the job summary's Markdown; json: one JSON object with
  the outputs and the report's data). With markdown and json, stdout holds only the report;
  messages go to stderr.`

export const USAGE = `Usage: ${COMMAND} <mode> [--flag value ...]

Modes:
${MODES.map(mode => `  ${mode.padEnd(9)} ${MODE_SUMMARY[mode]}`).join('\n')}
  ${'metrics'.padEnd(9)} ${METRICS_SUMMARY} (CLI only)

Flags are the action's input names, e.g.
  ${COMMAND} gate --model-package-group churn --thresholds "validation:auc >= 0.85"
A flag given twice adds a line to a multi-line input; a true/false flag given alone means "true".
Outputs are printed as name=value lines (and appended to $GITHUB_OUTPUT when it is set);
with --output json they are the object's "outputs". Exit code 0 on success, 1 on a failed
gate, deployment or any error.
${OPTIONS_HELP}
Run "${COMMAND} <mode> --help" for the flags a mode reads.`

/** `<mode> --help`: exactly the flags the mode reads, one line each. */
export function modeUsage(mode: Mode): string {
  const names = inputsOf(mode).filter(name => name !== 'mode')
  const width = Math.max(...names.map(name => name.length)) + 2
  const lines = names.map(name => {
    const fallback = DEFAULTS[name]
    return `  --${name.padEnd(width)}${INPUT_TABLE[name].help}${fallback ? ` [default: ${fallback}]` : ''}`
  })
  return [
    `Usage: ${COMMAND} ${mode} [--flag value ...]`,
    '',
    MODE_SUMMARY[mode],
    '',
    `Flags for ${mode}:`,
    ...lines,
    '',
    OPTIONS_HELP
  ].join('\n')
}

/** What the CLI prints a report as. */
export const OUTPUT_FORMS = ['text', 'markdown', 'json'] as const
export type OutputForm = (typeof OUTPUT_FORMS)[number]

export interface ParsedArgs {
  inputs: Map<string, string>
  output: OutputForm
  /** The mode named first (or with --mode), when it is one. */
  mode?: Mode
  help: boolean
  version: boolean
  verbose: boolean
}

/** Inputs that take true/false: a bare `--dry-run` means true. Derived from their defaults. */
const SWITCHES = new Set(
  Object.entries(DEFAULTS)
    .filter(([, value]) => value === 'true' || value === 'false')
    .map(([name]) => name)
)

/** `--dry-run` alone (or before another flag) becomes `--dry-run=true`, so every input is a string option. */
function withSwitchValues(argv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') {
      out.push(...argv.slice(i))
      break
    }
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined
    if (name !== undefined && SWITCHES.has(name)) {
      const next = argv[i + 1]
      if (next !== undefined && /^(true|false)$/i.test(next)) {
        out.push(`--${name}=${next}`)
        i++
      } else out.push(`--${name}=true`)
    } else out.push(arg)
  }
  return out
}

function modeNamed(argv: readonly string[]): Mode | undefined {
  const first = argv[0]
  const given =
    first !== undefined && !first.startsWith('-')
      ? first
      : (argv.find(arg => arg.startsWith('--mode='))?.slice('--mode='.length) ??
        argv[argv.indexOf('--mode') + 1])
  return MODES.find(mode => mode === given?.toLowerCase())
}

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  verbose: { type: 'boolean' },
  output: { type: 'string' }
} as const

function usageError(message: string): UserError {
  return new UserError(message)
}

function unknownMode(given: string): UserError {
  const near = nearestName(given, MODES)
  return usageError(
    `Unknown mode "${given}"${near ? `; did you mean "${near}"?` : '.'} Modes: ${MODES.join(', ')}.`
  )
}

/**
 * Parses the command line. Throws a UserError for an unknown flag (naming the nearest
 * flag of the mode), a flag without its value, a second positional argument, and a flag
 * the mode does not read.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const mode = modeNamed(argv)
  const named = argv[0]
  if (mode === undefined && named !== undefined && !named.startsWith('-')) throw unknownMode(named)
  const options: NonNullable<ParseArgsConfig['options']> = { ...GLOBAL_OPTIONS }
  for (const name of INPUT_NAMES) options[name] = { type: 'string', multiple: true }
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgv({
      args: withSwitchValues(argv),
      options,
      strict: true,
      allowPositionals: true
    })
  } catch (error) {
    const code = (error as { code?: string }).code
    const flag = /'(-{1,2}[^'\s=]+)/.exec(errorMessage(error))?.[1]
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
      const name = flag.replace(/^-+/, '')
      const candidates = mode ? inputsOf(mode) : INPUT_NAMES
      const near =
        nearestName(name, [...candidates, ...Object.keys(GLOBAL_OPTIONS)]) ??
        nearestName(name, INPUT_NAMES)
      throw usageError(
        `Unknown flag ${flag}${near ? `; did you mean --${near}?` : '.'} Run "${COMMAND} ${mode ?? ''}${mode ? ' ' : ''}--help" for the flags${mode ? ` mode "${mode}" reads` : ''}.`
      )
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
      throw usageError(
        `Flag ${flag} needs a value: ${flag} VALUE, or ${flag}=VALUE for a value that starts with "-".`
      )
    }
    throw usageError(`${errorMessage(error)} ${USAGE}`)
  }
  const inputs = new Map<string, string>()
  for (const [name, value] of Object.entries(parsed.values)) {
    if (name in GLOBAL_OPTIONS) continue
    inputs.set(name, (value as string[]).join('\n'))
  }
  const [first, ...extra] = parsed.positionals
  if (first !== undefined) {
    if (inputs.has('mode')) {
      throw usageError(`Give the mode once: "${first}" and --mode ${inputs.get('mode')}.`)
    }
    inputs.set('mode', first)
  }
  if (extra.length > 0) {
    throw usageError(
      `Unexpected argument "${extra[0]}": only the mode goes without a flag (values with spaces need quotes). Run "${COMMAND} --help".`
    )
  }
  const output = OUTPUT_FORMS.find(form => form === (parsed.values.output ?? 'text'))
  if (output === undefined) {
    const given = String(parsed.values.output)
    const near = nearestName(given, OUTPUT_FORMS)
    throw usageError(
      `Flag --output must be one of ${OUTPUT_FORMS.join(', ')}; got "${given}"${near ? ` (did you mean "${near}"?)` : ''}.`
    )
  }
  const rawMode = inputs.get('mode')
  if (rawMode !== undefined && mode === undefined) throw unknownMode(rawMode)
  if (mode) checkInputNames(mode, [...inputs.keys()], true)
  return {
    inputs,
    output,
    mode,
    help: parsed.values.help === true,
    version: parsed.values.version === true,
    verbose: parsed.values.verbose === true
  }
}

/** Where the CLI writes: the report to stdout in the form asked; messages beside it. */
interface Console {
  form: OutputForm
  color: boolean
  verbose: boolean
  /** The last report's data, for `--output json`. */
  data?: unknown
}

function consoleReporter(view: Console, outputs: Map<string, string>): Reporter {
  // A person reads text in one stream; a machine reading markdown or json gets stdout clean.
  const message = view.form === 'text' ? console.log : console.error
  return {
    info: text => message(text),
    warning: text => console.error(`warning: ${text}`),
    error: text => console.error(`error: ${text}`),
    debug: text => {
      if (view.verbose) console.error(`debug: ${text}`)
    },
    setOutput: (name, value) => outputs.set(name, String(value)),
    summary: async markdown => {
      await present({ markdown, log: [] })
    },
    present,
    // Outside Actions there is no post step; modes clean up in their own `finally`.
    saveState: () => undefined
  }
  async function present(report: Presentation): Promise<void> {
    if (view.form === 'json') {
      view.data = report.data ?? null
      return
    }
    if (view.form === 'markdown') {
      for (const line of report.log) console.error(line)
      console.log(report.markdown)
      return
    }
    const options = { color: view.color }
    process.stdout.write(
      report.text ? report.text(options) : markdownToText(report.markdown, options)
    )
  }
}

function printOutputs(view: Console, outputs: Map<string, string>, failure?: string): void {
  if (view.form === 'json') {
    const result = {
      outputs: Object.fromEntries(outputs),
      report: view.data ?? null,
      ...(failure ? { error: failure } : {})
    }
    console.log(JSON.stringify(result, null, 2))
    return
  }
  const print = view.form === 'text' ? console.log : console.error
  for (const [name, value] of outputs) print(`${name}=${value}`)
}

/** `metrics`: no registry, no outputs; the statistics JSON on stdout. */
async function runMetrics(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(metricsUsage(COMMAND))
    return 0
  }
  try {
    const document = await metricsCommand(argv, env, message =>
      console.error(`warning: ${message}`)
    )
    console.log(JSON.stringify(document, null, 2))
    return 0
  } catch (error) {
    console.error(`error: ${describeError(error)}`)
    return 1
  }
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv[0]?.toLowerCase() === 'metrics') return runMetrics(argv.slice(1), env)
  const outputs = new Map<string, string>()
  const view: Console = { form: 'text', color: false, verbose: false }
  let failure: string | undefined
  try {
    // --help and --version answer even when the rest of the line is wrong.
    if (argv.includes('--version') && !argv.some(arg => arg === '--help' || arg === '-h')) {
      console.log(VERSION)
      return 0
    }
    if (argv.includes('--help') || argv.includes('-h')) {
      const mode = modeNamed(argv)
      console.log(mode ? modeUsage(mode) : USAGE)
      return 0
    }
    const args = parseArgs(argv)
    Object.assign(view, {
      form: args.output,
      color: useColor(process.stdout, env),
      verbose: args.verbose
    })
    if (args.inputs.size === 0) {
      console.log(USAGE)
      return 1
    }
    const settings = readSettings(name => args.inputs.get(name) ?? '', env)
    const outcome = await executeMode(settings, consoleReporter(view, outputs), env)
    failure = outcome.failed
    // On a terminal the failure reads in the report's words (≤, →), not the policy's syntax.
    if (outcome.failed)
      console.error(
        `error: ${view.form === 'text' ? plain(outcome.failed, 10_000) : outcome.failed}`
      )
    return outcome.failed ? 1 : 0
  } catch (error) {
    failure = describeError(error)
    console.error(`error: ${failure}`)
    return 1
  } finally {
    if (outputs.size > 0 || view.form === 'json') printOutputs(view, outputs, failure)
    for (const [name, value] of outputs) {
      if (env.GITHUB_OUTPUT && !value.includes('\n'))
        appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`)
    }
  }
}
