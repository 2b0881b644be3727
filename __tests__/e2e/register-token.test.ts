// The idempotency token of CreateModelPackage: SageMaker answers the same ClientToken with
// other parameters with a ConflictException, so the action must never send one token with
// two different requests. Registering one commit twice with a different artifact, image or
// metrics ends in a new version or in the earlier one with a clear warning, never in a
// raw ConflictException, also when the earlier version is beyond the recent versions the
// re-run looks through.
import { describe, expect, it } from '@jest/globals'
import type { Emulator } from '../../emulator/server.ts'
import type { ActionRun } from './harness.js'
import {
  BUCKET,
  IMAGE,
  explain,
  logisticModel,
  runOn,
  seedModel,
  useEmulator,
  writeJson
} from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e), { port: 0, delays: { packageCompleteMs: 0 } })

const GROUP = 'token-model'
const SHA = '1'.repeat(40)

function register(extra: Record<string, string> = {}): Promise<ActionRun> {
  return runOn(
    emulator,
    {
      mode: 'register',
      'model-package-group': GROUP,
      'model-data-url': `s3://${BUCKET}/token/model.json`,
      'image-uri': IMAGE,
      'metrics-file': writeJson({ 'validation:auc': 0.9 }),
      'metrics-s3-uri': `s3://${BUCKET}/token/metrics`,
      ...extra
    },
    { sha: SHA }
  )
}

function conflicts(): number {
  return emulator.calls().filter(call => call.error === 'ConflictException').length
}

describe('registering one commit twice with different inputs', () => {
  it.each([
    ['another artifact', { 'model-data-url': `s3://${BUCKET}/token/model-2.json` }],
    ['another image', { 'image-uri': `${IMAGE}-b` }]
  ])('with %s registers a second version', async (_, extra) => {
    seedModel(emulator, 'token/model.json', logisticModel([0.5]))
    const first = await register()
    const second = await register(extra)
    for (const run of [first, second])
      expect([run.exitCode, explain(run)]).toEqual([0, expect.any(String)])
    expect([first.outputs.created, second.outputs.created]).toEqual(['true', 'true'])
    expect(second.outputs['model-package-version']).toBe('2')
    expect(conflicts()).toBe(0)
  })

  it('with other metrics reuses the version and says its metrics stay', async () => {
    const first = await register()
    const second = await register({ 'metrics-file': writeJson({ 'validation:auc': 0.8 }) })
    expect([second.exitCode, explain(second)]).toEqual([0, expect.any(String)])
    expect(second.outputs).toMatchObject({
      created: 'false',
      'model-package-arn': first.outputs['model-package-arn']
    })
    expect(second.warnings.join('\n')).toContain('validation:auc: recorded 0.9, this run 0.8')
    expect(conflicts()).toBe(0)
  })

  it('with other metrics, after more versions than a re-run looks through, never conflicts', async () => {
    const first = await register()
    expect([first.exitCode, explain(first)]).toEqual([0, expect.any(String)])
    const url = seedModel(emulator, 'token/other.json', logisticModel([0.1]))
    emulator.seed({
      modelPackages: Array.from({ length: 25 }, () => ({
        ModelPackageGroupName: GROUP,
        InferenceSpecification: {
          Containers: [{ Image: IMAGE, ModelDataUrl: url }],
          SupportedContentTypes: ['text/csv'],
          SupportedResponseMIMETypes: ['text/csv']
        }
      }))
    })
    const again = await register({ 'metrics-file': writeJson({ 'validation:auc': 0.8 }) })
    expect([again.exitCode, explain(again)]).toEqual([0, expect.any(String)])
    expect(again.stdout).not.toContain('ConflictException')
    expect(again.outputs).toMatchObject({ created: 'true', 'model-package-version': '27' })
    expect(conflicts()).toBe(0)
  })
})
