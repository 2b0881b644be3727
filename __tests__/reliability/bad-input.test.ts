// Bad input, property-based: for every input of every mode, values fast-check draws from
// what that input refuses, one bad input at a time on top of a valid set. Each run must
// exit 1 with a message that names the input, print no stack trace at default verbosity,
// and make no mutating call (the emulator's counts). Most runs go through run() in this
// process, which is what dist/index.js bundles; a sample goes through dist/index.js itself.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Emulator } from '../../emulator/server.ts'
import { INPUT_TABLE, type InputName } from '../../src/inputs/table.js'
import { run } from '../../src/main.js'
import { MODES, type Mode } from '../../src/settings.js'
import {
  IMAGE,
  ROLE,
  logisticModel,
  mutatingCalls,
  runOn,
  seedModel,
  useEmulator,
  writeJson
} from '../e2e/support.js'
import { scratchDir } from '../../__fixtures__/context.js'
import { useFigures } from './figures.js'

let emulator: Emulator
useEmulator(e => (emulator = e), { port: 0 }, false)
const figures = useFigures('bad-input', 'Bad input (every input of every mode, metrics files)')

const GROUP = 'churn-model'
/** Draws per input and mode in this process; dist/index.js runs a few per mode. */
const DRAWS = 6
const DIST_PER_MODE = 2
const SEED = 20261201

beforeAll(() => {
  const url = seedModel(emulator, 'churn/model.json', logisticModel([0.5]))
  emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: GROUP,
        ModelApprovalStatus: 'Approved',
        InferenceSpecification: {
          Containers: [{ Image: IMAGE, ModelDataUrl: url }],
          SupportedContentTypes: ['text/csv'],
          SupportedResponseMIMETypes: ['text/csv']
        },
        CustomerMetadataProperties: { 'metric:validation:auc': '0.9' }
      }
    ]
  })
})

/** A valid set of inputs for each mode: on its own, each would go on to change something. */
function valid(mode: Mode): Record<string, string> {
  const common = { mode, 'model-package-group': GROUP }
  const hosting = {
    'endpoint-name': 'churn-prod',
    'execution-role-arn': ROLE,
    'instance-type': 'ml.m5.large'
  }
  switch (mode) {
    case 'register':
      return {
        ...common,
        'model-data-url': 's3://models/churn/model.json',
        'image-uri': IMAGE,
        'metrics-file': writeJson({ 'validation:auc': 0.9 })
      }
    case 'gate':
      return { ...common, thresholds: 'validation:auc >= 0.5', baseline: 'none' }
    case 'approve':
    case 'reject':
      return { ...common, 'model-package': '1', reason: 'checked by hand' }
    case 'deploy':
      return { ...common, ...hosting, 'model-package': '1' }
    case 'rollback':
      return { ...common, ...hosting, 'model-package': '1' }
    case 'lineage':
      return { ...common, 'model-package': '1' }
    case 'group':
      return { ...common, 'group-operation': 'describe' }
    case 'ab-test':
      return {
        ...common,
        'endpoint-name': 'churn-prod',
        'ground-truth-s3-uri': 's3://ml-ground-truth/churn/',
        thresholds: 'live:auc >= 0.5'
      }
    default:
      return common
  }
}

const nonEmpty = (arb: fc.Arbitrary<string>) => arb.filter(v => v.trim() !== '')
const text = (min = 1) => fc.string({ minLength: min, maxLength: 12 })
const notIn = (accepted: string[]) =>
  nonEmpty(text()).filter(v => !accepted.includes(v.trim().toLowerCase()))
const notBool = notIn(['true', 'false'])
/** A whole number outside [min, max], or something that is not a whole number. */
const badInt = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  fc.oneof(
    fc.integer({ min: -1000, max: min - 1 }).map(String),
    ...(max < 1e6 ? [fc.integer({ min: max + 1, max: max + 10000 }).map(String)] : []),
    fc.double({ min: 0.01, max: 100, noNaN: true }).map(n => `${n.toFixed(2)}5`),
    nonEmpty(text()).filter(v => !/^\s*\d+\s*$/.test(v))
  )
/** A decimal outside the open interval (0, 1), or not a decimal at all. */
const badUnit = fc.oneof(
  fc.double({ min: 1.0001, max: 1e6, noNaN: true }).map(String),
  fc.constantFrom('0', '-0.5', '1e-3', 'NaN', '1/2', '.'),
  nonEmpty(text()).filter(v => !/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(v))
)
/** Letters and digits, then a character no AWS resource name allows. */
const badName = fc.oneof(
  fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
      fc.constantFrom('_', ' x', '/', '.', '@', '!', '#')
    )
    .map(([a, b]) => `${a}${b}`),
  fc.constant(`a${'b'.repeat(63)}`),
  fc.constantFrom('-leading-hyphen', 'trailing-hyphen-')
)
const badS3 = fc.oneof(
  fc.constantFrom('s3://', 's3://m/x', 'https://bucket/key', 'bucket/key', 's3:/bucket/key'),
  fc.stringMatching(/^[a-z]{3,10}$/).map(b => `s3://${b.toUpperCase()}_X/key`)
)
const longText = (max: number) =>
  fc.integer({ min: max + 1, max: max + 50 }).map(n => 'x'.repeat(n))
const badRule = fc.oneof(
  fc.constantFrom('validation:auc', 'validation:auc >>= 0.5', 'validation:auc >= abc', '>= 0.5'),
  fc.stringMatching(/^[a-z]{1,6}$/).map(m => `${m} =< 1`)
)
const badKeyValues = fc.oneof(
  fc.constantFrom('novalue', '=value', 'key=a?b', 'key=a&b', 'aws:reserved=1', 'k=#'),
  fc.stringMatching(/^[a-z]{1,6}$/).map(k => `${k}=${'v'.repeat(300)}`)
)

/** A value no metric may have: text, a boolean, null, a list, an object without a value. */
const badMetric = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.double(), { maxLength: 2 }),
  fc.constant({ standard_deviation: 0.1 })
)
/** A metrics file that is missing, not JSON, or holds a metric that is not a finite number. */
const badMetricsFile = fc
  .oneof(
    fc.constant(undefined),
    fc.constantFrom('', '{', '[]', '"x"', 'null', '{}', '{"validation:auc": NaN}', '{"a": 1e999}'),
    fc
      .dictionary(fc.stringMatching(/^[a-z][a-z:_]{0,10}$/), badMetric, { minKeys: 1, maxKeys: 3 })
      .map(metrics => JSON.stringify({ 'validation:auc': 0.9, ...metrics }))
  )
  .map(body => {
    const path = join(scratchDir(), 'metrics.json')
    if (body !== undefined) writeFileSync(path, body)
    return path
  })

/** What each input refuses. Inputs missing here take any text; see FREE below. */
const BAD: Partial<Record<InputName, fc.Arbitrary<string>>> = {
  'model-package-group': badName,
  region: fc.constantFrom('us-east', 'US_EAST_1', 'mars-1', 'us-east-1x', 'eu west 1'),
  'dry-run': notBool,
  comment: notBool,
  history: badInt(1, 100),
  'group-description': longText(1024),
  'group-tags': badKeyValues,
  'model-data-url': fc.constantFrom(
    's3://',
    's3://m/x',
    'bucket/key',
    'ftp://bucket/key',
    'https://',
    'https://host name/key'
  ),
  'metrics-s3-uri': badS3,
  description: longText(1024),
  'approval-status': notIn(['approved', 'rejected', 'pendingmanualapproval']),
  'customer-metadata': badKeyValues,
  'content-types': fc.constantFrom('csv', 'text/', '/csv', 'text csv', 'text/csv;x'),
  'response-types': fc.constantFrom('csv', 'text/', '/csv', 'text csv'),
  'model-lifecycle-stage': fc.constantFrom('{', 'stage=', 'a'.repeat(300)),
  'project-id': fc.constantFrom('p-1\np-2', 'a\rb'),
  'metrics-file': badMetricsFile,
  'model-package': fc.oneof(
    fc.constantFrom('0', '-1', 'v0', '1.5', 'latest', 'arn:aws:iam::123456789012:role/x'),
    nonEmpty(text()).filter(v => !/^\s*v?\d+\s*$/i.test(v) && !v.includes('arn:'))
  ),
  thresholds: badRule,
  'max-regression': badRule,
  'metric-directions': fc.constantFrom('auc=up', 'auc', 'auc:sideways', '=higher'),
  baseline: fc.constantFrom('latest', 'version:0', 'version:x', 'endpoint:', 'endpoint:a b', 'v'),
  'on-pass': notIn(['approved', 'none']),
  'on-fail': notIn(['rejected', 'none']),
  'fail-on-reject': notBool,
  'validation-method': notIn(['endpoint', 'batch-transform']),
  task: notIn(['binary', 'multiclass', 'regression']),
  'decision-threshold': badUnit,
  alpha: badUnit,
  'execution-role-arn': fc.constantFrom(
    'sagemaker-role',
    'arn:aws:iam::123:role/x',
    'arn:aws:iam::123456789012:user/x',
    'arn:aws:s3:::bucket'
  ),
  'instance-type': fc.constantFrom('m5.large', 'ml.m5', 'ml', 'ML M5 LARGE', 'ml.m5.large.x'),
  'serverless-memory-mb': fc.constantFrom('1000', '0', '7000', 'lots', '1024.5'),
  'serverless-max-concurrency': badInt(1, 200),
  'max-concurrency': badInt(1, 64),
  reason: longText(1024),
  force: notBool,
  'endpoint-name': badName,
  'instance-count': badInt(1),
  'data-capture-s3-uri': badS3,
  'deployment-strategy': notIn(['all-at-once', 'canary', 'linear', 'blue-green']),
  'canary-size': badInt(1, 50),
  'linear-step-size': badInt(10, 50),
  'wait-interval': badInt(0, 3600),
  'termination-wait': badInt(0, 3600),
  'max-execution-timeout': badInt(600, 28800),
  'rollback-alarms': fc.integer({ min: 256, max: 400 }).map(n => 'x'.repeat(n)),
  'wait-timeout': badInt(1),
  traffic: fc.constantFrom('v1', 'v1=x', 'v1=50,v1=50', 'v1=0', 'v0=100', '1=-5'),
  'reject-current': notBool,
  versions: fc.constantFrom('x', '1,,y', 'v0', '-3', '1.5'),
  'group-operation': notIn(['describe', 'list', 'delete', 'tag', 'share', 'unshare']),
  'account-ids': fc.constantFrom('12345', 'abcdefghijkl', '1234567890123', '123-456-789-012'),
  'regression-test': notIn(['non-inferiority', 'significant-drop', 'point']),
  'work-s3-uri': badS3,
  'data-capture-sampling-percentage': badInt(1, 100),
  'ground-truth-s3-uri': badS3,
  'window-hours': badInt(1, 2160),
  'on-verdict': notIn(['promote', 'none'])
}

/** Inputs any text is good for, each with why. */
const FREE: Partial<Record<InputName, string>> = {
  mode: 'tested apart below: a bad mode has no mode to fall back on',
  'github-token': 'any token text is passed to GitHub as it is',
  'image-uri': 'any image URI is passed to SageMaker, which checks it',
  environment: 'any GitHub environment name',
  'label-column': 'a column name, checked against the validation data',
  'prediction-column': 'a column name, checked against the validation data',
  'training-job-name': 'looked up in SageMaker; a bad name is "not found"',
  'tuning-job-name': 'looked up in SageMaker; a bad name is "not found"',
  'validation-data': 'checked in the evaluation tests',
  'inference-instances': 'instance types are checked by SageMaker',
  'transform-instances': 'instance types are checked by SageMaker'
}

interface Outcome {
  exitCode: number
  stdout: string
}

const ENV_KEYS = new Set<string>()

/** run() as dist/index.js runs it, with the runner's environment and INPUT_* variables. */
async function runInProcess(inputs: Record<string, string>): Promise<Outcome> {
  const dir = scratchDir()
  for (const file of ['output', 'state', 'summary.md']) writeFileSync(join(dir, file), '')
  const env: Record<string, string> = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    RUNNER_TEMP: dir,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret-example',
    AWS_ENDPOINT_URL_SAGEMAKER: emulator.url,
    AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: emulator.url,
    AWS_ENDPOINT_URL_S3: emulator.url,
    GITHUB_REPOSITORY: 'acme/churn-model',
    GITHUB_SHA: 'a'.repeat(40)
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  for (const key of ENV_KEYS) delete process.env[key]
  ENV_KEYS.clear()
  for (const [key, value] of Object.entries(env)) {
    ENV_KEYS.add(key)
    process.env[key] = value
  }
  const chunks: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk))
    return true
  }) as typeof process.stdout.write
  try {
    await run()
  } finally {
    process.stdout.write = write
  }
  const exitCode = Number(process.exitCode ?? 0)
  process.exitCode = 0
  return { exitCode, stdout: chunks.join('') }
}

afterAll(() => {
  for (const key of ENV_KEYS) delete process.env[key]
})

const STACK = /^\s+at .+[(:]\d+:\d+\)?$/m

/** The checks every bad run must pass; returns what went wrong, or undefined. */
function judge(input: string, outcome: Outcome, mutating: number): string | undefined {
  const errors = outcome.stdout
    .split('\n')
    .filter(line => line.startsWith('::error'))
    .join('\n')
  if (outcome.exitCode !== 1) return `exit ${outcome.exitCode}`
  if (!errors.includes(`"${input}"`)) return `error does not name "${input}": ${errors}`
  // The runner shows ::debug:: lines only when step debug logging is on.
  const shown = outcome.stdout
    .split('\n')
    .filter(line => !line.startsWith('::debug::'))
    .join('\n')
    .replace(/%0A/g, '\n')
  if (STACK.test(shown)) return 'stack trace printed'
  if (mutating > 0) return `${mutating} mutating call(s)`
  return undefined
}

function mutatingSoFar(): number {
  const stats = emulator.stats()
  const s3 = ['PutObject', 'DeleteObject', 'CreateBucket'].reduce(
    (sum, op) => sum + (stats.s3[op] ?? 0),
    0
  )
  return Object.values(mutatingCalls(emulator)).reduce((sum, n) => sum + n, 0) + s3
}

const cases = MODES.flatMap(mode =>
  (Object.keys(INPUT_TABLE) as InputName[])
    .filter(input => INPUT_TABLE[input].modes.includes(mode) && BAD[input])
    .map(input => [mode, input] as const)
)

describe('bad input', () => {
  it('every input of every mode has a bad-value generator or a reason to take any text', () => {
    const uncovered = (Object.keys(INPUT_TABLE) as InputName[]).filter(
      input => !BAD[input] && !FREE[input]
    )
    expect(uncovered).toEqual([])
  })

  it.each(cases)(
    '%s: a bad "%s" exits 1, names the input, changes nothing',
    async (mode, input) => {
      const arb = BAD[input] as fc.Arbitrary<string>
      await fc.assert(
        fc.asyncProperty(arb, async value => {
          const before = mutatingSoFar()
          const outcome = await runInProcess({ ...valid(mode), [input]: value })
          const mutating = mutatingSoFar() - before
          figures.runs++
          figures.faultsInjected++
          figures.mutatingCallsOnBadInput += mutating
          const problem = judge(input, outcome, mutating)
          if (problem) throw new Error(`${mode} ${input}=${JSON.stringify(value)}: ${problem}`)
        }),
        { numRuns: DRAWS, seed: SEED, endOnFailure: true }
      )
    }
  )

  it('a bad mode exits 1 and names the input', async () => {
    await fc.assert(
      fc.asyncProperty(notIn([...MODES]), async value => {
        const outcome = await runInProcess({ mode: value, 'model-package-group': GROUP })
        figures.runs++
        figures.faultsInjected++
        const problem = judge('mode', outcome, 0)
        if (problem) throw new Error(`mode=${JSON.stringify(value)}: ${problem}`)
      }),
      { numRuns: DRAWS * 3, seed: SEED }
    )
  })

  it.each(MODES)('%s through dist/index.js: the same checks hold', async mode => {
    const inputs = cases.filter(([m]) => m === mode).map(([, input]) => input)
    const picks = fc.sample(fc.constantFrom(...inputs), { numRuns: DIST_PER_MODE, seed: SEED })
    for (const input of picks) {
      const [value] = fc.sample(BAD[input] as fc.Arbitrary<string>, { numRuns: 1, seed: SEED })
      const before = mutatingSoFar()
      const result = await runOn(emulator, { ...valid(mode), [input]: value as string })
      const mutating = mutatingSoFar() - before
      figures.runs++
      figures.faultsInjected++
      figures.mutatingCallsOnBadInput += mutating
      const problem = judge(input, { exitCode: result.exitCode, stdout: result.stdout }, mutating)
      expect(`${mode} ${input}=${JSON.stringify(value)}: ${problem ?? 'ok'}`).toMatch(/: ok$/)
    }
  })
})
