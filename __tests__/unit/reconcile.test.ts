// The post step's reconciliation of an interrupted deployment, on the SageMaker double: a
// real deployment puts v7 on the endpoint, then each test leaves the endpoint as a
// cancelled run would and hands reconcileInterrupted the record that run saved.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { DeleteEndpointConfigCommand, DeleteModelCommand } from '@aws-sdk/client-sagemaker'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import {
  deploySettings,
  packageArn,
  simContext,
  type SageMakerSim
} from '../../__fixtures__/deploy/sagemaker.js'
import { createGitHubDeployment } from '../../src/github/deployments.js'
import { parseInFlight, type InFlightDeployment } from '../../src/deploy/inflight.js'
import { reconcileInterrupted } from '../../src/deploy/reconcile.js'
import { deploymentTags } from '../../src/registry/tags.js'
import { runDeploy } from '../../src/modes/deploy.js'

const V8_CONFIG = 'churn-prod-v8-0123456789'
const V8_MODEL = 'churn-prod-v8-9876543210'
const PACKAGE_TAG = 'sagemaker-model-gate:package-arn'

let github: FakeGitHub
beforeEach(async () => {
  github = await startFakeGitHub()
})
afterEach(async () => {
  await github.close()
})

/** v7 deployed and verified; v8's model and config exist as the cancelled run made them. */
async function setup() {
  const fake = simContext()
  fake.sim.addPackage(7, 'Approved')
  fake.sim.addPackage(8, 'Approved')
  const outcome = await runDeploy(
    fake.ctx,
    deploySettings({ modelPackage: { kind: 'version', version: 7 } })
  )
  expect(outcome.failed).toBeUndefined()
  fake.ctx.octokit = getOctokit('test-token', { baseUrl: github.url, request: { retries: 0 } })
  fake.sim.addForeignConfig(V8_CONFIG, V8_MODEL, packageArn(8))
  const deployment = await createGitHubDeployment(fake.ctx, {
    environment: 'production',
    description: 'Deploy v8',
    environmentUrl: 'https://console.example/churn-prod',
    logUrl: 'https://github.com/acme/churn-model/actions/runs/2'
  })
  const record: InFlightDeployment = {
    kind: 'deploy',
    endpointName: 'churn-prod',
    region: 'us-east-1',
    step: `UpdateEndpoint churn-prod to ${V8_CONFIG}: ALL_AT_ONCE`,
    changeSent: true,
    configName: V8_CONFIG,
    previousConfigName: fake.sim.endpoint?.configName,
    packageArn: packageArn(8),
    version: 8,
    tags: deploymentTags({
      packageArn: packageArn(8),
      previousPackageArn: packageArn(7),
      rolledBackFrom: '',
      commit: 'abc',
      run: 'https://github.com/acme/churn-model/actions/runs/2'
    }),
    created: { models: [V8_MODEL], configs: [V8_CONFIG] },
    waitTimeoutSeconds: 600,
    github: deployment
  }
  return { fake, record }
}

function statuses(): string[] {
  return github.state.deploymentStatuses.map(s => s.state)
}

function deletions(sim: SageMakerSim): string[] {
  return [
    ...sim.inputsOf(DeleteEndpointConfigCommand).map(d => d.EndpointConfigName as string),
    ...sim.inputsOf(DeleteModelCommand).map(d => d.ModelName as string)
  ]
}

describe('reconciling an interrupted deployment', () => {
  it('waits while SageMaker finishes the update, then tags what serves, keeps it, and marks success', async () => {
    const { fake, record } = await setup()
    fake.sim.foreignUpdate(V8_CONFIG, ['Updating', 'Updating', 'Updating'])
    const result = await reconcileInterrupted(fake.ctx, record)
    expect(fake.sim.endpoint).toMatchObject({ status: 'InService', configName: V8_CONFIG })
    expect(fake.sleeps.length).toBeGreaterThanOrEqual(2)
    expect(fake.sim.endpointTags()).toMatchObject({
      [PACKAGE_TAG]: packageArn(8),
      'sagemaker-model-gate:previous-package-arn': packageArn(7)
    })
    expect(deletions(fake.sim)).toEqual([])
    expect(result).toEqual({
      state: 'success',
      description: 'Job cancelled, but SageMaker finished the change: serving v8.',
      servingConfig: V8_CONFIG
    })
    expect(statuses()).toEqual(['success'])
  })

  it('deletes what the run made when it stopped before changing the endpoint, and marks inactive', async () => {
    const { fake, record } = await setup()
    const served = fake.sim.endpoint?.configName
    const tags = { ...fake.sim.endpointTags() }
    const result = await reconcileInterrupted(fake.ctx, {
      ...record,
      step: `CreateEndpointConfig ${V8_CONFIG}`,
      changeSent: false
    })
    expect(fake.sim.endpoint).toMatchObject({ status: 'InService', configName: served })
    expect(deletions(fake.sim)).toEqual([V8_CONFIG, V8_MODEL])
    expect(fake.sim.endpointTags()).toEqual(tags)
    expect(result.state).toBe('inactive')
    expect(github.state.deploymentStatuses.at(-1)?.description).toBe(
      'Job cancelled before the endpoint was changed: it still serves v7.'
    )
  })

  it('marks failure and corrects a tag that names a version the endpoint does not serve', async () => {
    const { fake, record } = await setup()
    // As a run cut short between a tag write and the failure it did not see.
    fake.sim.tags.set(fake.sim.endpoint!.arn, {
      ...fake.sim.endpointTags(),
      [PACKAGE_TAG]: packageArn(8)
    })
    const result = await reconcileInterrupted(fake.ctx, record)
    expect(fake.sim.endpointTags()[PACKAGE_TAG]).toBe(packageArn(7))
    expect(deletions(fake.sim)).toEqual([V8_CONFIG, V8_MODEL])
    expect(result.state).toBe('failure')
    expect(result.description).toBe('Job cancelled; churn-prod is InService serving v7, not v8.')
    expect(
      fake.infos.some(l =>
        l.includes(`tag ${PACKAGE_TAG} named ${packageArn(8)}, which it does not serve`)
      )
    ).toBe(true)
  })

  it('stops waiting at its limit, keeps the config the endpoint is moving to, and says the outcome is unknown', async () => {
    const { fake, record } = await setup()
    fake.sim.foreignUpdate(V8_CONFIG, Array(100).fill('Updating'))
    const result = await reconcileInterrupted(fake.ctx, record, 30)
    expect(fake.sim.endpoint?.status).toBe('Updating')
    expect(deletions(fake.sim)).toEqual([])
    expect(result.state).toBe('failure')
    expect(result.description).toBe(
      'Job cancelled while churn-prod was Updating; not awaited after 30 s. Serving v7.'
    )
    expect(fake.warnings.some(w => w.startsWith('Timed out after 30 s'))).toBe(true)
  })

  it('reads back only a well-formed record', () => {
    expect(parseInFlight('')).toBeUndefined()
    expect(parseInFlight('not json')).toBeUndefined()
    expect(parseInFlight(JSON.stringify({ endpointName: 'x' }))).toBeUndefined()
    const record = {
      kind: 'deploy',
      endpointName: 'churn-prod',
      region: 'us-east-1',
      step: 'starting the deployment',
      changeSent: false,
      configName: 'c',
      packageArn: packageArn(8),
      version: 8,
      tags: [],
      created: { models: ['m'], configs: [] },
      waitTimeoutSeconds: 60
    }
    expect(parseInFlight(JSON.stringify(record))).toEqual(record)
  })
})
