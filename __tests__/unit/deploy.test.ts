import { afterEach, describe, expect, it } from '@jest/globals'
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand
} from '@aws-sdk/client-sagemaker'
import { getOctokit } from '@actions/github'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import {
  deploySettings,
  packageArn,
  ROLE,
  simContext,
  validationError
} from '../../__fixtures__/deploy/sagemaker.js'
import {
  DEPLOYMENT_STATE,
  parseInFlight,
  type InFlightDeployment
} from '../../src/deploy/inflight.js'
import { runDeploy } from '../../src/modes/deploy.js'
import type { DeploySettings } from '../../src/settings.js'

const RUN_URL = 'https://github.com/acme/churn-model/actions/runs/987654321'

function setup(...approved: number[]) {
  const fake = simContext()
  for (const v of approved) fake.sim.addPackage(v, 'Approved')
  return fake
}

async function deployOnce(
  fake: ReturnType<typeof setup>,
  deploy: Partial<DeploySettings> = {},
  runId = '987654321'
) {
  fake.ctx.github = { ...fake.ctx.github, runId }
  return runDeploy(fake.ctx, deploySettings(deploy))
}

/** v5 deployed by run 100 (then v6 by run 101 when `thenV6`): v5's config and model. */
async function v5Deployed(fake: ReturnType<typeof setup>, thenV6: boolean) {
  await deployOnce(fake, { modelPackage: { kind: 'version', version: 5 } }, '100')
  const v5Config = fake.sim.endpoint!.configName
  const v5Model = fake.sim.configs.get(v5Config)!.variants[0]!.ModelName!
  if (thenV6) await deployOnce(fake, { modelPackage: { kind: 'version', version: 6 } }, '101')
  return { v5Config, v5Model }
}

describe('deploy', () => {
  it('creates model, config and endpoint on the first deploy of the newest Approved version', async () => {
    const fake = setup(6, 7)
    fake.sim.addPackage(8, 'PendingManualApproval')
    const outcome = await deployOnce(fake)
    expect(outcome.failed).toBeUndefined()

    const [model] = fake.sim.inputsOf(CreateModelCommand)
    expect(model).toMatchObject({
      ExecutionRoleArn: ROLE,
      Containers: [{ ModelPackageName: packageArn(7) }]
    })
    const [config] = fake.sim.inputsOf(CreateEndpointConfigCommand)
    expect(config?.ProductionVariants).toEqual([
      {
        VariantName: 'primary',
        ModelName: model?.ModelName,
        InitialVariantWeight: 1,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2
      }
    ])
    expect(fake.sim.inputsOf(CreateEndpointCommand)).toEqual([
      { EndpointName: 'churn-prod', EndpointConfigName: config?.EndpointConfigName }
    ])
    expect(fake.sim.inputsOf(UpdateEndpointCommand)).toEqual([])
    expect(fake.sim.endpoint).toMatchObject({
      status: 'InService',
      configName: config?.EndpointConfigName
    })

    expect(Object.fromEntries(fake.outputs)).toEqual({
      'endpoint-name': 'churn-prod',
      'endpoint-config-name': config?.EndpointConfigName,
      'model-package-arn': packageArn(7),
      'model-package-version': 7,
      'previous-model-package-arn': '',
      created: true,
      'report-path': expect.stringMatching(/sagemaker-model-gate-churn-deploy\.json$/)
    })
    expect(fake.sim.endpointTags()).toEqual({
      'sagemaker-model-gate:package-arn': packageArn(7),
      'sagemaker-model-gate:previous-package-arn': '',
      'sagemaker-model-gate:rolled-back-from': '',
      'sagemaker-model-gate:commit': '0123456789abcdef0123456789abcdef01234567',
      'sagemaker-model-gate:run': RUN_URL
    })
    expect(fake.sim.packages.get(packageArn(7))?.metadata['deployed:churn-prod']).toMatch(
      new RegExp(`^2026-03-01T12:00:\\d\\d\\.000Z run ${RUN_URL}$`)
    )
    expect(fake.infos.some(l => /endpoint churn-prod: Creating on churn-prod-v7-/.test(l))).toBe(
      true
    )
    expect(
      fake.infos.some(l =>
        l.includes(
          'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/endpoints/churn-prod'
        )
      )
    ).toBe(true)
  })

  it('updates an existing endpoint with a canary DeploymentConfig and records the previous package', async () => {
    const fake = setup(7)
    await deployOnce(fake, {}, '1')
    fake.sim.addPackage(8, 'Approved')
    fake.sim.scripts.push({ steps: ['Updating', 'Updating', 'Updating'], outcome: 'InService' })
    const outcome = await deployOnce(
      fake,
      {
        deploymentStrategy: 'canary',
        canarySize: 10,
        waitIntervalSeconds: 60,
        rollbackAlarms: ['churn-5xx']
      },
      '2'
    )
    expect(outcome.failed).toBeUndefined()
    const [update] = fake.sim.inputsOf(UpdateEndpointCommand)
    expect(update?.DeploymentConfig).toEqual({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'CANARY',
          WaitIntervalInSeconds: 60,
          CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 }
        },
        TerminationWaitInSeconds: 0
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-5xx' }] }
    })
    expect(update?.EndpointConfigName).toMatch(/^churn-prod-v8-[0-9a-f]{10}$/)
    expect(fake.sim.endpoint?.configName).toBe(update?.EndpointConfigName)
    expect(fake.outputs.get('previous-model-package-arn')).toBe(packageArn(7))
    expect(fake.sim.endpointTags()['sagemaker-model-gate:previous-package-arn']).toBe(packageArn(7))
    expect(fake.sim.endpointTags()['sagemaker-model-gate:package-arn']).toBe(packageArn(8))
    expect(fake.sim.inputsOf(CreateEndpointCommand)).toHaveLength(1)
  })

  it("fails with SageMaker's FailureReason when the update rolls back, deletes what it created, and neither retags nor records", async () => {
    const fake = setup(7)
    await deployOnce(fake, {}, '1')
    const before = fake.sim.endpoint?.configName
    const tagsBefore = { ...fake.sim.endpointTags() }
    const models = new Set(fake.sim.models.keys())
    const configs = new Set(fake.sim.configs.keys())
    fake.sim.addPackage(8, 'Approved')
    fake.sim.scripts.push({
      steps: ['Updating', 'RollingBack'],
      outcome: 'rollback',
      reason: 'Alarm churn-5xx fired during the canary.'
    })
    fake.outputs.clear()
    const outcome = await deployOnce(
      fake,
      { deploymentStrategy: 'canary', rollbackAlarms: ['churn-5xx'] },
      '2'
    )
    expect(outcome.failed).toMatch(/was rolled back: it is InService on its previous config/)
    expect(outcome.failed).toContain(
      "SageMaker's FailureReason: Alarm churn-5xx fired during the canary."
    )
    expect(fake.sim.endpoint).toMatchObject({ status: 'InService', configName: before })
    // The same cleanup as a config SageMaker refuses: what this run created goes again.
    const [created] = fake.sim.inputsOf(CreateEndpointConfigCommand).slice(1)
    expect(fake.sim.inputsOf(DeleteEndpointConfigCommand)).toEqual([
      { EndpointConfigName: created?.EndpointConfigName }
    ])
    expect(fake.sim.inputsOf(DeleteModelCommand)).toHaveLength(1)
    expect(new Set(fake.sim.models.keys())).toEqual(models)
    expect(new Set(fake.sim.configs.keys())).toEqual(configs)
    expect(fake.sim.endpointTags()).toEqual(tagsBefore)
    expect(fake.sim.packages.get(packageArn(8))?.metadata['deployed:churn-prod']).toBeUndefined()
    expect(fake.outputs.get('endpoint-config-name')).toBe(before)
    expect(fake.outputs.get('model-package-arn')).toBe(packageArn(8))
    expect(fake.outputs.get('previous-model-package-arn')).toBe(packageArn(7))
    expect(fake.infos.some(l => /churn-prod: RollingBack on/.test(l))).toBe(true)
    expect(fake.summaries.at(-1)).toContain('### ❌ Deployment to')
    expect(fake.summaries.at(-1)).toContain('The deployment to endpoint churn-prod was rolled back')
  })

  it.each(['PendingManualApproval', 'Rejected'] as const)(
    'refuses a %s version before any mutating call',
    async status => {
      const fake = setup(7)
      fake.sim.addPackage(8, status)
      await expect(
        runDeploy(fake.ctx, deploySettings({ modelPackage: { kind: 'version', version: 8 } }))
      ).rejects.toThrow(
        `Version 8 (${packageArn(8)}) is ${status}: only Approved versions can be deployed.`
      )
      expect(fake.sim.mutatingCalls()).toEqual([])
    }
  )

  it('refuses A/B traffic that names a version that is not Approved', async () => {
    const fake = setup(7)
    fake.sim.addPackage(8, 'PendingManualApproval')
    const settings = deploySettings({
      traffic: [
        { version: 7, weight: 90 },
        { version: 8, weight: 10 }
      ]
    })
    await expect(runDeploy(fake.ctx, settings)).rejects.toThrow(
      /Version 8 .* is PendingManualApproval/
    )
    expect(fake.sim.mutatingCalls()).toEqual([])
  })

  it('says clearly when the group has no Approved version', async () => {
    const fake = setup()
    fake.sim.addPackage(1, 'PendingManualApproval')
    await expect(runDeploy(fake.ctx, deploySettings())).rejects.toThrow(
      'Model package group "churn" has no Approved version to deploy'
    )
    expect(fake.sim.mutatingCalls()).toEqual([])
  })

  it('requires execution-role-arn, naming the input, before any mutating call', async () => {
    const fake = setup(7)
    await expect(
      runDeploy(fake.ctx, deploySettings({ executionRoleArn: undefined }))
    ).rejects.toThrow(/Input "execution-role-arn" is required for mode "deploy"/)
    expect(fake.sim.mutatingCalls()).toEqual([])
  })

  it('waits for a busy endpoint before updating it', async () => {
    const fake = setup(7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    const otherConfig = fake.sim.endpoint!.configName
    // Another deployment is under way: three more Updating polls before it finishes.
    fake.sim.foreignUpdate(otherConfig, ['Updating', 'Updating', 'Updating', 'Updating'])
    const sleepsBefore = fake.sleeps.length
    const outcome = await deployOnce(fake, { modelPackage: { kind: 'version', version: 8 } }, '2')
    expect(outcome.failed).toBeUndefined()
    expect(fake.sleeps.length - sleepsBefore).toBeGreaterThanOrEqual(3)
    // The double refuses an update while Updating: a single call means it came after the wait.
    expect(fake.sim.inputsOf(UpdateEndpointCommand)).toHaveLength(1)
    expect(fake.infos.some(l => /is Updating: waiting for that to finish/.test(l))).toBe(true)
  })

  it('waits its turn when another deployment starts between its check and its update', async () => {
    const fake = setup(6, 7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 6 } }, '1')
    // The other deployment (v7) has its config ready and starts first.
    fake.sim.addForeignConfig('other-v7-config', 'other-v7-model', packageArn(7))
    fake.sim.interject = () => fake.sim.foreignUpdate('other-v7-config', ['Updating', 'Updating'])
    const outcome = await deployOnce(fake, { modelPackage: { kind: 'version', version: 8 } }, '2')
    expect(outcome.failed).toBeUndefined()
    const updates = fake.sim.inputsOf(UpdateEndpointCommand)
    expect(updates).toHaveLength(2)
    expect(fake.sim.endpoint?.configName).toBe(updates[1]?.EndpointConfigName)
    // It proceeded on the new state: what it replaced is the other deployment's version.
    expect(fake.outputs.get('previous-model-package-arn')).toBe(packageArn(7))
    expect(
      fake.infos.some(l => l.includes('Another deployment is changing endpoint churn-prod'))
    ).toBe(true)
  })

  it('fails at wait-timeout when the endpoint stays busy, saying which input to raise', async () => {
    const fake = setup(7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    fake.sim.scripts.push({ steps: Array(500).fill('Updating'), outcome: 'InService' })
    const outcome = await deployOnce(
      fake,
      { modelPackage: { kind: 'version', version: 8 }, waitTimeoutSeconds: 120 },
      '2'
    )
    expect(outcome.failed).toMatch(
      /Timed out after 120 s \(input "wait-timeout"\) waiting for endpoint churn-prod to finish this deployment: it is still Updating/
    )
    expect(fake.sim.inputsOf(DeleteEndpointConfigCommand)).toEqual([])
  })

  it('removes only its own configs and models older than the previous deployment', async () => {
    const fake = setup(5, 6, 7, 8)
    // Someone else's config with our name shape but without our tag, older than all.
    fake.sim.addForeignConfig('churn-prod-v1-0123456789', 'churn-prod-v1-9876543210', packageArn(5))
    for (const [i, v] of [5, 6, 7, 8].entries()) {
      await deployOnce(fake, { modelPackage: { kind: 'version', version: v } }, String(100 + i))
    }
    const configs = [...fake.sim.configs.keys()]
    expect(configs.filter(c => /-v5-|-v6-/.test(c))).toEqual([])
    expect(configs.filter(c => /-v7-/.test(c))).toHaveLength(1)
    expect(configs.filter(c => /-v8-/.test(c))).toHaveLength(1)
    expect(configs).toContain('churn-prod-v1-0123456789')
    const models = [...fake.sim.models.keys()]
    expect(models.filter(m => /-v[56]-/.test(m))).toEqual([])
    expect(models).toContain('churn-prod-v1-9876543210')
    expect(models.filter(m => /-v[78]-/.test(m))).toHaveLength(2)
  })

  it('keeps an old config and model of ours that another endpoint serves', async () => {
    const fake = setup(5, 6, 7)
    const { v5Config, v5Model } = await v5Deployed(fake, false)
    // Someone pointed a second endpoint at our v5 config by hand.
    fake.sim.otherEndpoints.set('churn-shadow', v5Config)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 6 } }, '101')
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '102')
    expect(fake.sim.inputsOf(DeleteEndpointConfigCommand)).toEqual([])
    expect(fake.sim.inputsOf(DeleteModelCommand)).toEqual([])
    expect(fake.sim.configs.has(v5Config)).toBe(true)
    expect(fake.sim.models.has(v5Model)).toBe(true)

    // Once no endpoint serves it any more, the next deployment's cleanup takes it.
    fake.sim.otherEndpoints.delete('churn-shadow')
    fake.sim.addPackage(8, 'Approved')
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 8 } }, '103')
    expect(fake.sim.configs.has(v5Config)).toBe(false)
    expect(fake.sim.models.has(v5Model)).toBe(false)
  })

  it('deletes less than planned when an old config came into use during the deployment, and says so', async () => {
    const fake = setup(5, 6, 7)
    const { v5Config, v5Model } = await v5Deployed(fake, true)
    // While v7 rolls out, someone points a second endpoint at the old v5 config.
    fake.sim.interject = () => fake.sim.otherEndpoints.set('churn-shadow', v5Config)
    const outcome = await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '102')
    expect(outcome.failed).toBeUndefined()
    const plan = fake.infos.filter(l => l.startsWith('Deployment plan')).pop() ?? ''
    expect(plan).toContain(`DeleteEndpointConfig ${v5Config}`)
    expect(plan).toContain(`DeleteModel ${v5Model}`)
    expect(fake.sim.inputsOf(DeleteEndpointConfigCommand)).toEqual([])
    expect(fake.sim.inputsOf(DeleteModelCommand)).toEqual([])
    expect(fake.warnings).toEqual(
      expect.arrayContaining([
        `Not deleting endpoint config ${v5Config} after all: since the plan was made, an endpoint or a newer config of ours uses it.`,
        `Not deleting model ${v5Model} after all: since the plan was made, an endpoint or a newer config of ours uses it.`
      ])
    )
  })

  it('still cleans up when a concurrent run deletes an old config between listing it and reading its tags', async () => {
    const fake = setup(5, 6, 7)
    const { v5Config, v5Model } = await v5Deployed(fake, true)
    // Another run's cleanup deletes the old v5 config just after this run listed it.
    const concurrentCleanup = () => void fake.sim.configs.delete(v5Config)
    fake.sim.before = {
      command: 'ListEndpointConfigsCommand',
      run: () => (fake.sim.before = { command: 'ListTagsCommand', run: concurrentCleanup })
    }
    const outcome = await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '102')
    expect(outcome.failed).toBeUndefined()
    expect(fake.sim.models.has(v5Model)).toBe(false)
    expect(fake.sim.inputsOf(DeleteModelCommand)).toEqual([{ ModelName: v5Model }])
    const plan = fake.infos.filter(l => l.startsWith('Deployment plan')).pop() ?? ''
    expect(plan).toContain(`DeleteModel ${v5Model}`)
    expect(plan).not.toContain(`DeleteEndpointConfig ${v5Config}`)
    expect(fake.warnings).toEqual([])
  })

  it('keeps an old model that a newer config of ours, not yet deployed, still names', async () => {
    const fake = setup(5, 6, 7)
    const { v5Config, v5Model } = await v5Deployed(fake, true)
    // A concurrent run made a config from the v5 model and is about to deploy it.
    fake.sim.configs.set('churn-prod-v5-abcdef0123', {
      ...fake.sim.configs.get(v5Config)!,
      name: 'churn-prod-v5-abcdef0123',
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-v5-abcdef0123',
      created: new Date((fake.sim.time += 1000))
    })
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '102')
    expect(fake.sim.inputsOf(DeleteEndpointConfigCommand)).toEqual([
      { EndpointConfigName: v5Config }
    ])
    expect(fake.sim.models.has(v5Model)).toBe(true)
  })

  it('deletes the model it created when the config cannot be created, and says so', async () => {
    const fake = setup(7)
    fake.sim.before = {
      command: 'CreateEndpointConfigCommand',
      run: () => {
        throw validationError('Value ml.m5.huge at instanceType failed to satisfy constraint')
      }
    }
    await expect(deployOnce(fake)).rejects.toThrow(/failed to satisfy constraint/)
    const [model] = fake.sim.inputsOf(CreateModelCommand)
    expect(fake.sim.inputsOf(DeleteModelCommand)).toEqual([{ ModelName: model?.ModelName }])
    expect(fake.sim.models.size).toBe(0)
    expect(fake.sim.endpoint).toBeUndefined()
  })

  it('deletes the model and config it created when SageMaker refuses the update', async () => {
    const fake = setup(7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    const models = new Set(fake.sim.models.keys())
    const configs = new Set(fake.sim.configs.keys())
    fake.sim.interject = () => {
      throw Object.assign(new Error('not authorized to perform: sagemaker:UpdateEndpoint'), {
        name: 'AccessDeniedException'
      })
    }
    await expect(
      deployOnce(fake, { modelPackage: { kind: 'version', version: 8 } }, '2')
    ).rejects.toThrow(/not authorized/)
    expect(new Set(fake.sim.models.keys())).toEqual(models)
    expect(new Set(fake.sim.configs.keys())).toEqual(configs)
    expect(fake.sim.inputsOf(DeleteEndpointConfigCommand)).toHaveLength(1)
    expect(fake.sim.inputsOf(DeleteModelCommand)).toHaveLength(1)
  })

  it('saves what is in flight before each mutating call, and clears it once the run ends by itself', async () => {
    const fake = setup(7)
    let seen: InFlightDeployment | undefined
    fake.sim.before = {
      command: 'CreateEndpointConfigCommand',
      run: () => {
        seen = parseInFlight(fake.state.get(DEPLOYMENT_STATE) ?? '')
      }
    }
    expect((await deployOnce(fake)).failed).toBeUndefined()
    const [model] = fake.sim.inputsOf(CreateModelCommand)
    const [config] = fake.sim.inputsOf(CreateEndpointConfigCommand)
    expect(seen).toMatchObject({
      endpointName: 'churn-prod',
      step: expect.stringMatching(/^CreateEndpointConfig churn-prod-v7-[0-9a-f]{10}: /),
      changeSent: false,
      configName: config?.EndpointConfigName,
      packageArn: packageArn(7),
      created: { models: [model?.ModelName], configs: [config?.EndpointConfigName] }
    })
    expect(fake.state.get(DEPLOYMENT_STATE)).toBe('')
  })

  it('leaves the record for the post step when it stops after sending the endpoint change', async () => {
    const fake = setup(7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    fake.sim.interject = () => {
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })
    }
    await expect(
      deployOnce(fake, { modelPackage: { kind: 'version', version: 8 } }, '2')
    ).rejects.toThrow('socket hang up')
    expect(parseInFlight(fake.state.get(DEPLOYMENT_STATE) ?? '')).toMatchObject({
      step: expect.stringMatching(/^UpdateEndpoint churn-prod to churn-prod-v8-/),
      changeSent: true
    })
  })

  it('uses a model that appeared with the same content after the plan, and never deletes it as its own', async () => {
    const fake = setup(7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    fake.sim.before = {
      command: 'CreateModelCommand',
      run: () => {
        // A concurrent attempt of the same run made the same model a moment earlier.
        const [planned] = fake.sim.inputsOf(CreateModelCommand).slice(-1)
        fake.sim.models.set(planned?.ModelName ?? '', {
          name: planned?.ModelName ?? '',
          arn: `arn:aws:sagemaker:us-east-1:123456789012:model/${planned?.ModelName}`,
          role: ROLE,
          packageArn: packageArn(8),
          created: new Date(fake.sim.time)
        })
      }
    }
    fake.sim.interject = () => {
      throw Object.assign(new Error('not authorized to perform: sagemaker:UpdateEndpoint'), {
        name: 'AccessDeniedException'
      })
    }
    await expect(
      deployOnce(fake, { modelPackage: { kind: 'version', version: 8 } }, '2')
    ).rejects.toThrow(/not authorized/)
    const [model] = fake.sim.inputsOf(CreateModelCommand).slice(-1)
    const [config] = fake.sim.inputsOf(CreateEndpointConfigCommand).slice(-1)
    expect(
      fake.warnings.some(w =>
        w.startsWith(`model ${model?.ModelName} appeared with the same content after the plan`)
      )
    ).toBe(true)
    expect(fake.sim.inputsOf(DeleteModelCommand)).toEqual([])
    expect(fake.sim.inputsOf(DeleteEndpointConfigCommand)).toEqual([
      { EndpointConfigName: config?.EndpointConfigName }
    ])
    expect(fake.sim.models.has(model?.ModelName ?? '')).toBe(true)
  })

  it('names what it could not delete after a failed start, with the commands to do it', async () => {
    const fake = setup(7)
    fake.sim.before = {
      command: 'CreateEndpointConfigCommand',
      run: () => {
        fake.sim.before = {
          command: 'DeleteModelCommand',
          run: () => {
            throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })
          }
        }
        throw validationError('Value ml.m5.huge at instanceType failed to satisfy constraint')
      }
    }
    await expect(deployOnce(fake)).rejects.toThrow(/failed to satisfy constraint/)
    const [model] = fake.sim.inputsOf(CreateModelCommand)
    expect(fake.sim.models.has(model?.ModelName ?? '')).toBe(true)
    expect(
      fake.warnings.some(
        w =>
          w.includes(`left in place: model ${model?.ModelName}`) &&
          w.includes('aws sagemaker delete-model --model-name')
      )
    ).toBe(true)
  })

  it('plans again when another deployment finished between its read and its update', async () => {
    const fake = setup(7, 8, 9)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    fake.sim.addForeignConfig('churn-prod-hotfix', 'churn-prod-hotfix-model', packageArn(9))
    fake.sim.before = {
      command: 'CreateEndpointConfigCommand',
      run: () => fake.sim.foreignSwitch('churn-prod-hotfix')
    }
    const outcome = await deployOnce(fake, { modelPackage: { kind: 'version', version: 8 } }, '2')
    expect(outcome.failed).toBeUndefined()
    // What it replaced is the other deployment's v9, not the v7 it first read.
    expect(fake.outputs.get('previous-model-package-arn')).toBe(packageArn(9))
    expect(fake.sim.endpointTags()['sagemaker-model-gate:previous-package-arn']).toBe(packageArn(9))
    expect(fake.sim.configs.has('churn-prod-hotfix')).toBe(true)
  })

  it('deletes what it created when, after waiting, a plan without them is enough', async () => {
    const fake = setup(7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    // Meanwhile someone else put the same A/B pair on the endpoint with other weights.
    fake.sim.before = {
      command: 'CreateEndpointConfigCommand',
      run: () => {
        for (const v of [7, 8]) {
          fake.sim.models.set(`other-v${v}`, {
            name: `other-v${v}`,
            arn: `arn:aws:sagemaker:us-east-1:123456789012:model/other-v${v}`,
            role: ROLE,
            packageArn: packageArn(v),
            created: new Date(fake.sim.time)
          })
        }
        fake.sim.configs.set('other-ab', {
          name: 'other-ab',
          arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/other-ab',
          variants: [7, 8].map(v => ({
            VariantName: `v${v}`,
            ModelName: `other-v${v}`,
            InitialVariantWeight: 50,
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: 2
          })),
          created: new Date(fake.sim.time)
        })
        fake.sim.foreignSwitch('other-ab')
      }
    }
    const outcome = await deployOnce(
      fake,
      {
        traffic: [
          { version: 7, weight: 90 },
          { version: 8, weight: 10 }
        ]
      },
      '2'
    )
    expect(outcome.failed).toBeUndefined()
    expect(fake.sim.endpoint).toMatchObject({ configName: 'other-ab', weights: { v7: 90, v8: 10 } })
    const created = fake.sim.inputsOf(CreateModelCommand).slice(1)
    expect(created).toHaveLength(2)
    const [config] = fake.sim.inputsOf(CreateEndpointConfigCommand).slice(1)
    expect(
      fake.sim
        .inputsOf(DeleteModelCommand)
        .map(d => d.ModelName)
        .sort()
    ).toEqual(created.map(m => m.ModelName).sort())
    expect(fake.sim.inputsOf(DeleteEndpointConfigCommand)).toEqual([
      { EndpointConfigName: config?.EndpointConfigName }
    ])
    expect(fake.sim.models.has('other-v7')).toBe(true)
  })

  it('shifts only weights when the A/B variants stay, and promotes a winner with a new config', async () => {
    const fake = setup(7, 8)
    await deployOnce(
      fake,
      {
        traffic: [
          { version: 7, weight: 90 },
          { version: 8, weight: 10 }
        ]
      },
      '1'
    )
    const [abConfig] = fake.sim.inputsOf(CreateEndpointConfigCommand)
    expect(abConfig?.ProductionVariants?.map(v => [v.VariantName, v.InitialVariantWeight])).toEqual(
      [
        ['v7', 90],
        ['v8', 10]
      ]
    )

    await deployOnce(
      fake,
      {
        traffic: [
          { version: 7, weight: 50 },
          { version: 8, weight: 50 }
        ]
      },
      '2'
    )
    expect(fake.sim.inputsOf(CreateEndpointConfigCommand)).toHaveLength(1)
    expect(fake.sim.inputsOf(UpdateEndpointWeightsAndCapacitiesCommand)).toEqual([
      {
        EndpointName: 'churn-prod',
        DesiredWeightsAndCapacities: [
          { VariantName: 'v7', DesiredWeight: 50 },
          { VariantName: 'v8', DesiredWeight: 50 }
        ]
      }
    ])
    expect(fake.sim.endpoint?.weights).toEqual({ v7: 50, v8: 50 })
    expect(fake.outputs.get('endpoint-config-name')).toBe(abConfig?.EndpointConfigName)

    await deployOnce(fake, { traffic: [{ version: 8, weight: 100 }] }, '3')
    const configs = fake.sim.inputsOf(CreateEndpointConfigCommand)
    expect(configs).toHaveLength(2)
    expect(
      configs[1]?.ProductionVariants?.map(v => [v.VariantName, v.ModelName?.includes('-v8-')])
    ).toEqual([['primary', true]])
    expect(fake.sim.endpoint?.configName).toBe(configs[1]?.EndpointConfigName)
    expect(fake.outputs.get('model-package-arn')).toBe(packageArn(8))
  })

  it('makes no mutating call in dry-run and prints the plan', async () => {
    const fake = setup(7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    const mutationsBefore = fake.sim.mutatingCalls().length
    const settings = deploySettings(
      {
        modelPackage: { kind: 'version', version: 8 },
        deploymentStrategy: 'linear',
        executionRoleArn: undefined
      },
      { dryRun: true }
    )
    expect((await runDeploy(fake.ctx, settings)).failed).toBeUndefined()
    expect(fake.sim.mutatingCalls()).toHaveLength(mutationsBefore)
    const plan =
      fake.infos.filter(l => l.startsWith('Deployment plan for endpoint churn-prod')).pop() ?? ''
    expect(plan).toMatch(
      /calls {6}1\. CreateModel churn-prod-v8-[0-9a-f]{10}: .*model-package\/churn\/8, role <execution-role-arn>/
    )
    expect(plan).toMatch(
      / {10}3\. UpdateEndpoint churn-prod to churn-prod-v8-[0-9a-f]{10}: LINEAR 20%/
    )
    expect(fake.infos).toContain('Dry run: nothing was created, updated or deleted.')
    expect(fake.warnings).toContain(
      'Input "execution-role-arn" is not set: a real run refuses to start without it, and the names of the models and config it creates depend on it.'
    )
    expect(fake.outputs.get('model-package-arn')).toBe(packageArn(8))
    // What serves now, not the config the run would create.
    expect(fake.outputs.get('endpoint-config-name')).toBe(fake.sim.endpoint?.configName)
    expect(fake.outputs.get('created')).toBe(false)
  })

  it('refuses a Failed endpoint with what to do about it', async () => {
    const fake = setup(7, 8)
    fake.sim.scripts.push({
      steps: ['Creating'],
      outcome: 'Failed',
      reason: 'The primary container failed the ping health check.'
    })
    const first = await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    expect(first.failed).toContain('is Failed')
    expect(first.failed).toContain('The primary container failed the ping health check.')
    const mutations = fake.sim.mutatingCalls().length
    await expect(
      deployOnce(fake, { modelPackage: { kind: 'version', version: 8 } }, '2')
    ).rejects.toThrow(/Endpoint churn-prod is Failed .*delete-endpoint --endpoint-name churn-prod/)
    expect(fake.sim.mutatingCalls()).toHaveLength(mutations)
  })

  it('leaves outputs that name nothing it deleted after a first deployment that ended Failed', async () => {
    const fake = setup(7)
    fake.sim.scripts.push({ steps: ['Creating'], outcome: 'Failed', reason: 'capacity' })
    const outcome = await deployOnce(fake, {})
    expect(outcome.failed).toBeDefined()
    expect(fake.infos.join('\n')).toContain('Deleted endpoint churn-prod: this run created it')
    expect(fake.outputs.get('endpoint-config-name')).toBe('')
    expect(fake.outputs.get('created')).toBe(false)
    expect(fake.outputs.get('endpoint-name')).toBe('churn-prod')
  })

  it('reuses the model and config of an earlier attempt of the same run', async () => {
    const fake = setup(7)
    fake.sim.scripts.push({ steps: ['Creating'], outcome: 'Failed', reason: 'capacity' })
    await deployOnce(fake, {}, '1')
    fake.sim.endpoint = undefined
    await deployOnce(fake, {}, '1')
    expect(fake.sim.inputsOf(CreateModelCommand)).toHaveLength(1)
    expect(fake.sim.inputsOf(CreateEndpointConfigCommand)).toHaveLength(1)
    expect(fake.sim.inputsOf(CreateEndpointCommand)).toHaveLength(2)
    const plan = fake.infos.filter(l => l.startsWith('Deployment plan')).pop() ?? ''
    expect(plan).toMatch(/reuse {6}model churn-prod-v7-[0-9a-f]{10}: it exists already/)
    expect(plan).toMatch(/reuse {6}endpoint config churn-prod-v7-[0-9a-f]{10}: it exists already/)
    expect(plan).toMatch(/calls {6}1\. CreateEndpoint churn-prod on churn-prod-v7-/)
    expect(fake.infos.join('\n')).not.toContain('created earlier by this run')
  })
})

describe('deploy: GitHub deployment', () => {
  let github: FakeGitHub | undefined
  afterEach(async () => {
    await github?.close()
    github = undefined
  })

  it('posts the deployment, then in_progress and success, with the console and run links', async () => {
    github = await startFakeGitHub()
    const fake = setup(7)
    fake.ctx.octokit = getOctokit('test-token', { baseUrl: github.url, request: { retries: 0 } })
    await deployOnce(fake, { environment: 'production' })
    expect(github.state.deployments).toHaveLength(1)
    expect(github.state.deployments[0]).toMatchObject({
      owner: 'acme',
      repo: 'churn-model',
      ref: '0123456789abcdef0123456789abcdef01234567',
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false
    })
    expect(github.state.deploymentStatuses.map(s => s.state)).toEqual(['in_progress', 'success'])
    for (const status of github.state.deploymentStatuses) {
      expect(status.environment_url).toBe(
        'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/endpoints/churn-prod'
      )
      expect(status.log_url).toBe(RUN_URL)
    }
  })

  it('ends with failure when SageMaker rolls the update back', async () => {
    github = await startFakeGitHub()
    const fake = setup(7, 8)
    await deployOnce(fake, { modelPackage: { kind: 'version', version: 7 } }, '1')
    fake.ctx.octokit = getOctokit('test-token', { baseUrl: github.url, request: { retries: 0 } })
    fake.sim.scripts.push({
      steps: ['Updating', 'RollingBack'],
      outcome: 'rollback',
      reason: 'bad model'
    })
    const outcome = await deployOnce(
      fake,
      { modelPackage: { kind: 'version', version: 8 }, environment: 'production' },
      '2'
    )
    expect(outcome.failed).toContain('bad model')
    expect(github.state.deployments.map(d => d.environment)).toEqual(['production'])
    expect(github.state.deploymentStatuses.map(s => s.state)).toEqual(['in_progress', 'failure'])
    expect(github.state.deploymentStatuses[1]?.description).toMatch(
      /^The deployment to endpoint churn-prod was rolled back/
    )
  })

  it('records nothing without "environment", even with a token', async () => {
    github = await startFakeGitHub()
    const fake = setup(7)
    fake.ctx.octokit = getOctokit('test-token', { baseUrl: github.url, request: { retries: 0 } })
    expect((await deployOnce(fake)).failed).toBeUndefined()
    expect(github.state.requests).toEqual([])
    expect(fake.debugs).toContain(
      'Input "environment" is not set: no GitHub deployment is recorded.'
    )
  })

  it('only warns when the GitHub API fails, and the deployment still succeeds', async () => {
    const fake = setup(7)
    fake.ctx.octokit = getOctokit('test-token', {
      baseUrl: 'http://127.0.0.1:9',
      request: { retries: 0 }
    })
    expect((await deployOnce(fake, { environment: 'staging' })).failed).toBeUndefined()
    expect(
      fake.warnings.some(w => w.startsWith('Could not record a GitHub deployment for staging'))
    ).toBe(true)
    expect(fake.sim.endpoint?.status).toBe('InService')
  })
})

describe('console links', () => {
  it.each([
    ['cn-north-1', 'https://cn-north-1.console.amazonaws.cn'],
    ['us-gov-west-1', 'https://us-gov-west-1.console.amazonaws-us-gov.com'],
    ['eu-west-1', 'https://eu-west-1.console.aws.amazon.com']
  ])('point to the console of the partition %s belongs to', async (region, host) => {
    const fake = setup(7)
    expect((await runDeploy(fake.ctx, deploySettings({}, { region }))).failed).toBeUndefined()
    const page = `${host}/sagemaker/home?region=${region}#`
    const [model] = fake.sim.inputsOf(CreateModelCommand)
    const [config] = fake.sim.inputsOf(CreateEndpointConfigCommand)
    expect(fake.infos).toEqual(
      expect.arrayContaining([
        `Created model ${model?.ModelName}: ${page}/models/${model?.ModelName}`,
        `Created endpoint config ${config?.EndpointConfigName}: ${page}/endpointConfig/${config?.EndpointConfigName}`,
        `Creating endpoint churn-prod on ${config?.EndpointConfigName}: ${page}/endpoints/churn-prod`,
        `Endpoint churn-prod is InService on ${config?.EndpointConfigName}: ${page}/endpoints/churn-prod`
      ])
    )
    expect(fake.summaries.join('\n')).toContain(
      `### ✅ Deployment to [churn-prod](${page}/endpoints/churn-prod) done`
    )
  })
})
