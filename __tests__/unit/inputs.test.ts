import { describe, expect, it } from '@jest/globals'
import {
  checkInputNames,
  DEFAULTS,
  editDistance,
  INPUT_NAMES,
  InputError,
  inputNamesFromEnv,
  inputsOf,
  nearestName,
  parseKeyValues,
  readSettings,
  splitList
} from '../../src/inputs/index.js'
import { parsePolicy } from '../../src/policy/index.js'
import {
  MODES,
  type DecisionSettings,
  type DeploySettings,
  type GateSettings,
  type GroupSettings,
  type RegisterSettings,
  type ReportSettings,
  type Settings
} from '../../src/settings.js'

type Values = Record<string, string>

const TOKEN = 'ghs_supersecrettokenvalue123'
const GROUP_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn'
const PACKAGE_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/7'

/** Minimal valid inputs per mode; tests override single inputs by name. */
const BASE: Record<string, Values> = {
  register: { 'model-data-url': 's3://models/churn/model.tar.gz', 'image-uri': 'img:1' },
  gate: { thresholds: 'validation:auc >= 0.85' },
  approve: { reason: 'Reviewed by the risk team' },
  reject: { reason: 'Bias audit failed' },
  deploy: { 'endpoint-name': 'churn-prod' },
  rollback: { 'endpoint-name': 'churn-prod' },
  compare: {},
  lineage: {},
  group: {},
  'ab-test': { 'endpoint-name': 'churn-prod', 'ground-truth-s3-uri': 's3://labels/churn' }
}

function reader(values: Values) {
  const map = new Map(Object.entries(values))
  return (name: string) => map.get(name) ?? ''
}

/** Settings with every mode's part optional, so that a test can check that one is absent. */
type AnyModeSettings = Settings & {
  register?: RegisterSettings
  gate?: GateSettings
  decision?: DecisionSettings
  deploy?: DeploySettings
  report?: ReportSettings
  groupOps?: GroupSettings
}

function read(mode: string, values: Values = {}, env: NodeJS.ProcessEnv = {}): AnyModeSettings {
  const all = {
    mode,
    'model-package-group': 'churn',
    region: 'us-east-1',
    'github-token': TOKEN,
    ...BASE[mode],
    ...values
  }
  return readSettings(reader(all), env)
}

function failure(mode: string, values: Values, env: NodeJS.ProcessEnv = {}): InputError {
  try {
    read(mode, values, env)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    const inputError = error as InputError
    // The token is given in every case and must never leak into a message.
    expect(inputError.message).not.toContain(TOKEN)
    return inputError
  }
  throw new Error(`expected an InputError for ${mode} ${JSON.stringify(values)}`)
}

describe('common inputs', () => {
  it('reads the common settings with their defaults', () => {
    const settings = read('gate')
    expect(settings).toMatchObject({
      mode: 'gate',
      group: { nameOrArn: 'churn', name: 'churn' },
      region: 'us-east-1',
      githubToken: TOKEN,
      dryRun: false,
      comment: true,
      history: 10
    })
    expect(settings.group.arn).toBeUndefined()
    expect(settings.register).toBeUndefined()
    expect(settings.deploy).toBeUndefined()
  })

  it('accepts every mode, in any case', () => {
    for (const mode of MODES) expect(read(mode.toUpperCase() as string, BASE[mode]).mode).toBe(mode)
  })

  it('rejects an unknown mode listing the valid ones', () => {
    const error = failure('promote', {})
    expect(error.input).toBe('mode')
    expect(error.message).toBe(
      'Input "mode" must be one of register, gate, approve, reject, deploy, rollback, compare, lineage, group, ab-test; got "promote".'
    )
  })

  it('requires a mode', () => {
    expect(failure('', {}).message).toMatch(/^Input "mode" is required: one of register, gate/)
  })

  it('takes the region from the input, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' }
    expect(read('gate', { region: 'us-west-2' }, env).region).toBe('us-west-2')
    expect(read('gate', { region: '' }, env).region).toBe('eu-west-1')
    expect(read('gate', { region: '' }, { AWS_DEFAULT_REGION: 'ap-south-1' }).region).toBe(
      'ap-south-1'
    )
    expect(read('gate', { region: '' }, { AWS_REGION: 'us-gov-west-1' }).region).toBe(
      'us-gov-west-1'
    )
  })

  it('names region when none is found or it is malformed', () => {
    const missing = failure('gate', { region: '' })
    expect(missing.input).toBe('region')
    expect(missing.message).toMatch(/AWS_REGION/)
    expect(failure('gate', { region: 'Virginia' }).message).toBe(
      'Input "region" must be an AWS region such as us-east-1; got "Virginia".'
    )
  })

  it('takes the group as a name or as the ARN of a shared group', () => {
    expect(read('gate', { 'model-package-group': 'a' }).group.name).toBe('a')
    expect(read('gate', { 'model-package-group': 'a-b--c9' }).group.name).toBe('a-b--c9')
    expect(read('gate', { 'model-package-group': GROUP_ARN }).group).toEqual({
      nameOrArn: GROUP_ARN,
      name: 'churn',
      arn: GROUP_ARN
    })
    const govArn = 'arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:model-package-group/g'
    expect(read('gate', { 'model-package-group': govArn, region: 'us-gov-west-1' }).group.arn).toBe(
      govArn
    )
  })

  it.each([
    ['-churn'],
    ['churn-'],
    ['churn_model'],
    ['a'.repeat(64)],
    ['arn:aws:sagemaker:us-east-1:12345:model-package-group/churn'],
    ['arn:aws:s3:us-east-1:123456789012:model-package-group/churn'],
    ['arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1']
  ])('rejects the group %s', value => {
    const error = failure('gate', { 'model-package-group': value })
    expect(error.input).toBe('model-package-group')
    expect(error.message).toContain(`got ${JSON.stringify(value)}`)
    expect(error.message).toContain('group name of 1-63 letters')
  })

  it('rejects a group ARN from another region and requires a group', () => {
    const error = failure('gate', {
      'model-package-group': GROUP_ARN.replace('us-east-1', 'eu-west-1')
    })
    expect(error.message).toMatch(/region eu-west-1, but the region is us-east-1/)
    expect(failure('gate', { 'model-package-group': '' }).input).toBe('model-package-group')
  })

  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['false', false],
    ['FALSE', false]
  ])('reads the boolean %s', (value, expected) => {
    expect(read('gate', { 'dry-run': value }).dryRun).toBe(expected)
    expect(read('gate', { comment: value }).comment).toBe(expected)
  })

  it.each(['yes', '1', 'on', 'truthy'])('rejects the boolean %s', value => {
    const error = failure('gate', { 'dry-run': value })
    expect(error.input).toBe('dry-run')
    expect(error.message).toBe(`Input "dry-run" must be true or false; got "${value}".`)
  })

  it.each(['1', '100', ' 42 '])('accepts history %s', value => {
    expect(read('gate', { history: value }).history).toBe(Number(value))
  })

  it.each(['abc', '0', '101', '1.5', '-3', '1e2'])('rejects history %s', value => {
    expect(failure('gate', { history: value }).message).toBe(
      `Input "history" must be a whole number from 1 to 100; got "${value}".`
    )
  })

  it('reads each input at most once', () => {
    const calls = new Map<string, number>()
    const values = reader({
      mode: 'deploy',
      'model-package-group': 'churn',
      region: 'us-east-1',
      'endpoint-name': 'e'
    })
    readSettings(name => {
      calls.set(name, (calls.get(name) ?? 0) + 1)
      return values(name)
    }, {})
    expect([...calls.values()].every(n => n === 1)).toBe(true)
    expect(calls.has('endpoint-name')).toBe(true)
  })

  it('reads every declared input in some mode, and nothing else', () => {
    const seen = new Set<string>()
    const extra: Record<string, Values> = {
      group: { 'group-operation': 'share', 'account-ids': '123456789012' },
      rollback: { 'reject-current': 'true', reason: 'bad' }
    }
    for (const mode of MODES) {
      const values = reader({
        mode,
        'model-package-group': 'churn',
        region: 'us-east-1',
        ...BASE[mode],
        ...extra[mode]
      })
      readSettings(name => {
        seen.add(name)
        return values(name)
      }, {})
    }
    expect([...seen].sort()).toEqual([...INPUT_NAMES].sort())
  })
})

describe('register', () => {
  it('reads an artifact source with defaults', () => {
    const settings = read('register')
    expect(settings.register).toEqual({
      groupDescription: undefined,
      groupTags: {},
      source: {
        kind: 'artifact',
        modelDataUrl: 's3://models/churn/model.tar.gz',
        imageUri: 'img:1'
      },
      metricsFile: undefined,
      metricsS3Uri: undefined,
      description: undefined,
      approvalStatus: undefined,
      customerMetadata: {},
      inferenceInstances: [],
      transformInstances: [],
      contentTypes: ['text/csv'],
      responseTypes: ['text/csv'],
      modelLifecycleStage: undefined,
      projectId: undefined
    })
  })

  it('reads a training job or a tuning job source, with an optional image', () => {
    const training = read('register', {
      'model-data-url': '',
      'image-uri': '',
      'training-job-name': 'churn-train-2026-11-26'
    })
    expect(training.register?.source).toEqual({
      kind: 'training-job',
      trainingJobName: 'churn-train-2026-11-26'
    })
    const tuning = read('register', {
      'model-data-url': '',
      'tuning-job-name': 'churn-hpo-7'
    })
    expect(tuning.register?.source).toEqual({
      kind: 'tuning-job',
      tuningJobName: 'churn-hpo-7',
      imageUri: 'img:1'
    })
  })

  it('reads every register input', () => {
    const settings = read('register', {
      'group-description': 'Churn model',
      'group-tags': 'team=ml\ncost-center=42, env=prod',
      'metrics-file': 'out/metrics.json',
      'metrics-s3-uri': 's3://models/churn/metrics/',
      description: 'XGBoost, 2026-11 data',
      'approval-status': 'approved',
      'customer-metadata': 'dataset=s3://data/churn/v3\nowner=ml-team@example.com',
      'inference-instances': 'ml.m5.large, ml.c5.xlarge\nml.m5.large',
      'transform-instances': 'ml.m5.xlarge',
      'content-types': 'text/csv,application/json',
      'response-types': 'application/json',
      'model-lifecycle-stage': 'staging',
      'project-id': 'p-1234'
    })
    expect(settings.register).toMatchObject({
      groupDescription: 'Churn model',
      groupTags: { team: 'ml', 'cost-center': '42', env: 'prod' },
      metricsFile: 'out/metrics.json',
      metricsS3Uri: 's3://models/churn/metrics/',
      description: 'XGBoost, 2026-11 data',
      approvalStatus: 'Approved',
      customerMetadata: { dataset: 's3://data/churn/v3', owner: 'ml-team@example.com' },
      inferenceInstances: ['ml.m5.large', 'ml.c5.xlarge'],
      transformInstances: ['ml.m5.xlarge'],
      contentTypes: ['text/csv', 'application/json'],
      responseTypes: ['application/json'],
      modelLifecycleStage: 'staging',
      projectId: 'p-1234'
    })
  })

  it('says what is wrong with the bucket of an S3 URI, not only that it is not one', () => {
    const model = failure('register', { 'model-data-url': 's3://b/k/model.tar.gz' })
    expect(model.input).toBe('model-data-url')
    expect(model.message).toBe(
      'Input "model-data-url" must be an S3 URI such as s3://bucket/model.tar.gz (bucket "b" is not an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit); got "s3://b/k/model.tar.gz".'
    )
    expect(failure('register', { 'model-data-url': 'models/model.tar.gz' }).message).toBe(
      'Input "model-data-url" must be an S3 URI such as s3://bucket/model.tar.gz; got "models/model.tar.gz".'
    )
    const metrics = failure('register', { 'metrics-s3-uri': 's3://Metrics/churn/' })
    expect(metrics.input).toBe('metrics-s3-uri')
    expect(metrics.message).toMatch(
      /^Input "metrics-s3-uri" must be an S3 URI such as s3:\/\/bucket\/prefix\/file \(bucket "Metrics" is not an S3 bucket name: /
    )
  })

  it('needs exactly one source, naming the inputs', () => {
    const none = failure('register', { 'model-data-url': '', 'image-uri': '' })
    expect(none.input).toBe('model-data-url')
    expect(none.message).toBe(
      'Mode "register" needs exactly one model source: "model-data-url" with "image-uri", "training-job-name", or "tuning-job-name"; got none.'
    )
    const two = failure('register', { 'training-job-name': 'job' })
    expect(two.input).toBe('training-job-name')
    expect(two.message).toMatch(/got "model-data-url" and "training-job-name"\.$/)
    const three = failure('register', {
      'model-data-url': '',
      'training-job-name': 'a',
      'tuning-job-name': 'b'
    })
    expect(three.message).toMatch(/got "training-job-name" and "tuning-job-name"\.$/)
  })

  it('needs image-uri with model-data-url', () => {
    const error = failure('register', { 'image-uri': '' })
    expect(error.input).toBe('image-uri')
    expect(error.message).toMatch(/required with "model-data-url"/)
  })

  it.each([
    ['model-data-url', '/tmp/model.tar.gz', 'an S3 URI'],
    ['model-data-url', 's3://', 'an S3 URI'],
    ['image-uri', 'my image', 'a container image URI'],
    ['metrics-s3-uri', 'https://bucket/metrics.json', 'an S3 URI'],
    ['approval-status', 'Maybe', 'one of PendingManualApproval, Approved, Rejected'],
    [
      'inference-instances',
      'ml.m5.large,ml.m5.huge',
      'a SageMaker real-time inference instance type'
    ],
    ['transform-instances', 't2.micro', 'a SageMaker batch transform instance type'],
    ['content-types', 'csv', 'MIME types'],
    ['response-types', ' , ', 'at least one MIME type'],
    ['model-lifecycle-stage', 'in review', 'a stage name']
  ])('rejects %s=%s', (input, value, accepted) => {
    const error = failure('register', { [input]: value })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Input "${input}" must be ${accepted}`)
  })

  it('rejects bad training and tuning job names', () => {
    const training = failure('register', {
      'model-data-url': '',
      'training-job-name': 'bad_name'
    })
    expect(training.input).toBe('training-job-name')
    const tuning = failure('register', { 'model-data-url': '', 'tuning-job-name': 'a'.repeat(33) })
    expect(tuning.message).toContain('1-32 letters')
  })

  it('suggests instance types of the same family', () => {
    const error = failure('register', { 'inference-instances': 'ml.m5.huge' })
    expect(error.message).toMatch(/such as ml\.m5\.\w+/)
    expect(error.message).toContain('got "ml.m5.huge"')
  })

  it('limits descriptions to 1024 characters', () => {
    const error = failure('register', { description: 'x'.repeat(1025) })
    expect(error.message).toBe('Input "description" must be at most 1024 characters; got 1025.')
    expect(read('register', { description: 'x'.repeat(1024) }).register?.description).toHaveLength(
      1024
    )
  })

  it.each([
    [
      'customer-metadata',
      'a=1\nnot-a-pair',
      'Input "customer-metadata" line 2 must be key=value; got "not-a-pair".'
    ],
    [
      'customer-metadata',
      '=value',
      'Input "customer-metadata" line 1 must be key=value; got "=value".'
    ],
    [
      'customer-metadata',
      'a=1\n\nb=what?',
      'Input "customer-metadata" line 3: the value of "b" must be 1-256'
    ],
    ['customer-metadata', 'empty=', 'line 1: the value of "empty" must be 1-256'],
    [
      'customer-metadata',
      'a=1,a=2',
      'Input "customer-metadata" line 1: the key "a" is given twice.'
    ],
    ['customer-metadata', `${'k'.repeat(129)}=v`, 'line 1: the key must be 1-128'],
    ['customer-metadata', `k=${'v'.repeat(257)}`, 'line 1: the value of "k" must be 1-256'],
    [
      'group-tags',
      'aws:owner=me',
      'Input "group-tags" line 1: keys starting with "aws:" are reserved'
    ],
    ['group-tags', 'team=ml\nteam&co=x', 'Input "group-tags" line 2: the key must be']
  ])('rejects %s %j', (input, value, message) => {
    const error = failure('register', { [input]: value })
    expect(error.input).toBe(input)
    expect(error.message).toContain(message)
  })

  it('allows empty tag values and at most 50 entries', () => {
    expect(read('register', { 'group-tags': 'flag=' }).register?.groupTags).toEqual({ flag: '' })
    const many = Array.from({ length: 51 }, (_, i) => `k${i}=v`).join('\n')
    expect(failure('register', { 'customer-metadata': many }).message).toBe(
      'Input "customer-metadata" may hold at most 50 entries; got 51.'
    )
  })
})

describe('gate', () => {
  it('reads the gate with defaults', () => {
    expect(read('gate').gate).toEqual({
      modelPackage: undefined,
      policy: parsePolicy('validation:auc >= 0.85', '', ''),
      baseline: { kind: 'latest-approved' },
      onPass: 'none',
      onFail: 'Rejected',
      failOnReject: true,
      validationData: undefined,
      validationMethod: 'endpoint',
      task: 'binary',
      labelColumn: '0',
      predictionColumn: undefined,
      decisionThreshold: 0.5,
      alpha: 0.05,
      executionRoleArn: undefined,
      instanceType: undefined,
      serverlessMemoryMb: undefined,
      serverlessMaxConcurrency: undefined,
      maxConcurrency: 4,
      regressionTest: 'non-inferiority',
      workS3Uri: undefined
    })
  })

  it('reads every gate input', () => {
    const gate = read('gate', {
      'model-package': PACKAGE_ARN,
      thresholds: 'validation:auc >= 0.85\nvalidation:logloss <= 0.40',
      'max-regression': 'validation:auc -1%',
      'metric-directions': 'custom:score higher',
      baseline: 'endpoint:churn-prod',
      'on-pass': 'approved',
      'on-fail': 'none',
      'fail-on-reject': 'false',
      'validation-data': 's3://data/churn/validation.csv',
      'validation-method': 'batch-transform',
      task: 'multiclass',
      'label-column': 'churned',
      'prediction-column': 'predicted_label',
      'decision-threshold': '1',
      alpha: '.01',
      'execution-role-arn': 'arn:aws:iam::123456789012:role/service-role/SageMakerExecution',
      'instance-type': 'ml.m5.xlarge',
      'max-concurrency': '64',
      'regression-test': 'significant-drop'
    }).gate
    expect(gate).toEqual({
      modelPackage: { kind: 'arn', arn: PACKAGE_ARN },
      policy: parsePolicy(
        'validation:auc >= 0.85\nvalidation:logloss <= 0.40',
        'validation:auc -1%',
        'custom:score higher'
      ),
      baseline: { kind: 'endpoint', endpointName: 'churn-prod' },
      onPass: 'Approved',
      onFail: 'none',
      failOnReject: false,
      validationData: 's3://data/churn/validation.csv',
      validationMethod: 'batch-transform',
      task: 'multiclass',
      labelColumn: 'churned',
      predictionColumn: 'predicted_label',
      decisionThreshold: 1,
      alpha: 0.01,
      executionRoleArn: 'arn:aws:iam::123456789012:role/service-role/SageMakerExecution',
      instanceType: 'ml.m5.xlarge',
      serverlessMemoryMb: undefined,
      serverlessMaxConcurrency: undefined,
      maxConcurrency: 64,
      regressionTest: 'significant-drop',
      // Beside the data when it is in S3.
      workS3Uri: 's3://data/churn'
    })
  })

  it.each([
    [
      { thresholds: 'live:auc >= 0.8' },
      'validation-data',
      /^The policy names live:auc, a metric measured live: set "validation-data"/
    ],
    [
      { 'validation-data': 'holdout.csv' },
      'execution-role-arn',
      /^Input "execution-role-arn" is required with "validation-data"/
    ],
    [
      {
        'validation-data': 'holdout.csv',
        'validation-method': 'batch-transform',
        'execution-role-arn': 'arn:aws:iam::123456789012:role/SageMakerExecution'
      },
      'work-s3-uri',
      /^Input "work-s3-uri" is required for validation-method batch-transform with local data/
    ],
    [{ 'regression-test': 'non-inferior' }, 'regression-test', /did you mean "non-inferiority"/],
    [{ 'work-s3-uri': 'bucket/prefix' }, 'work-s3-uri', /an S3 URI/]
  ])('refuses live settings that cannot work (%o), naming %s', (given, input, message) => {
    const error = failure('gate', given)
    expect({ input: error.input, message: error.message }).toEqual({
      input,
      message: expect.stringMatching(message)
    })
  })

  it('accepts max-regression alone and serverless settings', () => {
    const gate = read('gate', {
      thresholds: '',
      'max-regression': 'validation:auc -0.01',
      'serverless-memory-mb': '2048',
      'serverless-max-concurrency': '200'
    }).gate
    expect(gate?.policy.thresholds).toEqual([])
    expect(gate?.serverlessMemoryMb).toBe(2048)
    expect(gate?.serverlessMaxConcurrency).toBe(200)
  })

  it.each([
    ['7', { kind: 'version', version: 7 }],
    ['v12', { kind: 'version', version: 12 }],
    [
      PACKAGE_ARN.replace('/churn/', '/CHURN/'),
      { kind: 'arn', arn: PACKAGE_ARN.replace('/churn/', '/CHURN/') }
    ]
  ])('reads model-package %s', (value, expected) => {
    expect(read('gate', { 'model-package': value }).gate?.modelPackage).toEqual(expected)
  })

  it.each([
    ['0', 'a version number (7 or v7) or a model package ARN'],
    ['-1', 'a version number'],
    ['seven', 'a version number'],
    ['arn:aws:sagemaker:us-east-1:123456789012:model-package/churn', 'a version number'],
    [PACKAGE_ARN.replace('/churn/', '/other/'), 'is a version of group "other", not of "churn"'],
    [
      PACKAGE_ARN.replace('us-east-1', 'eu-west-1'),
      'is in region eu-west-1, but the region is us-east-1'
    ]
  ])('rejects model-package %s', (value, message) => {
    const error = failure('gate', { 'model-package': value })
    expect(error.input).toBe('model-package')
    expect(error.message).toContain(message)
    expect(error.message).toContain(`got ${JSON.stringify(value)}`)
  })

  it.each([
    ['latest-approved', { kind: 'latest-approved' }],
    ['none', { kind: 'none' }],
    ['NONE', { kind: 'none' }],
    ['endpoint:churn-prod', { kind: 'endpoint', endpointName: 'churn-prod' }],
    ['version:3', { kind: 'version', version: 3 }],
    ['version:v3', { kind: 'version', version: 3 }]
  ])('reads baseline %s', (value, expected) => {
    expect(read('gate', { baseline: value }).gate?.baseline).toEqual(expected)
  })

  it.each(['latest', 'endpoint:', 'endpoint:bad_name', 'version:0', 'version:x', 'v3'])(
    'rejects baseline %s',
    value => {
      expect(failure('gate', { baseline: value }).message).toBe(
        `Input "baseline" must be latest-approved, none, endpoint:NAME or version:N; got "${value}".`
      )
    }
  )

  it('needs a policy', () => {
    const error = failure('gate', { thresholds: '', 'max-regression': '' })
    expect(error.input).toBe('thresholds')
    expect(error.message).toMatch(/Mode "gate" needs a policy/)
    expect(failure('gate', { thresholds: '# nothing yet\n\n' }).input).toBe('thresholds')
  })

  it('reports policy grammar errors with input, line and column', () => {
    const error = failure('gate', { thresholds: 'validation:auc >= 0.85\nvalidation:f1 >> 0.5' })
    expect(error.input).toBe('thresholds')
    expect(error.message).toMatch(/^Input "thresholds", line 2, column \d+:/)
    const regression = failure('gate', { 'max-regression': 'custom:thing -0.1' })
    expect(regression.input).toBe('max-regression')
    expect(regression.message).toContain('metric-directions')
  })

  it.each([
    ['on-pass', 'Rejected', 'one of Approved, none'],
    ['on-fail', 'Approved', 'one of Rejected, none'],
    ['fail-on-reject', 'maybe', 'true or false'],
    ['validation-method', 'lambda', 'one of endpoint, batch-transform'],
    ['task', 'ranking', 'one of binary, multiclass, regression'],
    ['decision-threshold', '1.5', 'a number from 0 to 1'],
    ['decision-threshold', '-0.1', 'a number from 0 to 1'],
    ['decision-threshold', 'half', 'a number from 0 to 1'],
    ['alpha', '0', 'a number between 0 and 0.5 (exclusive)'],
    ['alpha', '1', 'a number between 0 and 0.5 (exclusive)'],
    ['alpha', '5%', 'a number between 0 and 0.5 (exclusive)'],
    ['max-concurrency', '0', 'a whole number from 1 to 64'],
    ['max-concurrency', '65', 'a whole number from 1 to 64'],
    ['serverless-memory-mb', '1000', 'one of 1024, 2048, 3072, 4096, 5120, 6144'],
    ['serverless-memory-mb', '8192', 'one of 1024, 2048, 3072, 4096, 5120, 6144'],
    ['instance-type', 'ml.m5.huge', 'a SageMaker real-time inference instance type'],
    ['execution-role-arn', 'SageMakerRole', 'an IAM role ARN'],
    ['validation-data', 's3://Bad_Bucket/x.csv', 'an S3 URI']
  ])('rejects %s=%s', (input, value, accepted) => {
    const error = failure('gate', { [input]: value })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Input "${input}" must be ${accepted}`)
    expect(error.message).toContain(`got ${JSON.stringify(value)}`)
  })

  it('checks the instance type against the kind of evaluation', () => {
    // ml.c5.large serves endpoints but is not a transform type; ml.t2.medium is the reverse.
    expect(read('gate', { 'instance-type': 'ml.t2.medium' }).gate?.instanceType).toBe(
      'ml.t2.medium'
    )
    const error = failure('gate', {
      'validation-method': 'batch-transform',
      'instance-type': 'ml.t2.medium'
    })
    expect(error.message).toContain('batch transform instance type')
  })

  it('keeps instance and serverless settings apart', () => {
    const both = failure('gate', { 'instance-type': 'ml.m5.large', 'serverless-memory-mb': '2048' })
    expect(both.input).toBe('serverless-memory-mb')
    expect(both.message).toMatch(/"instance-type" and "serverless-memory-mb" exclude each other/)
    const batch = failure('gate', {
      'validation-method': 'batch-transform',
      'serverless-memory-mb': '2048'
    })
    expect(batch.message).toMatch(/applies to validation-method "endpoint" only/)
    const concurrency = failure('gate', { 'serverless-max-concurrency': '5' })
    expect(concurrency.input).toBe('serverless-max-concurrency')
    expect(
      failure('gate', { 'serverless-memory-mb': '1024', 'serverless-max-concurrency': '201' })
        .message
    ).toBe('Input "serverless-max-concurrency" must be a whole number from 1 to 200; got "201".')
  })
})

describe('approve and reject', () => {
  it.each(['approve', 'reject'])('%s reads the decision', mode => {
    expect(
      read(mode, {
        'model-package': '4',
        reason: 'Signed off',
        force: 'true',
        'model-lifecycle-stage': 'production'
      }).decision
    ).toEqual({
      modelPackage: { kind: 'version', version: 4 },
      reason: 'Signed off',
      force: true,
      modelLifecycleStage: 'production'
    })
    expect(read(mode).decision?.force).toBe(false)
  })

  it.each(['approve', 'reject'])('%s needs a reason', mode => {
    const error = failure(mode, { reason: '  ' })
    expect(error.input).toBe('reason')
    expect(error.message).toMatch(new RegExp(`^Input "reason" is required for mode "${mode}"`))
    expect(failure(mode, { reason: 'r'.repeat(1025) }).message).toContain('at most 1024')
  })
})

describe('deploy and rollback', () => {
  it('reads the deployment with defaults', () => {
    expect(read('deploy').deploy).toEqual({
      endpointName: 'churn-prod',
      modelPackage: undefined,
      executionRoleArn: undefined,
      instanceType: undefined,
      instanceCount: undefined,
      serverlessMemoryMb: undefined,
      serverlessMaxConcurrency: undefined,
      dataCaptureS3Uri: undefined,
      dataCaptureSamplingPercentage: 100,
      deploymentStrategy: 'all-at-once',
      canarySize: 10,
      linearStepSize: 20,
      waitIntervalSeconds: 300,
      terminationWaitSeconds: 0,
      maxExecutionTimeoutSeconds: undefined,
      rollbackAlarms: [],
      waitTimeoutSeconds: 1800,
      environment: undefined,
      traffic: [],
      rejectCurrent: false,
      reason: undefined
    })
  })

  it('reads every deploy input', () => {
    expect(
      read('deploy', {
        'model-package': 'v8',
        'execution-role-arn': 'arn:aws:iam::123456789012:role/deployer',
        'instance-type': 'ml.g5.xlarge',
        'instance-count': '4',
        'data-capture-s3-uri': 's3://capture/churn',
        'deployment-strategy': 'Canary',
        'canary-size': '25',
        'linear-step-size': '50',
        'wait-interval': '600',
        'termination-wait': '120',
        'max-execution-timeout': '3600',
        'rollback-alarms': 'churn-5xx\nchurn-latency',
        'wait-timeout': '3600',
        environment: 'production'
      }).deploy
    ).toEqual({
      endpointName: 'churn-prod',
      modelPackage: { kind: 'version', version: 8 },
      executionRoleArn: 'arn:aws:iam::123456789012:role/deployer',
      instanceType: 'ml.g5.xlarge',
      instanceCount: 4,
      serverlessMemoryMb: undefined,
      serverlessMaxConcurrency: undefined,
      dataCaptureS3Uri: 's3://capture/churn',
      dataCaptureSamplingPercentage: 100,
      deploymentStrategy: 'canary',
      canarySize: 25,
      linearStepSize: 50,
      waitIntervalSeconds: 600,
      terminationWaitSeconds: 120,
      maxExecutionTimeoutSeconds: 3600,
      rollbackAlarms: ['churn-5xx', 'churn-latency'],
      waitTimeoutSeconds: 3600,
      environment: 'production',
      traffic: [],
      rejectCurrent: false,
      reason: undefined
    })
  })

  it('reads A/B traffic weights', () => {
    expect(read('deploy', { traffic: 'v7=90, v8=10' }).deploy?.traffic).toEqual([
      { version: 7, weight: 90 },
      { version: 8, weight: 10 }
    ])
    expect(read('deploy', { traffic: '7=0\n8=1' }).deploy?.traffic).toEqual([
      { version: 7, weight: 0 },
      { version: 8, weight: 1 }
    ])
  })

  it.each(['v7=0,v8=0', 'v7=90,v8', 'v7=-1,v8=2', 'v7=1.5', 'latest=100', 'v0=100'])(
    'rejects traffic %s',
    value => {
      expect(failure('deploy', { traffic: value }).message).toBe(
        `Input "traffic" must be version=weight pairs such as v7=90,v8=10 (whole-number weights, not all 0); got "${value}".`
      )
    }
  )

  it('rejects a version given twice in traffic, and traffic with model-package', () => {
    expect(failure('deploy', { traffic: 'v7=50,7=50' }).message).toMatch(/gives version 7 twice/)
    // The very same entry twice must not be collapsed into one variant.
    const same = failure('deploy', { traffic: 'v1=50,v1=50' })
    expect(same.input).toBe('traffic')
    expect(same.message).toMatch(/^Input "traffic" gives version 1 twice/)
    expect(failure('deploy', { traffic: 'v7=100', 'model-package': '7' }).input).toBe('traffic')
  })

  it.each(['deploy', 'rollback'])('%s needs a valid endpoint name', mode => {
    const error = failure(mode, { 'endpoint-name': '' })
    expect(error.input).toBe('endpoint-name')
    expect(error.message).toMatch(
      new RegExp(`^Input "endpoint-name" is required for mode "${mode}"`)
    )
    expect(failure(mode, { 'endpoint-name': 'churn_prod' }).message).toBe(
      'Input "endpoint-name" must be an endpoint name of 1-63 letters, digits and hyphens; got "churn_prod".'
    )
  })

  it.each([
    ['deployment-strategy', 'rolling', 'one of all-at-once, canary, linear'],
    ['canary-size', '0', 'a whole number from 1 to 50'],
    ['canary-size', '51', 'a whole number from 1 to 50'],
    ['linear-step-size', '5', 'a whole number from 10 to 50'],
    ['linear-step-size', '60', 'a whole number from 10 to 50'],
    ['instance-count', '0', 'a whole number of at least 1'],
    ['wait-interval', '3601', 'a whole number from 0 to 3600'],
    ['termination-wait', '-1', 'a whole number from 0 to 3600'],
    ['max-execution-timeout', '599', 'a whole number from 600 to 28800'],
    ['wait-timeout', '0', 'a whole number of at least 1'],
    ['data-capture-s3-uri', 'capture/churn', 'an S3 URI'],
    ['instance-type', 'ml.t2.micro', 'a SageMaker real-time inference instance type'],
    ['reject-current', 'yes', 'true or false']
  ])('rejects %s=%s', (input, value, accepted) => {
    const error = failure('deploy', { [input]: value })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Input "${input}" must be ${accepted}`)
    expect(error.message).toContain(`got ${JSON.stringify(value)}`)
  })

  it('refuses waits that cannot fit the deployment', () => {
    const linear = failure('deploy', {
      'deployment-strategy': 'linear',
      'linear-step-size': '10',
      'wait-interval': '300'
    })
    expect(linear.input).toBe('wait-timeout')
    expect(linear.message).toContain('3000 s')
    const timeout = failure('deploy', { 'max-execution-timeout': '600', 'wait-interval': '600' })
    expect(timeout.input).toBe('max-execution-timeout')
    expect(
      read('deploy', { 'deployment-strategy': 'canary', 'wait-interval': '600' }).deploy
        ?.waitTimeoutSeconds
    ).toBe(1800)
  })

  it('refuses traffic shifting on Inferentia 1, where SageMaker ignores it', () => {
    const error = failure('deploy', {
      'instance-type': 'ml.inf1.xlarge',
      'deployment-strategy': 'canary'
    })
    expect(error.input).toBe('deployment-strategy')
    expect(read('deploy', { 'instance-type': 'ml.inf1.xlarge' }).deploy?.instanceType).toBe(
      'ml.inf1.xlarge'
    )
  })

  it('limits rollback alarms to 10', () => {
    const alarms = Array.from({ length: 11 }, (_, i) => `alarm-${i}`).join(',')
    expect(failure('deploy', { 'rollback-alarms': alarms }).message).toBe(
      'Input "rollback-alarms" may name at most 10 CloudWatch alarms; got 11.'
    )
  })

  it('rollback with reject-current needs a reason', () => {
    const error = failure('rollback', { 'reject-current': 'true' })
    expect(error.input).toBe('reason')
    expect(
      read('rollback', { 'reject-current': 'TRUE', reason: 'p99 latency' }).deploy
    ).toMatchObject({
      rejectCurrent: true,
      reason: 'p99 latency'
    })
  })
})

describe('compare, lineage and group', () => {
  it('reads versions and model-package', () => {
    expect(read('compare', { versions: '5, 6\nv7' }).report).toEqual({
      versions: [5, 6, 7],
      modelPackage: undefined
    })
    expect(read('lineage', { 'model-package': '3' }).report).toEqual({
      versions: [],
      modelPackage: { kind: 'version', version: 3 }
    })
    expect(failure('compare', { versions: '5,six' }).message).toBe(
      'Input "versions" must be version numbers separated by commas, such as 5,6,7; got "5,six".'
    )
  })

  it('reads group operations', () => {
    expect(read('group').groupOps).toEqual({
      operation: 'describe',
      groupTags: {},
      accountIds: [],
      force: false
    })
    expect(
      read('group', {
        'group-operation': 'share',
        'account-ids': '123456789012\n210987654321,123456789012',
        force: 'true'
      }).groupOps
    ).toEqual({
      operation: 'share',
      groupTags: {},
      accountIds: ['123456789012', '210987654321'],
      force: true
    })
    expect(
      read('group', { 'group-operation': 'update-tags', 'group-tags': 'team=ml' }).groupOps
        ?.groupTags
    ).toEqual({ team: 'ml' })
  })

  it('rejects bad group inputs', () => {
    expect(failure('group', { 'group-operation': 'rename' }).message).toBe(
      'Input "group-operation" must be one of describe, list, update-tags, delete, share, unshare; got "rename".'
    )
    expect(failure('group', { 'account-ids': '1234' }).message).toBe(
      'Input "account-ids" must be AWS account ids of 12 digits; got "1234".'
    )
    expect(failure('group', { 'group-operation': 'unshare' }).input).toBe('account-ids')
    expect(failure('group', { 'group-operation': 'update-tags' }).input).toBe('group-tags')
  })
})

describe('helpers', () => {
  it('splits lists on commas and newlines without blanks or repeats', () => {
    expect(splitList(' a,b\n\nc , a,')).toEqual(['a', 'b', 'c'])
    expect(splitList('')).toEqual([])
  })

  it('parses key=value lines keeping = inside values', () => {
    expect(parseKeyValues('x', 'a=b=c\n d = e ', { maxEntries: 50, valueMin: 0 })).toEqual({
      a: 'b=c',
      d: 'e'
    })
  })

  it('defaults are those readSettings applies', () => {
    const settings = read('deploy')
    expect(String(settings.deploy?.waitTimeoutSeconds)).toBe(DEFAULTS['wait-timeout'])
    expect(String(settings.history)).toBe(DEFAULTS.history)
    expect(Object.keys(DEFAULTS).every(k => (INPUT_NAMES as readonly string[]).includes(k))).toBe(
      true
    )
    expect(DEFAULTS).not.toHaveProperty('github-token')
  })
})

describe('free text SageMaker checks by pattern', () => {
  it.each([
    ['description', 'line one\nline two', 'a line break at character 9'],
    ['description', 'tab\there', 'a tab at character 4'],
    ['group-description', 'Churn\nmodels', 'a line break at character 6'],
    ['group-description', 'bell \u0007', 'U+0007 at character 6']
  ])('refuses %s %j, naming the character and the API field', (input, value, where) => {
    const error = failure('register', { [input]: value })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Input "${input}" goes to SageMaker's`)
    expect(error.message).toContain(where)
    expect(error.message).toContain('use ">-"')
  })

  it('accepts letters of any script, punctuation and symbols', () => {
    const text = 'Modèle «churn» — AUC ≥ 0.9, 第3版 (cohort: Q3) 100% ✓'
    expect(
      read('register', { description: text, 'group-description': text }).register
    ).toMatchObject({ description: text, groupDescription: text })
  })

  it('refuses a line break in project-id (MetadataProperties `.*`) but takes a tab', () => {
    expect(failure('register', { 'project-id': 'p-1\r\np-2' }).message).toContain(
      'a carriage return at character 4'
    )
    expect(read('register', { 'project-id': 'p-1\tp-2' }).register?.projectId).toBe('p-1\tp-2')
  })
})

describe('metrics-s3-uri', () => {
  it('refuses an existing statistics object together with metrics-file', () => {
    const error = failure('register', {
      'metrics-file': 'metrics.json',
      'metrics-s3-uri': 's3://models/evals/statistics.JSON'
    })
    expect(error.input).toBe('metrics-s3-uri')
    expect(error.message).toMatch(/two sources of metrics for one version/)
  })

  it('takes a folder together with metrics-file, and an object alone', () => {
    expect(
      read('register', { 'metrics-file': 'm.json', 'metrics-s3-uri': 's3://models/evals' }).register
        ?.metricsS3Uri
    ).toBe('s3://models/evals')
    expect(
      read('register', { 'metrics-s3-uri': 's3://models/evals/statistics.json' }).register
        ?.metricsS3Uri
    ).toBe('s3://models/evals/statistics.json')
  })
})

describe('a value outside a fixed list', () => {
  it('suggests the nearest accepted value when it looks like a typo', () => {
    expect(failure('group', { 'group-operation': 'delet' }).message).toBe(
      'Input "group-operation" must be one of describe, list, update-tags, delete, share, unshare; got "delet" (did you mean "delete"?).'
    )
    expect(failure('gate', { 'on-pass': 'aproved' }).message).toMatch(
      /\(did you mean "Approved"\?\)\.$/
    )
    expect(failure('gaet', {}).message).toMatch(/got "gaet" \(did you mean "gate"\?\)\.$/)
  })
})

describe('input names', () => {
  it('suggests the nearest name for a typo, and nothing for a stranger', () => {
    expect(editDistance('treshold', 'thresholds')).toBe(2)
    expect(editDistance('on-psas', 'on-pass')).toBe(1)
    expect(nearestName('max-regresion', inputsOf('gate'))).toBe('max-regression')
    expect(nearestName('endpoint', inputsOf('deploy'))).toBe('endpoint-name')
    expect(nearestName('ab', INPUT_NAMES)).toBeUndefined()
    expect(nearestName('colour', inputsOf('gate'))).toBeUndefined()
  })

  it('refuses an unknown input and an input of another mode, by name', () => {
    expect(() => checkInputNames('gate', ['mode', 'max-regresion'], false)).toThrow(
      'Unknown input "max-regresion"; did you mean "max-regression"?'
    )
    expect(() => checkInputNames('gate', ['endpoint-name'], false)).toThrow(
      'Input "endpoint-name" does not apply to mode "gate": it is read by modes deploy, rollback, ab-test.'
    )
    expect(() => checkInputNames('deploy', ['endpoint-name', 'dry-run'], false)).not.toThrow()
  })

  it("reads the step's inputs from INPUT_ variables, ignoring defaults and empty values", () => {
    expect(
      inputNamesFromEnv({
        'INPUT_MAX-REGRESION': 'validation:auc -0.01',
        INPUT_MODE: 'gate',
        'INPUT_ON-PASS': 'none',
        'INPUT_DRY-RUN': 'FALSE',
        'INPUT_ENDPOINT-NAME': '',
        'INPUT_GITHUB-TOKEN': 'x',
        PATH: '/usr/bin'
      })
    ).toEqual(['github-token', 'max-regresion', 'mode'])
  })
})
