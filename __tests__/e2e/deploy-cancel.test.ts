// A cancelled deployment, as GitHub cancels a job: dist/index.js runs a deploy against the
// emulator with hosting delays, gets SIGTERM at one point of its work, then the post step
// runs with the state the main step saved (as the runner passes it). Afterwards the GitHub
// deployment is not left in_progress, the endpoint's tags name what it serves, nothing
// this run created is left unused, the endpoint serves the old or the new version as a
// whole, and running the deployment again completes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  ListTagsCommand
} from '@aws-sdk/client-sagemaker'
import type { Emulator } from '../../emulator/server.ts'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import type { ActionRun } from './harness.js'
import {
  IMAGE,
  ROLE,
  clients,
  explain,
  invoke,
  logisticModel,
  runOn,
  seedModel,
  startOn,
  until,
  useEmulator
} from './support.js'

let emulator: Emulator
let github: FakeGitHub

const GROUP = 'cancel-model'
const ENDPOINT = 'cancel-prod'
const STATE = 'deploymentInFlight'
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

useEmulator(
  e => (emulator = e),
  {
    port: 0,
    delays: {
      packageCompleteMs: 10,
      endpointCreateMs: 400,
      endpointUpdateMs: 400,
      endpointDeleteMs: 50,
      waitSecondMs: 20
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

function seedVersion(weight: number): string {
  const key = `cancel/${weight}-${Math.random().toString(36).slice(2)}.json`
  const url = seedModel(emulator, key, logisticModel([weight]))
  const [arn] = emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: GROUP,
        ModelApprovalStatus: 'Approved',
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

function deploy(extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode: 'deploy',
    'model-package-group': GROUP,
    'endpoint-name': ENDPOINT,
    'execution-role-arn': ROLE,
    'instance-type': 'ml.m5.large',
    'wait-timeout': '60',
    'wait-interval': '5',
    environment: 'production',
    'github-token': 'ghs_faketoken',
    ...extra
  }
}

const sagemaker = () => clients(emulator).sagemaker

async function describe_(name = ENDPOINT) {
  return sagemaker().send(new DescribeEndpointCommand({ EndpointName: name }))
}

async function status(name = ENDPOINT): Promise<string | undefined> {
  try {
    return (await describe_(name)).EndpointStatus
  } catch {
    return undefined
  }
}

/** What the endpoint serves, read as the post step must: endpoint -> config -> model -> package. */
async function served(name = ENDPOINT): Promise<{ config: string; packageArn: string }> {
  const endpoint = await describe_(name)
  const config = await sagemaker().send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })
  )
  const model = await sagemaker().send(
    new DescribeModelCommand({ ModelName: config.ProductionVariants?.[0]?.ModelName })
  )
  return {
    config: endpoint.EndpointConfigName as string,
    packageArn: model.Containers?.[0]?.ModelPackageName as string
  }
}

async function tags(name = ENDPOINT): Promise<Record<string, string>> {
  const { Tags } = await sagemaker().send(
    new ListTagsCommand({ ResourceArn: (await describe_(name)).EndpointArn })
  )
  return Object.fromEntries((Tags ?? []).map(t => [t.Key, t.Value]))
}

/** Every model and config named for the endpoint, and whether the endpoint uses it. */
async function resources(name = ENDPOINT): Promise<{ unused: string[]; all: string[] }> {
  const models = await sagemaker().send(new ListModelsCommand({ NameContains: name }))
  const configs = await sagemaker().send(new ListEndpointConfigsCommand({ NameContains: name }))
  const all = [
    ...(models.Models ?? []).map(m => m.ModelName as string),
    ...(configs.EndpointConfigs ?? []).map(c => c.EndpointConfigName as string)
  ]
  let used: string[] = []
  const endpoint = await describe_(name).catch(() => undefined)
  if (endpoint?.EndpointConfigName) {
    const config = await sagemaker().send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })
    )
    used = [
      endpoint.EndpointConfigName,
      ...(config.ProductionVariants ?? []).map(v => v.ModelName as string)
    ]
  }
  return { all, unused: all.filter(n => !used.includes(n)) }
}

/** The names the interrupted run said it created or was creating. */
function createdBy(run: ActionRun): string[] {
  const record = JSON.parse(run.state[STATE] as string) as {
    created: { models: string[]; configs: string[] }
  }
  return [...record.created.models, ...record.created.configs]
}

/** The states of the GitHub deployment made by the newest run. */
function lastDeploymentStates(): string[] {
  const id = github.state.deployments.at(-1)?.id
  return github.state.deploymentStatuses.filter(s => s.deploymentId === id).map(s => s.state)
}

function lastDeploymentDescription(): string {
  const id = github.state.deployments.at(-1)?.id
  return github.state.deploymentStatuses.filter(s => s.deploymentId === id).at(-1)
    ?.description as string
}

/** The post step, as the runner runs it: same inputs, the state the main step saved. */
async function postStep(
  inputs: Record<string, string>,
  main: ActionRun,
  env: Record<string, string>
): Promise<ActionRun> {
  const post = await runOn(emulator, inputs, { state: main.state, env, githubApiUrl: github.url })
  if (post.exitCode !== 0 || post.warnings.some(w => /failed/i.test(w)))
    throw new Error(explain(post))
  return post
}

async function prediction(name = ENDPOINT): Promise<number> {
  return Number((await invoke(emulator, name, '1.0')).trim())
}

describe('SIGTERM during a deploy, then the post step', () => {
  const arns: Record<string, string> = {}

  beforeAll(async () => {
    arns.v1 = seedVersion(1)
    const first = await runOn(emulator, deploy(), {
      env: { GITHUB_RUN_ID: '4001' },
      githubApiUrl: github.url
    })
    if (first.exitCode !== 0) throw new Error(explain(first))
  })

  it('while creating the endpoint config: the endpoint is untouched, what the run made is deleted, the deployment is inactive', async () => {
    arns.v2 = seedVersion(2)
    const env = { GITHUB_RUN_ID: '4002' }
    const before = emulator.stats().operations.CreateEndpointConfig ?? 0
    emulator.setFaults({ latencyMs: { CreateEndpointConfig: 1000 } })
    const started = startOn(emulator, deploy(), { env, githubApiUrl: github.url })
    await until(
      'CreateEndpointConfig to reach SageMaker',
      () => (emulator.stats().operations.CreateEndpointConfig ?? 0) > before
    )
    started.child.kill('SIGTERM')
    const main = await started.result
    expect(main.exitCode).toBe(143)
    expect(main.errors.join('\n')).toMatch(
      /^SIGTERM: the deploy to endpoint cancel-prod stopped at: CreateEndpointConfig cancel-prod-v2-[0-9a-f]{10}: .* The endpoint was not changed\. The post step of this action waits for the endpoint/m
    )
    expect(lastDeploymentStates()).toEqual(['in_progress'])
    // SageMaker finishes the request it got; only then does it exist to be deleted.
    const made = createdBy(main)
    expect(made).toHaveLength(2)
    await until('the config in flight to exist', async () => (await resources()).all.length === 4)
    emulator.setFaults({ latencyMs: { CreateEndpointConfig: 0 } })

    const post = await postStep(deploy(), main, env)
    expect(post.stdout).toContain('stopped at: CreateEndpointConfig')
    expect(lastDeploymentStates()).toEqual(['in_progress', 'inactive'])
    expect(lastDeploymentDescription()).toMatch(
      /before the endpoint was changed: it still serves v1/
    )
    const { all, unused } = await resources()
    expect(unused).toEqual([])
    expect(all.filter(n => made.includes(n))).toEqual([])
    expect((await served()).packageArn).toBe(arns.v1)
    expect((await tags())['sagemaker-model-gate:package-arn']).toBe(arns.v1)
    expect(await prediction()).toBeCloseTo(sigmoid(1), 9)

    const again = await runOn(emulator, deploy(), {
      env: { ...env, GITHUB_RUN_ATTEMPT: '2' },
      githubApiUrl: github.url
    })
    if (again.exitCode !== 0) throw new Error(explain(again))
    expect((await served()).packageArn).toBe(arns.v2)
  })

  it('while the endpoint is Updating: SageMaker finishes, the post step tags what serves and marks the deployment success', async () => {
    arns.v3 = seedVersion(3)
    const env = { GITHUB_RUN_ID: '4003' }
    // Updating lasts long enough to be seen from a busy machine, which may poll late.
    emulator.setDelays({ endpointUpdateMs: 3000 })
    const started = startOn(emulator, deploy(), { env, githubApiUrl: github.url })
    await until('the endpoint to be Updating', async () => (await status()) === 'Updating')
    started.child.kill('SIGTERM')
    const main = await started.result
    emulator.setDelays({ endpointUpdateMs: 400 })
    expect(main.exitCode).toBe(143)
    expect(main.errors.join('\n')).toMatch(
      /^SIGTERM: the deploy to endpoint cancel-prod stopped at: .*SageMaker carries on with the endpoint change it was sent\./m
    )
    // The main step never got to write the tags: they still name v2.
    expect((await tags())['sagemaker-model-gate:package-arn']).toBe(arns.v2)

    await postStep(deploy(), main, env)
    expect(await status()).toBe('InService')
    expect(await served()).toMatchObject({ packageArn: arns.v3 })
    expect(await tags()).toMatchObject({
      'sagemaker-model-gate:package-arn': arns.v3,
      'sagemaker-model-gate:previous-package-arn': arns.v2
    })
    expect(lastDeploymentStates()).toEqual(['in_progress', 'success'])
    expect(lastDeploymentDescription()).toMatch(/SageMaker finished the change: serving v3/)
    const { all, unused } = await resources()
    expect(unused.filter(n => createdBy(main).includes(n))).toEqual([])
    expect(all).toEqual(expect.arrayContaining(createdBy(main)))
    expect(await prediction()).toBeCloseTo(sigmoid(3), 9)

    const again = await runOn(emulator, deploy(), {
      env: { ...env, GITHUB_RUN_ATTEMPT: '2' },
      githubApiUrl: github.url
    })
    if (again.exitCode !== 0) throw new Error(explain(again))
    expect(again.stdout).toContain('already serves')
  })

  it('while waiting for a canary, which SageMaker then rolls back: the old version serves, the new model and config go, the deployment fails', async () => {
    arns.v4 = seedVersion(4)
    const env = { GITHUB_RUN_ID: '4004' }
    const inputs = deploy({
      'deployment-strategy': 'canary',
      'canary-size': '50',
      'wait-interval': '20',
      'rollback-alarms': 'cancel-prod-5xx'
    })
    emulator.setFaults({ alarms: { 'cancel-prod-5xx': 'OK' } })
    const started = startOn(emulator, inputs, { env, githubApiUrl: github.url })
    await until(
      'the run to wait for the canary',
      () =>
        (started.state()[STATE] ?? '').includes('"step":"waiting for endpoint cancel-prod') &&
        emulator.calls().some(c => c.operation === 'UpdateEndpoint')
    )
    started.child.kill('SIGTERM')
    const main = await started.result
    expect(main.exitCode).toBe(143)
    expect(main.errors.join('\n')).toContain(
      'stopped at: waiting for endpoint cancel-prod to be InService on cancel-prod-v4-'
    )
    emulator.setFaults({ alarms: { 'cancel-prod-5xx': 'ALARM' } })

    await postStep(inputs, main, env)
    emulator.setFaults({ alarms: { 'cancel-prod-5xx': 'OK' } })
    expect(await served()).toMatchObject({ packageArn: arns.v3 })
    expect((await tags())['sagemaker-model-gate:package-arn']).toBe(arns.v3)
    expect(lastDeploymentStates()).toEqual(['in_progress', 'failure'])
    expect(lastDeploymentDescription()).toMatch(/cancel-prod-5xx/)
    const { all, unused } = await resources()
    expect(all.filter(n => createdBy(main).includes(n))).toEqual([])
    expect(unused.filter(n => n.includes('-v4-'))).toEqual([])
    expect(await prediction()).toBeCloseTo(sigmoid(3), 9)

    const again = await runOn(emulator, deploy(), {
      env: { ...env, GITHUB_RUN_ATTEMPT: '2' },
      githubApiUrl: github.url
    })
    if (again.exitCode !== 0) throw new Error(explain(again))
    expect(await served()).toMatchObject({ packageArn: arns.v4 })
  })

  it('while a new endpoint is Creating: the post step waits for it, tags it and marks the deployment success', async () => {
    const name = 'cancel-new'
    const env = { GITHUB_RUN_ID: '4005' }
    const inputs = deploy({ 'endpoint-name': name, 'model-package': arns.v1 as string })
    // Creating lasts long enough to be seen from a busy machine, which may poll late.
    emulator.setDelays({ endpointCreateMs: 3000 })
    const started = startOn(emulator, inputs, { env, githubApiUrl: github.url })
    await until('the endpoint to be Creating', async () => (await status(name)) === 'Creating')
    started.child.kill('SIGTERM')
    const main = await started.result
    emulator.setDelays({ endpointCreateMs: 400 })
    expect(main.exitCode).toBe(143)

    await postStep(inputs, main, env)
    expect(await status(name)).toBe('InService')
    expect(await tags(name)).toMatchObject({
      'sagemaker-model-gate:package-arn': arns.v1,
      'sagemaker-model-gate:previous-package-arn': ''
    })
    expect(lastDeploymentStates()).toEqual(['in_progress', 'success'])
    expect((await resources(name)).unused).toEqual([])
    expect(await prediction(name)).toBeCloseTo(sigmoid(1), 9)

    const again = await runOn(emulator, inputs, {
      env: { ...env, GITHUB_RUN_ATTEMPT: '2' },
      githubApiUrl: github.url
    })
    if (again.exitCode !== 0) throw new Error(explain(again))
    expect(again.stdout).toContain('already serves')
  })
})
