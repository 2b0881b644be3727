import { describe, expect, it } from '@jest/globals'
import { DEFAULT_RUN } from '../../__fixtures__/context.js'
import { BASE_DEPLOY, packageArn, REGION, ROLE } from '../../__fixtures__/deploy/sagemaker.js'
import {
  buildPlan,
  formatPlan,
  isOurName,
  NAME_MAX,
  resourceName,
  type LiveEndpoint
} from '../../src/deploy/plan.js'
import type { DeploySettings } from '../../src/settings.js'

const NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/

function settings(overrides: Partial<DeploySettings> = {}): DeploySettings {
  return { ...BASE_DEPLOY, ...overrides }
}

function live(overrides: Partial<LiveEndpoint> = {}): LiveEndpoint {
  return {
    name: 'churn-prod',
    arn: `arn:aws:sagemaker:${REGION}:123456789012:endpoint/churn-prod`,
    status: 'InService',
    configName: 'churn-prod-v7-0123456789',
    configCreationTime: new Date('2026-02-01T00:00:00Z'),
    variants: [
      {
        variantName: 'primary',
        modelName: 'churn-prod-v7-aaaaaaaaaa',
        packageArn: packageArn(7),
        weight: 1,
        compute: { kind: 'instance', instanceType: 'ml.m5.large', instanceCount: 2 }
      }
    ],
    tags: {},
    ...overrides
  }
}

const one = (version: number, weight = 1) => ({ arn: packageArn(version), version, weight })

describe('names', () => {
  it('stay within 63 characters and the SageMaker pattern even for the longest endpoint name', () => {
    const endpoint = `e${'x'.repeat(61)}9`
    const name = resourceName(endpoint, 'v123-v124-v125', '0123456789')
    expect(name.length).toBeLessThanOrEqual(NAME_MAX)
    expect(name).toMatch(NAME_PATTERN)
    expect(name.endsWith('-v123-v124-v125-0123456789')).toBe(true)
    expect(isOurName(endpoint, name)).toBe(true)
  })

  it('drop hyphens left at the cut so the name stays valid', () => {
    const endpoint = `${'a'.repeat(48)}-----b`
    const name = resourceName(endpoint, 'v7', '0123456789')
    expect(name).toMatch(NAME_PATTERN)
    expect(name).not.toMatch(/--v7/)
  })

  it('are deterministic per run and differ between runs', () => {
    const a = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)]
    })
    const b = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)]
    })
    const c = buildPlan({
      settings: settings(),
      region: REGION,
      run: { ...DEFAULT_RUN, runId: '1' },
      targets: [one(8)]
    })
    expect(a.endpointConfigName).toBe(b.endpointConfigName)
    expect(a.models[0]?.ModelName).toBe(b.models[0]?.ModelName)
    expect(a.endpointConfigName).not.toBe(c.endpointConfigName)
    expect(a.endpointConfigName).toMatch(/^churn-prod-v8-[0-9a-f]{10}$/)
    expect(isOurName('churn-prod', a.endpointConfigName)).toBe(true)
  })

  // "churn" and "churn-v2" can give the same name shape: cleanup also checks the endpoint tag.
  it('tell our names from names of another shape', () => {
    expect(isOurName('churn-prod', 'churn-prod-config')).toBe(false)
    expect(isOurName('churn-prod', 'churn-prod-v7-XYZ')).toBe(false)
    expect(isOurName('churn', 'churn-prod-v7-0123456789')).toBe(false)
    expect(isOurName('churn-prod', 'churn-prod-v7-v8-0123456789')).toBe(true)
    expect(isOurName('churn-v2', 'churn-v2-v7-0123456789')).toBe(true)
  })
})

describe('buildPlan', () => {
  it('creates a missing endpoint with model, config and no DeploymentConfig', () => {
    const plan = buildPlan({
      settings: settings({ dataCaptureS3Uri: 's3://bucket/capture' }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)]
    })
    expect(plan.action).toBe('create')
    expect(plan.models).toEqual([
      {
        ModelName: plan.variants[0]?.modelName,
        ExecutionRoleArn: ROLE,
        Containers: [{ ModelPackageName: packageArn(8) }],
        Tags: [
          { Key: 'sagemaker-model-gate:endpoint', Value: 'churn-prod' },
          { Key: 'sagemaker-model-gate:package-arn', Value: packageArn(8) }
        ]
      }
    ])
    expect(plan.endpointConfig?.ProductionVariants).toEqual([
      {
        VariantName: 'primary',
        ModelName: plan.variants[0]?.modelName,
        InitialVariantWeight: 1,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2
      }
    ])
    expect(plan.endpointConfig?.DataCaptureConfig).toEqual({
      EnableCapture: true,
      InitialSamplingPercentage: 100,
      DestinationS3Uri: 's3://bucket/capture',
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]
    })
    expect(plan.deploymentConfig).toBeUndefined()
    expect(plan.previousPackageArn).toBeUndefined()
  })

  it('updates with a canary blue/green policy and alarm rollback', () => {
    const plan = buildPlan({
      settings: settings({
        deploymentStrategy: 'canary',
        canarySize: 25,
        waitIntervalSeconds: 120,
        terminationWaitSeconds: 30,
        maxExecutionTimeoutSeconds: 1200,
        rollbackAlarms: ['churn-5xx', 'churn-latency']
      }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live()
    })
    expect(plan.action).toBe('update')
    expect(plan.previousPackageArn).toBe(packageArn(7))
    expect(plan.deploymentConfig).toEqual({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'CANARY',
          WaitIntervalInSeconds: 120,
          CanarySize: { Type: 'CAPACITY_PERCENT', Value: 25 }
        },
        TerminationWaitInSeconds: 30,
        MaximumExecutionTimeoutInSeconds: 1200
      },
      AutoRollbackConfiguration: {
        Alarms: [{ AlarmName: 'churn-5xx' }, { AlarmName: 'churn-latency' }]
      }
    })
  })

  it('uses linear steps when asked', () => {
    const plan = buildPlan({
      settings: settings({ deploymentStrategy: 'linear', linearStepSize: 20 }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live()
    })
    expect(plan.deploymentConfig?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration).toEqual({
      Type: 'LINEAR',
      WaitIntervalInSeconds: 60,
      LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 20 }
    })
  })

  it('keeps the compute of the live endpoint when none is given', () => {
    const plan = buildPlan({
      settings: settings({ instanceType: undefined, instanceCount: 1 }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live()
    })
    expect(plan.endpointConfig?.ProductionVariants?.[0]).toMatchObject({
      InstanceType: 'ml.m5.large',
      InitialInstanceCount: 2
    })
  })

  it('asks for instance-type when creating an endpoint without compute', () => {
    expect(() =>
      buildPlan({
        settings: settings({ instanceType: undefined }),
        region: REGION,
        run: DEFAULT_RUN,
        targets: [one(8)]
      })
    ).toThrow(/Input "instance-type".*does not exist yet/)
  })

  it('builds serverless variants and refuses what serverless cannot do', () => {
    const serverless = settings({
      instanceType: undefined,
      serverlessMemoryMb: 2048,
      serverlessMaxConcurrency: 5
    })
    const plan = buildPlan({
      settings: serverless,
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)]
    })
    expect(plan.endpointConfig?.ProductionVariants?.[0]).toEqual({
      VariantName: 'primary',
      ModelName: plan.variants[0]?.modelName,
      InitialVariantWeight: 1,
      ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
    })
    const attempt =
      (extra: Partial<DeploySettings>, targets = [one(8)]) =>
      () =>
        buildPlan({
          settings: { ...serverless, ...extra },
          region: REGION,
          run: DEFAULT_RUN,
          targets
        })
    expect(attempt({ deploymentStrategy: 'canary' })).toThrow(
      /"deployment-strategy" "canary".*serverless/
    )
    expect(attempt({ dataCaptureS3Uri: 's3://b/c' })).toThrow(/"data-capture-s3-uri".*serverless/)
    expect(attempt({}, [one(7, 50), one(8, 50)])).toThrow(/"traffic".*serverless/)
  })

  it('changes only weights when the live variants already serve the same packages', () => {
    const abLive = live({
      variants: [
        {
          variantName: 'v7',
          modelName: 'm7',
          packageArn: packageArn(7),
          weight: 90,
          compute: { kind: 'instance', instanceType: 'ml.m5.large', instanceCount: 2 }
        },
        {
          variantName: 'v8',
          modelName: 'm8',
          packageArn: packageArn(8),
          weight: 10,
          compute: { kind: 'instance', instanceType: 'ml.m5.large', instanceCount: 2 }
        }
      ]
    })
    const plan = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(7, 50), one(8, 50)],
      live: abLive
    })
    expect(plan.action).toBe('update-weights')
    expect(plan.models).toEqual([])
    expect(plan.endpointConfig).toBeUndefined()
    expect(plan.endpointConfigName).toBe(abLive.configName)
    expect(plan.updateWeights).toEqual({
      EndpointName: 'churn-prod',
      DesiredWeightsAndCapacities: [
        { VariantName: 'v7', DesiredWeight: 50 },
        { VariantName: 'v8', DesiredWeight: 50 }
      ]
    })
    const same = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(7, 90), one(8, 10)],
      live: abLive
    })
    expect(same.action).toBe('none')
  })

  it('does nothing when the endpoint already serves the package on the same compute', () => {
    const plan = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(7)],
      live: live()
    })
    expect(plan.action).toBe('none')
    expect(plan.models).toEqual([])
  })

  it('drops the DeploymentConfig with a note when variant names change', () => {
    const plan = buildPlan({
      settings: settings({ deploymentStrategy: 'canary', rollbackAlarms: ['a'] }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(7, 90), one(8, 10)],
      live: live()
    })
    expect(plan.action).toBe('update')
    expect(plan.variants.map(v => [v.variantName, v.weight])).toEqual([
      ['v7', 90],
      ['v8', 10]
    ])
    expect(plan.primary.version).toBe(7)
    expect(plan.deploymentConfig).toBeUndefined()
    expect(plan.notes[0]).toMatch(/primary -> v7,v8.*all at once and without alarm rollback/)
  })

  it('prints what would be created, updated and deleted', () => {
    const plan = buildPlan({
      settings: settings({ deploymentStrategy: 'canary' }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live()
    })
    const text = formatPlan(plan, {
      configs: ['churn-prod-v5-0000000000'],
      models: ['churn-prod-v5-1111111111']
    })
    expect(text).toContain(`create     model ${plan.variants[0]?.modelName} from ${packageArn(8)}`)
    expect(text).toContain(
      `create     endpoint config ${plan.endpointConfigName} (2 x ml.m5.large)`
    )
    expect(text).toContain(
      'update     endpoint churn-prod: CANARY 10%, wait 60 s, termination wait 0 s'
    )
    expect(text).toContain('delete     endpoint config churn-prod-v5-0000000000')
    expect(text).toContain('delete     model churn-prod-v5-1111111111')
    expect(text).toContain(`replaces   ${packageArn(7)}`)
  })
})
