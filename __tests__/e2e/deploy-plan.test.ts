// What `deploy` and `rollback` say before they act is what they do: each scenario runs once
// with dry-run and once for real through dist/index.js, and the SageMaker calls the dry-run
// planned (its JSON report, and the numbered lines it printed) are compared, operation by
// operation and with their key parameters, with the calls the emulator received. Along the
// way: capacity inputs that apply on their own, the `created` output, GitHub deployments
// only with `environment`, and the outcome of an update SageMaker rolls back.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelPackageCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  ListTagsCommand
} from '@aws-sdk/client-sagemaker'
import type { CallRecord, Emulator } from '../../emulator/server.ts'
import { scratchDir } from '../../__fixtures__/context.js'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import { NODE24, type ActionRun } from './harness.js'
import {
  IMAGE,
  REGION,
  ROLE,
  clients,
  explain,
  logisticModel,
  runOn,
  seedModel,
  useEmulator
} from './support.js'

let emulator: Emulator
let github: FakeGitHub

const GROUP = 'plan-model'
const ENDPOINT = 'plan-prod'
const TAG = 'sagemaker-model-gate:'

useEmulator(
  e => (emulator = e),
  {
    port: 0,
    delays: {
      packageCompleteMs: 10,
      endpointCreateMs: 150,
      endpointUpdateMs: 200,
      endpointDeleteMs: 50,
      waitSecondMs: 2
    }
  },
  false
)
beforeAll(async () => {
  github = await startFakeGitHub()
})
afterAll(async () => {
  await github.close()
})

function seedVersion(weight: number | 'bad', status = 'Approved'): string {
  const key = `plan/${String(weight)}-${Math.random().toString(36).slice(2)}.json`
  const url = seedModel(emulator, key, weight === 'bad' ? { bad: true } : logisticModel([weight]))
  const [arn] = emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: GROUP,
        ModelApprovalStatus: status,
        InferenceSpecification: {
          Containers: [{ Image: IMAGE, ModelDataUrl: url }],
          SupportedContentTypes: ['text/csv'],
          SupportedResponseMIMETypes: ['text/csv']
        }
      }
    ]
  }).modelPackages
  return arn as string
}

const versionOf = (arn: string) => arn.split('/').pop() as string

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode: 'deploy',
    'model-package-group': GROUP,
    'endpoint-name': ENDPOINT,
    'execution-role-arn': ROLE,
    'wait-timeout': '60',
    'wait-interval': '5',
    'github-token': 'ghs_faketoken',
    ...extra
  }
}

const MUTATING = /^(Create|Update|Delete|Put|Add|Stop|Start)/
/** The audit trail's calls: the runner's after the deployment, announced by the dry run apart. */
const AUDIT = /^(CreateAction|UpdateAction|AddAssociation)$/

type Loose = Record<string, unknown>

/** Tags as sorted `key=value` lines, without the timestamp that differs between two runs. */
function tagPairs(tags: { Key?: string; Value?: string }[]): string[] {
  return tags.map(t => `${t.Key}=${t.Value}`).sort()
}

function metadataPairs(metadata: Record<string, string> | undefined): string[] {
  // `deployed:<endpoint>` holds the time the plan was made: the dry-run's and the run's differ.
  return Object.entries(metadata ?? {})
    .map(([k, v]) =>
      k.startsWith('deployed:') ? `${k}=<time> ${v.split(' ').slice(1).join(' ')}` : `${k}=${v}`
    )
    .sort()
}

/** The key parameters of one SageMaker request, as the emulator received it. */
function sentSignature(call: CallRecord): unknown {
  const i = call.input
  const list = (key: string) => (i[key] ?? []) as Loose[]
  switch (call.operation) {
    case 'CreateModel':
      return [
        call.operation,
        i.ModelName,
        i.ExecutionRoleArn,
        list('Containers')[0]?.ModelPackageName
      ]
    case 'CreateEndpointConfig':
      return [
        call.operation,
        i.EndpointConfigName,
        list('ProductionVariants').map(v => [
          v.VariantName,
          v.ModelName,
          v.InstanceType,
          v.InitialInstanceCount,
          v.InitialVariantWeight
        ]),
        (i.DataCaptureConfig as Loose | undefined)?.DestinationS3Uri ?? null
      ]
    case 'CreateEndpoint':
      return [call.operation, i.EndpointName, i.EndpointConfigName]
    case 'UpdateEndpoint':
      return [call.operation, i.EndpointName, i.EndpointConfigName, i.DeploymentConfig ?? null]
    case 'UpdateEndpointWeightsAndCapacities':
      return [call.operation, i.EndpointName, i.DesiredWeightsAndCapacities]
    case 'AddTags':
      return [
        call.operation,
        String(i.ResourceArn).split('/').pop(),
        tagPairs(list('Tags') as { Key?: string; Value?: string }[])
      ]
    case 'UpdateModelPackage':
      return [
        call.operation,
        i.ModelPackageArn,
        i.ModelApprovalStatus ?? null,
        i.ApprovalDescription ?? null,
        metadataPairs(i.CustomerMetadataProperties as Record<string, string> | undefined)
      ]
    case 'DeleteEndpointConfig':
      return [call.operation, i.EndpointConfigName]
    case 'DeleteModel':
      return [call.operation, i.ModelName]
    default:
      return [call.operation, i]
  }
}

/** The same key parameters of one call the dry-run's JSON report planned. */
function plannedSignature(call: Loose): unknown {
  const operation = call.operation as string
  if (operation === 'AddTags') {
    return [
      operation,
      (call.endpointName as string).toLowerCase(),
      tagPairs(call.tags as { Key: string; Value: string }[])
    ]
  }
  if (operation === 'UpdateModelPackage') {
    const update = call.update as Loose
    return [
      operation,
      call.packageArn,
      update.status ?? null,
      update.approvalDescription ?? null,
      metadataPairs(update.metadata as Record<string, string>)
    ]
  }
  return sentSignature({ operation, input: call.input as Record<string, unknown> })
}

/** The numbered call lines of the printed plan: operation and what it acts on. */
function printedCalls(stdout: string): string[][] {
  return [...stdout.matchAll(/^ {2}(?:calls| {5}) {6}\d+\. (\w+) ([^\s:]+)/gm)].map(m => [
    m[1] as string,
    m[2] as string
  ])
}

/**
 * The printed plan block, from its title to its last indented line, with the time it was
 * made (recorded as `deployed:<endpoint>`) left out: two runs plan at different times.
 */
function planBlock(stdout: string): string {
  const lines = stdout.split('\n')
  const start = lines.findIndex(l => l.startsWith('Deployment plan for endpoint'))
  const block = [lines[start] as string]
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break
    block.push(line)
  }
  return block.join('\n').replace(/(deployed:[\w-]+=)\S+/g, '$1<time>')
}

interface Compared {
  dry: ActionRun
  real: ActionRun
  /** The CLI's output for the same dry-run, when asked for. */
  cli?: string
  /** The dry-run's JSON report: its planned calls; undefined when it wrote none. */
  report?: { calls: Loose[] }
  /** Mutating requests the emulator received during the dry-run. */
  dryMutations: CallRecord[]
  /** The names of the audit actions the real run created (or found). */
  audited: unknown[]
  /** Key parameters of the mutating requests the real run made. */
  sent: unknown[]
}

/** Runs the inputs in dry-run (and, when asked, through the CLI), then for real. */
async function planThenRun(
  extra: Record<string, string>,
  env: Record<string, string>,
  options: { cli?: boolean } = {}
): Promise<Compared> {
  const beforeDry = emulator.calls().length
  const dry = await runOn(emulator, inputs({ ...extra, 'dry-run': 'true' }), {
    env,
    githubApiUrl: github.url
  })
  if (dry.exitCode !== 0) throw new Error(explain(dry))
  const reportPath = dry.outputs['report-path']
  const report = reportPath
    ? (JSON.parse(readFileSync(reportPath, 'utf8')) as { calls: Loose[] })
    : undefined
  let cli: string | undefined
  if (options.cli) {
    const { mode, ...flags } = inputs(extra)
    const args = Object.entries(flags)
      .filter(([name]) => name !== 'github-token')
      .map(([name, value]) => `--${name}=${value}`)
    cli = await runCli([mode as string, ...args, '--dry-run'], env)
  }
  const dryMutations = emulator
    .calls()
    .slice(beforeDry)
    .filter(c => MUTATING.test(c.operation))

  const beforeRun = emulator.calls().length
  const real = await runOn(emulator, inputs(extra), { env, githubApiUrl: github.url })
  if (real.exitCode !== 0) throw new Error(explain(real))
  const made = emulator.calls().slice(beforeRun)
  const sent = made
    .filter(c => MUTATING.test(c.operation) && !AUDIT.test(c.operation) && !c.error)
    .map(sentSignature)
  const audited = made.filter(c => c.operation === 'CreateAction').map(c => c.input.ActionName)
  return { dry, real, cli, report, dryMutations, sent, audited }
}

/**
 * The dry-run made no change; its JSON report, its printed numbered lines and (when run)
 * the CLI's plan say the same; and the real run made exactly those calls, in that order.
 */
function expectSameCalls(compared: Compared): void {
  const { dry, real, cli, report, dryMutations, sent } = compared
  expect(dryMutations).toEqual([])
  expect(report?.calls).toEqual(expect.any(Array))
  const calls = report?.calls ?? []
  expect(printedCalls(dry.stdout)).toEqual(
    calls.map(c => {
      const [operation, name] = plannedSignature(c) as string[]
      if (c.operation === 'AddTags') return [operation, ENDPOINT]
      if (c.operation === 'UpdateModelPackage') return [operation, `v${versionOf(name as string)}`]
      return [operation, name]
    })
  )
  if (cli !== undefined) expect(planBlock(cli)).toEqual(planBlock(dry.stdout))
  expect(sent).toEqual(calls.map(plannedSignature))
  expect(planBlock(real.stdout)).toEqual(planBlock(dry.stdout))
  const announced = /dry run: would record the audit action (\S+)/.exec(dry.stdout)?.[1]
  expect(compared.audited).toEqual([announced])
}

function operations(signatures: unknown[]): string[] {
  return signatures.map(s => (s as string[])[0] as string)
}

async function endpoint() {
  return clients(emulator).sagemaker.send(new DescribeEndpointCommand({ EndpointName: ENDPOINT }))
}

async function config(name: string) {
  return clients(emulator).sagemaker.send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: name })
  )
}

async function endpointTags(): Promise<Record<string, string>> {
  const { Tags } = await clients(emulator).sagemaker.send(
    new ListTagsCommand({ ResourceArn: (await endpoint()).EndpointArn })
  )
  return Object.fromEntries((Tags ?? []).map(t => [t.Key, t.Value]))
}

/** Our models and configs for the endpoint that exist now, by name. */
async function ours(): Promise<{ models: string[]; configs: string[] }> {
  const sagemaker = clients(emulator).sagemaker
  const models = await sagemaker.send(new ListModelsCommand({ NameContains: ENDPOINT }))
  const configs = await sagemaker.send(new ListEndpointConfigsCommand({ NameContains: ENDPOINT }))
  return {
    models: (models.Models ?? []).map(m => m.ModelName as string).sort(),
    configs: (configs.EndpointConfigs ?? []).map(c => c.EndpointConfigName as string).sort()
  }
}

/** How often each output was written to GITHUB_OUTPUT. */
function outputWrites(run: ActionRun): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const match of run.outputFile.matchAll(/^([a-z-]+)(?:<<|=)/gm))
    counts[match[1] as string] = (counts[match[1] as string] ?? 0) + 1
  return counts
}

function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      NODE24,
      ['dist/cli/index.js', ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: REGION,
          AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'secret-example',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ENDPOINT_URL_SAGEMAKER: emulator.url,
          AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: emulator.url,
          AWS_ENDPOINT_URL_S3: emulator.url,
          GITHUB_SERVER_URL: 'https://github.example.test',
          GITHUB_REPOSITORY: 'acme/churn-model',
          GITHUB_SHA: 'a'.repeat(40),
          GITHUB_RUN_ATTEMPT: '1',
          RUNNER_TEMP: scratchDir(),
          ...env
        }
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)
    )
  )
}

describe('a dry-run plan lists exactly the calls the run makes', () => {
  const arns = {} as Record<'v1' | 'v2' | 'v3' | 'v4', string>
  const configs = {} as Record<'v1' | 'v2' | 'v3', string>

  const runs: Partial<Record<'create', Compared>> = {}

  it('first create: the run makes exactly the calls its dry-run planned', async () => {
    arns.v1 = seedVersion(1)
    runs.create = await planThenRun({ 'instance-type': 'ml.m5.large' }, { GITHUB_RUN_ID: '3001' })
    const { real, sent } = runs.create
    configs.v1 = real.outputs['endpoint-config-name'] as string
    expect(operations(sent)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'AddTags',
      'UpdateModelPackage'
    ])
    expect(configs.v1).toBe((await endpoint()).EndpointConfigName)
    expectSameCalls(runs.create)
  })

  it('first create sets the output created=true, and its dry-run created=false', () => {
    expect(runs.create?.real.outputs.created).toBe('true')
    expect(runs.create?.dry.outputs.created).toBe('false')
  })

  it('records no GitHub deployment without "environment", even with a token', () => {
    expect(runs.create?.real.outputs['endpoint-name']).toBe(ENDPOINT)
    expect(github.state.requests.filter(r => r.path.includes('/deployments'))).toEqual([])
  })

  it('update with only "instance-count": the type stays, the plan shows the capacity change, created=false', async () => {
    arns.v2 = seedVersion(2)
    const compared = await planThenRun({ 'instance-count': '2' }, { GITHUB_RUN_ID: '3002' })
    const { dry, real, sent } = compared
    configs.v2 = real.outputs['endpoint-config-name'] as string
    expect(dry.stdout).toContain('capacity   ml.m5.large x1 -> ml.m5.large x2')
    const live = await config(configs.v2)
    expect(
      live.ProductionVariants?.map(v => [
        v.ModelName?.includes('-v2-'),
        v.InstanceType,
        v.InitialInstanceCount
      ])
    ).toEqual([[true, 'ml.m5.large', 2]])
    expect(real.outputs).toMatchObject({
      'model-package-arn': arns.v2,
      'previous-model-package-arn': arns.v1,
      created: 'false'
    })
    expect(operations(sent)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'AddTags',
      'UpdateModelPackage'
    ])
    expectSameCalls(compared)
  })

  it('canary update with only "instance-type": the count stays, old resources are deleted as planned, and the CLI prints the same plan', async () => {
    arns.v3 = seedVersion(3)
    const before = await ours()
    const compared = await planThenRun(
      { 'instance-type': 'ml.c5.large', 'deployment-strategy': 'canary', 'canary-size': '50' },
      { GITHUB_RUN_ID: '3003' },
      { cli: true }
    )
    const { dry, real, sent } = compared
    configs.v3 = real.outputs['endpoint-config-name'] as string
    expect(dry.stdout).toContain('capacity   ml.m5.large x2 -> ml.c5.large x2')
    expect((await config(configs.v3)).ProductionVariants?.[0]).toMatchObject({
      InstanceType: 'ml.c5.large',
      InitialInstanceCount: 2
    })
    expect(operations(sent)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'AddTags',
      'UpdateModelPackage',
      'DeleteEndpointConfig',
      'DeleteModel'
    ])
    expect(sent).toContainEqual(['DeleteEndpointConfig', configs.v1])
    expect(sent).toContainEqual(['DeleteModel', before.models.find(m => m.includes('-v1-'))])
    expect(sent[2]).toMatchObject([
      'UpdateEndpoint',
      ENDPOINT,
      configs.v3,
      { BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: 'CANARY' } } }
    ])
    expectSameCalls(compared)
  })

  it('rollback to v2 within the workflow run that deployed v2 reuses its model and config: the plan neither creates nor deletes them, and rejects v3 last', async () => {
    const compared = await planThenRun(
      {
        mode: 'rollback',
        'instance-type': 'ml.m5.large',
        'reject-current': 'true',
        reason: 'canary error rate doubled'
      },
      { GITHUB_RUN_ID: '3002' }
    )
    const { dry, real, sent } = compared
    const v2Model = (await config(configs.v2)).ProductionVariants?.[0]?.ModelName as string
    // What the plan says of the model and config it reuses: reused, never deleted.
    for (const name of [configs.v2, v2Model]) {
      const lines = dry.stdout.split('\n').filter(l => l.includes(name))
      expect(lines.filter(l => /delete/i.test(l))).toEqual([])
      expect(
        lines.some(l => /^ {2}reuse {6}(model|endpoint config) .*: it exists already/.test(l))
      ).toBe(true)
    }
    expect(real.stdout).not.toContain('created earlier by this run')
    expect(dry.stdout).toContain('capacity   ml.c5.large x2 -> ml.m5.large x2')
    expect(operations(sent)).toEqual([
      'UpdateEndpoint',
      'AddTags',
      'UpdateModelPackage',
      'UpdateModelPackage'
    ])
    expect((sent.at(-1) as unknown[]).slice(0, 4)).toEqual([
      'UpdateModelPackage',
      arns.v3,
      'Rejected',
      'Rejected on rollback of endpoint plan-prod by octocat in https://github.example.test/acme/churn-model/actions/runs/3002: canary error rate doubled'
    ])
    expect(real.outputs).toMatchObject({
      'endpoint-config-name': configs.v2,
      'model-package-arn': arns.v2,
      'approval-status': 'Rejected',
      created: 'false'
    })
    const v3 = await clients(emulator).sagemaker.send(
      new DescribeModelPackageCommand({ ModelPackageName: arns.v3 })
    )
    expect(v3.ModelApprovalStatus).toBe('Rejected')
    expectSameCalls(compared)
  })

  it('A/B traffic, then a weights-only shift: plan and run agree, and with "environment" a GitHub deployment is recorded', async () => {
    arns.v4 = seedVersion(4)
    const v2 = versionOf(arns.v2)
    const v4 = versionOf(arns.v4)
    const split = await planThenRun({ traffic: `v${v2}=90,v${v4}=10` }, { GITHUB_RUN_ID: '3005' })
    expect(operations(split.sent)).toEqual([
      'CreateModel',
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'AddTags',
      'UpdateModelPackage',
      'UpdateModelPackage'
    ])
    expectSameCalls(split)
    const shift = await planThenRun(
      { traffic: `v${v2}=50,v${v4}=50`, environment: 'staging' },
      { GITHUB_RUN_ID: '3006' }
    )
    expect(shift.sent[0]).toEqual([
      'UpdateEndpointWeightsAndCapacities',
      ENDPOINT,
      [
        { VariantName: `v${v2}`, DesiredWeight: 50 },
        { VariantName: `v${v4}`, DesiredWeight: 50 }
      ]
    ])
    expect(operations(shift.sent)).toEqual([
      'UpdateEndpointWeightsAndCapacities',
      'AddTags',
      'UpdateModelPackage',
      'UpdateModelPackage'
    ])
    expectSameCalls(shift)
    expect(github.state.deployments.map(d => d.environment)).toEqual(['staging'])
    expect(github.state.deploymentStatuses.map(s => s.state)).toEqual(['in_progress', 'success'])
    expect((await endpoint()).ProductionVariants?.map(v => v.CurrentWeight)).toEqual([50, 50])
  })

  it('after SageMaker rolls an update back, the outputs name what serves, each once, and what the run created is gone', async () => {
    const bad = seedVersion('bad')
    const before = await endpoint()
    const existing = await ours()
    const tagsBefore = await endpointTags()
    const run = await runOn(emulator, inputs({ 'model-package': bad }), {
      env: { GITHUB_RUN_ID: '3007' }
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/was rolled back: it is InService on its previous config/)
    expect((await endpoint()).EndpointConfigName).toBe(before.EndpointConfigName)
    expect(run.outputs).toMatchObject({
      'endpoint-config-name': before.EndpointConfigName,
      'model-package-arn': bad,
      'previous-model-package-arn': arns.v2,
      created: 'false'
    })
    expect(Object.values(outputWrites(run)).every(n => n === 1)).toBe(true)
    expect(Object.keys(outputWrites(run)).sort()).toEqual(
      [
        'created',
        'endpoint-config-name',
        'endpoint-name',
        'model-package-arn',
        'model-package-version',
        'previous-model-package-arn',
        'report-path'
      ].sort()
    )
    // Created, then deleted again on the same path as a config SageMaker refused.
    const created = emulator
      .calls()
      .filter(
        c => (c.operation === 'CreateModel' || c.operation === 'CreateEndpointConfig') && !c.error
      )
      .map(c => (c.input.ModelName ?? c.input.EndpointConfigName) as string)
      .filter(name => name.includes(`-v${versionOf(bad)}-`))
    expect(created).toHaveLength(2)
    expect(await ours()).toEqual(existing)
    expect(await endpointTags()).toEqual(tagsBefore)
    expect(tagsBefore[`${TAG}package-arn`]).toBe(arns.v2)
  })
})
