import { describe, expect, it } from '@jest/globals'
import { DEFAULT_RUN } from '../../__fixtures__/context.js'
import { BASE_DEPLOY, packageArn, REGION, ROLE } from '../../__fixtures__/deploy/sagemaker.js'
import { buildPlan, formatPlan, isOurName, resourceName } from '../../src/deploy/plan.js'
import { earlierRollback } from '../../src/deploy/targets.js'
import { NAME_MAX } from '../../src/registry/names.js'
import type { LiveEndpoint } from '../../src/registry/served.js'
import { TAGS } from '../../src/registry/tags.js'
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
      settings: settings({ instanceType: undefined, instanceCount: undefined }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live()
    })
    expect(plan.endpointConfig?.ProductionVariants?.[0]).toMatchObject({
      InstanceType: 'ml.m5.large',
      InitialInstanceCount: 2
    })
    expect(formatPlan(plan)).toContain('  capacity   ml.m5.large x2 (unchanged)\n')
  })

  it('applies instance-count alone and keeps the instance type, and the plan shows the change', () => {
    const plan = buildPlan({
      settings: settings({ instanceType: undefined, instanceCount: 3 }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live()
    })
    expect(plan.compute).toEqual({
      kind: 'instance',
      instanceType: 'ml.m5.large',
      instanceCount: 3
    })
    expect(formatPlan(plan)).toContain('  capacity   ml.m5.large x2 -> ml.m5.large x3\n')
  })

  it('applies instance-type alone and keeps the instance count', () => {
    const plan = buildPlan({
      settings: settings({ instanceType: 'ml.c5.xlarge', instanceCount: undefined }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live()
    })
    expect(plan.endpointConfig?.ProductionVariants?.[0]).toMatchObject({
      InstanceType: 'ml.c5.xlarge',
      InitialInstanceCount: 2
    })
    expect(formatPlan(plan)).toContain('  capacity   ml.m5.large x2 -> ml.c5.xlarge x2\n')
  })

  it('starts a new endpoint, or one moving off serverless, at one instance unless told', () => {
    const fresh = buildPlan({
      settings: settings({ instanceCount: undefined }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)]
    })
    expect(fresh.compute).toEqual({
      kind: 'instance',
      instanceType: 'ml.m5.large',
      instanceCount: 1
    })
    expect(formatPlan(fresh)).toContain('  capacity   ml.m5.large x1\n')
    const serverlessLive = live({
      variants: [
        {
          variantName: 'primary',
          packageArn: packageArn(7),
          weight: 1,
          compute: { kind: 'serverless', memorySizeInMb: 2048, maxConcurrency: 5 }
        }
      ]
    })
    const moved = buildPlan({
      settings: settings({ instanceCount: undefined }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: serverlessLive
    })
    expect(formatPlan(moved)).toContain(
      '  capacity   serverless 2048 MB, max concurrency 5 -> ml.m5.large x1\n'
    )
    expect(() =>
      buildPlan({
        settings: settings({ instanceType: undefined, instanceCount: 2 }),
        region: REGION,
        run: DEFAULT_RUN,
        targets: [one(8)],
        live: serverlessLive
      })
    ).toThrow(
      'Input "instance-count" needs "instance-type" here: endpoint "churn-prod" runs no instance type this action can keep'
    )
  })

  it('asks for instance-type when creating an endpoint without compute', () => {
    expect(() =>
      buildPlan({
        settings: settings({ instanceType: undefined, instanceCount: undefined }),
        region: REGION,
        run: DEFAULT_RUN,
        targets: [one(8)]
      })
    ).toThrow(/Input "instance-type".*does not exist yet/)
    expect(() =>
      buildPlan({
        settings: settings({ instanceType: undefined, instanceCount: 2 }),
        region: REGION,
        run: DEFAULT_RUN,
        targets: [one(8)]
      })
    ).toThrow(
      'Input "instance-count" needs "instance-type" here: endpoint "churn-prod" does not exist yet. Give "instance-type" too, such as ml.m5.large.'
    )
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

  it('lists every call in order: creates, the change, tags, records, deletes, the rejection', () => {
    const plan = buildPlan({
      settings: settings({ deploymentStrategy: 'canary' }),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [{ ...one(8), metadata: { 'metric:auc': '0.9' } }],
      // A deploy clears what an earlier rollback recorded: it is never taken for one.
      live: live({
        tags: {
          'sagemaker-model-gate:package-arn': packageArn(7),
          [TAGS.rolledBackFrom]: packageArn(6)
        }
      }),
      now: new Date('2026-03-01T12:00:00Z'),
      facts: {
        existing: { models: new Map(), configs: new Map() },
        cleanup: { configs: ['churn-prod-v5-0000000000'], models: ['churn-prod-v5-1111111111'] }
      }
    })
    const model = plan.variants[0]?.modelName
    const text = formatPlan(plan, 600)
    expect(text.split('\n').slice(4)).toEqual([
      `  calls      1. CreateModel ${model}: ${packageArn(8)}, role ${ROLE}`,
      `             2. CreateEndpointConfig ${plan.endpointConfigName}: primary=${model} (ml.m5.large x2, weight 1)`,
      `             3. UpdateEndpoint churn-prod to ${plan.endpointConfigName}: CANARY 10%, wait 60 s, termination wait 0 s`,
      `                 then wait until churn-prod is InService on ${plan.endpointConfigName} (up to 600 s, input "wait-timeout") and verify it serves it`,
      `             4. AddTags churn-prod: package-arn=${packageArn(8)}, previous-package-arn=${packageArn(7)}, rolled-back-from=, commit=${DEFAULT_RUN.sha}, run=https://github.com/acme/churn-model/actions/runs/987654321`,
      `             5. UpdateModelPackage v8 (${packageArn(8)}): deployed:churn-prod=2026-03-01T12:00:00.000Z run https://github.com/acme/churn-model/actions/runs/987654321`,
      '             6. DeleteEndpointConfig churn-prod-v5-0000000000',
      '             7. DeleteModel churn-prod-v5-1111111111'
    ])
    expect(text).toContain(`replaces   ${packageArn(7)}`)
    expect(plan.calls.map(c => c.operation)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'AddTags',
      'UpdateModelPackage',
      'DeleteEndpointConfig',
      'DeleteModel'
    ])
  })

  it('uses models and configs that exist already instead of creating them, and says when they were made', () => {
    const draft = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live()
    })
    const model = draft.variants[0]?.modelName as string
    const plan = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(8)],
      live: live(),
      facts: {
        existing: {
          models: new Map([[model, new Date('2026-02-20T08:00:00Z')]]),
          configs: new Map([[draft.endpointConfigName, undefined]])
        },
        cleanup: { configs: [], models: [] }
      }
    })
    expect(plan.calls.map(c => c.operation)).toEqual([
      'UpdateEndpoint',
      'AddTags',
      'UpdateModelPackage'
    ])
    const text = formatPlan(plan)
    expect(text).toContain(
      `  reuse      model ${model}: it exists already with the same content (created 2026-02-20T08:00:00.000Z)\n`
    )
    expect(text).toContain(
      `  reuse      endpoint config ${draft.endpointConfigName}: it exists already with the same content\n`
    )
  })

  it('makes no call at all when the endpoint already serves the plan and its tags say so', () => {
    const plan = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(7)],
      live: live({ tags: { 'sagemaker-model-gate:package-arn': packageArn(7) } })
    })
    expect(plan.action).toBe('none')
    expect(plan.calls).toEqual([])
    expect(formatPlan(plan)).toContain('  calls      none')
    expect(formatPlan(plan)).not.toContain('replaces')
  })

  it('writes the record of an endpoint that serves the plan but whose tags name another version', () => {
    const plan = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(7)],
      live: live({ tags: { 'sagemaker-model-gate:package-arn': packageArn(6) } }),
      now: new Date('2026-03-01T12:00:00Z')
    })
    expect(plan.action).toBe('none')
    expect(plan.calls.map(c => c.operation)).toEqual(['AddTags', 'UpdateModelPackage'])
    expect(plan.calls[0]).toMatchObject({
      tags: expect.arrayContaining([
        { Key: 'sagemaker-model-gate:package-arn', Value: packageArn(7) },
        { Key: 'sagemaker-model-gate:previous-package-arn', Value: packageArn(6) }
      ])
    })
    expect(formatPlan(plan)).toContain(
      'unchanged  endpoint churn-prod already serves this on churn-prod-v7-0123456789; its tags do not say so, so they are written'
    )
  })

  it('rejects the replaced version last, and only when it is the one the endpoint serves', () => {
    const reject = {
      packageArn: packageArn(7),
      version: 7,
      update: { status: 'Rejected' as const, approvalDescription: 'Rejected on rollback: bad' }
    }
    const plan = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(6)],
      live: live(),
      kind: 'rollback',
      reject
    })
    expect(plan.calls.at(-1)).toEqual({
      operation: 'UpdateModelPackage',
      purpose: 'reject',
      packageArn: packageArn(7),
      version: 7,
      update: reject.update
    })
    // After a rollback no previous package is recorded, so the next one goes further back;
    // what it replaced is recorded apart, for a re-run of the same workflow run.
    const tags = plan.calls.find(c => c.operation === 'AddTags')
    expect(tags).toMatchObject({
      tags: expect.arrayContaining([
        { Key: 'sagemaker-model-gate:previous-package-arn', Value: '' },
        { Key: 'sagemaker-model-gate:rolled-back-from', Value: packageArn(7) }
      ])
    })
    const elsewhere = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [one(6)],
      live: live(),
      kind: 'rollback',
      reject: { ...reject, packageArn: packageArn(9), version: 9 }
    })
    expect(
      elsewhere.calls.some(c => c.operation === 'UpdateModelPackage' && c.purpose === 'reject')
    ).toBe(false)
    expect(elsewhere.notes).toContain(
      `Not rejecting ${packageArn(9)}: the endpoint serves ${packageArn(7)} with the largest weight, so the replaced version is not certain.`
    )
  })

  it('plans a re-run of its own rollback as done: what it replaced, no call but a rejection left', () => {
    const reject = {
      packageArn: packageArn(8),
      version: 8,
      update: { status: 'Rejected' as const, approvalDescription: 'Rejected on rollback: bad' }
    }
    const input = {
      settings: settings(),
      region: REGION,
      run: { ...DEFAULT_RUN, runAttempt: '2' },
      targets: [one(7)],
      live: live({ tags: { [TAGS.packageArn]: packageArn(7) } }),
      kind: 'rollback' as const,
      rolledBackFrom: packageArn(8)
    }
    const done = buildPlan(input)
    expect(done.action).toBe('none')
    expect(done.calls).toEqual([])
    expect(done.previousPackageArn).toBe(packageArn(8))
    expect(formatPlan(done)).toContain(`replaces   ${packageArn(8)}`)
    const left = buildPlan({ ...input, reject })
    expect(left.calls).toEqual([
      {
        operation: 'UpdateModelPackage',
        purpose: 'reject',
        packageArn: packageArn(8),
        version: 8,
        update: reject.update
      }
    ])
    expect(left.notes).toEqual([])
    // Its tags already name what serves: the plan must not say it writes them.
    expect(formatPlan(left)).toContain(
      'unchanged  endpoint churn-prod already serves this on churn-prod-v7-0123456789\n'
    )
  })

  it('leaves out the deployment record where the version has no room for it, with a note', () => {
    const full = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))
    const plan = buildPlan({
      settings: settings(),
      region: REGION,
      run: DEFAULT_RUN,
      targets: [{ ...one(8), metadata: full }],
      live: live()
    })
    expect(plan.calls.map(c => c.operation)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'AddTags'
    ])
    expect(plan.notes).toContain(
      'Not recorded on v8: deployed:churn-prod: the package already holds 50 entries'
    )
  })
})

describe('earlierRollback', () => {
  const RUN = { ...DEFAULT_RUN, runAttempt: '2' }
  const rolledBack = (tags: Record<string, string>) =>
    live({
      tags: {
        [TAGS.packageArn]: packageArn(7),
        [TAGS.rolledBackFrom]: packageArn(8),
        [TAGS.run]: 'https://github.com/acme/churn-model/actions/runs/987654321',
        ...tags
      }
    })

  it('finds the rollback of this workflow run, whatever the attempt', () => {
    expect(earlierRollback(rolledBack({}), packageArn(7), RUN)).toBe(packageArn(8))
  })

  it('finds none made by another run, by a deploy, outside a workflow run, or undone since', () => {
    const other = { [TAGS.run]: 'https://github.com/acme/churn-model/actions/runs/1' }
    expect(earlierRollback(rolledBack(other), packageArn(7), RUN)).toBeUndefined()
    const deployed = { [TAGS.rolledBackFrom]: '' }
    expect(earlierRollback(rolledBack(deployed), packageArn(7), RUN)).toBeUndefined()
    const local = { ...RUN, runId: '', repository: '' }
    expect(
      earlierRollback(rolledBack({ [TAGS.run]: 'local' }), packageArn(7), local)
    ).toBeUndefined()
    // Someone deployed v9 since without the tags saying so.
    expect(earlierRollback(rolledBack({}), packageArn(9), RUN)).toBeUndefined()
    const split = rolledBack({})
    split.variants.push({ ...split.variants[0]!, variantName: 'v9', packageArn: packageArn(9) })
    expect(earlierRollback(split, packageArn(7), RUN)).toBeUndefined()
  })
})
