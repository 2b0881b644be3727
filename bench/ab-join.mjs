// Joining and scoring captured requests against the metrics engine on the same predictions
// read from one CSV, in one run. N captured records (1 million by default) are written as
// SageMaker writes data capture (JSON lines, CSV-encoded output, an inferenceId each), with
// their ground truth in Model Monitor's format, in objects of 10,000 lines; the same labels
// and scores go into one (label, score) CSV. Timed, best of three each:
// - join: every ground-truth object read and parsed, every capture object read, parsed,
//   joined by inferenceId and handed to the engine (src/abtest/join.ts, score.ts);
// - engine: `evaluate` of the CSV file (the `metrics` mode's path).
// Both read their files the same way, as byte chunks through fileChunks (an S3 object's
// body is bytes too); writing the files is not timed.
// Prints both times, the ratio, the join's phases, and what parts of any join of these files
// cost alone (reading the bytes; one pass over every byte; a table of the ids), and checks
// that both give the same metrics.
// Target: the join at most 2x the engine.
//
// The code is compiled from src/ into build/bench-ab first (tsc, same options as the build).
// Usage: node bench/ab-join.mjs [records]   (npm run bench:ab-join)
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const records = Number(process.argv[2] ?? 1_000_000)
const PER_OBJECT = 10_000
const OUT = resolve('build/bench-ab')
const ENTRIES = [
  'src/abtest/join.ts',
  'src/abtest/labels.ts',
  'src/abtest/score.ts',
  'src/evaluation/sources.ts'
]

function compile() {
  const tsc = resolve('node_modules/typescript/bin/tsc')
  const options = ['--target', 'ES2023', '--module', 'NodeNext', '--moduleResolution', 'NodeNext']
  const strict = [
    '--strict',
    '--skipLibCheck',
    '--types',
    'node',
    '--rootDir',
    'src',
    '--outDir',
    OUT
  ]
  execFileSync(process.execPath, [tsc, ...options, ...strict, ...ENTRIES], { stdio: 'inherit' })
  writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n')
}

/** A seeded generator (xorshift32) so every run writes the same data. */
function seeded(seed) {
  let state = seed
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
}

function writeData(dir) {
  const next = seeded(20261201)
  const csv = ['label,score']
  const start = Date.UTC(2026, 11, 1, 10)
  let capture = []
  let truth = []
  let object = 0
  const flush = () => {
    writeFileSync(join(dir, 'capture', `${object}.jsonl`), capture.join(''))
    writeFileSync(join(dir, 'truth', `${object}.jsonl`), truth.join(''))
    capture = []
    truth = []
    object++
  }
  for (let i = 0; i < records; i++) {
    const label = next() < 0.3 ? 1 : 0
    const score = 1 / (1 + Math.exp(-(next() * 4 - 2 + label * 1.5)))
    const id = `req-${i}`
    const time = new Date(start + Math.floor(i / 300) * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
    const features = `${(next() * 10).toFixed(4)},${(next() * 10).toFixed(4)},${(next() * 10).toFixed(4)}`
    capture.push(
      `${JSON.stringify({
        captureData: {
          endpointInput: {
            observedContentType: 'text/csv',
            mode: 'INPUT',
            data: features,
            encoding: 'CSV'
          },
          endpointOutput: {
            observedContentType: 'text/csv; charset=utf-8',
            mode: 'OUTPUT',
            data: `${score}\n`,
            encoding: 'CSV'
          }
        },
        eventMetadata: {
          eventId: `e-${i}-0b9c2d4e-6f70-4a1b-9c8d-7e6f5a4b3c2d`,
          inferenceId: id,
          inferenceTime: time
        },
        eventVersion: '0'
      })}\n`
    )
    truth.push(
      `${JSON.stringify({ groundTruthData: { data: String(label), encoding: 'CSV' }, eventMetadata: { eventId: id }, eventVersion: '0' })}\n`
    )
    csv.push(`${label},${score}`)
    if (capture.length === PER_OBJECT) flush()
  }
  if (capture.length > 0) flush()
  writeFileSync(join(dir, 'data.csv'), `${csv.join('\n')}\n`)
  return object
}

const { GroundTruth, VariantJoin } = await (async () => {
  compile()
  return import(pathToFileURL(join(OUT, 'abtest/join.js')).href)
})()
const { scoreVariant } = await import(pathToFileURL(join(OUT, 'abtest/score.js')).href)
const { evaluate } = await import(pathToFileURL(join(OUT, 'evaluation/evaluate.js')).href)
const { fileChunks } = await import(pathToFileURL(join(OUT, 'evaluation/sources.js')).href)
const { LabelTable } = await import(pathToFileURL(join(OUT, 'abtest/labels.js')).href)

const dir = mkdtempSync(join(tmpdir(), 'ab-join-'))
try {
  mkdirSync(join(dir, 'capture'))
  mkdirSync(join(dir, 'truth'))
  const objects = writeData(dir)
  const options = { task: 'binary', threshold: 0.5, alpha: 0.05, resamples: 1000, seed: 20240611 }
  const window = { start: new Date(Date.UTC(2026, 11, 1)), end: new Date(Date.UTC(2026, 11, 2)) }

  /** Each phase of the last joinAndScore run, in ms. */
  const phases = {}
  async function joinAndScore() {
    let t = performance.now()
    const lap = name => {
      const now = performance.now()
      phases[name] = now - t
      t = now
    }
    const truth = new GroundTruth('binary')
    for (let o = 0; o < objects; o++) {
      const path = join(dir, 'truth', `${o}.jsonl`)
      await truth.addStream(fileChunks(path), path)
    }
    lap('ground truth read into the label table')
    const variant = new VariantJoin('AllTraffic', 'binary', truth.labels, window)
    for (let o = 0; o < objects; o++) {
      const path = join(dir, 'capture', `${o}.jsonl`)
      await variant.addStream(fileChunks(path), path)
    }
    const joined = variant.finish()
    lap('capture read and joined')
    const values = scoreVariant(joined, options).report.values
    lap('metrics of the joined pairs')
    return values
  }
  /**
   * Parts of any join of these files, each measured alone: one JavaScript pass that looks at
   * every byte once (the least a reader that checks the lines must do), and a table of the
   * million ids, filled and then asked for each id in order.
   */
  async function everyByteOnce() {
    let quotes = 0
    for (const kind of ['truth', 'capture'])
      for (let o = 0; o < objects; o++)
        for await (const chunk of fileChunks(join(dir, kind, `${o}.jsonl`)))
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 34) quotes++
    return { quotes }
  }
  const ids = Buffer.from(Array.from({ length: records }, (_, i) => `req-${i}`).join(''), 'latin1')
  const idEnd = new Int32Array(records)
  for (let i = 0, at = 0; i < records; i++) idEnd[i] = at += `req-${i}`.length
  function labelTable() {
    const table = new LabelTable()
    for (let i = 0, at = 0; i < records; at = idEnd[i++]) table.setBytes(ids, at, idEnd[i], i & 1)
    let found = 0
    for (let i = 0, at = 0; i < records; at = idEnd[i++]) found += table.getBytes(ids, at, idEnd[i])
    return { found }
  }
  /** Only the files' bytes, read the same way: what any reader of them pays. */
  async function readOnly() {
    let bytes = 0
    for (const kind of ['truth', 'capture'])
      for (let o = 0; o < objects; o++)
        for await (const chunk of fileChunks(join(dir, kind, `${o}.jsonl`))) bytes += chunk.length
    return { bytes }
  }
  async function engine() {
    const path = join(dir, 'data.csv')
    return (await evaluate(fileChunks(path), { task: 'binary', source: path, threshold: 0.5 }))
      .candidate.report.values
  }
  async function best(run) {
    let fastest = Infinity
    let values
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      values = await run()
      fastest = Math.min(fastest, performance.now() - t)
    }
    return { ms: fastest, values }
  }
  const csvBytes = readFileSync(join(dir, 'data.csv')).length
  // The machine may be shared: the load around the timing says how much to trust it.
  const load = () =>
    loadavg()
      .map(x => x.toFixed(2))
      .join(' ')
  const before = load()
  const base = await best(engine)
  const joined = await best(joinAndScore)
  const kept = { ...phases }
  const bytesOnly = await best(readOnly)
  const scanned = await best(everyByteOnce)
  const tabled = await best(labelTable)
  console.log(`load average before: ${before}, after: ${load()}`)
  const differ = Object.keys(base.values).filter(
    k => Math.abs(base.values[k] - joined.values[k]) > 1e-12
  )
  const seconds = ms => `${(ms / 1000).toFixed(3)} s`
  console.log(
    `records: ${records} in ${objects} capture objects (+ ${objects} ground-truth objects); CSV ${(csvBytes / 1e6).toFixed(1)} MB, JSON lines ${(bytesOnly.values.bytes / 1e6).toFixed(1)} MB`
  )
  console.log(`engine on the CSV:          ${seconds(base.ms)}`)
  console.log(`join and score the capture: ${seconds(joined.ms)}`)
  console.log(`ratio join / engine:        ${(joined.ms / base.ms).toFixed(2)}x (target <= 2x)`)
  // Where the join's time goes (its last run), and what reading the bytes alone costs.
  for (const [phase, ms] of Object.entries(kept))
    console.log(`  ${phase}: ${seconds(ms)} (${(ms / base.ms).toFixed(2)}x the engine)`)
  console.log(
    `  reading the JSON lines' bytes alone: ${seconds(bytesOnly.ms)} (${(bytesOnly.ms / base.ms).toFixed(2)}x the engine)`
  )
  const part = (what, ms) =>
    console.log(`  ${what}: ${seconds(ms)} (${(ms / base.ms).toFixed(2)}x the engine)`)
  part('one JavaScript pass over every byte of them (read included)', scanned.ms)
  part(`a table of the ${records} ids: filled, then each looked up`, tabled.ms)
  const floor = scanned.ms + tabled.ms + kept['metrics of the joined pairs']
  console.log(
    `  that pass, the table and the metrics together: ${seconds(floor)} (${(floor / base.ms).toFixed(2)}x the engine)`
  )
  console.log(differ.length === 0 ? 'metrics: identical' : `metrics differ: ${differ.join(', ')}`)
  if (differ.length > 0) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
