// SIGTERM at seeded random moments of `deploy` and `rollback` through dist/index.js, then
// the post step with the state the main step saved, as the runner does on cancellation.
// Afterwards nothing the cancelled run created is left unused, the endpoint serves one
// version whole and its tags name that version, no version carries half a decision, and
// running the same step again completes.
import { describe, expect, it } from '@jest/globals'
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  ListTagsCommand
} from '@aws-sdk/client-sagemaker'
import type { Emulator } from '../../emulator/server.ts'
import type { ActionRun } from '../e2e/harness.js'
import {
  IMAGE,
  ROLE,
  clients,
  explain,
  logisticModel,
  runOn,
  seedModel,
  startOn,
  useEmulator
} from '../e2e/support.js'
import { useFigures } from './figures.js'

let emulator: Emulator
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
const figures = useFigures('cancel', 'SIGTERM during deploy and rollback, then the post step')

const GROUP = 'cancel-model'
const ENDPOINT = 'cancel-prod'
const SEED = 1201
const TRIALS = 8
/** Kill points, in ms after the start: from Node's start-up to the end of the wait. */
const EARLIEST_MS = 300
const LATEST_MS = 5000

/** mulberry32: a small seeded generator, so a failing kill point can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let versions = 0
function seedVersion(): string {
  versions++
  const url = seedModel(emulator, `cancel/v${versions}.json`, logisticModel([versions]))
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

function inputs(mode: 'deploy' | 'rollback'): Record<string, string> {
  return {
    mode,
    'model-package-group': GROUP,
    'endpoint-name': ENDPOINT,
    'execution-role-arn': ROLE,
    'instance-type': 'ml.m5.large',
    'wait-timeout': '60',
    'wait-interval': '5',
    ...(mode === 'rollback' ? { 'reject-current': 'true', reason: 'cancelled trial' } : {})
  }
}

const sagemaker = () => clients(emulator).sagemaker

/** The package the endpoint serves (one variant), and what its tags say it serves. */
async function served(): Promise<{ packageArn: string; tagged: string; config: string }> {
  const endpoint = await sagemaker().send(new DescribeEndpointCommand({ EndpointName: ENDPOINT }))
  const config = await sagemaker().send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })
  )
  expect(config.ProductionVariants).toHaveLength(1)
  const model = await sagemaker().send(
    new DescribeModelCommand({ ModelName: config.ProductionVariants?.[0]?.ModelName })
  )
  const { Tags } = await sagemaker().send(
    new ListTagsCommand({ ResourceArn: endpoint.EndpointArn })
  )
  return {
    packageArn: (model.Containers?.[0]?.ModelPackageName ??
      model.PrimaryContainer?.ModelPackageName) as string,
    tagged: Tags?.find(t => t.Key === 'sagemaker-model-gate:package-arn')?.Value as string,
    config: endpoint.EndpointConfigName as string
  }
}

/** Names the cancelled run recorded as created that still exist and no endpoint uses. */
async function leaked(main: ActionRun): Promise<string[]> {
  const record = main.state.deploymentInFlight
  if (!record) return []
  const created = JSON.parse(record) as { created: { models: string[]; configs: string[] } }
  const names = [...created.created.models, ...created.created.configs]
  const models = await sagemaker().send(new ListModelsCommand({ NameContains: ENDPOINT }))
  const configs = await sagemaker().send(new ListEndpointConfigsCommand({ NameContains: ENDPOINT }))
  const existing = [
    ...(models.Models ?? []).map(m => m.ModelName as string),
    ...(configs.EndpointConfigs ?? []).map(c => c.EndpointConfigName as string)
  ]
  const now = await served()
  const config = await sagemaker().send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: now.config })
  )
  const used = [now.config, ...(config.ProductionVariants ?? []).map(v => v.ModelName as string)]
  return names.filter(n => existing.includes(n) && !used.includes(n))
}

/** A decision is whole: Rejected with its reason and description, or neither. */
async function decisionWhole(arn: string): Promise<boolean> {
  const pkg = await sagemaker().send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
  const reason = pkg.CustomerMetadataProperties?.['decision:reason']
  if (pkg.ModelApprovalStatus === 'Rejected')
    return (
      reason === 'cancelled trial' && (pkg.ApprovalDescription ?? '').includes('cancelled trial')
    )
  return reason === undefined || pkg.ModelApprovalStatus === 'Approved'
}

describe('SIGTERM at seeded random points, then the post step', () => {
  const random = seeded(SEED)
  const trials = Array.from({ length: TRIALS }, (_, i) => ({
    mode: i % 2 === 0 ? ('deploy' as const) : ('rollback' as const),
    killAfterMs: Math.round(EARLIEST_MS + random() * (LATEST_MS - EARLIEST_MS))
  }))

  it.each(trials)(
    '$mode killed after $killAfterMs ms',
    async ({ mode, killAfterMs }) => {
      // Set-up: the endpoint serves a version, with the one before as its previous version.
      for (let i = 0; i < 2; i++) {
        seedVersion()
        const ready = await runOn(emulator, inputs('deploy'))
        figures.runs++
        if (ready.exitCode !== 0) throw new Error(explain(ready))
      }
      const before = await served()
      const target = mode === 'deploy' ? seedVersion() : undefined
      const env = { GITHUB_RUN_ID: String(5000 + killAfterMs) }

      const started = startOn(emulator, inputs(mode), { env })
      await new Promise(resolve => setTimeout(resolve, killAfterMs))
      started.child.kill('SIGTERM')
      figures.faultsInjected++
      const main = await started.result
      figures.runs++
      expect([0, 143]).toContain(main.exitCode)
      const post = await runOn(emulator, inputs(mode), { env, state: main.state })
      figures.runs++
      if (post.exitCode !== 0) throw new Error(explain(post))

      const after = await served()
      expect(after.tagged).toBe(after.packageArn)
      const wanted = target ?? (await previousOf(before.packageArn))
      expect([before.packageArn, wanted]).toContain(after.packageArn)
      const left = await leaked(main)
      figures.resourcesLeaked += left.length
      expect(left).toEqual([])
      expect(await decisionWhole(before.packageArn)).toBe(true)

      // The re-run names no target: when the cancelled run's rollback took effect, it finds
      // that done instead of going one version further back.
      const again = await runOn(emulator, inputs(mode), {
        env: { ...env, GITHUB_RUN_ATTEMPT: '2' }
      })
      figures.runs++
      if (again.exitCode !== 0) throw new Error(explain(again))
      expect((await served()).packageArn).toBe(wanted)
      expect(await decisionWhole(before.packageArn)).toBe(true)
      if (mode === 'rollback') expect(await approvalStatus(before.packageArn)).toBe('Rejected')
    },
    180000
  )
})

async function approvalStatus(arn: string): Promise<string | undefined> {
  const pkg = await sagemaker().send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
  return pkg.ModelApprovalStatus
}

/** The version before `arn` in the group: what a rollback from `arn` goes back to here. */
async function previousOf(arn: string): Promise<string> {
  return arn.replace(/\/(\d+)$/, (_, n: string) => `/${Number(n) - 1}`)
}
