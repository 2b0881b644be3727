// Live evaluation's throughput against an endpoint: N rows (100,000 by default) sent
// through runLiveEvaluation to a serverless endpoint on the local emulator, with 50 ms
// added to every invocation (the emulator's InvokeEndpoint latency fault). The emulator
// runs in its own process, as a model runs on SageMaker's side and not in the gate's: in
// this process its scoring would take the client's CPU. The batching is the action's own
// default (rows per request, max-concurrency, serverless max concurrency), as users get it.
// Prints the prediction phase's rows/s in each of REPEATS runs as a fraction of the ideal
// `concurrency x rows-per-request / latency` (target: at least 0.8 in the median run), and
// as a ratio against one row per request, one request at a time, measured in the same run
// on the first rows only (at 50 ms a request the full data would take N / 20 seconds),
// extrapolated as rows/s; the printout says so. Also prints the same for a candidate and
// a baseline evaluated side by side (two serverless endpoints, every batch sent to both),
// and the SDK alone sending the same bodies, the CPU time one request costs the gate's
// process and the emulator's (where the time goes when the machine is busy), and the load
// average before and after.
//
// Live evaluation is compiled from src/ into build/bench first (tsc, as bench/metrics.mjs).
// Usage: node bench/endpoint-validation.mjs [rows] [baseline-rows]   (npm run bench:endpoint-validation)
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'

const rows = Number(process.argv[2] ?? 100_000)
const singleRows = Number(process.argv[3] ?? 400)
const LATENCY_MS = 50
const REPEATS = 5
/** /proc's clock ticks a second (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100
const ENTRY = 'src/evaluation/live/index.ts'
const loadBefore = loadavg()

function compile() {
  const tsc = resolve('node_modules/typescript/bin/tsc')
  const out = resolve('build/bench')
  execFileSync(
    process.execPath,
    [
      tsc,
      ...['--target', 'ES2023', '--module', 'NodeNext', '--moduleResolution', 'NodeNext'],
      ...['--strict', '--skipLibCheck', '--types', 'node', '--rootDir', 'src', '--outDir', out],
      ENTRY
    ],
    { stdio: 'inherit' }
  )
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
  return import(pathToFileURL(join(out, 'evaluation/live/index.js')).href)
}

/** Seeded (label, x1, x2) rows, labels from a logistic model of the features. */
function writeData(path, n) {
  let state = 0x2545f491
  const uniform = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
  const lines = ['label,x1,x2']
  for (let i = 0; i < n; i++) {
    const x1 = uniform() * 4 - 2
    const x2 = uniform() * 4 - 2
    const p = 1 / (1 + Math.exp(-(1.5 * x1 - x2)))
    lines.push(`${uniform() < p ? 1 : 0},${x1.toFixed(6)},${x2.toFixed(6)}`)
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
}

const { runLiveEvaluation, DEFAULT_ROWS_PER_REQUEST, LIVE_DEFAULTS } = await compile()
const { S3Client } = await import('@aws-sdk/client-s3')
const { SageMakerClient } = await import('@aws-sdk/client-sagemaker')
const { SageMakerRuntimeClient } = await import('@aws-sdk/client-sagemaker-runtime')

/**
 * What the SDK alone reaches on this machine: an endpoint made by hand, the same number of
 * `rowsPerRequest`-row bodies sent `concurrency` at a time, answers only awaited.
 */
async function sdkFloor(clients, totalRows, { rowsPerRequest, concurrency }) {
  const {
    CreateModelCommand,
    CreateEndpointConfigCommand,
    CreateEndpointCommand,
    DescribeEndpointCommand
  } = await import('@aws-sdk/client-sagemaker')
  const { InvokeEndpointCommand } = await import('@aws-sdk/client-sagemaker-runtime')
  const name = 'bench-floor'
  await clients.sagemaker.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/bench',
      PrimaryContainer: {
        Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1',
        ModelDataUrl: 's3://bench/candidate.json'
      }
    })
  )
  await clients.sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: 'v',
          ModelName: name,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
        }
      ]
    })
  )
  await clients.sagemaker.send(
    new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name })
  )
  while (
    (await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name })))
      .EndpointStatus !== 'InService'
  )
    await new Promise(done => setTimeout(done, 10))
  const row = i => `${((i % 4000) / 1000 - 2).toFixed(6)},${(2 - (i % 3000) / 1000).toFixed(6)}`
  const requests = Math.ceil(totalRows / rowsPerRequest)
  const bodies = Array.from({ length: requests }, (_, r) =>
    Buffer.from(
      Array.from({ length: rowsPerRequest }, (_, i) => row(r * rowsPerRequest + i)).join('\n') +
        '\n'
    )
  )
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]
        await clients.runtime.send(
          new InvokeEndpointCommand({ EndpointName: name, Body: body, ContentType: 'text/csv' })
        )
      }
    })
  )
  const ms = performance.now() - start
  return { requests, rowsPerSecond: (requests * rowsPerRequest) / (ms / 1000) }
}

/** The emulator in a child process, driven through its HTTP control API. */
async function startEmulatorProcess() {
  const child = spawn(
    process.execPath,
    ['emulator/cli.ts', '--port', '0', '--delay-scale', '0.1'],
    {
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  const [line] = await once(createInterface({ input: child.stdout }), 'line')
  const url = /listening on (\S+)/.exec(line)?.[1]
  if (!url) throw new Error(`the emulator did not start: ${line}`)
  const control = async (route, body) => {
    const response = await fetch(`${url}/_emulator/${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    })
    if (!response.ok) throw new Error(`${route}: ${await response.text()}`)
    return response.json()
  }
  return {
    url,
    /** The child's CPU time (user + system) so far, from /proc; NaN where there is none. */
    cpuMs: () => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
      } catch {
        return NaN
      }
    },
    seed: body => control('seed', body),
    setFaults: body => control('faults', body),
    close: async () => {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  }
}

const emulator = await startEmulatorProcess()
const dir = mkdtempSync(join(tmpdir(), 'bench-endpoint-'))
try {
  const config = {
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'bench' },
    retryMode: 'adaptive',
    maxAttempts: 6
  }
  const clients = {
    sagemaker: new SageMakerClient(config),
    runtime: new SageMakerRuntimeClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true })
  }
  const artifact = weights =>
    JSON.stringify({ format: 'sagemaker-model-gate/linear-v1', task: 'binary', weights, bias: 0 })
  await emulator.seed({
    s3Objects: [
      { bucket: 'bench', key: 'candidate.json', body: artifact([1.5, -1]) },
      { bucket: 'bench', key: 'baseline.json', body: artifact([1, -0.5]) }
    ]
  })
  const version = (key, approval) => ({
    ModelPackageGroupName: 'bench',
    ModelApprovalStatus: approval,
    InferenceSpecification: {
      Containers: [
        {
          Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1',
          ModelDataUrl: `s3://bench/${key}`
        }
      ],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv']
    }
  })
  const seeded = await emulator.seed({
    modelPackages: [
      version('candidate.json', 'PendingManualApproval'),
      version('baseline.json', 'Approved')
    ]
  })
  const [candidate, baseline] = seeded.modelPackages
  await emulator.setFaults({ latencyMs: { InvokeEndpoint: LATENCY_MS } })

  const full = join(dir, 'full.csv')
  const subset = join(dir, 'subset.csv')
  writeData(full, rows)
  writeData(subset, singleRows)
  // CPU time from a run's first InvokeEndpoint to its last answer: this process's, and the
  // emulator's (from /proc, to the end of the run: its cleanup calls are a few ms).
  let cpu
  const runtime = {
    send: async command => {
      cpu ??= { client: process.cpuUsage(), emulator: emulator.cpuMs(), requests: 0 }
      const answer = await clients.runtime.send(command)
      cpu.requests++
      cpu.clientUsed = process.cpuUsage(cpu.client)
      return answer
    }
  }
  const deps = {
    ...clients,
    runtime,
    log: { info: () => {}, warning: message => console.warn(message), debug: () => {} },
    saveState: () => {},
    sleep: ms => new Promise(done => setTimeout(done, ms)),
    now: () => new Date()
  }
  let runs = 0
  const evaluate = async (data, settings) => {
    cpu = undefined
    const result = await runLiveEvaluation(deps, {
      candidate: { packageArn: candidate },
      data,
      task: 'binary',
      method: 'endpoint',
      executionRoleArn: 'arn:aws:iam::123456789012:role/bench',
      runId: `bench-${++runs}`,
      pollSeconds: 0.01,
      ...settings
    })
    if (result.outcome !== 'evaluated')
      throw new Error(`the bench candidate failed: ${result.candidate.failureReason}`)
    const perRequest = {
      client: (cpu.clientUsed.user + cpu.clientUsed.system) / 1000 / cpu.requests,
      emulator: (emulator.cpuMs() - cpu.emulator) / cpu.requests
    }
    return {
      result,
      rowsPerSecond: result.data.rows / (result.timings.predictMs / 1000),
      perRequest
    }
  }

  // The action's defaults: nothing about batching is passed.
  const batched = []
  for (let i = 0; i < REPEATS; i++) batched.push(await evaluate(full, {}))
  const { concurrency, largestRequestRows: rowsPerRequest } = batched[0].result.traffic
  const ideal = (concurrency * rowsPerRequest) / (LATENCY_MS / 1000)
  const floor = await sdkFloor(clients, batched[0].result.data.rows, {
    rowsPerRequest,
    concurrency
  })
  const paired = await evaluate(full, { baseline: { packageArn: baseline } })
  const single = await evaluate(subset, { rowsPerRequest: 1, maxConcurrency: 1 })
  const loadAfter = loadavg()

  const rate = r => `${Math.round(r).toLocaleString('en')} rows/s`
  const seconds = ms => `${(ms / 1000).toFixed(2)} s`
  const load = l => l.map(x => x.toFixed(2)).join(' ')
  console.log(
    `data: ${rows.toLocaleString('en')} rows; every invocation +${LATENCY_MS} ms; serverless endpoint on the emulator (its own process); load average before: ${load(loadBefore)}, after: ${load(loadAfter)} on ${cpus().length} CPUs`
  )
  console.log(
    `batching: the action's defaults, up to ${DEFAULT_ROWS_PER_REQUEST} rows a request and min(max-concurrency ${LIVE_DEFAULTS.maxConcurrency}, serverless-max-concurrency ${LIVE_DEFAULTS.serverlessMaxConcurrency}) requests in flight a version: ${rowsPerRequest} rows a request and ${concurrency} in flight were sent`
  )
  const show = (name, { result, rowsPerSecond, perRequest }, best = ideal) =>
    console.log(
      `${name}: ${rate(rowsPerSecond)} = ${(rowsPerSecond / best).toFixed(2)} of its ideal (${result.traffic.requests} requests a version, predict ${seconds(result.timings.predictMs)}, CPU a request: gate ${perRequest.client.toFixed(2)} ms, emulator ${perRequest.emulator.toFixed(2)} ms; whole run ${seconds(result.timings.totalMs)}: check ${seconds(result.timings.checkMs)}, endpoints ${seconds(result.timings.provisionMs)}, metrics ${seconds(result.timings.evaluateMs)}, cleanup ${seconds(result.timings.cleanupMs)})`
    )
  batched.forEach((run, i) =>
    show(`batched, run ${i + 1} (${rowsPerRequest} rows a request, ${concurrency} in flight)`, run)
  )
  show('batched, candidate and baseline side by side', paired)
  show(
    `one row a request, one at a time (measured on the first ${singleRows.toLocaleString('en')} rows; ideal 1 row / ${LATENCY_MS} ms)`,
    single,
    1000 / LATENCY_MS
  )
  console.log(
    `SDK floor: the same ${floor.requests} bodies sent with InvokeEndpoint alone, ${concurrency} in flight, nothing read or evaluated: ${rate(floor.rowsPerSecond)} = ${(floor.rowsPerSecond / ideal).toFixed(2)} of the ideal (what this machine allows now)`
  )
  const sorted = batched.map(run => run.rowsPerSecond).sort((a, b) => a - b)
  const median = sorted[Math.floor(REPEATS / 2)]
  const fraction = median / ideal
  console.log(
    `ideal: ${concurrency} x ${rowsPerRequest} rows / ${LATENCY_MS} ms = ${rate(ideal)}; live evaluation reached ${fraction.toFixed(2)} of it in the median of ${REPEATS} runs (worst ${(sorted[0] / ideal).toFixed(2)}, best ${(sorted[REPEATS - 1] / ideal).toFixed(2)}; median ${(median / floor.rowsPerSecond).toFixed(2)} of the SDK floor); side by side ${(paired.rowsPerSecond / ideal).toFixed(2)}`
  )
  console.log(
    `ratio against one row a request, one at a time: ${(median / single.rowsPerSecond).toFixed(0)}x in the median run (that way, ${rows.toLocaleString('en')} rows would take about ${Math.round(rows / single.rowsPerSecond).toLocaleString('en')} s, extrapolated from the ${singleRows} rows measured)`
  )
  const met = fraction >= 0.8
  console.log(`target (>= 0.8 of the ideal in the median run): ${met ? 'met' : 'MISSED'}`)
  if (!met) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
  await emulator.close()
}
