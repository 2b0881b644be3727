// The metrics engine against pandas.read_csv + scikit-learn, in one run, on the same file:
// N (label, score) rows (10 million by default) written to a temporary CSV, then the full
// binary metric set computed from the file by each, in its own child process. Prints both
// times, rows/s, each child's peak RSS, the ratio, and checks that every metric agrees;
// with the load average before and after, as both share the machine with whatever runs.
// Target: at least 5x faster, at most 300 MB peak RSS.
//
// The engine is compiled from src/ into build/bench first (tsc, same options as the build).
// Python is Debian's /usr/bin/python3 with python3-pandas and python3-sklearn (apt); run as
// root, the bench installs them when missing.
// Usage: node bench/metrics.mjs [rows]   (npm run bench:metrics)
import { execFileSync, spawnSync } from 'node:child_process'
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const rows = Number(process.argv[2] ?? 10_000_000)
const PYTHON = '/usr/bin/python3'
const ENTRIES = ['src/evaluation/evaluate.ts', 'src/evaluation/sources.ts']

function compileEngine() {
  const tsc = resolve('node_modules/typescript/bin/tsc')
  const out = resolve('build/bench')
  const options = ['--target', 'ES2023', '--module', 'NodeNext', '--moduleResolution', 'NodeNext']
  const strict = [
    '--strict',
    '--skipLibCheck',
    '--types',
    'node',
    '--rootDir',
    'src',
    '--outDir',
    out
  ]
  execFileSync(process.execPath, [tsc, ...options, ...strict, ...ENTRIES], {
    stdio: 'inherit'
  })
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
}

function ensurePython() {
  const probe = () => spawnSync(PYTHON, ['-c', 'import pandas, sklearn']).status === 0
  if (probe()) return
  const install = 'apt-get update && apt-get install -y python3-pandas python3-sklearn'
  if (process.getuid?.() !== 0) {
    console.error(`${PYTHON} lacks pandas or scikit-learn; install them: sudo sh -c '${install}'`)
    process.exit(1)
  }
  execFileSync('sh', ['-c', install], { stdio: 'inherit' })
  if (!probe()) process.exit(1)
}

/** Seeded data: 30% positives, scores a logistic of a shifted normal, printed in full precision. */
function writeData(path) {
  let state = 0x2545f491
  const uniform = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
  const fd = openSync(path, 'w')
  let text = 'label,score\n'
  for (let i = 0; i < rows; i++) {
    const label = uniform() < 0.3 ? 1 : 0
    const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
    const score = 1 / (1 + Math.exp(-(z + (label ? 0.9 : -0.9))))
    text += `${label},${score}\n`
    if (text.length > 1 << 20) {
      writeSync(fd, text)
      text = ''
    }
  }
  writeSync(fd, text)
  closeSync(fd)
}

const SKLEARN = `
import json, resource, sys, time
import pandas as pd
from sklearn import metrics as m
start = time.perf_counter()
cpu = time.process_time()
frame = pd.read_csv(sys.argv[1])
read = time.perf_counter() - start
y = frame["label"].to_numpy()
s = frame["score"].to_numpy()
p = (s >= 0.5).astype(int)
tn, fp, fn, tp = m.confusion_matrix(y, p, labels=[0, 1]).ravel()
values = dict(
    auc=m.roc_auc_score(y, s), average_precision=m.average_precision_score(y, s),
    logloss=m.log_loss(y, s, labels=[0, 1]), brier=m.brier_score_loss(y, s),
    accuracy=m.accuracy_score(y, p), balanced_accuracy=m.balanced_accuracy_score(y, p),
    precision=m.precision_score(y, p), recall=m.recall_score(y, p),
    f0_5=m.fbeta_score(y, p, beta=0.5), f1=m.f1_score(y, p), f2=m.fbeta_score(y, p, beta=2),
    mcc=m.matthews_corrcoef(y, p), true_positive_rate=tp / (tp + fn),
    true_negative_rate=tn / (tn + fp), false_positive_rate=fp / (fp + tn),
    false_negative_rate=fn / (fn + tp), tp=tp, fp=fp, tn=tn, fn=fn)
seconds = time.perf_counter() - start
print(json.dumps(dict(seconds=seconds, cpuSeconds=time.process_time() - cpu, readSeconds=read, rows=len(frame),
    maxRssKb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    metrics={k: float(v) for k, v in values.items()})))
`

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed:\n${result.stderr}`)
    process.exit(1)
  }
  return JSON.parse(result.stdout.trim().split('\n').pop())
}

function agreement(ours, theirs) {
  let worst = { name: '', difference: 0 }
  const missing = []
  for (const [name, expected] of Object.entries(theirs)) {
    const actual = ours[name]
    if (actual === undefined) {
      missing.push(name)
      continue
    }
    const difference = Math.abs(actual - expected) / Math.max(1, Math.abs(expected))
    if (difference >= worst.difference) worst = { name, difference }
  }
  return { worst, missing }
}

const loadBefore = loadavg()
compileEngine()
ensurePython()
const dir = mkdtempSync(join(tmpdir(), 'bench-metrics-'))
try {
  const file = join(dir, 'scores.csv')
  const generated = process.hrtime.bigint()
  writeData(file)
  const size = statSync(file).size
  console.log(
    `data: ${rows.toLocaleString('en')} rows, ${(size / 1e6).toFixed(0)} MB, written in ${(Number(process.hrtime.bigint() - generated) / 1e9).toFixed(1)} s`
  )
  const ours = run(process.execPath, ['bench/metrics-engine.mjs', file])
  const theirs = run(PYTHON, ['-c', SKLEARN, file])
  const mb = kb => `${(kb / 1024).toFixed(0)} MB`
  const rate = seconds => `${(rows / seconds / 1e6).toFixed(2)} M rows/s`
  const line = (name, r, note) =>
    console.log(
      `${name} ${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s), ${rate(r.seconds)}, peak RSS ${mb(r.maxRssKb)}${note}`
    )
  line(
    `engine (node ${process.version}): `,
    ours,
    ' (metrics and their Model Monitor standard deviations)'
  )
  line(
    'pandas + scikit-learn:  ',
    theirs,
    ` (read_csv ${theirs.readSeconds.toFixed(2)} s; metrics only)`
  )
  const load = l => l.map(x => x.toFixed(2)).join(' ')
  console.log(
    `load average before: ${load(loadBefore)}, after: ${load(loadavg())} on ${cpus().length} CPUs`
  )
  const ratio = theirs.seconds / ours.seconds
  console.log(
    `ratio: ${ratio.toFixed(2)}x faster (CPU ${(theirs.cpuSeconds / ours.cpuSeconds).toFixed(2)}x), ${(theirs.maxRssKb / ours.maxRssKb).toFixed(2)}x less memory`
  )
  const { worst, missing } = agreement(ours.metrics, theirs.metrics)
  const agree = ours.rows === theirs.rows && missing.length === 0 && worst.difference <= 1e-9
  console.log(
    `agreement: ${Object.keys(theirs.metrics).length} figures, largest relative difference ${worst.difference.toExponential(2)} (${worst.name})${missing.length ? `; missing: ${missing.join(', ')}` : ''}: ${agree ? 'ok' : 'MISMATCH'}`
  )
  const target = ratio >= 5 && ours.maxRssKb <= 300 * 1024
  console.log(`target (>= 5x faster, <= 300 MB): ${target ? 'met' : 'MISSED'}`)
  if (!agree || !target) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
