// Endpoint changes SageMaker does not finish, through dist/index.js: a new endpoint that
// ends Failed, an update SageMaker rolls back, a rollback that itself fails
// (UpdateRollbackFailed) and an update that leaves the endpoint OutOfService. Each must fail
// the job with a message that says what happened, write nothing to the version (status,
// metadata), and leave the endpoint on the config it served before.
import { describe, expect, it } from '@jest/globals'
import { DescribeEndpointCommand, DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker'
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
  useEmulator
} from '../e2e/support.js'
import { useFigures } from './figures.js'
import { extraNames, FAST_DELAYS, hostingNames } from './scenario.js'

let emulator: Emulator
useEmulator(e => (emulator = e), { port: 0, delays: FAST_DELAYS })
const figures = useFigures(
  'endpoint-failures',
  'Endpoint Failed, rolled back, UpdateRollbackFailed, OutOfService'
)

const GROUP = 'hosting-model'
const ENDPOINT = 'hosting-prod'

function seedVersion(model: object): string {
  const url = seedModel(emulator, `hosting/${Math.random().toString(36).slice(2)}.json`, model)
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

const GOOD = logisticModel([1])
const BAD = { bad: true }

function deploy(version: string, endpoint = ENDPOINT): Promise<ActionRun> {
  figures.runs++
  return runOn(emulator, {
    mode: 'deploy',
    'model-package-group': GROUP,
    'model-package': version,
    'endpoint-name': endpoint,
    'execution-role-arn': ROLE,
    'instance-type': 'ml.m5.large',
    'wait-timeout': '60',
    'wait-interval': '0'
  })
}

async function versionRecord(arn: string) {
  const pkg = await clients(emulator).sagemaker.send(
    new DescribeModelPackageCommand({ ModelPackageName: arn })
  )
  return {
    status: pkg.ModelApprovalStatus,
    description: pkg.ApprovalDescription,
    metadata: pkg.CustomerMetadataProperties
  }
}

async function endpoint(name = ENDPOINT) {
  return clients(emulator).sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }))
}

/** Serves v1 on the endpoint, then runs `change` (a deploy of v2) that must fail. */
async function failedChange(
  v2Model: object,
  before: () => void
): Promise<{ run: ActionRun; servedBefore: string; v2Before: unknown; v2: string }> {
  seedVersion(GOOD)
  const first = await deploy('1')
  if (first.exitCode !== 0) throw new Error(explain(first))
  const v2 = seedVersion(v2Model)
  const servedBefore = (await endpoint()).EndpointConfigName as string
  const v2Before = await versionRecord(v2)
  const hostingBefore = await hostingNames(emulator)
  before()
  figures.faultsInjected++
  const run = await deploy('2')
  const leaked = extraNames(hostingBefore, await hostingNames(emulator))
  figures.resourcesLeaked += leaked.length
  expect(leaked).toEqual([])
  return { run, servedBefore, v2Before, v2 }
}

describe('endpoint changes SageMaker does not finish', () => {
  it('a new endpoint that ends Failed: the job fails with the reason, the version is untouched', async () => {
    const arn = seedVersion(BAD)
    const before = await versionRecord(arn)
    figures.faultsInjected++
    const run = await deploy('1', 'hosting-new')
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/Failed/)
    expect(await versionRecord(arn)).toEqual(before)
    // The endpoint was this run's own and never served: it goes, with its model and config,
    // so that the next deploy can create it again.
    const left = await hostingNames(emulator)
    figures.resourcesLeaked += left.length
    expect(left).toEqual([])
    expect(run.stdout).toContain('Deleted endpoint hosting-new')
    await expect(endpoint('hosting-new')).rejects.toThrow(/Could not find endpoint/)
    seedVersion(GOOD)
    const again = await deploy('2', 'hosting-new')
    if (again.exitCode !== 0) throw new Error(explain(again))
    expect(await endpoint('hosting-new')).toMatchObject({ EndpointStatus: 'InService' })
  })

  it('an update SageMaker rolls back: the job fails, v1 serves, v2 is untouched', async () => {
    const { run, servedBefore, v2Before, v2 } = await failedChange(BAD, () => {})
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/rolled back/i)
    expect(await endpoint()).toMatchObject({
      EndpointStatus: 'InService',
      EndpointConfigName: servedBefore
    })
    expect(await versionRecord(v2)).toEqual(v2Before)
  })

  it('a rollback that fails (UpdateRollbackFailed): the job fails and says so, v2 is untouched', async () => {
    const { run, servedBefore, v2Before, v2 } = await failedChange(BAD, () =>
      emulator.setFaults({ endpointOutcomes: { [ENDPOINT]: 'UpdateRollbackFailed' } })
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/UpdateRollbackFailed/)
    expect(await endpoint()).toMatchObject({
      EndpointStatus: 'UpdateRollbackFailed',
      EndpointConfigName: servedBefore
    })
    expect(await versionRecord(v2)).toEqual(v2Before)
  })

  it('an update that leaves the endpoint OutOfService: the job fails and says so, v2 is untouched', async () => {
    const { run, servedBefore, v2Before, v2 } = await failedChange(GOOD, () =>
      emulator.setFaults({ endpointOutcomes: { [ENDPOINT]: 'OutOfService' } })
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/OutOfService/)
    expect(await endpoint()).toMatchObject({ EndpointConfigName: servedBefore })
    expect(await versionRecord(v2)).toEqual(v2Before)
  })
})
