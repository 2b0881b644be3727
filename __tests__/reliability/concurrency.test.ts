// Runs at once through dist/index.js: five gates deciding five versions of one group, and
// three deploys of three versions to one endpoint. Afterwards every version's status,
// gate:* metadata and approval description tell the story its own gate told, no other
// metadata is lost, and the endpoint serves one version whole, tagged as such, with
// nothing left behind but the previous version kept for rollback.
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
import {
  IMAGE,
  ROLE,
  clients,
  explain,
  logisticModel,
  runOn,
  seedModel,
  useEmulator
} from '../e2e/support.js'
import { useFigures } from './figures.js'
import { FAST_DELAYS } from './scenario.js'

let emulator: Emulator
useEmulator(e => (emulator = e), { port: 0, delays: FAST_DELAYS })
const figures = useFigures('concurrency', '5 gates on one group, 3 deploys on one endpoint')

const GROUP = 'busy-model'
const ENDPOINT = 'busy-prod'

function seedVersions(aucs: number[], status = 'PendingManualApproval'): string[] {
  const url = seedModel(emulator, 'busy/model.json', logisticModel([0.5]))
  return emulator.seed({
    modelPackages: aucs.map(auc => ({
      ModelPackageGroupName: GROUP,
      ModelApprovalStatus: status,
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: url }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      },
      CustomerMetadataProperties: { 'metric:validation:auc': String(auc), 'team:owner': 'ml' }
    }))
  }).modelPackages
}

const sagemaker = () => clients(emulator).sagemaker

describe('runs at once', () => {
  it('5 gates on 5 versions of one group: each version holds its own gate’s decision', async () => {
    seedVersions([0.9], 'Approved')
    const aucs = [0.95, 0.7, 0.92, 0.6, 0.91]
    const arns = seedVersions(aucs)
    figures.faultsInjected += aucs.length
    const runs = await Promise.all(
      arns.map((_arn, i) =>
        runOn(emulator, {
          mode: 'gate',
          'model-package-group': GROUP,
          'model-package': String(i + 2),
          thresholds: 'validation:auc >= 0.85',
          baseline: 'version:1',
          'on-pass': 'Approved',
          'on-fail': 'Rejected',
          'fail-on-reject': 'false'
        })
      )
    )
    figures.runs += runs.length
    for (const [i, run] of runs.entries()) {
      if (run.exitCode !== 0) throw new Error(explain(run))
      const pkg = await sagemaker().send(
        new DescribeModelPackageCommand({ ModelPackageName: arns[i] })
      )
      const passed = (aucs[i] as number) >= 0.85
      expect(run.outputs.decision).toBe(passed ? 'pass' : 'fail')
      expect(pkg.ModelApprovalStatus).toBe(passed ? 'Approved' : 'Rejected')
      expect(pkg.CustomerMetadataProperties).toMatchObject({
        'gate:decision': run.outputs.decision,
        'metric:validation:auc': String(aucs[i]),
        'team:owner': 'ml'
      })
      expect(pkg.ApprovalDescription).toContain(`v${i + 2} ${passed ? 'passed' : 'failed'}`)
    }
  }, 300000)

  it('3 deploys to one endpoint: it serves one of them whole, tagged, nothing left behind', async () => {
    const [v1] = seedVersions([0.9], 'Approved')
    const deploy = (version: string) =>
      runOn(emulator, {
        mode: 'deploy',
        'model-package-group': GROUP,
        'model-package': version,
        'endpoint-name': ENDPOINT,
        'execution-role-arn': ROLE,
        'instance-type': 'ml.m5.large',
        'wait-timeout': '120',
        'wait-interval': '0'
      })
    const first = await deploy('1')
    if (first.exitCode !== 0) throw new Error(explain(first))
    const arns = seedVersions([0.91, 0.92, 0.93], 'Approved')
    figures.faultsInjected += 3
    const runs = await Promise.all(['2', '3', '4'].map(deploy))
    figures.runs += runs.length + 1
    const endpoint = await sagemaker().send(new DescribeEndpointCommand({ EndpointName: ENDPOINT }))
    expect(endpoint.EndpointStatus).toBe('InService')
    const config = await sagemaker().send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })
    )
    expect(config.ProductionVariants).toHaveLength(1)
    const model = await sagemaker().send(
      new DescribeModelCommand({ ModelName: config.ProductionVariants?.[0]?.ModelName })
    )
    const servedArn =
      model.Containers?.[0]?.ModelPackageName ?? model.PrimaryContainer?.ModelPackageName
    const { Tags } = await sagemaker().send(
      new ListTagsCommand({ ResourceArn: endpoint.EndpointArn })
    )
    const tags = Object.fromEntries((Tags ?? []).map(t => [t.Key, t.Value]))
    expect(tags['sagemaker-model-gate:package-arn']).toBe(servedArn)
    expect(arns).toContain(servedArn)
    // Each run either says it serves its version, or fails saying why; the last to finish
    // is what serves, and no run that failed claims its version serves.
    for (const run of runs) {
      if (run.exitCode === 0) expect(arns).toContain(run.outputs['model-package-arn'])
      else expect(run.errors.join('\n')).not.toBe('')
    }
    const served = runs.find(r => r.outputs['model-package-arn'] === servedArn)
    expect(served?.exitCode).toBe(0)
    // Unused models and configs: only those of the version kept for rollback.
    const previous = tags['sagemaker-model-gate:previous-package-arn'] ?? v1
    const keptVersion = `-v${String(previous).replace(/.*\//, '')}-`
    const models = await sagemaker().send(new ListModelsCommand({ NameContains: ENDPOINT }))
    const configs = await sagemaker().send(
      new ListEndpointConfigsCommand({ NameContains: ENDPOINT })
    )
    const used = [endpoint.EndpointConfigName, config.ProductionVariants?.[0]?.ModelName]
    const left = [
      ...(models.Models ?? []).map(m => m.ModelName as string),
      ...(configs.EndpointConfigs ?? []).map(c => c.EndpointConfigName as string)
    ].filter(name => !used.includes(name) && !name.includes(keptVersion))
    figures.resourcesLeaked += left.length
    expect(left).toEqual([])
  }, 300000)
})
