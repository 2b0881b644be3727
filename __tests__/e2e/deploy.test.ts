// `deploy` and `rollback` through dist/index.js on the emulator with delays that make
// every state visible, and a loopback GitHub API for deployments.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DescribeEndpointCommand, DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker'
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime'
import type { Emulator } from '../../emulator/server.ts'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import {
  IMAGE,
  ROLE,
  clients,
  explain,
  invoke,
  logisticModel,
  mutatingCalls,
  runOn,
  seedModel,
  useEmulator
} from './support.js'

let emulator: Emulator
let github: FakeGitHub

const GROUP = 'fraud-model'
const ENDPOINT = 'fraud-prod'
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

useEmulator(
  e => (emulator = e),
  {
    port: 0,
    delays: {
      packageCompleteMs: 50,
      endpointCreateMs: 1500,
      endpointUpdateMs: 1500,
      endpointDeleteMs: 200,
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

/** Registers a version whose artifact is a one-feature logistic model (or a broken one). */
function seedVersion(weight: number | 'bad', status: string, group = GROUP): string {
  const key = `fraud/${String(weight)}-${Math.random().toString(36).slice(2)}.json`
  const url = seedModel(emulator, key, weight === 'bad' ? { bad: true } : logisticModel([weight]))
  const [arn] = emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: group,
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

function deploy(extra: Record<string, string> = {}) {
  return {
    mode: 'deploy',
    'model-package-group': GROUP,
    'endpoint-name': ENDPOINT,
    'execution-role-arn': ROLE,
    'instance-type': 'ml.m5.large',
    'wait-timeout': '120',
    'wait-interval': '30',
    'github-token': 'ghs_faketoken',
    environment: 'production',
    ...extra
  }
}

async function endpoint() {
  return clients(emulator).sagemaker.send(new DescribeEndpointCommand({ EndpointName: ENDPOINT }))
}

async function prediction(): Promise<number> {
  return Number((await invoke(emulator, ENDPOINT, '1.0')).trim())
}

describe('deploy and rollback', () => {
  const arns: Record<string, string> = {}

  it('creates the endpoint on the first deploy, with a GitHub deployment', async () => {
    arns.v1 = seedVersion(1, 'Approved')
    const run = await runOn(emulator, deploy(), { githubApiUrl: github.url })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.outputs).toMatchObject({ 'endpoint-name': ENDPOINT, 'model-package-arn': arns.v1 })
    const live = await endpoint()
    expect(live.EndpointStatus).toBe('InService')
    expect(live.EndpointConfigName).toBe(run.outputs['endpoint-config-name'])
    expect(await prediction()).toBeCloseTo(sigmoid(1), 6)
    expect(emulator.stats().operations.CreateEndpoint).toBe(1)
    expect(run.stdout).toMatch(/Creating/)

    expect(github.state.deployments).toHaveLength(1)
    expect(github.state.deployments[0]).toMatchObject({
      environment: 'production',
      ref: 'a'.repeat(40)
    })
    const states = github.state.deploymentStatuses.map(s => s.state)
    expect(states).toEqual(['in_progress', 'success'])
    expect(github.state.deploymentStatuses[1]?.environment_url).toContain(`endpoints/${ENDPOINT}`)
  })

  it('updates it with a canary on the second deploy', async () => {
    arns.v2 = seedVersion(2, 'Approved')
    const run = await runOn(
      emulator,
      deploy({ 'deployment-strategy': 'canary', 'canary-size': '10' }),
      {
        githubApiUrl: github.url
      }
    )
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.outputs).toMatchObject({
      'model-package-arn': arns.v2,
      'previous-model-package-arn': arns.v1
    })
    const live = await endpoint()
    expect(live.EndpointStatus).toBe('InService')
    expect(live.EndpointConfigName).toBe(run.outputs['endpoint-config-name'])
    expect(
      live.LastDeploymentConfig?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration
    ).toMatchObject({
      Type: 'CANARY',
      CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 }
    })
    expect(await prediction()).toBeCloseTo(sigmoid(2), 6)
    expect(emulator.stats().operations.UpdateEndpoint).toBe(1)
    expect(github.state.deploymentStatuses.map(s => s.state)).toEqual([
      'in_progress',
      'success',
      'in_progress',
      'success'
    ])
  })

  it('fails with SageMaker’s reason when an update rolls back, and the old version keeps serving', async () => {
    arns.bad = seedVersion('bad', 'Approved')
    const before = (await endpoint()).EndpointConfigName
    const run = await runOn(emulator, deploy(), { githubApiUrl: github.url })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/marked bad|roll/i)
    const live = await endpoint()
    expect(live.EndpointStatus).toBe('InService')
    expect(live.EndpointConfigName).toBe(before)
    expect(await prediction()).toBeCloseTo(sigmoid(2), 6)
    expect(github.state.deploymentStatuses.at(-1)?.state).toBe('failure')
  })

  it.each(['PendingManualApproval', 'Rejected'])(
    'refuses a %s version without a mutating call',
    async status => {
      const arn = seedVersion(3, status)
      const before = mutatingCalls(emulator)
      const run = await runOn(emulator, deploy({ 'model-package': arn }))
      expect(run.exitCode).toBe(1)
      expect(run.errors.join('\n')).toContain(status)
      expect(mutatingCalls(emulator)).toEqual(before)
    }
  )

  it('rolls back a bad release to the previous version and rejects the bad one', async () => {
    arns.worse = seedVersion(-3, 'Approved')
    const release = await runOn(emulator, deploy({ 'model-package': arns.worse }))
    if (release.exitCode !== 0) throw new Error(explain(release))
    expect(await prediction()).toBeCloseTo(sigmoid(-3), 6)

    const run = await runOn(emulator, {
      mode: 'rollback',
      'model-package-group': GROUP,
      'endpoint-name': ENDPOINT,
      'execution-role-arn': ROLE,
      'wait-timeout': '120',
      'wait-interval': '30',
      'reject-current': 'true',
      reason: 'precision fell by half in production'
    })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.outputs['model-package-arn']).toBe(arns.v2)
    expect(await prediction()).toBeCloseTo(sigmoid(2), 6)
    const bad = await clients(emulator).sagemaker.send(
      new DescribeModelPackageCommand({ ModelPackageName: arns.worse })
    )
    expect(bad.ModelApprovalStatus).toBe('Rejected')
    expect(bad.ApprovalDescription).toContain('precision fell by half in production')
  })

  it('lets two deploys started together end on one of them, InService', async () => {
    const a = seedVersion(4, 'Approved')
    const b = seedVersion(5, 'Approved')
    const [first, second] = await Promise.all([
      runOn(emulator, deploy({ 'model-package': a }), { env: { GITHUB_RUN_ID: '2001' } }),
      runOn(emulator, deploy({ 'model-package': b }), { env: { GITHUB_RUN_ID: '2002' } })
    ])
    const live = await endpoint()
    expect(live.EndpointStatus).toBe('InService')
    const succeeded = [first, second].filter(r => r.exitCode === 0)
    expect(succeeded.length).toBeGreaterThanOrEqual(1)
    for (const run of [first, second].filter(r => r.exitCode !== 0)) {
      expect(run.errors.join('\n')).toMatch(/endpoint|deployment|wait/i)
    }
    // A run that failed names what serves too: only a run that succeeded deployed it.
    const winner = succeeded.find(
      r => r.outputs['endpoint-config-name'] === live.EndpointConfigName
    )
    expect([a, b]).toContain(winner?.outputs['model-package-arn'])
    expect(await prediction()).toBeCloseTo(
      sigmoid(winner?.outputs['model-package-arn'] === a ? 4 : 5),
      6
    )
  })
  it('is rolled back by SageMaker when a rollback alarm fires during a canary, and fails the step', async () => {
    const before = await endpoint()
    const servedBefore = await prediction()
    seedVersion(8, 'Approved')
    emulator.setFaults({ alarms: { 'fraud-prod-5xx': 'ALARM' } })
    const run = await runOn(
      emulator,
      deploy({
        'deployment-strategy': 'canary',
        'canary-size': '10',
        'rollback-alarms': 'fraud-prod-5xx'
      })
    )
    emulator.setFaults({ alarms: { 'fraud-prod-5xx': 'OK' } })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/fraud-prod-5xx/)
    const live = await endpoint()
    expect(live.EndpointStatus).toBe('InService')
    expect(live.EndpointConfigName).toBe(before.EndpointConfigName)
    expect(await prediction()).toBeCloseTo(servedBefore, 9)
  })

  it('runs an A/B test by traffic weights, shifts weights in place, then promotes the winner', async () => {
    const a = seedVersion(6, 'Approved')
    const b = seedVersion(7, 'Approved')
    const va = a.split('/').pop()
    const vb = b.split('/').pop()
    const split = await runOn(emulator, deploy({ traffic: `v${va}=90,v${vb}=10` }))
    if (split.exitCode !== 0) throw new Error(explain(split))
    const live = await endpoint()
    expect(live.ProductionVariants?.map(v => [v.VariantName, v.CurrentWeight])).toEqual([
      [`v${va}`, 90],
      [`v${vb}`, 10]
    ])
    const served: Record<string, number> = {}
    for (let i = 0; i < 50; i++) {
      const response = await clients(emulator).runtime.send(
        new InvokeEndpointCommand({
          EndpointName: ENDPOINT,
          ContentType: 'text/csv',
          Body: new TextEncoder().encode('1.0')
        })
      )
      const variant = response.InvokedProductionVariant as string
      served[variant] = (served[variant] ?? 0) + 1
    }
    expect(served).toEqual({ [`v${va}`]: 45, [`v${vb}`]: 5 })

    const before = emulator.stats().operations
    const shift = await runOn(emulator, deploy({ traffic: `v${va}=50,v${vb}=50` }))
    if (shift.exitCode !== 0) throw new Error(explain(shift))
    const after = emulator.stats().operations
    expect(after.UpdateEndpointWeightsAndCapacities).toBe(
      (before.UpdateEndpointWeightsAndCapacities ?? 0) + 1
    )
    expect(after.CreateEndpointConfig).toBe(before.CreateEndpointConfig)
    expect(after.UpdateEndpoint).toBe(before.UpdateEndpoint)
    expect((await endpoint()).ProductionVariants?.map(v => v.CurrentWeight)).toEqual([50, 50])

    const promote = await runOn(emulator, deploy({ traffic: `v${vb}=100` }))
    if (promote.exitCode !== 0) throw new Error(explain(promote))
    expect(promote.outputs['model-package-arn']).toBe(b)
    expect((await endpoint()).ProductionVariants).toHaveLength(1)
    expect(await prediction()).toBeCloseTo(sigmoid(7), 6)
  })
})

describe('a rollback run again', () => {
  const hosting = { 'model-package-group': 'rerun-model', 'endpoint-name': 'rerun-prod' }
  const rollback = {
    mode: 'rollback',
    ...hosting,
    'execution-role-arn': ROLE,
    'wait-timeout': '120',
    'wait-interval': '30',
    'reject-current': 'true',
    reason: 'latency doubled'
  }
  const OUTPUTS = [
    'endpoint-name',
    'endpoint-config-name',
    'model-package-arn',
    'model-package-version',
    'previous-model-package-arn',
    'approval-status',
    'created'
  ]
  /** What changed the endpoint or the registry, leaving out the audit trail's own calls. */
  const changes = () =>
    Object.fromEntries(
      Object.entries(mutatingCalls(emulator)).filter(([op]) => !/(Action|Association)$/.test(op))
    )
  const served = async () =>
    Number((await invoke(emulator, hosting['endpoint-name'], '1.0')).trim())

  it('changes nothing in a re-run attempt of its workflow run, and goes further back in another run', async () => {
    const [v1, v2, v3] = [1, 2, 3].map(w =>
      seedVersion(w, 'Approved', hosting['model-package-group'])
    )
    for (const [i, arn] of [v1, v2, v3].entries()) {
      const run = await runOn(emulator, deploy({ ...hosting, 'model-package': arn as string }), {
        env: { GITHUB_RUN_ID: `310${i}` }
      })
      if (run.exitCode !== 0) throw new Error(explain(run))
    }
    const first = await runOn(emulator, rollback, { env: { GITHUB_RUN_ID: '3200' } })
    if (first.exitCode !== 0) throw new Error(explain(first))
    expect(first.outputs).toMatchObject({
      'model-package-arn': v2,
      'previous-model-package-arn': v3,
      'approval-status': 'Rejected',
      created: 'false'
    })
    expect(await served()).toBeCloseTo(sigmoid(2), 6)

    const before = changes()
    const again = await runOn(emulator, rollback, {
      env: { GITHUB_RUN_ID: '3200', GITHUB_RUN_ATTEMPT: '2' }
    })
    if (again.exitCode !== 0) throw new Error(explain(again))
    expect(again.stdout).toMatch(
      /this workflow run \(\S+\/actions\/runs\/3200\) rolled it back from/
    )
    expect(again.stdout).toContain(`Endpoint rerun-prod already serves ${v2}: this workflow run`)
    expect(again.stdout).toContain(`rolled it back from ${v3}. Nothing to do.`)
    expect(changes()).toEqual(before)
    expect(again.stdout).toMatch(/Audit trail: updated \S+ \(run-attempt\)/)
    const pick = (outputs: Record<string, unknown>) =>
      Object.fromEntries(OUTPUTS.map(key => [key, outputs[key]]))
    expect(pick(again.outputs)).toEqual(pick(first.outputs))
    expect(await served()).toBeCloseTo(sigmoid(2), 6)

    const other = await runOn(emulator, rollback, { env: { GITHUB_RUN_ID: '3300' } })
    if (other.exitCode !== 0) throw new Error(explain(other))
    expect(other.outputs).toMatchObject({
      'model-package-arn': v1,
      'previous-model-package-arn': v2
    })
    expect(await served()).toBeCloseTo(sigmoid(1), 6)
  })
})
