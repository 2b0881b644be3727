// The command-line face of the same core: `sagemaker-model-gate <mode> --input value ...`.
// Flags are the action's input names; a repeated flag adds a line (for multi-line inputs).
import { appendFileSync } from 'node:fs'
import type { Reporter } from './context.js'
import { describeError } from './errors.js'
import { readSettings } from './inputs.js'
import { executeMode } from './runner.js'
import { MODES } from './settings.js'
import { VERSION } from './version.js'

export const USAGE = `Usage: sagemaker-model-gate <mode> [--input value ...]

Modes: ${MODES.join(', ')}
Flags are the action's input names, e.g.
  sagemaker-model-gate gate --model-package-group churn --thresholds "validation:auc >= 0.85"
A flag given twice adds a line to a multi-line input; a flag without a value means "true".
Outputs are printed as name=value lines (and appended to $GITHUB_OUTPUT when it is set).
Options: --help, --version, --verbose (debug output)`

export interface ParsedArgs {
  inputs: Map<string, string>
  help: boolean
  version: boolean
  verbose: boolean
}

export function parseArgs(argv: string[]): ParsedArgs {
  const inputs = new Map<string, string>()
  const parsed: ParsedArgs = { inputs, help: false, version: false, verbose: false }
  const add = (name: string, value: string) => {
    const previous = inputs.get(name)
    inputs.set(name, previous === undefined ? value : `${previous}\n${value}`)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') parsed.help = true
    else if (arg === '--version') parsed.version = true
    else if (arg === '--verbose') parsed.verbose = true
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      if (eq > 2) add(arg.slice(2, eq), arg.slice(eq + 1))
      else {
        const next = argv[i + 1]
        if (next === undefined || next.startsWith('--')) add(arg.slice(2), 'true')
        else {
          add(arg.slice(2), next)
          i++
        }
      }
    } else if (!inputs.has('mode')) inputs.set('mode', arg)
    else throw new Error(`Unexpected argument "${arg}". ${USAGE}`)
  }
  return parsed
}

function consoleReporter(verbose: boolean, outputs: Map<string, string>): Reporter {
  return {
    info: message => console.log(message),
    warning: message => console.error(`warning: ${message}`),
    debug: message => {
      if (verbose) console.error(`debug: ${message}`)
    },
    setOutput: (name, value) => outputs.set(name, String(value)),
    summary: async markdown => {
      console.log(markdown)
    },
    // Outside Actions there is no post step; modes clean up in their own `finally`.
    saveState: () => undefined
  }
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const outputs = new Map<string, string>()
  try {
    const args = parseArgs(argv)
    if (args.version) {
      console.log(VERSION)
      return 0
    }
    if (args.help || args.inputs.size === 0) {
      console.log(USAGE)
      return args.help ? 0 : 1
    }
    const settings = readSettings(name => args.inputs.get(name) ?? '', env)
    const outcome = await executeMode(settings, consoleReporter(args.verbose, outputs), env)
    if (outcome.failed) console.error(`error: ${outcome.failed}`)
    return outcome.failed ? 1 : 0
  } catch (error) {
    console.error(`error: ${describeError(error)}`)
    return 1
  } finally {
    for (const [name, value] of outputs) {
      console.log(`${name}=${value}`)
      if (env.GITHUB_OUTPUT && !value.includes('\n'))
        appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`)
    }
  }
}
