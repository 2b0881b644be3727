// What the user types is what happens: dist/index.js on the emulator with misspelt inputs,
// text SageMaker would refuse, metrics files at the edges of JSON, policies that cannot
// mean what they say, and names of things that do not exist.
import { describe, expect, it } from '@jest/globals'
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeModelPackageCommand
} from '@aws-sdk/client-sagemaker'
import { createHash } from 'node:crypto'
import type { Emulator } from '../../emulator/server.ts'
import { scratchFile } from '../../__fixtures__/context.js'
import {
  BUCKET,
  IMAGE,
  ROLE,
  clients,
  explain,
  logisticModel,
  mutatingCalls,
  runOn,
  seedModel,
  totalCalls,
  until,
  useEmulator,
  writeJson
} from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e))

const GROUP = 'churn-model'
const SHA = '3'.repeat(40)

function register(extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode: 'register',
    'model-package-group': GROUP,
    'model-data-url': seedModel(emulator, 'churn/model.json', logisticModel([0.5])),
    'image-uri': IMAGE,
    ...extra
  }
}

/** A metrics file with exactly these bytes (writeJson would re-serialise them). */
function rawFile(content: string | Buffer): string {
  return scratchFile('metrics.json', content)
}

/** Versions straight into the registry, with their metrics mirrored in metadata. */
function seedVersions(
  versions: { metrics: Record<string, number>; status?: string; group?: string }[]
): string[] {
  const url = seedModel(emulator, 'churn/seeded.json', logisticModel([0.5]))
  return emulator.seed({
    modelPackages: versions.map(v => ({
      ModelPackageGroupName: v.group ?? GROUP,
      ModelApprovalStatus: v.status ?? 'PendingManualApproval',
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: url }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      },
      CustomerMetadataProperties: Object.fromEntries(
        Object.entries(v.metrics).map(([name, value]) => [`metric:${name}`, String(value)])
      )
    }))
  }).modelPackages
}

async function describeVersion(arn: string) {
  return clients(emulator).sagemaker.send(
    new DescribeModelPackageCommand({ ModelPackageName: arn })
  )
}

/** Puts `packageArn` on a new endpoint named `name` (model and config of the same name). */
async function serve(name: string, packageArn: string | undefined): Promise<void> {
  const sagemaker = clients(emulator).sagemaker
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { ModelPackageName: packageArn }
    })
  )
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: `${name}-config`,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: name,
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 1
        }
      ]
    })
  )
  await sagemaker.send(
    new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-config` })
  )
  await until('the endpoint is InService', async () => {
    const { EndpointStatus } = await sagemaker.send(
      new DescribeEndpointCommand({ EndpointName: name })
    )
    return EndpointStatus === 'InService'
  })
}

function gate(extra: Record<string, string>): Record<string, string> {
  return { mode: 'gate', 'model-package-group': GROUP, ...extra }
}

describe('1. inputs the action does not declare, or that the mode does not read', () => {
  it('fails on a misspelt input with the nearest name, before any AWS call', async () => {
    seedVersions([
      { metrics: { 'validation:auc': 0.9 }, status: 'Approved' },
      { metrics: { 'validation:auc': 0.85 } }
    ])
    const run = await runOn(
      emulator,
      gate({ thresholds: 'validation:auc >= 0.5', 'max-regresion': 'validation:auc -0.01' })
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'Unknown input "max-regresion"; did you mean "max-regression"? Mode "gate" reads: mode, model-package-group, region, github-token, dry-run, comment, history, model-package, thresholds, max-regression, metric-directions, baseline, on-pass, on-fail, fail-on-reject, validation-data, validation-method, task, label-column, prediction-column, decision-threshold, alpha, execution-role-arn, instance-type, serverless-memory-mb, serverless-max-concurrency, max-concurrency, regression-test, work-s3-uri.'
    ])
    expect(totalCalls(emulator)).toBe(0)
  })

  it("fails on an input of another mode, but not on an input left at action.yml's default", async () => {
    seedVersions([{ metrics: { 'validation:auc': 0.9 } }])
    const other = await runOn(
      emulator,
      gate({ thresholds: 'validation:auc >= 0.5', 'endpoint-name': 'churn-prod' })
    )
    expect(other.exitCode).toBe(1)
    expect(other.errors.join('\n')).toMatch(
      /^Input "endpoint-name" does not apply to mode "gate": it is read by modes deploy, rollback, ab-test\./
    )
    expect(totalCalls(emulator)).toBe(0)
    // The runner sets every declared input with a default: those are not the user's doing.
    const defaults = await runOn(
      emulator,
      gate({
        thresholds: 'validation:auc >= 0.5',
        'canary-size': '10',
        'wait-timeout': '1800'
      })
    )
    if (defaults.exitCode !== 0) throw new Error(explain(defaults))
  })
})

describe('2. text that SageMaker would refuse', () => {
  it.each([
    ['description', 'Weekly retrain:\nnew features'],
    ['group-description', 'Churn models\tfor the EU']
  ])('refuses a %s with a line break or tab before creating anything', async (input, value) => {
    const run = await runOn(
      emulator,
      register({
        [input]: value,
        'metrics-file': writeJson({ 'validation:auc': 0.9 }),
        'metrics-s3-uri': `s3://${BUCKET}/metrics`
      }),
      { sha: SHA }
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      new RegExp(`^Input "${input}" goes to SageMaker's ModelPackage(Group)?Description`)
    )
    expect(mutatingCalls(emulator)).toEqual({})
    expect(emulator.stats().s3.PutObject ?? 0).toBe(0)
  })
})

describe('3. metrics-s3-uri', () => {
  const statistics = JSON.stringify({
    version: 0.0,
    binary_classification_metrics: {
      auc: { value: 0.93, standard_deviation: 0.004 },
      accuracy: { value: 0.88, standard_deviation: 0.006 },
      confusion_matrix: { '0': { '0': 90, '1': 10 }, '1': { '0': 14, '1': 86 } }
    }
  })

  it('attaches an existing statistics object alone: digest recorded, metrics mirrored, gate reads them', async () => {
    emulator.seed({
      s3Objects: [{ bucket: BUCKET, key: 'evals/v1/statistics.json', body: statistics }]
    })
    const uri = `s3://${BUCKET}/evals/v1/statistics.json`
    const run = await runOn(emulator, register({ 'metrics-s3-uri': uri }), { sha: SHA })
    if (run.exitCode !== 0) throw new Error(explain(run))
    const pkg = await describeVersion(run.outputs['model-package-arn'] as string)
    expect(pkg.ModelMetrics?.ModelQuality?.Statistics).toEqual({
      ContentType: 'application/json',
      S3Uri: uri,
      ContentDigest: `sha256:${createHash('sha256').update(statistics).digest('hex')}`
    })
    expect(pkg.CustomerMetadataProperties).toMatchObject({
      'metric:auc': '0.93',
      'metric:accuracy': '0.88'
    })
    // Attached as it is: nothing was uploaded.
    expect(emulator.stats().s3.PutObject ?? 0).toBe(0)

    const gated = await runOn(emulator, gate({ thresholds: 'auc >= 0.95' }))
    expect(gated.exitCode).toBe(1)
    expect(gated.outputs.decision).toBe('fail')
    expect(gated.stdout).toContain('auc 0.93 is not at least 0.95')
  })

  it('refuses an object with metrics-file, a missing object, and a folder with nothing to write', async () => {
    emulator.seed({ s3Objects: [{ bucket: BUCKET, key: 'evals/flat.json', body: '{"auc": 0.9}' }] })
    const cases: [Record<string, string>, RegExp][] = [
      [
        {
          'metrics-s3-uri': `s3://${BUCKET}/evals/v1/statistics.json`,
          'metrics-file': writeJson({ auc: 0.9 })
        },
        /^Inputs "metrics-file" and "metrics-s3-uri" .* are two sources of metrics/
      ],
      [
        { 'metrics-s3-uri': `s3://${BUCKET}/evals/missing.json` },
        /Input "metrics-s3-uri": s3:\/\/models\/evals\/missing\.json does not exist/
      ],
      [
        { 'metrics-s3-uri': 's3://no-such-bucket/evals/statistics.json' },
        /Input "metrics-s3-uri": bucket no-such-bucket does not exist \(s3:\/\/no-such-bucket\/evals\/statistics\.json\)/
      ],
      [
        { 'metrics-s3-uri': `s3://${BUCKET}/evals/flat.json` },
        /Input "metrics-s3-uri": s3:\/\/models\/evals\/flat\.json is not model-quality statistics/
      ],
      [
        { 'metrics-s3-uri': `s3://${BUCKET}/evals/` },
        /Input "metrics-s3-uri" s3:\/\/models\/evals\/ is a folder .* but there are none to write/
      ]
    ]
    for (const [inputs, message] of cases) {
      const run = await runOn(emulator, register(inputs), { sha: SHA })
      expect([inputs, run.exitCode]).toEqual([inputs, 1])
      expect(run.errors.join('\n')).toMatch(message)
      expect(mutatingCalls(emulator)).toEqual({})
    }
  })
})

describe('4. metrics-file rules', () => {
  it.each([
    [
      'a number in quotes',
      '{"validation:auc": "0.9"}',
      /metric "validation:auc" has the string "0\.9"; write it as a number/
    ],
    [
      'a number beyond a double',
      '{"validation:auc": 0.9,\n "validation:loss": 1e400}',
      /metric "validation:loss" is 1e400 \(line 2\), beyond the largest number a double holds/
    ],
    [
      'a key given twice',
      '{\n"validation:auc": 0.91,\n"validation:auc": 0.62\n}',
      /the key "validation:auc" appears twice in one object \(lines 2 and 3\)/
    ]
  ])('refuses %s, naming it, before any AWS call', async (_name, content, message) => {
    const run = await runOn(emulator, register({ 'metrics-file': rawFile(content) }), { sha: SHA })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(message)
    expect(mutatingCalls(emulator)).toEqual({})
  })

  it('reads a file that starts with a UTF-8 byte-order mark', async () => {
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"validation:auc": 0.9}')
    ])
    const run = await runOn(emulator, register({ 'metrics-file': rawFile(bom) }), { sha: SHA })
    if (run.exitCode !== 0) throw new Error(explain(run))
    const pkg = await describeVersion(run.outputs['model-package-arn'] as string)
    expect(pkg.CustomerMetadataProperties?.['metric:validation:auc']).toBe('0.9')
  })

  it('keeps the names of a statistics file as written, and says so', async () => {
    const file = writeJson({ binary_classification_metrics: { auc: { value: 0.91 } } })
    const run = await runOn(emulator, register({ 'metrics-file': file }), { sha: SHA })
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.stdout).toContain(
      'metrics-file: metrics keep their names as in the statistics (auc), without the section name: write rules as "auc >= ..."'
    )
    const pkg = await describeVersion(run.outputs['model-package-arn'] as string)
    expect(Object.keys(pkg.CustomerMetadataProperties ?? {})).toContain('metric:auc')
  })
})

describe('5. policies that cannot mean what they say', () => {
  it.each([
    [
      'a relative limit beyond -100%',
      'max-regression',
      'validation:auc -200%',
      /Input "max-regression", line 1, column 16: a relative limit goes from -0% to -100%/
    ],
    [
      'thresholds no value meets',
      'thresholds',
      'validation:auc >= 0.9\nvalidation:auc <= 0.5',
      /Input "thresholds", line 2, column 16: "validation:auc <= 0.5" contradicts line 1/
    ],
    [
      'a 100,000-character metric name',
      'thresholds',
      `validation:${'a'.repeat(100_000)} >= 0.5`,
      /Input "thresholds", line 1, column 1: the metric name is 100011 characters; at most 121/
    ]
  ])(
    'refuses %s, with line and column, before any AWS call',
    async (_name, input, value, message) => {
      seedVersions([{ metrics: { 'validation:auc': 0.95 } }])
      const run = await runOn(emulator, gate({ [input]: value }))
      expect(run.exitCode).toBe(1)
      expect(run.errors.join('\n')).toMatch(message)
      expect(run.errors.join('\n').length).toBeLessThan(1000)
      expect(totalCalls(emulator)).toBe(0)
    }
  )
})

describe('6. traffic', () => {
  it('refuses a version given twice, naming the input, before any AWS call', async () => {
    seedVersions([{ metrics: {}, status: 'Approved' }])
    const run = await runOn(emulator, {
      mode: 'deploy',
      'model-package-group': GROUP,
      'endpoint-name': 'churn-ab',
      'execution-role-arn': ROLE,
      'instance-type': 'ml.m5.large',
      traffic: 'v1=50,v1=50'
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/^Input "traffic" gives version 1 twice/)
    expect(totalCalls(emulator)).toBe(0)
  })
})

describe('7. share and baseline', () => {
  it('refuses to share the group with its own account, before changing the policy', async () => {
    seedVersions([{ metrics: {} }])
    const run = await runOn(emulator, {
      mode: 'group',
      'model-package-group': GROUP,
      'group-operation': 'share',
      'account-ids': '222222222222,123456789012'
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /^Input "account-ids": 123456789012 is the account that owns group "churn-model"/
    )
    expect(mutatingCalls(emulator)).toEqual({})
  })

  it("warns when the endpoint baseline serves another group's version, and says what it compares with", async () => {
    const [other, , candidate] = seedVersions([
      { metrics: { 'validation:auc': 0.8 }, status: 'Approved', group: 'fraud-model' },
      { metrics: { 'validation:auc': 0.95 }, status: 'Approved' },
      { metrics: { 'validation:auc': 0.9 } }
    ])
    await serve('fraud-live', other)
    const run = await runOn(
      emulator,
      gate({ 'max-regression': 'validation:auc -0.01', baseline: 'endpoint:fraud-live' })
    )
    if (run.exitCode !== 0) throw new Error(explain(run))
    expect(run.warnings).toContain(
      `Input "baseline": endpoint "fraud-live" serves ${other}, version 1 of group "fraud-model", not a version of "churn-model". The gate compares the candidate with that version, as asked; for this group's champion use "latest-approved" or "version:N".`
    )
    expect(run.outputs['baseline-model-package-arn']).toBe(other)
    expect(run.outputs['model-package-arn']).toBe(candidate)
    expect(run.summary).toContain('live on fraud-live, of group fraud-model')
  })
})

describe('15. things that do not exist', () => {
  const missingGroup =
    /Input "model-package-group": group "no-such-group" does not exist in us-east-1\. Check the name, the region and the AWS account the credentials belong to\./
  const missingVersion = (input: string) =>
    new RegExp(
      `Input "${input}": v9 of group "churn-model" does not exist in us-east-1\\. Check the version number`
    )

  it.each([
    ['compare', { mode: 'compare' }],
    ['gate', { mode: 'gate', thresholds: 'auc >= 0.5' }],
    ['lineage', { mode: 'lineage' }],
    ['group describe', { mode: 'group', 'group-operation': 'describe' }],
    ['group list', { mode: 'group', 'group-operation': 'list' }],
    ['group delete', { mode: 'group', 'group-operation': 'delete', force: 'true' }]
  ])('%s: a missing group exits 1 and names the input', async (_name, inputs) => {
    const run = await runOn(emulator, { ...inputs, 'model-package-group': 'no-such-group' })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(missingGroup)
    expect(run.errors.join('\n')).not.toMatch(/ValidationException/)
    expect(mutatingCalls(emulator)).toEqual({})
  })

  it.each([
    ['reject', { mode: 'reject', reason: 'bad' }, 'model-package'],
    ['approve', { mode: 'approve', reason: 'good' }, 'model-package'],
    ['lineage', { mode: 'lineage' }, 'model-package'],
    ['gate', { mode: 'gate', thresholds: 'auc >= 0.5' }, 'model-package'],
    [
      'deploy',
      {
        mode: 'deploy',
        'endpoint-name': 'churn-prod',
        'execution-role-arn': ROLE,
        'instance-type': 'ml.m5.large'
      },
      'model-package'
    ]
  ])('%s: a missing version exits 1 and names the input', async (_name, inputs, input) => {
    seedVersions([{ metrics: { auc: 0.9 }, status: 'Approved' }])
    const run = await runOn(emulator, {
      ...inputs,
      'model-package-group': GROUP,
      'model-package': '9'
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(missingVersion(input))
    expect(run.errors.join('\n')).not.toMatch(/ValidationException/)
    expect(mutatingCalls(emulator)).toEqual({})
  })

  it('rollback: a missing version exits 1, names the input and changes nothing', async () => {
    const [live] = seedVersions([{ metrics: { auc: 0.9 }, status: 'Approved' }])
    await serve('churn-prod', live)
    const before = mutatingCalls(emulator)
    const run = await runOn(emulator, {
      mode: 'rollback',
      'model-package-group': GROUP,
      'endpoint-name': 'churn-prod',
      'execution-role-arn': ROLE,
      'model-package': '9'
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(missingVersion('model-package'))
    expect(run.errors.join('\n')).not.toMatch(/ValidationException/)
    expect(mutatingCalls(emulator)).toEqual(before)
  })

  it('compare: missing versions are named together', async () => {
    seedVersions([{ metrics: { auc: 0.9 } }])
    const run = await runOn(emulator, {
      mode: 'compare',
      'model-package-group': GROUP,
      versions: '1,9,12'
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /Input "versions": v9, v12 of group "churn-model" do not exist/
    )
  })
})

describe('16. errors say which step failed and what was already done', () => {
  it('register: a throttled upload after the group was created says the group stays', async () => {
    emulator.setFaults({ throttleRate: { PutObject: 1 } })
    const run = await runOn(
      emulator,
      register({
        'metrics-file': writeJson({ 'validation:auc': 0.9 }),
        'metrics-s3-uri': `s3://${BUCKET}/metrics`
      }),
      { sha: SHA }
    )
    emulator.setFaults({ clear: true })
    expect(run.exitCode).toBe(1)
    const error = run.errors.join('\n')
    expect(error).toMatch(
      /^Uploading the model quality statistics to s3:\/\/models\/metrics\/churn-model\/[0-9a-f]{64}\/statistics\.json failed after finding or creating group "churn-model": SlowDown/
    )
    expect(error).toMatch(
      /Already done: created model package group "churn-model" \(it stays; a re-run registers into it\)\.$/
    )
    expect(mutatingCalls(emulator)).toEqual({ CreateModelPackageGroup: 1 })
  })

  it('gate: a decision that cannot be written says the verdict was computed and nothing changed', async () => {
    const [, v2] = seedVersions([
      { metrics: { 'validation:auc': 0.9 }, status: 'Approved' },
      { metrics: { 'validation:auc': 0.5 } }
    ])
    emulator.setFaults({
      failNext: { UpdateModelPackage: { count: 20, error: 'InternalFailure', status: 500 } }
    })
    const run = await runOn(emulator, gate({ thresholds: 'validation:auc >= 0.85' }))
    emulator.setFaults({ clear: true })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /^Recording the decision on v2 failed after computing the verdict \(fail\): InternalFailure: .*request id .* Nothing was changed\.$/
    )
    expect((await describeVersion(v2 as string)).ModelApprovalStatus).toBe('PendingManualApproval')
  })
})
