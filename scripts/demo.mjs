// A full tour on the local emulator, through the CLI that shares the action's core:
// register -> gate -> deploy, a better version with a canary, a worse one the gate
// rejects, a release that goes wrong and a rollback. Run with `npm run demo`.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startEmulator } from '../emulator/server.ts'

const CLI = resolve('dist/cli/index.js')
const GROUP = 'demo-churn'
const ENDPOINT = 'demo-churn-prod'
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1'
const ROLE = 'arn:aws:iam::123456789012:role/sagemaker-execution'
const work = mkdtempSync(join(tmpdir(), 'model-gate-demo-'))

const emulator = await startEmulator({
  port: 0,
  delays: {
    packageCompleteMs: 200,
    endpointCreateMs: 1500,
    endpointUpdateMs: 1500,
    waitSecondMs: 20
  }
})
const env = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'demo',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ENDPOINT_URL_SAGEMAKER: emulator.url,
  AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: emulator.url,
  AWS_ENDPOINT_URL_S3: emulator.url,
  GITHUB_REPOSITORY: 'acme/churn-model',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_ACTOR: 'demo-user',
  GITHUB_RUN_ID: '1',
  GITHUB_RUN_ATTEMPT: '1',
  RUNNER_TEMP: work
}
// No GitHub token: the demo reports to the terminal, as the CLI does outside Actions.
delete env.GITHUB_STEP_SUMMARY
delete env.GITHUB_OUTPUT

function banner(text) {
  console.log(`\n\x1b[1m== ${text}\x1b[0m`)
}

/** Runs the CLI, echoing the command; returns its name=value outputs. */
// Asynchronous on purpose: the emulator serves from this same process.
async function cli(args, { sha = 'a'.repeat(40), expectFailure = false } = {}) {
  console.log(
    `$ sagemaker-model-gate ${args.map(a => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`
  )
  const result = await new Promise(done =>
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...env, GITHUB_SHA: sha } },
      (error, stdout, stderr) => done({ status: error ? (error.code ?? 1) : 0, stdout, stderr })
    )
  )
  const lines = `${result.stdout}${result.stderr}`.trimEnd().split('\n')
  console.log(lines.map(line => `  ${line}`).join('\n'))
  if ((result.status !== 0) !== expectFailure) {
    throw new Error(
      `the command ${expectFailure ? 'should have failed' : `failed (exit ${result.status})`}`
    )
  }
  return Object.fromEntries(
    lines
      .filter(l => /^[a-z-]+=/.test(l))
      .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
  )
}

function model(name, weights) {
  emulator.seed({
    s3Objects: [
      {
        bucket: 'demo-models',
        key: `${name}/model.json`,
        body: JSON.stringify(
          weights === 'bad'
            ? { bad: true }
            : { format: 'sagemaker-model-gate/linear-v1', task: 'binary', weights, bias: -0.5 }
        )
      }
    ]
  })
  return `s3://demo-models/${name}/model.json`
}

function metrics(name, auc, logloss) {
  const path = join(work, `${name}-metrics.json`)
  writeFileSync(path, JSON.stringify({ 'validation:auc': auc, 'validation:logloss': logloss }))
  return path
}

const policy = [
  '--thresholds',
  'validation:auc >= 0.85',
  '--thresholds',
  'validation:logloss <= 0.40',
  '--max-regression',
  'validation:auc -0.01'
]
const register = (name, weights, auc, logloss, sha) =>
  cli(
    [
      'register',
      '--model-package-group',
      GROUP,
      '--group-description',
      'Churn classifier (demo)',
      '--model-data-url',
      model(name, weights),
      '--image-uri',
      IMAGE,
      '--metrics-file',
      metrics(name, auc, logloss),
      '--metrics-s3-uri',
      's3://demo-models/metrics',
      '--description',
      `${name}: retrained on the latest data`
    ],
    { sha }
  )
const deployArgs = [
  '--model-package-group',
  GROUP,
  '--endpoint-name',
  ENDPOINT,
  '--execution-role-arn',
  ROLE,
  '--wait-timeout',
  '300',
  '--wait-interval',
  '30'
]

try {
  banner('1. Register version 1 and gate it (no champion yet: thresholds only)')
  await register('v1', [1.2], 0.88, 0.35, '1'.repeat(40))
  await cli(['gate', '--model-package-group', GROUP, ...policy, '--on-pass', 'Approved'])

  banner('2. Re-running the same registration is a no-op (created=false)')
  await register('v1', [1.2], 0.88, 0.35, '1'.repeat(40))

  banner('3. Deploy the latest approved version')
  await cli(['deploy', ...deployArgs, '--instance-type', 'ml.m5.large'])

  banner('4. Version 2 is better: the gate approves it, a canary deploys it')
  await register('v2', [1.6], 0.91, 0.3, '2'.repeat(40))
  await cli(['gate', '--model-package-group', GROUP, ...policy, '--on-pass', 'Approved'])
  await cli(['deploy', ...deployArgs, '--deployment-strategy', 'canary', '--canary-size', '10'])

  banner('5. Version 3 regresses: the gate rejects it and the step fails')
  await register('v3', [0.4], 0.86, 0.42, '3'.repeat(40))
  await cli(['gate', '--model-package-group', GROUP, ...policy], { expectFailure: true })

  banner('6. Version 4 passes offline but misbehaves live: a person rolls it back')
  await register('v4', [-2], 0.92, 0.29, '4'.repeat(40))
  await cli(['approve', '--model-package-group', GROUP, '--reason', 'offline metrics look good'])
  await cli(['deploy', ...deployArgs])
  await cli([
    'rollback',
    ...deployArgs,
    '--reject-current',
    '--reason',
    'live precision halved after release'
  ])

  banner(
    '7. A version whose artifact cannot load: SageMaker rolls the update back, the old version keeps serving'
  )
  await register('v5', 'bad', 0.93, 0.28, '5'.repeat(40))
  await cli(['approve', '--model-package-group', GROUP, '--reason', 'demo of a failed release'])
  await cli(['deploy', ...deployArgs], { expectFailure: true })

  banner('Done')
  const stats = emulator.stats()
  const calls = Object.values(stats.operations).reduce((sum, n) => sum + n, 0)
  console.log(
    `${calls} SageMaker calls against the emulator at ${emulator.url}; reports in ${work}`
  )
} finally {
  await emulator.close()
}
