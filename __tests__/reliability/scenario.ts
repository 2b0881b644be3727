// One life of a model group through every mode, run through dist/index.js against the
// emulator, and a snapshot of what the registry and the endpoint hold afterwards. The
// fault tests run it with and without faults and compare decisions and state.
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListModelsCommand,
  ListTagsCommand
} from '@aws-sdk/client-sagemaker'
import type { Emulator } from '../../emulator/server.ts'
import type { ActionRun } from '../e2e/harness.js'
import {
  BUCKET,
  IMAGE,
  ROLE,
  clients,
  explain,
  logisticModel,
  runOn,
  seedModel,
  writeJson
} from '../e2e/support.js'

export const GROUP = 'churn-model'
/** Hosting quick enough for many runs, slow enough that waits see each state. */
export const FAST_DELAYS = {
  packageCompleteMs: 5,
  endpointCreateMs: 50,
  endpointUpdateMs: 50,
  endpointDeleteMs: 20,
  waitSecondMs: 1
}
export const ENDPOINT = 'churn-prod'
const SHA = (n: number) => String(n).repeat(40)

export function registerInputs(emulator: Emulator, auc: number): Record<string, string> {
  const url = seedModel(emulator, `churn/model-${auc}.json`, logisticModel([auc]))
  return {
    mode: 'register',
    'model-package-group': GROUP,
    'model-data-url': url,
    'image-uri': IMAGE,
    'metrics-file': writeJson({ 'validation:auc': auc, 'validation:logloss': 1 - auc }),
    'metrics-s3-uri': `s3://${BUCKET}/metrics`,
    description: `retrain auc ${auc}`
  }
}

const GATE = {
  mode: 'gate',
  'model-package-group': GROUP,
  thresholds: 'validation:auc >= 0.85',
  'max-regression': 'validation:auc -0.01',
  'on-pass': 'Approved',
  'on-fail': 'Rejected'
}

const HOSTING = {
  'model-package-group': GROUP,
  'endpoint-name': ENDPOINT,
  'execution-role-arn': ROLE,
  'instance-type': 'ml.m5.large',
  'wait-timeout': '120',
  'wait-interval': '0'
}

/** A step of the scenario: a name and the inputs and commit of one run. */
export interface Step {
  name: string
  inputs: () => Record<string, string>
  sha: string
  /** The exit code the step must end with. */
  exitCode: number
}

export function scenario(emulator: Emulator): Step[] {
  return [
    { name: 'register v1', inputs: () => registerInputs(emulator, 0.9), sha: SHA(1), exitCode: 0 },
    { name: 'gate v1', inputs: () => ({ ...GATE, baseline: 'none' }), sha: SHA(1), exitCode: 0 },
    { name: 'deploy v1', inputs: () => ({ mode: 'deploy', ...HOSTING }), sha: SHA(1), exitCode: 0 },
    { name: 'register v2', inputs: () => registerInputs(emulator, 0.93), sha: SHA(2), exitCode: 0 },
    { name: 'gate v2', inputs: () => GATE, sha: SHA(2), exitCode: 0 },
    { name: 'deploy v2', inputs: () => ({ mode: 'deploy', ...HOSTING }), sha: SHA(2), exitCode: 0 },
    { name: 'register v3', inputs: () => registerInputs(emulator, 0.8), sha: SHA(3), exitCode: 0 },
    {
      name: 'gate v3',
      inputs: () => ({ ...GATE, 'fail-on-reject': 'false' }),
      sha: SHA(3),
      exitCode: 0
    },
    {
      name: 'approve v1 again',
      inputs: () => ({
        mode: 'approve',
        'model-package-group': GROUP,
        'model-package': '1',
        reason: 'kept for rollback'
      }),
      sha: SHA(3),
      exitCode: 0
    },
    {
      name: 'rollback',
      inputs: () => ({ mode: 'rollback', ...HOSTING, 'reject-current': 'true', reason: 'drift' }),
      sha: SHA(3),
      exitCode: 0
    },
    {
      name: 'compare',
      inputs: () => ({ mode: 'compare', 'model-package-group': GROUP, versions: '1,2,3' }),
      sha: SHA(3),
      exitCode: 0
    },
    {
      name: 'lineage',
      inputs: () => ({ mode: 'lineage', 'model-package-group': GROUP, 'model-package': '2' }),
      sha: SHA(3),
      exitCode: 0
    },
    {
      name: 'group describe',
      inputs: () => ({
        mode: 'group',
        'model-package-group': GROUP,
        'group-operation': 'describe'
      }),
      sha: SHA(3),
      exitCode: 0
    }
  ]
}

/** Outputs that name a decision or a version, not the run (times, files, ids). */
export const DECISION_OUTPUTS = [
  'decision',
  'created',
  'model-package-version',
  'model-package-arn',
  'baseline-model-package-arn',
  'approval-status',
  'previous-model-package-arn',
  'endpoint-name',
  'changed'
]

export function decisions(run: ActionRun): Record<string, string> {
  return Object.fromEntries(
    Object.entries(run.outputs).filter(([name]) => DECISION_OUTPUTS.includes(name))
  )
}

/** Runs every step; throws with the run's log when a step ends otherwise than expected. */
export async function runScenario(
  emulator: Emulator,
  onRun: (step: Step, run: ActionRun) => void = () => {}
): Promise<Record<string, Record<string, string>>> {
  const outcome: Record<string, Record<string, string>> = {}
  for (const step of scenario(emulator)) {
    const run = await runOn(emulator, step.inputs(), { sha: step.sha })
    onRun(step, run)
    if (run.exitCode !== step.exitCode) throw new Error(`${step.name}: ${explain(run)}`)
    outcome[step.name] = decisions(run)
  }
  return outcome
}

/** Run-specific parts of names and values: times, random suffixes, request ids. */
function normalise(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/-[0-9a-f]{10}\b/g, '-<id>')
}

/** What the registry and the endpoints hold: every version's status, texts and metadata. */
export async function snapshot(emulator: Emulator): Promise<unknown> {
  const { sagemaker } = clients(emulator)
  const groups = await sagemaker.send(new ListModelPackageGroupsCommand({ MaxResults: 100 }))
  const registry: Record<string, unknown> = {}
  for (const group of groups.ModelPackageGroupSummaryList ?? []) {
    const name = group.ModelPackageGroupName as string
    const listed = await sagemaker.send(
      new ListModelPackagesCommand({ ModelPackageGroupName: name, MaxResults: 100 })
    )
    for (const summary of listed.ModelPackageSummaryList ?? []) {
      const pkg = await sagemaker.send(
        new DescribeModelPackageCommand({ ModelPackageName: summary.ModelPackageArn })
      )
      registry[`${name}/${pkg.ModelPackageVersion}`] = {
        status: pkg.ModelApprovalStatus,
        approvalDescription: pkg.ApprovalDescription,
        description: pkg.ModelPackageDescription,
        metadata: pkg.CustomerMetadataProperties,
        commit: pkg.MetadataProperties?.CommitId
      }
    }
  }
  const endpoints: Record<string, unknown> = {}
  const listed = await sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }))
  for (const summary of listed.Endpoints ?? []) {
    const endpoint = await sagemaker.send(
      new DescribeEndpointCommand({ EndpointName: summary.EndpointName })
    )
    const config = await sagemaker.send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })
    )
    const variants = []
    for (const variant of config.ProductionVariants ?? []) {
      const model = await sagemaker.send(new DescribeModelCommand({ ModelName: variant.ModelName }))
      variants.push({
        name: variant.VariantName,
        weight: variant.InitialVariantWeight,
        package: model.Containers?.[0]?.ModelPackageName ?? model.PrimaryContainer?.ModelPackageName
      })
    }
    const { Tags } = await sagemaker.send(
      new ListTagsCommand({ ResourceArn: endpoint.EndpointArn })
    )
    endpoints[summary.EndpointName as string] = {
      status: endpoint.EndpointStatus,
      variants,
      tags: Object.fromEntries((Tags ?? []).map(t => [t.Key, t.Value]))
    }
  }
  return JSON.parse(normalise(JSON.stringify({ registry, endpoints })))
}

/** Every model and endpoint config, run-specific parts of their names taken out, sorted. */
export async function hostingNames(emulator: Emulator): Promise<string[]> {
  const { sagemaker } = clients(emulator)
  const models = await sagemaker.send(new ListModelsCommand({ MaxResults: 100 }))
  const configs = await sagemaker.send(new ListEndpointConfigsCommand({ MaxResults: 100 }))
  return [
    ...(models.Models ?? []).map(m => `model ${m.ModelName}`),
    ...(configs.EndpointConfigs ?? []).map(c => `config ${c.EndpointConfigName}`)
  ]
    .map(normalise)
    .sort()
}

/** Names in `after` beyond those in `before` (with repeats): what faults left behind. */
export function extraNames(before: string[], after: string[]): string[] {
  const left = [...before]
  return after.filter(name => {
    const i = left.indexOf(name)
    if (i < 0) return true
    left.splice(i, 1)
    return false
  })
}
