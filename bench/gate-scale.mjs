// The gate's cost against the size of the group: SageMaker calls and wall time of one
// `gate` run (dist/index.js, as the runner starts it) in groups of 100, 1,000 and 5,000
// versions on the local emulator, as ratios against the 100-version group measured in the
// same run. Usage: node bench/gate-scale.mjs [runs per size]
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startEmulator } from '../emulator/server.ts'

const runs = Number(process.argv[2] ?? 3)
const sizes = [100, 1000, 5000]
const node = resolve('node_modules/.bin/node')
const emulator = await startEmulator({ port: 0 })
const dir = mkdtempSync(join(tmpdir(), 'gate-scale-'))

function seed(size) {
  emulator.reset()
  emulator.seed({
    s3Objects: [{ bucket: 'bench', key: 'model.json', body: '{}' }],
    modelPackages: Array.from({ length: size }, (_, i) => ({
      ModelPackageGroupName: 'bench-group',
      ModelApprovalStatus:
        i === size - 1 ? 'PendingManualApproval' : i % 5 === 0 ? 'Approved' : 'Rejected',
      InferenceSpecification: {
        Containers: [
          {
            Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1',
            ModelDataUrl: 's3://bench/model.json'
          }
        ],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      },
      CustomerMetadataProperties: { 'metric:validation:auc': String(0.8 + (i % 100) / 1000) }
    }))
  })
}

// Asynchronous: the emulator answers from this process.
function gate() {
  for (const file of ['out', 'state']) writeFileSync(join(dir, file), '')
  const env = {
    PATH: process.env.PATH,
    INPUT_MODE: 'gate',
    'INPUT_MODEL-PACKAGE-GROUP': 'bench-group',
    INPUT_THRESHOLDS: 'validation:auc >= 0.5',
    'INPUT_MAX-REGRESSION': 'validation:auc -0.5',
    INPUT_HISTORY: '10',
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STATE: join(dir, 'state'),
    RUNNER_TEMP: dir,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_SAGEMAKER: emulator.url,
    AWS_ENDPOINT_URL_S3: emulator.url
  }
  const start = process.hrtime.bigint()
  return new Promise((done, fail) =>
    execFile(node, ['dist/index.js'], { env }, (error, stdout) => {
      if (error) return fail(new Error(`gate failed:\n${stdout}`))
      done(Number(process.hrtime.bigint() - start) / 1e6)
    })
  )
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const results = []
try {
  for (const size of sizes) {
    seed(size)
    const times = []
    let calls = 0
    for (let i = 0; i < runs; i++) {
      const before = Object.values(emulator.stats().operations).reduce((a, b) => a + b, 0)
      times.push(await gate())
      calls = Object.values(emulator.stats().operations).reduce((a, b) => a + b, 0) - before
    }
    results.push({ size, calls, ms: median(times) })
  }
} finally {
  await emulator.close()
}
const base = results[0]
console.log(`gate with history 10, median of ${runs} runs per size`)
console.log('versions | SageMaker calls | calls vs 100 | wall ms | time vs 100')
for (const r of results) {
  console.log(
    `${String(r.size).padStart(8)} | ${String(r.calls).padStart(15)} | ${(r.calls / base.calls).toFixed(2).padStart(12)} | ${r.ms.toFixed(0).padStart(7)} | ${(r.ms / base.ms).toFixed(2).padStart(11)}`
  )
}
