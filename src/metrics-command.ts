// `sagemaker-model-gate metrics`: the metrics of a predictions CSV (a local file or an S3
// object, read as a stream, never whole) as Model Monitor model-quality statistics JSON,
// and with a baseline column the paired comparison of the two models on the same rows.
// A command of the CLI only: it reads no registry and changes nothing, so the action has
// no use for it (the gate's live evaluation runs the same engine).
import { parseArgs as parseArgv } from 'node:util'
import { createClients } from './aws.js'
import { UserError, errorMessage } from './errors.js'
import type { ColumnRef } from './evaluation/csv.js'
import { TASKS, type Task } from './evaluation/dataset.js'
import { evaluate } from './evaluation/evaluate.js'
import { openData } from './evaluation/live/sources.js'
import { statisticsDocument } from './evaluation/statistics-json.js'
import { nearestName } from './inputs/nearest.js'
import { VERSION } from './version.js'

/** The command's flags: help line and default, as `--help` prints them. */
export const METRICS_FLAGS = {
  data: { help: 'Predictions CSV: a local path or an s3:// URI (required).' },
  task: { help: 'binary, multiclass or regression (required).' },
  'label-column': {
    help: 'Label column: a zero-based index or a header name.',
    default: '0'
  },
  'prediction-column': {
    help: 'Prediction column (index or name); by default the first column that is neither the label nor the baseline.'
  },
  'baseline-column': {
    help: "A baseline model's predictions on the same rows (index or name): adds the paired comparison."
  },
  'decision-threshold': {
    help: 'Binary: scores at or above it count as positive (0 to 1).',
    default: '0.5'
  },
  alpha: {
    help: 'Level of the paired tests, between 0 and 0.5 (exclusive).',
    default: '0.05'
  },
  region: { help: 'AWS region of the S3 bucket; AWS_REGION by default.' }
} as const satisfies Record<string, { help: string; default?: string }>
type Flag = keyof typeof METRICS_FLAGS

export const METRICS_SUMMARY =
  'Metrics of a predictions CSV as model-quality statistics JSON; with --baseline-column, the paired comparison.'

export function metricsUsage(command: string): string {
  const names = Object.keys(METRICS_FLAGS) as Flag[]
  const width = Math.max(...names.map(name => name.length)) + 2
  return [
    `Usage: ${command} metrics --data FILE|s3://... --task binary|multiclass|regression [--flag value ...]`,
    '',
    METRICS_SUMMARY,
    '',
    'Flags for metrics:',
    ...names.map(name => {
      const flag: { help: string; default?: string } = METRICS_FLAGS[name]
      return `  --${name.padEnd(width)}${flag.help}${flag.default ? ` [default: ${flag.default}]` : ''}`
    }),
    '',
    'Prints the statistics JSON on stdout; notes on ill-defined metrics go to stderr.'
  ].join('\n')
}

function column(value: string | undefined): ColumnRef | undefined {
  if (value === undefined) return undefined
  return /^\s*\d+\s*$/.test(value) ? Number(value) : value
}

function flagNumber(name: Flag, value: string, accepted: string, ok: (n: number) => boolean) {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || !ok(n))
    throw new UserError(`Flag --${name} must be ${accepted}; got "${value}".`)
  return n
}

function readFlags(argv: readonly string[]): Partial<Record<Flag, string>> {
  try {
    const options = Object.fromEntries(
      Object.keys(METRICS_FLAGS).map(name => [name, { type: 'string' as const }])
    )
    return parseArgv({ args: [...argv], options, strict: true, allowPositionals: false })
      .values as Partial<Record<Flag, string>>
  } catch (error) {
    const flag = /'(-{1,2}[^'\s=]+)/.exec(errorMessage(error))?.[1]
    const near = flag && nearestName(flag.replace(/^-+/, ''), Object.keys(METRICS_FLAGS))
    throw new UserError(
      `${errorMessage(error).replace(/\.?$/, '.')}${near ? ` Did you mean --${near}?` : ''} Run "sagemaker-model-gate metrics --help" for the flags.`
    )
  }
}

/** Runs the command; returns the document to print. Throws a UserError naming the flag. */
export async function metricsCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void
): Promise<Record<string, unknown>> {
  const flags = readFlags(argv)
  if (!flags.data) throw new UserError('Flag --data is required: a predictions CSV or s3:// URI.')
  const task = TASKS.find(t => t === flags.task?.toLowerCase()) as Task | undefined
  if (!task)
    throw new UserError(
      `Flag --task must be one of ${TASKS.join(', ')}; got ${flags.task === undefined ? 'nothing' : `"${flags.task}"`}.`
    )
  const threshold = flagNumber(
    'decision-threshold',
    flags['decision-threshold'] ?? '0.5',
    'a number from 0 to 1',
    n => n >= 0 && n <= 1
  )
  const alpha = flagNumber(
    'alpha',
    flags.alpha ?? '0.05',
    'a number between 0 and 0.5 (exclusive)',
    n => n > 0 && n < 0.5
  )
  const region = flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'
  const source = `--data ${flags.data}`
  const { s3 } = createClients(region, VERSION)
  const opened = await openData(s3, flags.data, source)
  const evaluation = await evaluate(opened.chunks, {
    task,
    source,
    label: column(flags['label-column'] ?? '0'),
    prediction: column(flags['prediction-column']),
    baseline: column(flags['baseline-column']),
    threshold,
    alpha
  })
  for (const warning of evaluation.warnings) warn(warning)
  return {
    ...statisticsDocument(evaluation.candidate),
    ...(evaluation.comparison ? { comparison: evaluation.comparison } : {})
  }
}
