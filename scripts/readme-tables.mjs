#!/usr/bin/env node
// Generates the README's inputs and outputs tables and the per-mode reference in docs/modes/
// from action.yml (and scripts/mode-docs.yml), so that none of them can drift.
//   node scripts/readme-tables.mjs --write   rewrite the tables in README.md and docs/modes/
//   node scripts/readme-tables.mjs --check   exit 1 when either is out of date
// --action FILE, --readme FILE, --modes DIR and --mode-docs FILE point at other files (the
// tests use copies).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { GENERATED_NOTE, modeReference } from './mode-reference.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export const MARKERS = {
  inputs: ['<!-- inputs:start -->', '<!-- inputs:end -->'],
  outputs: ['<!-- outputs:start -->', '<!-- outputs:end -->']
}

/** Makes text safe inside one Markdown table cell. */
export function cell(text) {
  return String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()
}

function code(text) {
  // A cell's code span must not contain the backtick that delimits it.
  const value = cell(text)
  return value ? `\`${value.replace(/`/g, "'")}\`` : ''
}

/** `required` says what the Required column shows for an input (default: action.yml's flag). */
export function inputsTable(action, required = (_name, input) => (input.required ? 'yes' : 'no')) {
  const rows = Object.entries(action.inputs ?? {}).map(
    ([name, input]) =>
      `| \`${name}\` | ${cell(required(name, input))} | ${code(input.default)} | ${cell(input.description)} |`
  )
  return [
    '| Input | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows
  ].join('\n')
}

export function outputsTable(action) {
  const rows = Object.entries(action.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
  )
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n')
}

function replaceBetween(text, [start, end], content, file) {
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < 0 || to < from) {
    throw new Error(`${file} has no ${start} ... ${end} markers (in that order).`)
  }
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`
}

/** README text with both tables regenerated from the action.yml text. */
export function updateReadme(readme, actionYaml, file = 'README.md') {
  const action = parse(actionYaml)
  let text = replaceBetween(readme, MARKERS.inputs, inputsTable(action), file)
  text = replaceBetween(text, MARKERS.outputs, outputsTable(action), file)
  return text
}

function option(argv, name, fallback) {
  const i = argv.indexOf(name)
  return i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]) : fallback
}

/** How docs/modes/ differs from what action.yml makes of it: files missing, stale or extra. */
export function modeDocsDrift(dir, files) {
  const present = existsSync(dir) ? readdirSync(dir).filter(f => f.endsWith('.md')) : []
  const drift = []
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name)
    if (!existsSync(file)) drift.push(`${name} is missing`)
    else if (readFileSync(file, 'utf8') !== text) drift.push(`${name} differs`)
  }
  for (const name of present) {
    if (!(name in files)) drift.push(`${name} is not generated from action.yml`)
  }
  return drift
}

function writeModeDocs(dir, files) {
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name)
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text)
  }
  // Pages of modes that no longer exist, but only ones this script wrote.
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name)
    if (name.endsWith('.md') && !(name in files)) {
      if (readFileSync(file, 'utf8').startsWith(GENERATED_NOTE)) rmSync(file)
    }
  }
}

export function main(argv) {
  const actionFile = option(argv, '--action', path.join(ROOT, 'action.yml'))
  const readmeFile = option(argv, '--readme', path.join(ROOT, 'README.md'))
  const modesDir = option(argv, '--modes', path.join(ROOT, 'docs', 'modes'))
  const modeDocsFile = option(argv, '--mode-docs', path.join(ROOT, 'scripts', 'mode-docs.yml'))
  const actionYaml = readFileSync(actionFile, 'utf8')
  const readme = readFileSync(readmeFile, 'utf8')
  const updated = updateReadme(readme, actionYaml, readmeFile)
  const pages = modeReference(parse(actionYaml), parse(readFileSync(modeDocsFile, 'utf8')))
  const where = file => path.relative(process.cwd(), file) || file
  if (argv.includes('--write')) {
    if (updated !== readme) writeFileSync(readmeFile, updated)
    writeModeDocs(modesDir, pages)
    console.log(
      `${where(readmeFile)}: tables up to date; ${where(modesDir)}: ${Object.keys(pages).length} pages up to date.`
    )
    return 0
  }
  if (argv.includes('--check')) {
    const drift = modeDocsDrift(modesDir, pages)
    if (updated !== readme) {
      console.error(
        `${readmeFile}: the inputs/outputs tables differ from action.yml; run "npm run docs".`
      )
    }
    if (drift.length > 0) {
      console.error(`${modesDir}: ${drift.join('; ')}; run "npm run docs".`)
    }
    return updated === readme && drift.length === 0 ? 0 : 1
  }
  console.error(
    'Usage: readme-tables.mjs --write | --check [--action FILE] [--readme FILE] [--modes DIR] [--mode-docs FILE]'
  )
  return 2
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
