// The orchestration's edge cases with mocked AWS clients: what is sent, in what order,
// what is saved before what, and what happens when SageMaker says no.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { S3Client } from '@aws-sdk/client-s3'
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeModelPackageCommand,
  SageMakerClient,
  SageMakerServiceException
} from '@aws-sdk/client-sagemaker'
import {
  InvokeEndpointCommand,
  type InvokeEndpointCommandInput,
  SageMakerRuntimeClient,
  SageMakerRuntimeServiceException
} from '@aws-sdk/client-sagemaker-runtime'
import { mockClient } from 'aws-sdk-client-mock'
import { parseTemporaryState, TEMPORARY_STATE } from '../../../src/cleanup.js'
import { UserError } from '../../../src/errors.js'
import {
  BaselineServingError,
  type LiveDeps,
  type LiveEvaluated,
  type LiveRequest,
  runLiveEvaluation
} from '../../../src/evaluation/live/index.js'
import { IMAGE, ROLE, seeded, writeTemp } from './support.js'

const sagemaker = mockClient(SageMakerClient)
const runtime = mockClient(SageMakerRuntimeClient)
const CANDIDATE = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/2'
const BASELINE = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1'

/** Everything that happened, in order: state saves and SageMaker calls. */
let events: string[]

function serviceError(name: string, message: string, status = 400) {
  return new SageMakerServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    message,
    $metadata: { httpStatusCode: status }
  })
}

function runtimeError(name: string, message: string, status: number) {
  return new SageMakerRuntimeServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    message,
    $metadata: { httpStatusCode: status }
  })
}

/** A clock that moves only when the run sleeps; sleeps are recorded. */
function fakeDeps(overrides: Partial<LiveDeps> = {}) {
  let now = Date.UTC(2026, 11, 1)
  const sleeps: number[] = []
  const warnings: string[] = []
  const deps: LiveDeps = {
    sagemaker: new SageMakerClient({ region: 'us-east-1' }),
    runtime: new SageMakerRuntimeClient({ region: 'us-east-1' }),
    s3: new S3Client({ region: 'us-east-1' }),
    log: { info: () => {}, warning: m => void warnings.push(m), debug: () => {} },
    saveState: (name, value) => {
      expect(name).toBe(TEMPORARY_STATE)
      events.push(
        `state ${parseTemporaryState(value)
          .map(r => r.name + '/' + r.kind)
          .join(' ')}`
      )
    },
    sleep: async ms => {
      sleeps.push(ms)
      now += ms
      await new Promise(resolve => setImmediate(resolve))
    },
    now: () => new Date(now),
    ...overrides
  }
  return { deps, sleeps, warnings }
}

function packageDescription(arn: string, version: number, approval: string) {
  return {
    ModelPackageArn: arn,
    ModelPackageVersion: version,
    ModelPackageStatus: 'Completed' as const,
    ModelApprovalStatus: approval as 'Approved',
    InferenceSpecification: {
      Containers: [{ Image: IMAGE, ModelDataUrl: `s3://models/v${version}.tar.gz` }],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv']
    }
  }
}

/** The score a mocked model gives a row: its first feature (candidate) or half of it (baseline). */
function answer(input: InvokeEndpointCommandInput, body: Uint8Array): string {
  const scale =
    input.EndpointName?.endsWith('baseline') || input.TargetVariant === 'baseline' ? 0.5 : 1
  return new TextDecoder()
    .decode(body)
    .trim()
    .split('\n')
    .map(line => String(Number(line.split(',')[0]) * scale))
    .join('\n')
}

function serveRows() {
  runtime.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => {
    events.push(
      `invoke ${input.EndpointName}${input.TargetVariant ? `/${input.TargetVariant}` : ''}`
    )
    return {
      Body: new TextEncoder().encode(answer(input, input.Body as Uint8Array)),
      ContentType: 'text/csv',
      InvokedProductionVariant: input.TargetVariant ?? 'candidate'
    }
  })
}

function data(rows: number, featureText = (x: number) => x.toFixed(4)): string {
  const random = seeded(3)
  let text = 'label,score,other\n'
  for (let i = 0; i < rows; i++) {
    const x = random()
    text += `${random() < x ? 1 : 0},${featureText(x)},7\n`
  }
  return writeTemp('data.csv', text)
}

function request(overrides: Partial<LiveRequest> = {}): LiveRequest {
  return {
    candidate: { packageArn: CANDIDATE },
    baseline: { packageArn: BASELINE },
    data: data(50),
    task: 'binary',
    method: 'endpoint',
    executionRoleArn: ROLE,
    runId: '1234-1',
    pollSeconds: 5,
    waitTimeoutSeconds: 600,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
    ...overrides
  }
}

beforeEach(() => {
  events = []
  sagemaker.reset()
  runtime.reset()
  sagemaker
    .on(DescribeModelPackageCommand, { ModelPackageName: CANDIDATE })
    .resolves(packageDescription(CANDIDATE, 2, 'PendingManualApproval'))
  sagemaker
    .on(DescribeModelPackageCommand, { ModelPackageName: BASELINE })
    .resolves(packageDescription(BASELINE, 1, 'Approved'))
  for (const [command, key] of [
    [CreateModelCommand, 'ModelName'],
    [CreateEndpointConfigCommand, 'EndpointConfigName'],
    [CreateEndpointCommand, 'EndpointName'],
    [DeleteEndpointCommand, 'EndpointName'],
    [DeleteEndpointConfigCommand, 'EndpointConfigName'],
    [DeleteModelCommand, 'ModelName']
  ] as const) {
    // One recorder for six commands: their shapes differ only in the name member.
    sagemaker
      .on(command as typeof CreateModelCommand)
      .callsFake((input: Record<string, string>) => {
        events.push(`${command.name.replace(/Command$/, '')} ${input[key]}`)
        return {}
      })
  }
  sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: 'InService' })
  serveRows()
})

afterEach(() => {
  sagemaker.reset()
  runtime.reset()
})

describe('temporary resources', () => {
  it('saves each resource to state before the call that creates it, and deletes endpoints, then configs, then models', async () => {
    const { deps } = fakeDeps()
    const result = await runLiveEvaluation(deps, request())
    expect(result.outcome).toBe('evaluated')
    const creates = events.filter(e => e.startsWith('Create'))
    expect(creates).toEqual([
      'CreateModel gate-1234-1-candidate',
      'CreateModel gate-1234-1-baseline',
      'CreateEndpointConfig gate-1234-1-candidate',
      'CreateEndpoint gate-1234-1-candidate',
      'CreateEndpointConfig gate-1234-1-baseline',
      'CreateEndpoint gate-1234-1-baseline'
    ])
    for (const create of creates) {
      const [operation, name] = create.split(' ')
      const kind = {
        CreateModel: 'model',
        CreateEndpointConfig: 'endpoint-config',
        CreateEndpoint: 'endpoint'
      }[operation!]
      const previous = events[events.indexOf(create) - 1]!
      expect(previous).toMatch(/^state /)
      expect(previous.split(' ')).toContain(`${name}/${kind}`)
    }
    const deletes = events.filter(e => e.startsWith('Delete'))
    expect(deletes).toEqual([
      'DeleteEndpoint gate-1234-1-candidate',
      'DeleteEndpoint gate-1234-1-baseline',
      'DeleteEndpointConfig gate-1234-1-candidate',
      'DeleteEndpointConfig gate-1234-1-baseline',
      'DeleteModel gate-1234-1-candidate',
      'DeleteModel gate-1234-1-baseline'
    ])
    // Every invocation happened between the last create and the first delete.
    const invokes = events.flatMap((e, i) => (e.startsWith('invoke') ? [i] : []))
    expect(Math.min(...invokes)).toBeGreaterThan(events.indexOf(creates.at(-1)!))
    expect(Math.max(...invokes)).toBeLessThan(events.indexOf(deletes[0]!))
    expect(events.at(-1)).toBe('state ')
  })

  it('cleans up when creating an endpoint fails, including the endpoint whose create failed', async () => {
    sagemaker
      .on(CreateEndpointCommand, { EndpointName: 'gate-1234-1-baseline' })
      .rejects(
        serviceError('ResourceLimitExceeded', 'The account-level service limit was exceeded.')
      )
    const { deps } = fakeDeps()
    await expect(runLiveEvaluation(deps, request())).rejects.toThrow(/account-level service limit/)
    expect(events.filter(e => e.startsWith('Delete'))).toEqual([
      'DeleteEndpoint gate-1234-1-candidate',
      'DeleteEndpoint gate-1234-1-baseline',
      'DeleteEndpointConfig gate-1234-1-candidate',
      'DeleteEndpointConfig gate-1234-1-baseline',
      'DeleteModel gate-1234-1-candidate',
      'DeleteModel gate-1234-1-baseline'
    ])
    expect(events.filter(e => e.startsWith('invoke'))).toEqual([])
  })

  it('never deletes a resource whose name existed already, and says how to remove it', async () => {
    sagemaker
      .on(CreateModelCommand, { ModelName: 'gate-1234-1-baseline' })
      .rejects(
        serviceError('ValidationException', 'Cannot create already existing model "arn:...".')
      )
    const { deps } = fakeDeps()
    const error = await runLiveEvaluation(deps, request()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(
      /A model named gate-1234-1-baseline exists already.*aws sagemaker delete-model --model-name gate-1234-1-baseline --region us-east-1/
    )
    expect(events.filter(e => e.startsWith('Delete'))).toEqual([
      'DeleteModel gate-1234-1-candidate'
    ])
  })

  it('warns with the exact commands when cleanup is refused, and keeps those resources in state', async () => {
    sagemaker
      .on(DeleteModelCommand)
      .rejects(
        serviceError('AccessDeniedException', 'not authorized to perform: sagemaker:DeleteModel')
      )
    const { deps, warnings } = fakeDeps()
    const result = await runLiveEvaluation(deps, request())
    expect(result.outcome).toBe('evaluated')
    const expected = [
      'Could not delete temporary model "gate-1234-1-candidate": not authorized to perform: sagemaker:DeleteModel. Run: aws sagemaker delete-model --model-name gate-1234-1-candidate --region us-east-1',
      'Could not delete temporary model "gate-1234-1-baseline": not authorized to perform: sagemaker:DeleteModel. Run: aws sagemaker delete-model --model-name gate-1234-1-baseline --region us-east-1'
    ]
    expect(warnings).toEqual(expected)
    expect(result.warnings).toEqual(expect.arrayContaining(expected))
    expect(events.at(-1)).toBe('state gate-1234-1-candidate/model gate-1234-1-baseline/model')
  })

  it('a wait that runs out is an error; cleanup then waits for the endpoint to settle, and warns with the command when it does not', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: 'Creating' })
    const { deps, warnings, sleeps } = fakeDeps()
    const error = await runLiveEvaluation(
      deps,
      request({ baseline: undefined, waitTimeoutSeconds: 60, pollSeconds: 10 })
    ).catch((e: unknown) => e)
    expect((error as Error).message).toBe(
      'Timed out after 60 s waiting for endpoint gate-1234-1-candidate: it is still Creating.'
    )
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(120000)
    expect(warnings[0]).toMatch(
      /^Could not delete temporary endpoint "gate-1234-1-candidate": it is still Creating after 60 s.*Run: aws sagemaker delete-endpoint --endpoint-name gate-1234-1-candidate --region us-east-1$/
    )
    // The config and model go: SageMaker lets them be deleted under a live endpoint.
    expect(events.filter(e => e.startsWith('Delete'))).toEqual([
      'DeleteEndpointConfig gate-1234-1-candidate',
      'DeleteModel gate-1234-1-candidate'
    ])
  })
})

describe('requests', () => {
  it('packs rows under the serverless payload limit by bytes, not rows, and keeps them in order', async () => {
    // About 300 KB per row: 13 rows fit 4 MB, far fewer than the 1,000-row cap.
    const wide = (x: number) => `${x.toFixed(4)}${','.repeat(0)}${' '.repeat(300000)}`
    const bodies: number[] = []
    runtime.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => {
      const body = input.Body as Uint8Array
      bodies.push(body.length)
      return {
        Body: new TextEncoder().encode(answer(input, body)),
        ContentType: 'text/csv',
        InvokedProductionVariant: 'candidate'
      }
    })
    const { deps } = fakeDeps()
    const result = (await runLiveEvaluation(
      deps,
      request({ baseline: undefined, data: data(40, wide) })
    )) as LiveEvaluated
    expect(result.data.rows).toBe(40)
    expect(Math.max(...bodies)).toBeLessThanOrEqual(4 * 1024 * 1024)
    expect(bodies.reduce((a, b) => a + b, 0)).toBe(40 * (300000 + 6 + 3))
    expect(bodies.length).toBe(Math.ceil(40 / Math.floor((4 * 1024 * 1024) / 300009)))
    expect(result.traffic).toMatchObject({ requests: bodies.length, largestRequestRows: 13 })
  })

  it('a row too large for any request fails the data check, with its line, before anything is created', async () => {
    const { deps } = fakeDeps()
    const path = writeTemp('big.csv', `label,x\n1,0.5\n0,${'9'.repeat(5 * 1024 * 1024)}\n`)
    await expect(runLiveEvaluation(deps, request({ data: path }))).rejects.toThrow(
      `${path}: line 3, column "label" (index 0, label): the row's features take 5242881 bytes, more than a serverless endpoint's payload limit (4 MB).`
    )
    expect(events).toEqual([])
  })

  it('retries throttling with growing pauses, counts the retries, and gets the same answer', async () => {
    let calls = 0
    runtime.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => {
      calls++
      if (calls <= 3) throw runtimeError('ThrottlingException', 'Rate exceeded', 400)
      return {
        Body: new TextEncoder().encode(answer(input, input.Body as Uint8Array)),
        ContentType: 'text/csv',
        InvokedProductionVariant: input.TargetVariant ?? 'candidate'
      }
    })
    const { deps, sleeps } = fakeDeps()
    const result = (await runLiveEvaluation(
      deps,
      request({ baseline: undefined, maxConcurrency: 1 })
    )) as LiveEvaluated
    expect(result.traffic!.retries).toBe(3)
    // Pauses between half and all of 100, 200, 400 ms (polls of the endpoint come before).
    const pauses = sleeps.slice(-3)
    expect(pauses[0]).toBeGreaterThanOrEqual(50)
    expect(pauses[0]).toBeLessThanOrEqual(100)
    expect(pauses[1]).toBeGreaterThanOrEqual(100)
    expect(pauses[1]).toBeLessThanOrEqual(200)
    expect(pauses[2]).toBeGreaterThanOrEqual(200)
    expect(pauses[2]).toBeLessThanOrEqual(400)
    const plain = (await runLiveEvaluation(
      fakeDeps().deps,
      request({ baseline: undefined, runId: 'again' })
    )) as LiveEvaluated
    expect(result.candidate.report).toEqual(plain.candidate.report)
  })

  it('gives up after the last attempt, and cleans up', async () => {
    runtime
      .on(InvokeEndpointCommand)
      .rejects(runtimeError('ThrottlingException', 'Rate exceeded', 400))
    const { deps } = fakeDeps()
    await expect(runLiveEvaluation(deps, request({ baseline: undefined }))).rejects.toThrow(
      'Rate exceeded'
    )
    expect(runtime.commandCalls(InvokeEndpointCommand).length).toBeGreaterThanOrEqual(4)
    expect(runtime.commandCalls(InvokeEndpointCommand).length).toBeLessThanOrEqual(4 * 4)
    expect(events.filter(e => e.startsWith('Delete'))).toEqual([
      'DeleteEndpoint gate-1234-1-candidate',
      'DeleteEndpointConfig gate-1234-1-candidate',
      'DeleteModel gate-1234-1-candidate'
    ])
  })

  it('does not retry a request the endpoint refused as invalid', async () => {
    runtime
      .on(InvokeEndpointCommand)
      .rejects(
        runtimeError('ValidationError', 'Endpoint x of account 123456789012 not found.', 400)
      )
    const { deps } = fakeDeps()
    await expect(
      runLiveEvaluation(deps, request({ baseline: undefined, maxConcurrency: 1 }))
    ).rejects.toThrow('not found')
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(1)
  })

  it('keeps at most max-concurrency requests in flight per version, and no more than a serverless endpoint takes', async () => {
    let inFlight = 0
    let most = 0
    runtime.on(InvokeEndpointCommand).callsFake(async (input: InvokeEndpointCommandInput) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise(resolve => setTimeout(resolve, 2))
      inFlight--
      return {
        Body: new TextEncoder().encode(answer(input, input.Body as Uint8Array)),
        ContentType: 'text/csv',
        InvokedProductionVariant: input.TargetVariant ?? 'candidate'
      }
    })
    const rows = data(200)
    await runLiveEvaluation(
      fakeDeps().deps,
      request({ baseline: undefined, data: rows, rowsPerRequest: 5, maxConcurrency: 8 })
    )
    // The serverless default MaxConcurrency is 5.
    expect(most).toBe(5)
    most = 0
    await runLiveEvaluation(
      fakeDeps().deps,
      request({
        data: rows,
        rowsPerRequest: 5,
        maxConcurrency: 3,
        instanceType: 'ml.m5.large',
        runId: 'instances'
      })
    )
    // Two versions, three requests each.
    expect(most).toBe(6)
  })

  it('refuses an answer from another variant than the one asked for', async () => {
    runtime.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => ({
      Body: new TextEncoder().encode(answer(input, input.Body as Uint8Array)),
      ContentType: 'text/csv',
      InvokedProductionVariant: 'candidate'
    }))
    await expect(
      runLiveEvaluation(fakeDeps().deps, request({ instanceType: 'ml.m5.large' }))
    ).rejects.toThrow(
      /the baseline v1 \(endpoint gate-1234-1-live, variant baseline\): the answer came from variant candidate, not baseline/
    )
  })
})

describe('versions that cannot serve', () => {
  it('a candidate whose model answers an error is a failed candidate, with the error', async () => {
    runtime.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => {
      if (input.EndpointName!.endsWith('candidate'))
        throw runtimeError(
          'ModelError',
          'Received client error (400) from primary with message "bad input"',
          424
        )
      return {
        Body: new TextEncoder().encode(answer(input, input.Body as Uint8Array)),
        ContentType: 'text/csv'
      }
    })
    const result = await runLiveEvaluation(fakeDeps().deps, request())
    expect(result.outcome).toBe('candidate-failed')
    if (result.outcome === 'candidate-failed')
      expect(result.candidate).toEqual({
        packageArn: CANDIDATE,
        failedAt: 'invocation',
        resource: 'endpoint gate-1234-1-candidate',
        failureReason: expect.stringMatching(
          /^the model answered an error for lines \d+-\d+: Received client error \(400\)/
        )
      })
  })

  it('a baseline whose model answers an error is an error', async () => {
    runtime.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => {
      if (input.EndpointName!.endsWith('baseline'))
        throw runtimeError('ModelError', 'Received server error (500) from primary', 424)
      return {
        Body: new TextEncoder().encode(answer(input, input.Body as Uint8Array)),
        ContentType: 'text/csv'
      }
    })
    await expect(runLiveEvaluation(fakeDeps().deps, request())).rejects.toBeInstanceOf(
      BaselineServingError
    )
  })

  it('rows both versions answer with an error are an error about the data, not a verdict on the candidate', async () => {
    runtime
      .on(InvokeEndpointCommand)
      .rejects(runtimeError('ModelError', 'could not convert string to float', 424))
    const error = await runLiveEvaluation(fakeDeps().deps, request({ maxConcurrency: 1 })).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error).not.toBeInstanceOf(BaselineServingError)
    expect((error as Error).message).toMatch(
      /^Both versions answered an error for lines 2-51 of .*data\.csv: the rows, not the candidate, are the likely cause\. The candidate: the model answered an error for lines 2-51: could not convert/
    )
  })

  it('a shared endpoint whose reason names neither version is an error, not a verdict on the candidate', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointStatus: 'Failed',
      FailureReason:
        'Request to service failed. If failure persists after retry, contact customer support.'
    })
    await expect(
      runLiveEvaluation(fakeDeps().deps, request({ instanceType: 'ml.m5.large' }))
    ).rejects.toThrow(
      /serving the candidate and the baseline, is Failed, and its reason does not say which version failed/
    )
  })

  it('a version that is not Completed, or does not read CSV, is refused before anything is created', async () => {
    sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: CANDIDATE }).resolves({
      ...packageDescription(CANDIDATE, 2, 'PendingManualApproval'),
      InferenceSpecification: {
        Containers: [{ Image: IMAGE }],
        SupportedContentTypes: ['application/x-image'],
        SupportedResponseMIMETypes: ['application/json']
      }
    })
    await expect(runLiveEvaluation(fakeDeps().deps, request())).rejects.toThrow(
      'The candidate v2 reads application/x-image (SupportedContentTypes), not text/csv: live evaluation sends the validation data as CSV rows.'
    )
    expect(events).toEqual([])
  })
})

describe('the request', () => {
  it.each([
    [
      { method: 'stream' as 'endpoint' },
      'Live evaluation: method must be endpoint or batch-transform; got "stream".'
    ],
    [{ alpha: 0.5 }, 'Live evaluation: alpha must be between 0 and 0.5; got 0.5.'],
    [
      { maxConcurrency: 0 },
      'Live evaluation: the max concurrency must be a whole number >= 1; got 0.'
    ],
    [
      { serverlessMemoryMb: 1536 },
      'Live evaluation: serverless memory must be one of 1024, 2048, 3072, 4096, 5120, 6144 MB; got 1536.'
    ],
    [
      { method: 'batch-transform' as const },
      'Live evaluation: batch transform needs a work S3 prefix for its input and output.'
    ],
    [
      { instanceType: 'ml.m5.large', serverlessMemoryMb: 2048 },
      'Live evaluation: an instance type and a serverless memory size exclude each other: give one.'
    ],
    [
      { pollSeconds: 0 },
      'Live evaluation: the poll interval must be a positive number of seconds; got 0.'
    ],
    [
      { executionRoleArn: ' ' },
      'Live evaluation: an execution role is needed: SageMaker assumes it to run the models.'
    ]
  ])('refuses %j before reading anything', async (overrides, message) => {
    await expect(runLiveEvaluation(fakeDeps().deps, request(overrides))).rejects.toThrow(message)
    expect(sagemaker.calls()).toHaveLength(0)
  })
})
