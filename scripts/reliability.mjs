#!/usr/bin/env node
// Prints the reliability table from the figures the reliability tests wrote to
// reports/reliability/*.json (npm run test:reliability). Exits 1 when there are none, or
// when a figure that must be zero is not.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const DIR = join('reports', 'reliability')
/** The columns, in order; `zero` marks the figures any failure would make non-zero. */
const COLUMNS = [
  { key: 'faultsInjected', title: 'faults injected' },
  { key: 'runs', title: 'runs' },
  { key: 'versionsDuplicated', title: 'versions duplicated', zero: true },
  { key: 'resourcesLeaked', title: 'resources leaked', zero: true },
  { key: 'mutatingCallsOnBadInput', title: 'mutating calls on bad input', zero: true },
  { key: 'secretsFound', title: 'secrets found', zero: true },
  { key: 'breakouts', title: 'breakouts', zero: true },
  { key: 'retryWaitMs', title: 'retry wait (s)', format: ms => (ms / 1000).toFixed(1) }
]

const files = existsSync(DIR)
  ? readdirSync(DIR)
      .filter(f => f.endsWith('.json'))
      .sort()
  : []
if (files.length === 0) {
  console.error(`No figures in ${DIR}/: run "npm run test:reliability" first.`)
  process.exit(1)
}
const rows = files.map(file => ({ file, ...JSON.parse(readFileSync(join(DIR, file), 'utf8')) }))
const total = { title: 'total' }
for (const { key } of COLUMNS) total[key] = rows.reduce((sum, row) => sum + (row[key] ?? 0), 0)

const cell = (column, row) => (column.format ?? String)(row[column.key] ?? 0)
const table = [
  ['suite', ...COLUMNS.map(c => c.title)],
  ...[...rows, total].map(row => [row.title, ...COLUMNS.map(c => cell(c, row))])
]
const widths = table[0].map((_, i) => Math.max(...table.map(line => line[i].length)))
const line = values =>
  `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ')} |`
console.log(line(table[0]))
console.log(
  `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`
)
for (const values of table.slice(1)) console.log(line(values))

const extras = rows.filter(row => row.extra && Object.keys(row.extra).length > 0)
for (const row of extras)
  console.log(
    `${row.title}: ${Object.entries(row.extra)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}`
  )

const broken = COLUMNS.filter(c => c.zero && total[c.key] !== 0)
if (broken.length > 0) {
  console.error(`Must be 0: ${broken.map(c => `${c.title} = ${total[c.key]}`).join(', ')}`)
  process.exit(1)
}
