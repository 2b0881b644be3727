// The post step of dist/index.js, as the runner runs it after a cancelled or crashed live
// evaluation: with the temporary resources the main step recorded in its state, it stops
// the transform job, waits for the endpoint still being created, deletes endpoint, config
// and models, and warns with the exact command for what it may not delete.
import { describe, expect, it } from '@jest/globals'
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateTransformJobCommand,
  DescribeTransformJobCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand
} from '@aws-sdk/client-sagemaker'
import type { Emulator } from '../../emulator/server.ts'
import {
  clients,
  explain,
  IMAGE,
  logisticModel,
  ROLE,
  runOn,
  seedModel,
  useEmulator
} from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e), {
  port: 0,
  delays: {
    endpointCreateMs: 1500,
    endpointDeleteMs: 20,
    transformJobMs: 20000,
    transformStopMs: 20
  }
})

const NAME = 'gate-77-1'

/** What a live evaluation had created when the job was cancelled, and its saved state. */
async function leftBehind(): Promise<Record<string, string>> {
  const { sagemaker } = clients(emulator)
  const modelDataUrl = seedModel(emulator, 'live/model.json', logisticModel([1, -1]))
  for (const role of ['candidate', 'baseline'])
    await sagemaker.send(
      new CreateModelCommand({
        ModelName: `${NAME}-${role}`,
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE, ModelDataUrl: modelDataUrl }
      })
    )
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: `${NAME}-candidate`,
      ProductionVariants: [
        {
          VariantName: 'candidate',
          ModelName: `${NAME}-candidate`,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
        }
      ]
    })
  )
  await sagemaker.send(
    new CreateEndpointCommand({
      EndpointName: `${NAME}-candidate`,
      EndpointConfigName: `${NAME}-candidate`
    })
  )
  emulator.seed({ s3Objects: [{ bucket: 'work', key: 'in/data.csv', body: '1,0.5\n0,0.1\n' }] })
  await sagemaker.send(
    new CreateTransformJobCommand({
      TransformJobName: `${NAME}-baseline`,
      ModelName: `${NAME}-baseline`,
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://work/in/' } },
        ContentType: 'text/csv',
        SplitType: 'Line'
      },
      TransformOutput: { S3OutputPath: 's3://work/out/' },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 }
    })
  )
  const record = (kind: string, role: string) => ({
    kind,
    name: `${NAME}-${role}`,
    region: 'us-east-1'
  })
  return {
    isPost: 'true',
    'temporary-resources': JSON.stringify([
      record('model', 'candidate'),
      record('model', 'baseline'),
      record('endpoint-config', 'candidate'),
      record('endpoint', 'candidate'),
      record('transform-job', 'baseline')
    ])
  }
}

async function left() {
  const { sagemaker } = clients(emulator)
  const [models, configs, endpoints] = await Promise.all([
    sagemaker.send(new ListModelsCommand({})),
    sagemaker.send(new ListEndpointConfigsCommand({})),
    sagemaker.send(new ListEndpointsCommand({}))
  ])
  const job = await sagemaker.send(
    new DescribeTransformJobCommand({ TransformJobName: `${NAME}-baseline` })
  )
  return {
    models: (models.Models ?? []).map(m => m.ModelName),
    configs: (configs.EndpointConfigs ?? []).map(c => c.EndpointConfigName),
    endpoints: (endpoints.Endpoints ?? [])
      .filter(e => e.EndpointStatus !== 'Deleting')
      .map(e => e.EndpointName),
    job: job.TransformJobStatus
  }
}

describe('post step after a cancelled live evaluation', () => {
  it('stops the job, waits for the endpoint being created, and deletes everything recorded', async () => {
    const state = await leftBehind()
    const post = await runOn(emulator, { mode: 'gate' }, { state })
    expect({ exitCode: post.exitCode, log: post.exitCode ? explain(post) : '' }).toEqual({
      exitCode: 0,
      log: ''
    })
    expect(post.warnings).toEqual([])
    expect(post.stdout).toContain(`Cleaned up temporary endpoint ${NAME}-candidate`)
    expect(await left()).toEqual({
      models: [],
      configs: [],
      endpoints: [],
      job: expect.stringMatching(/^Stopp(ing|ed)$/)
    })
    expect(emulator.calls().map(c => c.operation)).toEqual(
      expect.arrayContaining([
        'StopTransformJob',
        'DeleteEndpoint',
        'DeleteEndpointConfig',
        'DeleteModel'
      ])
    )
  })

  it('warns with the command to run for a resource it may not delete, and still removes the rest', async () => {
    const state = await leftBehind()
    emulator.setPolicy({
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' },
          {
            Effect: 'Deny',
            Action: 'sagemaker:DeleteModel',
            Resource: `arn:aws:sagemaker:us-east-1:123456789012:model/${NAME}-baseline`
          }
        ]
      }
    })
    const post = await runOn(emulator, { mode: 'gate' }, { state })
    expect({ exitCode: post.exitCode, log: post.exitCode ? explain(post) : '' }).toEqual({
      exitCode: 0,
      log: ''
    })
    expect(post.warnings).toHaveLength(1)
    expect(post.warnings[0]).toMatch(
      new RegExp(
        `^Could not delete temporary model "${NAME}-baseline": User: .* is not authorized to perform: sagemaker:DeleteModel.*Run: aws sagemaker delete-model --model-name ${NAME}-baseline --region us-east-1$`
      )
    )
    emulator.setPolicy({ policy: null })
    expect((await left()).models).toEqual([`${NAME}-baseline`])
  })
})
