// Runs one mode of the action as the runner would, through @github/local-action (which
// stubs the Actions toolkit), against the local SageMaker emulator and a loopback GitHub
// API, with the inputs of .env.example (or the file given):
//   npm run local-action -- gate [ENV_FILE]
// local-action stubs @actions/core and @actions/github where the source imports them, so it
// runs src/main.ts (TypeScript, through tsx): in the dist/ bundle those packages are built
// in and it would run unstubbed. The end-to-end tests cover dist/index.js.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { startEmulator } from '../emulator/server.ts'
import { modeMap } from './mode-reference.mjs'
import { startFakeGitHub } from '../__fixtures__/github-api.ts'

const ROOT = resolve(import.meta.dirname, '..')
const LOCAL_ACTION = join(ROOT, 'node_modules', '.bin', 'local-action')
const PULL_REQUEST = 42
const BUCKET = 'local-action-models'
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1'

/** Variables this script sets; the env file's values for them are replaced. */
const OWN = [
  'INPUT_MODE',
  'AWS_ENDPOINT_URL_SAGEMAKER',
  'AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'GITHUB_API_URL',
  'GITHUB_EVENT_PATH',
  'GITHUB_STEP_SUMMARY',
  'RUNNER_TEMP'
]

/** The keys a dotenv file sets, in order. */
export function envKeys(text) {
  return text
    .split('\n')
    .map(line => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line)?.[1])
    .filter(key => key !== undefined)
}

function usage(message) {
  if (message) console.error(message)
  console.error(
    'Usage: npm run local-action -- <mode> [env-file]   (default env file: .env.example)'
  )
  process.exit(2)
}

function model(weights) {
  return JSON.stringify({
    format: 'sagemaker-model-gate/linear-v1',
    task: 'binary',
    weights,
    bias: -0.5
  })
}

function version(group, key, status, metrics) {
  return {
    ModelPackageGroupName: group,
    ModelPackageDescription: `${key}, seeded for a local run`,
    ModelApprovalStatus: status,
    InferenceSpecification: {
      Containers: [{ Image: IMAGE, ModelDataUrl: `s3://${BUCKET}/${key}/model.json` }],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv']
    },
    // What `register` writes for a metrics file: one `metric:<name>` entry each.
    CustomerMetadataProperties: Object.fromEntries(
      Object.entries(metrics).map(([name, value]) => [`metric:${name}`, String(value)])
    )
  }
}

/** The group of the env file: v1 Approved (the baseline), v2 PendingManualApproval. */
function seed(emulator, group) {
  emulator.seed({
    s3Objects: ['baseline', 'candidate'].map((key, i) => ({
      bucket: BUCKET,
      key: `${key}/model.json`,
      body: model([1.2 + i * 0.4])
    })),
    modelPackageGroups: [
      { ModelPackageGroupName: group, ModelPackageGroupDescription: 'Seeded for a local run' }
    ],
    modelPackages: [
      version(group, 'baseline', 'Approved', {
        'validation:auc': 0.88,
        'validation:logloss': 0.35
      }),
      version(group, 'candidate', 'PendingManualApproval', {
        'validation:auc': 0.91,
        'validation:logloss': 0.3
      })
    ]
  })
}

function groupOf(text) {
  const line = text.split('\n').find(l => /^\s*INPUT_MODEL-PACKAGE-GROUP\s*=/.test(l))
  return line
    ?.slice(line.indexOf('=') + 1)
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
}

/** The inputs `mode` reads, as action.yml describes them; every input for an unknown mode. */
function modeInputs(mode) {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'))
  const docs = parse(readFileSync(join(ROOT, 'scripts', 'mode-docs.yml'), 'utf8'))
  const inputs = modeMap(action, docs)[mode]?.inputs ?? action.inputs
  return new Set(Object.keys(inputs))
}

/** Runs local-action; resolves with its exit code and whether the action called setFailed. */
function runLocalAction(envFile) {
  // Only what the env file says reaches the action: no AWS profile or token of the caller.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(AWS_|GITHUB_|INPUT_|ACTIONS_)/.test(key))
  )
  return new Promise((done, fail) => {
    const child = spawn(LOCAL_ACTION, ['run', ROOT, 'src/main.ts', envFile], {
      cwd: ROOT,
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let failed = false
    let pending = ''
    child.stdout.on('data', chunk => {
      process.stdout.write(chunk)
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      if (lines.some(line => line.startsWith('::error'))) failed = true
    })
    child.on('error', fail)
    child.on('close', code =>
      done({ code: code ?? 1, failed: failed || pending.startsWith('::error') })
    )
  })
}

export async function main(argv) {
  const [mode, envArg] = argv
  if (!mode || mode.startsWith('-')) usage(mode ? `Unknown option ${mode}` : undefined)
  const envFile = resolve(envArg ?? join(ROOT, '.env.example'))
  if (!existsSync(envFile)) usage(`No env file at ${envFile}`)
  if (!existsSync(LOCAL_ACTION)) usage('node_modules/.bin/local-action is missing: run "npm ci".')
  const text = readFileSync(envFile, 'utf8')
  const group = groupOf(text)
  if (!group) usage(`${envFile} sets no INPUT_MODEL-PACKAGE-GROUP`)

  const work = mkdtempSync(join(tmpdir(), 'model-gate-local-'))
  const emulator = await startEmulator({
    port: 0,
    delays: { packageCompleteMs: 50, endpointCreateMs: 300, endpointUpdateMs: 300, waitSecondMs: 5 }
  })
  // EMULATOR_ARN_CASE=preserve: a SageMaker that keeps the case of names inside ARNs.
  if (process.env.EMULATOR_ARN_CASE === 'preserve') emulator.setOptions({ arnCase: 'preserve' })
  const github = await startFakeGitHub()
  try {
    seed(emulator, group)
    const event = join(work, 'event.json')
    writeFileSync(
      event,
      JSON.stringify({
        action: 'synchronize',
        number: PULL_REQUEST,
        pull_request: { number: PULL_REQUEST, head: { sha: '1'.repeat(40) } }
      })
    )
    const summary = join(work, 'summary.md')
    writeFileSync(summary, '')
    const set = {
      INPUT_MODE: mode,
      AWS_ENDPOINT_URL_SAGEMAKER: emulator.url,
      AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: emulator.url,
      AWS_ENDPOINT_URL_S3: emulator.url,
      AWS_ACCESS_KEY_ID: 'AKIDLOCALACTION',
      AWS_SECRET_ACCESS_KEY: 'local-action',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(work, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(work, 'aws-credentials'),
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_PATH: event,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: work
    }
    // One env file serves every mode, but a step gives only its own mode's inputs: the
    // action refuses an input its mode does not read.
    const own = modeInputs(mode)
    const kept = text.split('\n').filter(line => {
      const key = envKeys(line)[0] ?? ''
      if (OWN.includes(key)) return false
      return !key.startsWith('INPUT_') || own.has(key.slice('INPUT_'.length).toLowerCase())
    })
    const composed = join(work, 'local-action.env')
    writeFileSync(
      composed,
      [...kept, '', ...Object.entries(set).map(([key, value]) => `${key}=${value}`), ''].join('\n')
    )
    console.log(
      `Emulator ${emulator.url} (group "${group}": v1 Approved, v2 PendingManualApproval); GitHub API ${github.url}`
    )

    const { code, failed } = await runLocalAction(composed)
    const comment = github.state.comments.find(c => c.issueNumber === PULL_REQUEST)
    if (comment) {
      console.log(
        `\n== Sticky comment on pull request #${PULL_REQUEST} (Markdown)\n\n${comment.body}`
      )
    }
    console.log(`\nJob summary and JSON report: ${work}`)
    if (code !== 0) return code
    return failed ? 1 : 0
  } finally {
    await github.close()
    await emulator.close()
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = await main(process.argv.slice(2))
}
