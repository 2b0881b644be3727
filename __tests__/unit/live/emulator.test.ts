// runLiveEvaluation against the in-process emulator with the real SDK: serverless and
// instance endpoints, batch transform, failing versions, and what is left afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator } from '../../../emulator/server.ts'
import {
  deleteTemporaryResources,
  parseTemporaryState,
  TEMPORARY_STATE
} from '../../../src/cleanup.js'
import type { BinaryReport } from '../../../src/evaluation/binary.js'
import { DataError } from '../../../src/evaluation/data-error.js'
import { evaluate } from '../../../src/evaluation/evaluate.js'
import {
  BaselineServingError,
  type LiveEvaluated,
  type LiveRequest,
  runLiveEvaluation
} from '../../../src/evaluation/live/index.js'
import {
  BUCKET,
  binaryRows,
  csvText,
  emulatorClients,
  leftovers,
  linear,
  NOTHING_LEFT,
  IMAGE,
  recordingDeps,
  registerVersion,
  ROLE,
  writeTemp
} from './support.js'

let emulator: Emulator
let clients: ReturnType<typeof emulatorClients>

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    delays: {
      packageCompleteMs: 0,
      endpointCreateMs: 30,
      endpointUpdateMs: 30,
      endpointDeleteMs: 10,
      transformJobMs: 30,
      transformStopMs: 10
    }
  })
  clients = emulatorClients(emulator)
})

afterAll(async () => {
  await emulator.close()
})

beforeEach(() => emulator.reset())

const TRUE = linear('binary', [1.5, -1], 0)
const WEAK = linear('binary', [0.4, 0], 0)
const BAD = { bad: true }

/** Waits until deleted endpoints are gone, then lists what is left. */
async function settledLeftovers() {
  for (let i = 0; i < 100; i++) {
    const left = await leftovers(clients.sagemaker)
    if (left.endpoints.length === 0 && left.runningJobs.length === 0) return left
    await new Promise(resolve => setTimeout(resolve, 10))
  }
  return leftovers(clients.sagemaker)
}

function request(overrides: Partial<LiveRequest>): LiveRequest {
  return {
    candidate: { packageArn: '' },
    data: '',
    task: 'binary',
    method: 'endpoint',
    executionRoleArn: ROLE,
    runId: 'run-1',
    pollSeconds: 0.01,
    waitTimeoutSeconds: 30,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides
  }
}

/** The score the emulator's linear model gives a row, from the row's text as sent. */
function score(model: { weights: number[]; bias: number }, features: string[]): number {
  let s = 0
  for (let i = 0; i < model.weights.length; i++) s += model.weights[i]! * Number(features[i])
  return 1 / (1 + Math.exp(-(s + model.bias)))
}

/** The engine's evaluation of the same rows scored locally: what live evaluation must equal. */
async function offline(
  path: string,
  candidate: { weights: number[]; bias: number },
  baseline: { weights: number[]; bias: number }
) {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1)
  const text = rows
    .map(line => {
      const [label, ...features] = line.split(',')
      return `${label},${score(candidate, features)},${score(baseline, features)}\n`
    })
    .join('')
  return evaluate([new TextEncoder().encode(text)], {
    task: 'binary',
    source: 'offline',
    label: 0,
    prediction: 1,
    baseline: 2
  })
}

const mutating = () =>
  Object.keys(emulator.stats().operations).filter(op => /^(Create|Delete|Stop|Update)/.test(op))

describe('live evaluation on endpoints', () => {
  const data = () => writeTemp('validation.csv', csvText(binaryRows(1500)))

  it('serverless: a better candidate beats the baseline, exactly as the engine scores the same rows, and nothing is left', async () => {
    const candidate = registerVersion(emulator, 'cand.json', TRUE)
    const baseline = registerVersion(emulator, 'base.json', WEAK, { approval: 'Approved' })
    const recorded = recordingDeps(clients)
    const path = data()
    const result = (await runLiveEvaluation(
      recorded.deps,
      request({
        candidate: { packageArn: candidate },
        baseline: { packageArn: baseline },
        data: path,
        rowsPerRequest: 100
      })
    )) as LiveEvaluated
    expect(result.outcome).toBe('evaluated')
    expect(result.data).toMatchObject({ rows: 1500, header: ['label', 'x1', 'x2'] })
    expect(result.data.sha256).toMatch(/^[0-9a-f]{64}$/)
    const auc = result.comparison!.auc!
    expect(auc.test).toBe('delong')
    expect(auc.delta).toBeGreaterThan(0.05)
    expect(auc.p_value!).toBeLessThan(1e-6)
    const expected = await offline(
      path,
      { weights: [1.5, -1], bias: 0 },
      { weights: [0.4, 0], bias: 0 }
    )
    expect(result.comparison).toEqual(expected.comparison)
    expect(result.candidate.report).toEqual(expected.candidate)
    expect(result.baseline!.report).toEqual(expected.baseline)
    const report = expected.candidate.report as BinaryReport
    expect(result.candidate.statistics.binary_classification_metrics!.auc).toEqual({
      value: report.values.auc,
      standard_deviation: report.standardDeviations.auc
    })
    expect(result.traffic).toMatchObject({
      requests: 15,
      largestRequestRows: 100,
      concurrency: 4,
      payloadLimitBytes: 4194304
    })
    expect(emulator.stats().runtime.InvokeEndpoint).toBe(30)
    expect(result.resources).toMatchObject({
      models: ['gate-run-1-candidate', 'gate-run-1-baseline'],
      endpoints: ['gate-run-1-candidate', 'gate-run-1-baseline']
    })
    const variants = emulator
      .calls()
      .filter(c => c.operation === 'CreateEndpointConfig')
      .map(c => c.input.ProductionVariants)
    expect(variants).toEqual([
      [
        {
          VariantName: 'candidate',
          ModelName: 'gate-run-1-candidate',
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
        }
      ],
      [
        {
          VariantName: 'baseline',
          ModelName: 'gate-run-1-baseline',
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
        }
      ]
    ])
    // The pending candidate is served from its containers; the approved baseline by its ARN.
    const models = emulator.calls().filter(c => c.operation === 'CreateModel')
    expect(models.map(c => c.input.PrimaryContainer)).toEqual([
      { Image: IMAGE, ModelDataUrl: `s3://${BUCKET}/cand.json` },
      { ModelPackageName: baseline }
    ])
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
    expect(recorded.states.every(s => s.name === TEMPORARY_STATE)).toBe(true)
    expect(parseTemporaryState(recorded.states.at(-1)!.value)).toEqual([])
  })

  it('on an instance endpoint: one endpoint, a variant per version, each request aimed at its variant; a worse candidate loses', async () => {
    const candidate = registerVersion(emulator, 'cand.json', WEAK)
    const baseline = registerVersion(emulator, 'base.json', TRUE, { approval: 'Approved' })
    const recorded = recordingDeps(clients)
    const path = data()
    const result = (await runLiveEvaluation(
      recorded.deps,
      request({
        candidate: { packageArn: candidate },
        baseline: { packageArn: baseline },
        data: path,
        runId: 'run-2',
        instanceType: 'ml.m5.large',
        maxConcurrency: 3
      })
    )) as LiveEvaluated
    const expected = await offline(
      path,
      { weights: [0.4, 0], bias: 0 },
      { weights: [1.5, -1], bias: 0 }
    )
    expect(result.comparison).toEqual(expected.comparison)
    expect(result.comparison!.auc!.delta).toBeLessThan(-0.05)
    expect(result.comparison!.auc!.p_value!).toBeLessThan(1e-6)
    expect(result.resources.endpoints).toEqual(['gate-run-2-live'])
    const config = emulator.calls().find(c => c.operation === 'CreateEndpointConfig')!
    expect(config.input.ProductionVariants).toEqual([
      {
        VariantName: 'candidate',
        ModelName: 'gate-run-2-candidate',
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
        InitialVariantWeight: 1
      },
      {
        VariantName: 'baseline',
        ModelName: 'gate-run-2-baseline',
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
        InitialVariantWeight: 1
      }
    ])
    expect(result.traffic).toMatchObject({ concurrency: 3, payloadLimitBytes: 6291456 })
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })

  it("a candidate whose endpoint fails is a result with SageMaker's reason, and nothing is left", async () => {
    const candidate = registerVersion(emulator, 'cand.json', BAD)
    const baseline = registerVersion(emulator, 'base.json', TRUE, { approval: 'Approved' })
    const recorded = recordingDeps(clients)
    const result = await runLiveEvaluation(
      recorded.deps,
      request({
        candidate: { packageArn: candidate },
        baseline: { packageArn: baseline },
        data: data()
      })
    )
    expect(result.outcome).toBe('candidate-failed')
    if (result.outcome !== 'candidate-failed') return
    expect(result.candidate.resource).toBe('endpoint gate-run-1-candidate')
    expect(result.candidate.failedAt).toBe('endpoint')
    expect(result.candidate.failureReason).toMatch(
      /production variant candidate did not pass the ping health check/
    )
    expect(recorded.log.warning.join('\n')).toMatch(/cannot be served/)
    expect(emulator.stats().runtime.InvokeEndpoint ?? 0).toBe(0)
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })

  it('on a shared instance endpoint, the failure is put on the version the reason names', async () => {
    const candidate = registerVersion(emulator, 'cand.json', BAD)
    const baseline = registerVersion(emulator, 'base.json', TRUE, { approval: 'Approved' })
    const result = await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({
        candidate: { packageArn: candidate },
        baseline: { packageArn: baseline },
        data: data(),
        instanceType: 'ml.m5.large'
      })
    )
    expect(result.outcome).toBe('candidate-failed')
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })

  it('a baseline that cannot be served is an error, not a decision, and nothing is left', async () => {
    const candidate = registerVersion(emulator, 'cand.json', TRUE)
    const baseline = registerVersion(emulator, 'base.json', BAD, { approval: 'Approved' })
    const error = await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({
        candidate: { packageArn: candidate },
        baseline: { packageArn: baseline },
        data: data()
      })
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BaselineServingError)
    expect((error as Error).message).toMatch(
      /^The baseline v\d+ cannot be served: endpoint gate-run-1-baseline is Failed: .*ping health check.* This is an error, not a decision/
    )
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })

  it('a bad row fails with its line and column before any resource exists', async () => {
    const candidate = registerVersion(emulator, 'cand.json', TRUE)
    const recorded = recordingDeps(clients)
    const path = writeTemp('bad.csv', 'label,x1,x2\n1,0.5,0.1\n0,0.2,0.3\n\n2,0.1,0.1\n')
    const error = await runLiveEvaluation(
      recorded.deps,
      request({ candidate: { packageArn: candidate }, data: path })
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DataError)
    expect((error as Error).message).toBe(
      `${path}: line 5, column "label" (index 0, label): the label 2 is not 0 or 1 (binary labels are 0 and 1).`
    )
    expect(mutating()).toEqual([])
    expect(recorded.states).toEqual([])
  })

  it('a cancelled run (stopped while its endpoint is being created) leaves a state the post step cleans up completely', async () => {
    emulator.setDelays({ endpointCreateMs: 300 })
    const candidate = registerVersion(emulator, 'cand.json', TRUE)
    const baseline = registerVersion(emulator, 'base.json', WEAK, { approval: 'Approved' })
    let frozen = false
    // The process dies in its first wait: nothing after it runs, not even `finally`.
    const recorded = recordingDeps(clients, {
      sleep: () => {
        frozen = true
        return new Promise<void>(() => {})
      }
    })
    void runLiveEvaluation(
      recorded.deps,
      request({
        candidate: { packageArn: candidate },
        baseline: { packageArn: baseline },
        data: data()
      })
    )
    for (let i = 0; i < 200 && !frozen; i++) await new Promise(resolve => setTimeout(resolve, 5))
    expect(frozen).toBe(true)
    const before = await leftovers(clients.sagemaker)
    expect(before.endpoints.some(e => e.endsWith('(Creating)'))).toBe(true)
    const saved = parseTemporaryState(recorded.states.at(-1)!.value)
    expect(saved.map(r => `${r.kind} ${r.name}`)).toEqual([
      'model gate-run-1-candidate',
      'model gate-run-1-baseline',
      'endpoint-config gate-run-1-candidate',
      'endpoint gate-run-1-candidate',
      'endpoint-config gate-run-1-baseline',
      'endpoint gate-run-1-baseline'
    ])
    expect(saved.every(r => r.region === 'us-east-1')).toBe(true)
    const post = await deleteTemporaryResources(clients.sagemaker, saved, {
      sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
      now: () => new Date(),
      pollSeconds: 0.02
    })
    expect(post.warnings).toEqual([])
    expect(post.deleted).toHaveLength(6)
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })
})

describe('live evaluation with batch transform', () => {
  it('rewrites local data label first, runs a job per version with DataProcessing, and pairs their outputs', async () => {
    const candidate = registerVersion(emulator, 'cand.json', TRUE)
    const baseline = registerVersion(emulator, 'base.json', WEAK, { approval: 'Approved' })
    // The label last, after a header: the jobs need it first and no header.
    const rows = binaryRows(800, 11)
    const text = `x1,x2,y\n${rows.map(r => `${r.x.map(v => v.toFixed(6)).join(',')},${r.label}`).join('\n')}\n`
    const path = writeTemp('validation.csv', text)
    const recorded = recordingDeps(clients)
    const result = (await runLiveEvaluation(
      recorded.deps,
      request({
        method: 'batch-transform',
        candidate: { packageArn: candidate },
        baseline: { packageArn: baseline },
        data: path,
        labelColumn: 'y',
        workS3Uri: 's3://work-bucket/gate'
      })
    )) as LiveEvaluated
    expect(result.outcome).toBe('evaluated')
    expect(result.data).toMatchObject({ rows: 800, labelColumn: { index: 2, name: 'y' } })
    const jobs = emulator.calls().filter(c => c.operation === 'CreateTransformJob')
    expect(jobs.map(j => j.input.DataProcessing)).toEqual([
      { InputFilter: '$[1:]', JoinSource: 'Input', OutputFilter: '$[0,3:]' },
      { InputFilter: '$[1:]', JoinSource: 'Input', OutputFilter: '$[0,3:]' }
    ])
    expect(jobs[0]!.input.TransformInput).toEqual({
      DataSource: {
        S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://work-bucket/gate/gate-run-1/input/' }
      },
      ContentType: 'text/csv',
      SplitType: 'Line',
      CompressionType: 'None'
    })
    expect(result.resources.s3Objects).toEqual(['s3://work-bucket/gate/gate-run-1/input/data.csv'])
    expect(result.resources.outputs).toEqual([
      's3://work-bucket/gate/gate-run-1/output/candidate/',
      's3://work-bucket/gate/gate-run-1/output/baseline/'
    ])
    const labelFirst = `label,x1,x2\n${rows.map(r => `${r.label},${r.x.map(v => v.toFixed(6)).join(',')}`).join('\n')}\n`
    const expected = await offline(
      writeTemp('label-first.csv', labelFirst),
      { weights: [1.5, -1], bias: 0 },
      { weights: [0.4, 0], bias: 0 }
    )
    expect(result.comparison).toEqual(expected.comparison)
    expect(result.comparison!.auc!.delta).toBeGreaterThan(0)
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
    expect(parseTemporaryState(recorded.states.at(-1)!.value)).toEqual([])
  })

  it('reads label-first S3 data where it is, through a manifest naming exactly that object', async () => {
    const candidate = registerVersion(emulator, 'cand.json', TRUE)
    const rows = binaryRows(300, 5)
    emulator.seed({
      s3Objects: [
        { bucket: 'data', key: 'sets/validation.csv', body: csvText(rows, false) },
        { bucket: 'data', key: 'sets/validation.csv.old', body: 'not,this\n' }
      ]
    })
    const result = (await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({
        method: 'batch-transform',
        candidate: { packageArn: candidate },
        data: 's3://data/sets/validation.csv',
        workS3Uri: 's3://work-bucket/gate/'
      })
    )) as LiveEvaluated
    expect(result.outcome).toBe('evaluated')
    expect(result.candidate.report.report.rows).toBe(300)
    const job = emulator.calls().find(c => c.operation === 'CreateTransformJob')!
    expect(job.input.TransformInput).toMatchObject({
      DataSource: {
        S3DataSource: {
          S3DataType: 'ManifestFile',
          S3Uri: 's3://work-bucket/gate/gate-run-1/input/input.manifest'
        }
      }
    })
    expect(result.data.sha256).toBe(
      (await import('node:crypto')).createHash('sha256').update(csvText(rows, false)).digest('hex')
    )
  })

  it("a candidate whose transform job fails is a result with the job's FailureReason; the baseline's failure is an error", async () => {
    const bad = registerVersion(emulator, 'bad.json', BAD)
    const good = registerVersion(emulator, 'good.json', TRUE, { approval: 'Approved' })
    const path = writeTemp('validation.csv', csvText(binaryRows(200)))
    const base = {
      method: 'batch-transform' as const,
      data: path,
      workS3Uri: 's3://work-bucket/gate'
    }
    const failed = await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({ ...base, candidate: { packageArn: bad }, baseline: { packageArn: good } })
    )
    expect(failed.outcome).toBe('candidate-failed')
    if (failed.outcome === 'candidate-failed') {
      expect(failed.candidate.resource).toBe('transform job gate-run-1-candidate')
      expect(failed.candidate.failedAt).toBe('transform-job')
      expect(failed.candidate.failureReason).toMatch(/^ClientError: Failed to load the model/)
    }
    const bad2 = registerVersion(emulator, 'bad2.json', BAD, { approval: 'Approved' })
    const error = await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({
        ...base,
        runId: 'run-2',
        candidate: { packageArn: good },
        baseline: { packageArn: bad2 }
      })
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BaselineServingError)
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })
})

describe('data that changes under the run', () => {
  it('endpoint method: S3 data that changes after the check is evaluated as checked when kept in memory, and is an error when read again', async () => {
    const candidate = registerVersion(emulator, 'cand.json', TRUE)
    const rows = binaryRows(300, 21)
    const original = csvText(rows)
    const flipped = csvText(rows.map(r => ({ ...r, label: 1 - r.label })))
    const swapping = () => {
      let swapped = false
      // The first state save comes right before the first resource: the data was checked.
      return recordingDeps(clients, {
        saveState: () => {
          if (swapped) return
          swapped = true
          emulator.seed({ s3Objects: [{ bucket: 'data', key: 'v.csv', body: flipped }] })
        }
      })
    }
    emulator.seed({ s3Objects: [{ bucket: 'data', key: 'v.csv', body: original }] })
    const kept = (await runLiveEvaluation(
      swapping().deps,
      request({ candidate: { packageArn: candidate }, data: 's3://data/v.csv' })
    )) as LiveEvaluated
    const onOriginal = (await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({
        candidate: { packageArn: candidate },
        data: writeTemp('v.csv', original),
        runId: 'local'
      })
    )) as LiveEvaluated
    expect(kept.candidate.report).toEqual(onOriginal.candidate.report)
    expect(kept.data.sha256).toBe(onOriginal.data.sha256)
    expect(emulator.stats().s3.GetObject).toBe(1)

    emulator.seed({ s3Objects: [{ bucket: 'data', key: 'v.csv', body: original }] })
    await expect(
      runLiveEvaluation(
        swapping().deps,
        request({
          candidate: { packageArn: candidate },
          data: 's3://data/v.csv',
          keepInMemoryBytes: 0,
          runId: 'run-2'
        })
      )
    ).rejects.toThrow(/^s3:\/\/data\/v\.csv changed while it was being evaluated/)
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })

  it('batch transform: S3 data read in place that changes before the jobs end is an error', async () => {
    const candidate = registerVersion(emulator, 'cand.json', TRUE)
    const rows = binaryRows(100, 22)
    emulator.seed({ s3Objects: [{ bucket: 'data', key: 'v.csv', body: csvText(rows, false) }] })
    let swapped = false
    const recorded = recordingDeps(clients, {
      saveState: () => {
        if (swapped) return
        swapped = true
        emulator.seed({
          s3Objects: [{ bucket: 'data', key: 'v.csv', body: csvText(rows.slice(1), false) }]
        })
      }
    })
    await expect(
      runLiveEvaluation(
        recorded.deps,
        request({
          method: 'batch-transform',
          candidate: { packageArn: candidate },
          data: 's3://data/v.csv',
          workS3Uri: 's3://work-bucket/gate'
        })
      )
    ).rejects.toThrow(/^s3:\/\/data\/v\.csv changed while the transform jobs read it/)
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })
})

describe('answers and tasks', () => {
  it('multiclass: probabilities in JSON lines, or the predicted class picked by prediction-column', async () => {
    const model = linear(
      'multiclass',
      [
        [1, 0],
        [0, 1],
        [-1, -1]
      ],
      [0, 0, 0]
    )
    const candidate = registerVersion(emulator, 'multi.json', model, {
      responseTypes: ['application/jsonlines']
    })
    const rows = binaryRows(400, 3).map((r, i) => ({ ...r, label: i % 3 }))
    const path = writeTemp('multi.csv', csvText(rows))
    const probabilities = (await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({ task: 'multiclass', candidate: { packageArn: candidate }, data: path })
    )) as LiveEvaluated
    const values = probabilities.candidate.report.report.values as Record<string, number>
    expect(values.logloss).toBeGreaterThan(0)
    const classes = (await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({
        task: 'multiclass',
        candidate: { packageArn: candidate },
        data: path,
        runId: 'run-2',
        predictionColumn: 'predicted_label'
      })
    )) as LiveEvaluated
    const classValues = classes.candidate.report.report.values as Record<string, number>
    expect(classValues.logloss).toBeUndefined()
    // The argmax of the probabilities is the predicted label: the same accuracy.
    expect(classValues.accuracy).toBe(values.accuracy)
  })

  it('multiclass probabilities and regression values through batch transform', async () => {
    const multi = registerVersion(
      emulator,
      'multi.json',
      linear(
        'multiclass',
        [
          [1, 0],
          [0, 1],
          [-1, -1]
        ],
        [0, 0, 0],
        'probabilities'
      )
    )
    const rows = binaryRows(300, 4).map((r, i) => ({ ...r, label: i % 3 }))
    const path = writeTemp('multi.csv', csvText(rows))
    const transform = (await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({
        method: 'batch-transform',
        task: 'multiclass',
        candidate: { packageArn: multi },
        data: path,
        workS3Uri: 's3://work-bucket/gate'
      })
    )) as LiveEvaluated
    const onEndpoint = (await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({ task: 'multiclass', candidate: { packageArn: multi }, data: path, runId: 'run-2' })
    )) as LiveEvaluated
    expect(transform.candidate.report).toEqual(onEndpoint.candidate.report)
    const values = transform.candidate.report.report.values as Record<string, number>
    expect(values.logloss).toBeGreaterThan(0)
    const job = emulator.calls().find(c => c.operation === 'CreateTransformJob')!
    expect(job.input.DataProcessing).toMatchObject({ OutputFilter: '$[0,3:]' })

    const regression = registerVersion(emulator, 'reg.json', linear('regression', [2, 1], 0.5))
    const regressionRows = binaryRows(120, 8).map(r => ({ ...r, label: 2 * r.x[0]! - r.x[1]! }))
    const regressionPath = writeTemp('reg.csv', csvText(regressionRows))
    const both = await Promise.all(
      (['batch-transform', 'endpoint'] as const).map((method, i) =>
        runLiveEvaluation(
          recordingDeps(clients).deps,
          request({
            method,
            task: 'regression',
            candidate: { packageArn: regression },
            data: regressionPath,
            workS3Uri: 's3://work-bucket/gate',
            runId: `reg-${i}`
          })
        )
      )
    )
    expect((both[0] as LiveEvaluated).candidate.report).toEqual(
      (both[1] as LiveEvaluated).candidate.report
    )
    expect(await settledLeftovers()).toEqual(NOTHING_LEFT)
  })

  it('regression: values from CSV answers', async () => {
    const candidate = registerVersion(emulator, 'reg.json', linear('regression', [2, 1], 0.5))
    const rows = binaryRows(250, 9).map(r => ({ ...r, label: 2 * r.x[0]! + r.x[1]! + 0.5 }))
    const path = writeTemp('reg.csv', csvText(rows))
    const result = (await runLiveEvaluation(
      recordingDeps(clients).deps,
      request({ task: 'regression', candidate: { packageArn: candidate }, data: path })
    )) as LiveEvaluated
    const values = result.candidate.report.report.values as Record<string, number>
    // The labels were written with 6 decimals of the features: tiny errors only.
    expect(values.mae).toBeLessThan(1e-5)
    expect(values.r2).toBeGreaterThan(0.999999)
  })
})
