// How long dist/index.js takes to load and read its inputs, against an empty Node start
// on the same machine and runtime. INPUT_MODE=bogus makes the action stop right after
// input parsing, before any AWS call, so the figure is load + parse.
// Usage: node bench/startup.mjs [runs]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const runs = Number(process.argv[2] ?? 15)
const node = resolve('node_modules/.bin/node')
const dir = mkdtempSync(join(tmpdir(), 'startup-'))
// The runner creates these files before a step starts.
for (const file of ['out', 'state']) writeFileSync(join(dir, file), '')

function time(args, env) {
  const start = process.hrtime.bigint()
  const result = spawnSync(node, args, {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8'
  })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  return { ms, status: result.status, stdout: result.stdout }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const env = {
  INPUT_MODE: 'bogus',
  GITHUB_OUTPUT: join(dir, 'out'),
  GITHUB_STATE: join(dir, 'state'),
  AWS_REGION: 'us-east-1'
}
const probe = time(['dist/index.js'], env)
if (probe.status !== 1 || !probe.stdout.includes('register')) {
  console.error('dist/index.js did not stop at input parsing as expected:\n' + probe.stdout)
  process.exit(1)
}
const baseline = []
const action = []
for (let i = 0; i < runs; i++) {
  baseline.push(time(['-e', ''], {}).ms)
  action.push(time(['dist/index.js'], env).ms)
}
const b = median(baseline)
const a = median(action)
const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()
console.log(`node ${version}, ${runs} runs each (median)`)
console.log(`node -e "":                 ${b.toFixed(1)} ms`)
console.log(`dist/index.js to inputs:    ${a.toFixed(1)} ms`)
console.log(`ratio:                      ${(a / b).toFixed(2)}x`)
console.log(`action cost over bare node: ${(a - b).toFixed(1)} ms`)
console.log(
  `dist/index.js size:         ${(statSync('dist/index.js').size / 1024 / 1024).toFixed(2)} MiB`
)
