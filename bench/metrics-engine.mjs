// Child process of bench/metrics.mjs: the full binary metric set from a CSV file with the
// engine compiled from src/ (bench/metrics.mjs compiles it into build/bench first).
// Prints one JSON line: seconds (wall and CPU) from opening the file to the last metric,
// peak RSS, metrics.
// Usage: node bench/metrics-engine.mjs FILE
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const built = resolve('build/bench/evaluation')
const { evaluate } = await import(pathToFileURL(`${built}/evaluate.js`).href)
const { fileChunks } = await import(pathToFileURL(`${built}/sources.js`).href)

const file = process.argv[2]
const start = process.hrtime.bigint()
const cpuStart = process.cpuUsage()
const result = await evaluate(fileChunks(file), {
  task: 'binary',
  source: file
})
const seconds = Number(process.hrtime.bigint() - start) / 1e9
const cpu = process.cpuUsage(cpuStart)
const { report } = result.candidate
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssKb: process.resourceUsage().maxRSS,
    rows: result.rows,
    metrics: { ...report.values, ...report.confusion }
  })
)
