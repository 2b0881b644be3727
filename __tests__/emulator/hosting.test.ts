// Models, endpoint configs and endpoints: lifecycle in time, blue/green updates, rollback.
import { describe, expect, it } from '@jest/globals'
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  UpdateModelPackageCommand,
  waitUntilEndpointInService
} from '@aws-sdk/client-sagemaker'
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime'
import {
  ACCOUNT,
  approvedModel,
  endpointConfig,
  expectAwsError,
  IMAGE,
  inService,
  linear,
  putArtifact,
  REGION,
  ROLE,
  sleep,
  useHarness,
  waitFor
} from './helpers.ts'

const h = useHarness()

const describeEndpoint = (name: string) =>
  h.sm.send(new DescribeEndpointCommand({ EndpointName: name }))

async function invoke(endpoint: string, body = '0\n'): Promise<{ body: string; variant?: string }> {
  const r = await h.rt.send(
    new InvokeEndpointCommand({
      EndpointName: endpoint,
      ContentType: 'text/csv',
      Body: Buffer.from(body)
    })
  )
  return { body: Buffer.from(r.Body!).toString('utf8'), variant: r.InvokedProductionVariant }
}

/** A regression model that answers `answer` for every row (one feature, weight 0). */
const constant = (answer: number) => linear('regression', [0], answer)

async function liveEndpoint(name = 'ep'): Promise<void> {
  await approvedModel(h, 'blue', constant(1))
  await endpointConfig(h, 'cfg-blue', [{ model: 'blue' }])
  await h.sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: 'cfg-blue' }))
  expect((await inService(h, name)).EndpointStatus).toBe('InService')
}

describe('models', () => {
  it('refuses a versioned package that is not Approved, and accepts it once approved', async () => {
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'g' }))
    const url = await putArtifact(h, 'g/model.json', constant(1))
    const { ModelPackageArn } = await h.sm.send(
      new CreateModelPackageCommand({
        ModelPackageGroupName: 'g',
        InferenceSpecification: { Containers: [{ Image: IMAGE, ModelDataUrl: url }] }
      })
    )
    for (const status of ['PendingManualApproval', 'Rejected'] as const) {
      if (status === 'Rejected')
        await h.sm.send(
          new UpdateModelPackageCommand({ ModelPackageArn, ModelApprovalStatus: 'Rejected' })
        )
      await expectAwsError(
        h.sm.send(
          new CreateModelCommand({
            ModelName: 'm',
            ExecutionRoleArn: ROLE,
            PrimaryContainer: { ModelPackageName: ModelPackageArn }
          })
        ),
        'ValidationException',
        400,
        new RegExp(`ModelApprovalStatus ${status}`)
      )
    }
    await h.sm.send(
      new UpdateModelPackageCommand({ ModelPackageArn, ModelApprovalStatus: 'Approved' })
    )
    const r = await h.sm.send(
      new CreateModelCommand({
        ModelName: 'm',
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { ModelPackageName: ModelPackageArn }
      })
    )
    expect(r.ModelArn).toBe(`arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/m`)
    const d = await h.sm.send(new DescribeModelCommand({ ModelName: 'm' }))
    expect(d.PrimaryContainer?.ModelPackageName).toBe(ModelPackageArn)
    expect(d.ExecutionRoleArn).toBe(ROLE)
  })

  it('accepts Image + ModelDataUrl, rejects duplicates, missing packages and bad names', async () => {
    await h.sm.send(
      new CreateModelCommand({
        ModelName: 'Direct',
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE, ModelDataUrl: 's3://models/x.json' }
      })
    )
    await expectAwsError(
      h.sm.send(
        new CreateModelCommand({
          ModelName: 'direct',
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { Image: IMAGE }
        })
      ),
      'ValidationException',
      400,
      /Cannot create already existing model "arn:aws:sagemaker:eu-west-1:123456789012:model\/direct"/
    )
    await expectAwsError(
      h.sm.send(
        new CreateModelCommand({
          ModelName: 'm2',
          ExecutionRoleArn: ROLE,
          Containers: [
            { ModelPackageName: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/g/1` }
          ]
        })
      ),
      'ValidationException',
      400,
      /does not exist/
    )
    await expectAwsError(
      h.sm.send(
        new CreateModelCommand({
          ModelName: 'bad_name',
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { Image: IMAGE }
        })
      ),
      'ValidationException'
    )
    await expectAwsError(
      h.sm.send(new DescribeModelCommand({ ModelName: 'nope' })),
      'ValidationException',
      400,
      /Could not find model/
    )
  })
})

describe('endpoint configs', () => {
  it('requires existing models and unique variant names, and defaults the weight to 1', async () => {
    await approvedModel(h, 'blue', constant(1))
    await expectAwsError(
      h.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'c',
          ProductionVariants: [
            {
              VariantName: 'A',
              ModelName: 'ghost',
              InstanceType: 'ml.m5.large',
              InitialInstanceCount: 1
            }
          ]
        })
      ),
      'ValidationException',
      400,
      /Could not find model/
    )
    await expectAwsError(
      h.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'c',
          ProductionVariants: [
            {
              VariantName: 'A',
              ModelName: 'blue',
              InstanceType: 'ml.m5.large',
              InitialInstanceCount: 1
            },
            {
              VariantName: 'A',
              ModelName: 'blue',
              InstanceType: 'ml.m5.large',
              InitialInstanceCount: 1
            }
          ]
        })
      ),
      'ValidationException',
      400,
      /repeated/
    )
    await h.sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'c',
        ProductionVariants: [
          {
            VariantName: 'A',
            ModelName: 'blue',
            ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
          }
        ]
      })
    )
    const d = await h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'c' }))
    expect(d.ProductionVariants?.[0]).toMatchObject({
      VariantName: 'A',
      InitialVariantWeight: 1,
      ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
    })
    await expectAwsError(
      h.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'c',
          ProductionVariants: [
            {
              VariantName: 'A',
              ModelName: 'blue',
              InstanceType: 'ml.m5.large',
              InitialInstanceCount: 1
            }
          ]
        })
      ),
      'ValidationException',
      400,
      /Cannot create already existing endpoint configuration/
    )
  })
})

describe('endpoints', () => {
  it('goes Creating -> InService and describes its variants', async () => {
    await approvedModel(h, 'blue', constant(1))
    await endpointConfig(h, 'cfg-blue', [{ model: 'blue', count: 2 }])
    const { EndpointArn } = await h.sm.send(
      new CreateEndpointCommand({ EndpointName: 'Scoring', EndpointConfigName: 'cfg-blue' })
    )
    expect(EndpointArn).toBe(`arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/scoring`)
    const creating = await describeEndpoint('Scoring')
    expect(creating.EndpointStatus).toBe('Creating')
    expect(creating.ProductionVariants).toBeUndefined()
    await expectAwsError(
      h.sm.send(
        new UpdateEndpointCommand({ EndpointName: 'Scoring', EndpointConfigName: 'cfg-blue' })
      ),
      'ValidationException',
      400,
      /Cannot update in-progress endpoint/
    )
    const live = await inService(h, 'Scoring')
    expect(live.EndpointStatus).toBe('InService')
    expect(live.EndpointConfigName).toBe('cfg-blue')
    expect(live.ProductionVariants?.[0]).toMatchObject({
      VariantName: 'AllTraffic',
      CurrentWeight: 1,
      DesiredWeight: 1,
      CurrentInstanceCount: 2,
      DesiredInstanceCount: 2
    })
    expect(live.ProductionVariants?.[0]?.DeployedImages?.[0]?.SpecifiedImage).toBe(IMAGE)
    expect(live.ProductionVariants?.[0]?.DeployedImages?.[0]?.ResolvedImage).toMatch(
      /@sha256:[0-9a-f]{64}$/
    )
    await expectAwsError(
      h.sm.send(
        new CreateEndpointCommand({ EndpointName: 'scoring', EndpointConfigName: 'cfg-blue' })
      ),
      'ValidationException',
      400,
      /Cannot create already existing endpoint/
    )
  })

  it('works with the SDK waiter', async () => {
    await approvedModel(h, 'blue', constant(1))
    await endpointConfig(h, 'cfg-blue', [{ model: 'blue' }])
    await h.sm.send(
      new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg-blue' })
    )
    const r = await waitUntilEndpointInService(
      { client: h.sm, minDelay: 1, maxDelay: 1, maxWaitTime: 10 },
      { EndpointName: 'ep' }
    )
    expect(r.state).toBe('SUCCESS')
  })

  it.each([
    ['a bad artifact', JSON.stringify({ bad: true }), /did not pass the ping health check/],
    ['an unparseable artifact', 'not json at all', /did not pass the ping health check/]
  ])('ends Failed when created with %s', async (_label, artifact, reason) => {
    await approvedModel(h, 'broken', artifact)
    await endpointConfig(h, 'cfg', [{ model: 'broken' }])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }))
    const d = await inService(h, 'ep')
    expect(d.EndpointStatus).toBe('Failed')
    expect(d.FailureReason).toMatch(reason)
    await expectAwsError(
      h.sm.send(new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' })),
      'ValidationException',
      400,
      /Cannot update failed endpoint/
    )
  })

  it('ends Failed when the artifact is missing from S3', async () => {
    await h.sm.send(
      new CreateModelCommand({
        ModelName: 'm',
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE, ModelDataUrl: 's3://models/missing.json' }
      })
    )
    await endpointConfig(h, 'cfg', [{ model: 'm' }])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }))
    const d = await inService(h, 'ep')
    expect(d.EndpointStatus).toBe('Failed')
    expect(d.FailureReason).toMatch(/Failed to download model data .*s3:\/\/models\/missing\.json/)
  })

  it('updates all at once: Updating -> InService, config name changes only at the end', async () => {
    await liveEndpoint()
    await approvedModel(h, 'green', constant(2))
    await endpointConfig(h, 'cfg-green', [{ model: 'green' }])
    const deployment = {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE' as const, WaitIntervalInSeconds: 0 },
        TerminationWaitInSeconds: 0
      }
    }
    await h.sm.send(
      new UpdateEndpointCommand({
        EndpointName: 'ep',
        EndpointConfigName: 'cfg-green',
        DeploymentConfig: deployment
      })
    )
    const updating = await describeEndpoint('ep')
    expect(updating.EndpointStatus).toBe('Updating')
    expect(updating.EndpointConfigName).toBe('cfg-blue')
    expect(updating.PendingDeploymentSummary?.EndpointConfigName).toBe('cfg-green')
    expect((await invoke('ep')).body).toBe('1\n')
    const done = await inService(h, 'ep')
    expect(done.EndpointStatus).toBe('InService')
    expect(done.EndpointConfigName).toBe('cfg-green')
    expect(done.LastDeploymentConfig).toEqual(deployment)
    expect(done.PendingDeploymentSummary).toBeUndefined()
    expect(done.FailureReason).toBeUndefined()
    expect((await invoke('ep')).body).toBe('2\n')
  })

  it('honours canary steps in time: the canary share first, then everything', async () => {
    await liveEndpoint()
    await approvedModel(h, 'green', constant(2))
    await endpointConfig(h, 'cfg-green', [{ model: 'green', count: 4 }])
    const started = Date.now()
    await h.sm.send(
      new UpdateEndpointCommand({
        EndpointName: 'ep',
        EndpointConfigName: 'cfg-green',
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: {
              Type: 'CANARY',
              WaitIntervalInSeconds: 60,
              CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 }
            },
            TerminationWaitInSeconds: 0
          }
        }
      })
    )
    const baking = await waitFor(
      () => describeEndpoint('ep'),
      r =>
        r.PendingDeploymentSummary?.ProductionVariants?.[0]?.VariantStatus?.[0]?.Status === 'Baking'
    )
    expect(baking.EndpointConfigName).toBe('cfg-blue')
    // One of four green instances: a quarter of the traffic, exactly, over eight requests.
    const answers = []
    for (let i = 0; i < 8; i++) answers.push((await invoke('ep')).body)
    expect(answers.filter(a => a === '2\n')).toHaveLength(2)
    const done = await inService(h, 'ep')
    expect(done.EndpointConfigName).toBe('cfg-green')
    // Two bake periods of 60 "seconds" at 5 ms each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600)
  })

  it('honours linear steps: traffic grows by the step size between waits', async () => {
    await liveEndpoint()
    await approvedModel(h, 'green', constant(2))
    await endpointConfig(h, 'cfg-green', [{ model: 'green', count: 2 }])
    await h.sm.send(
      new UpdateEndpointCommand({
        EndpointName: 'ep',
        EndpointConfigName: 'cfg-green',
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: {
              Type: 'LINEAR',
              WaitIntervalInSeconds: 40,
              LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 50 }
            }
          }
        }
      })
    )
    await waitFor(
      () => describeEndpoint('ep'),
      r =>
        r.PendingDeploymentSummary?.ProductionVariants?.[0]?.VariantStatus?.[0]?.Status === 'Baking'
    )
    const half = []
    for (let i = 0; i < 4; i++) half.push((await invoke('ep')).body)
    expect(half.filter(a => a === '2\n')).toHaveLength(2)
    const done = await inService(h, 'ep')
    expect(done.EndpointConfigName).toBe('cfg-green')
    expect(
      done.LastDeploymentConfig?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration?.Type
    ).toBe('LINEAR')
  })

  it('rolls back a failing update: Updating -> RollingBack -> InService on the old config', async () => {
    await liveEndpoint()
    await approvedModel(h, 'broken', JSON.stringify({ bad: true }))
    await endpointConfig(h, 'cfg-broken', [{ model: 'broken' }])
    // Each phase lasts long enough for polling on a loaded machine; delays outlive reset().
    h.emu.setDelays({ endpointUpdateMs: 300 })
    const seen = new Set<string>()
    let done
    try {
      await h.sm.send(
        new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg-broken' })
      )
      done = await waitFor(
        async () => {
          const r = await describeEndpoint('ep')
          seen.add(r.EndpointStatus!)
          return r
        },
        r => r.EndpointStatus === 'InService'
      )
    } finally {
      h.emu.setDelays({ endpointUpdateMs: 40 })
    }
    expect([...seen]).toEqual(['Updating', 'RollingBack', 'InService'])
    expect(done.EndpointConfigName).toBe('cfg-blue')
    expect(done.FailureReason).toMatch(/ping health check/)
    expect((await invoke('ep')).body).toBe('1\n')
  })

  it('rolls back when an auto-rollback alarm fires during baking', async () => {
    await liveEndpoint()
    await approvedModel(h, 'green', constant(2))
    await endpointConfig(h, 'cfg-green', [{ model: 'green' }])
    h.emu.setFaults({ alarms: { 'ep-5xx': 'ALARM' } })
    await h.sm.send(
      new UpdateEndpointCommand({
        EndpointName: 'ep',
        EndpointConfigName: 'cfg-green',
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 10 }
          },
          AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ep-5xx' }] }
        }
      })
    )
    const done = await waitFor(
      () => describeEndpoint('ep'),
      r => r.EndpointStatus === 'InService'
    )
    expect(done.EndpointConfigName).toBe('cfg-blue')
    expect(done.FailureReason).toMatch(/ep-5xx/)
  })

  it('validates the deployment config', async () => {
    await liveEndpoint()
    await expectAwsError(
      h.sm.send(
        new UpdateEndpointCommand({
          EndpointName: 'ep',
          EndpointConfigName: 'cfg-blue',
          DeploymentConfig: {
            BlueGreenUpdatePolicy: {
              TrafficRoutingConfiguration: { Type: 'CANARY', WaitIntervalInSeconds: 5 }
            }
          }
        })
      ),
      'ValidationException',
      400,
      /canarySize/
    )
    await expectAwsError(
      h.sm.send(new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'nope' })),
      'ValidationException',
      400,
      /Could not find endpoint configuration/
    )
  })

  it('refuses canary and linear sizes outside the documented share of the fleet', async () => {
    await liveEndpoint()
    await approvedModel(h, 'green', constant(2))
    await endpointConfig(h, 'cfg-green', [{ model: 'green', count: 2 }])
    const update = (routing: Record<string, unknown>) =>
      h.sm.send(
        new UpdateEndpointCommand({
          EndpointName: 'ep',
          EndpointConfigName: 'cfg-green',
          DeploymentConfig: {
            BlueGreenUpdatePolicy: {
              TrafficRoutingConfiguration: { WaitIntervalInSeconds: 1, ...routing } as never
            }
          }
        })
      )
    // TrafficRoutingConfig: CanarySize <= 50% of the instances, LinearStepSize 10-50%.
    await expectAwsError(
      update({ Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 60 } }),
      'ValidationException',
      400,
      /CanarySize CAPACITY_PERCENT 60 .* at most 50%/
    )
    await expectAwsError(
      update({ Type: 'CANARY', CanarySize: { Type: 'INSTANCE_COUNT', Value: 2 } }),
      'ValidationException',
      400,
      /CanarySize INSTANCE_COUNT 2/
    )
    await expectAwsError(
      update({ Type: 'LINEAR', LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 5 } }),
      'ValidationException',
      400,
      /LinearStepSize CAPACITY_PERCENT 5 .* 10-50%/
    )
    expect((await describeEndpoint('ep')).EndpointStatus).toBe('InService')
    await update({ Type: 'CANARY', CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 } })
    expect((await describeEndpoint('ep')).EndpointStatus).toBe('Updating')
  })

  it('validates a RollingUpdatePolicy and the DeploymentConfig of CreateEndpoint', async () => {
    await liveEndpoint()
    await expectAwsError(
      h.sm.send(
        new UpdateEndpointCommand({
          EndpointName: 'ep',
          EndpointConfigName: 'cfg-blue',
          DeploymentConfig: { RollingUpdatePolicy: { WaitIntervalInSeconds: 5000 } as never }
        })
      ),
      'ValidationException',
      400,
      /2 validation errors detected: .*maximumBatchSize.*must not be null.*waitIntervalInSeconds.*less than or equal to 3600/
    )
    await expectAwsError(
      h.sm.send(
        new CreateEndpointCommand({
          EndpointName: 'ep2',
          EndpointConfigName: 'cfg-blue',
          DeploymentConfig: { AutoRollbackConfiguration: { Alarms: [] } }
        })
      ),
      'ValidationException',
      400,
      /alarms.*greater than or equal to 1/
    )
  })

  it('refuses DeleteEndpoint while the endpoint is Creating or Updating', async () => {
    await approvedModel(h, 'blue', constant(1))
    await endpointConfig(h, 'cfg-blue', [{ model: 'blue' }])
    await h.sm.send(
      new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg-blue' })
    )
    await expectAwsError(
      h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' })),
      'ValidationException',
      400,
      /^Cannot delete in-progress endpoint "arn:aws:sagemaker:eu-west-1:123456789012:endpoint\/ep"\.$/
    )
    await inService(h, 'ep')
    await h.sm.send(
      new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg-blue' })
    )
    expect((await describeEndpoint('ep')).EndpointStatus).toBe('Updating')
    await expectAwsError(
      h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' })),
      'ValidationException',
      400,
      /in-progress/
    )
    expect((await inService(h, 'ep')).EndpointStatus).toBe('InService')
    await h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' }))
    expect((await describeEndpoint('ep')).EndpointStatus).toBe('Deleting')
  })

  it('UpdateEndpointWeightsAndCapacities moves weights after Updating', async () => {
    await approvedModel(h, 'a', constant(1))
    await approvedModel(h, 'b', constant(2))
    await endpointConfig(h, 'cfg', [
      { model: 'a', name: 'A', weight: 1 },
      { model: 'b', name: 'B', weight: 1 }
    ])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }))
    await inService(h, 'ep')
    await h.sm.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: 'ep',
        DesiredWeightsAndCapacities: [
          { VariantName: 'B', DesiredWeight: 0, DesiredInstanceCount: 2 }
        ]
      })
    )
    const updating = await describeEndpoint('ep')
    expect(updating.EndpointStatus).toBe('Updating')
    expect(updating.ProductionVariants?.find(v => v.VariantName === 'B')).toMatchObject({
      CurrentWeight: 1,
      DesiredWeight: 0,
      DesiredInstanceCount: 2
    })
    const done = await inService(h, 'ep')
    expect(done.ProductionVariants?.find(v => v.VariantName === 'B')).toMatchObject({
      CurrentWeight: 0,
      CurrentInstanceCount: 2
    })
    for (let i = 0; i < 4; i++) expect((await invoke('ep')).variant).toBe('A')
    await expectAwsError(
      h.sm.send(
        new UpdateEndpointWeightsAndCapacitiesCommand({
          EndpointName: 'ep',
          DesiredWeightsAndCapacities: [{ VariantName: 'C', DesiredWeight: 1 }]
        })
      ),
      'ValidationException',
      400,
      /\[C\]/
    )
  })

  it('enforces the instance quota with ResourceLimitExceeded, counting both blue/green fleets', async () => {
    h.emu.setFaults({ instanceLimits: { 'ml.m5.large': 3 } })
    await approvedModel(h, 'blue', constant(1))
    await endpointConfig(h, 'two', [{ model: 'blue', count: 2 }])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'two' }))
    await inService(h, 'ep')
    const err = await expectAwsError(
      h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep2', EndpointConfigName: 'two' })),
      'ResourceLimitExceeded',
      400,
      /'ml\.m5\.large for endpoint usage' is 3 Instances, with current utilization of 2 Instances and a request delta of 2 Instances/
    )
    expect(err.$fault).toBe('client')
    await expectAwsError(
      h.sm.send(new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'two' })),
      'ResourceLimitExceeded'
    )
    expect((await describeEndpoint('ep')).EndpointStatus).toBe('InService')
  })

  it('deletes: Deleting, then gone', async () => {
    await liveEndpoint()
    // Long enough that a loaded machine still sees Deleting; delays outlive reset().
    h.emu.setDelays({ endpointDeleteMs: 300 })
    try {
      await h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' }))
      expect((await describeEndpoint('ep')).EndpointStatus).toBe('Deleting')
    } finally {
      h.emu.setDelays({ endpointDeleteMs: 20 })
    }
    await sleep(400)
    await expectAwsError(
      describeEndpoint('ep'),
      'ValidationException',
      400,
      /Could not find endpoint "arn:aws:sagemaker:eu-west-1:123456789012:endpoint\/ep"/
    )
    await expectAwsError(
      h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' })),
      'ValidationException'
    )
  })

  it('lists endpoints newest first by default', async () => {
    await liveEndpoint('first')
    await sleep(5)
    await h.sm.send(
      new CreateEndpointCommand({ EndpointName: 'second', EndpointConfigName: 'cfg-blue' })
    )
    const r = await h.sm.send(new ListEndpointsCommand({}))
    expect(r.Endpoints?.map(e => [e.EndpointName, e.EndpointStatus])).toEqual([
      ['second', 'Creating'],
      ['first', 'InService']
    ])
    const filtered = await h.sm.send(new ListEndpointsCommand({ StatusEquals: 'InService' }))
    expect(filtered.Endpoints?.map(e => e.EndpointName)).toEqual(['first'])
    const byStatus = await h.sm.send(
      new ListEndpointsCommand({ SortBy: 'Status', SortOrder: 'Ascending' })
    )
    expect(byStatus.Endpoints?.map(e => e.EndpointStatus)).toEqual(['Creating', 'InService'])
  })

  it('filters endpoints by LastModifiedTime and CreationTimeAfter inclusively', async () => {
    await liveEndpoint('first')
    const first = await describeEndpoint('first')
    const created = first.CreationTime!
    const inclusive = await h.sm.send(new ListEndpointsCommand({ CreationTimeAfter: created }))
    expect(inclusive.Endpoints?.map(e => e.EndpointName)).toEqual(['first'])
    const modifiedLater = await h.sm.send(
      new ListEndpointsCommand({
        LastModifiedTimeAfter: new Date(first.LastModifiedTime!.getTime() + 1000)
      })
    )
    expect(modifiedLater.Endpoints).toEqual([])
    const modifiedBefore = await h.sm.send(
      new ListEndpointsCommand({
        LastModifiedTimeBefore: new Date(first.LastModifiedTime!.getTime() + 1000)
      })
    )
    expect(modifiedBefore.Endpoints?.map(e => e.EndpointName)).toEqual(['first'])
  })

  it('validates list parameters per operation (StatusEquals, SortBy, NameContains)', async () => {
    await expectAwsError(
      h.sm.send(new ListEndpointsCommand({ StatusEquals: 'Running' as never })),
      'ValidationException',
      400,
      /Value 'Running' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: \[OutOfService, .*UpdateRollbackFailed\]/
    )
    // ListModels and ListEndpointConfigs sort by Name or CreationTime only.
    await expectAwsError(
      h.sm.send(new ListModelsCommand({ SortBy: 'Status' as never })),
      'ValidationException',
      400,
      /at 'sortBy'.*\[Name, CreationTime\]/
    )
    await expectAwsError(
      h.sm.send(new ListEndpointConfigsCommand({ SortBy: 'Status' as never })),
      'ValidationException'
    )
    await expectAwsError(
      h.sm.send(new ListEndpointsCommand({ NameContains: 'a_b' })),
      'ValidationException',
      400,
      /Value 'a_b' at 'nameContains'.*regular expression pattern/
    )
  })
})
