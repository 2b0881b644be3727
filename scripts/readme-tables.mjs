#!/usr/bin/env node
// Generates the README's inputs and outputs tables from action.yml, so the two cannot drift.
//   node scripts/readme-tables.mjs --write   rewrite the tables in README.md
//   node scripts/readme-tables.mjs --check   exit 1 when README.md is out of date
// --action FILE and --readme FILE point at other files (the tests use copies).
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

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

export function inputsTable(action) {
  const rows = Object.entries(action.inputs ?? {}).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${code(input.default)} | ${cell(input.description)} |`
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

export function main(argv) {
  const actionFile = option(argv, '--action', path.join(ROOT, 'action.yml'))
  const readmeFile = option(argv, '--readme', path.join(ROOT, 'README.md'))
  const readme = readFileSync(readmeFile, 'utf8')
  const updated = updateReadme(readme, readFileSync(actionFile, 'utf8'), readmeFile)
  if (argv.includes('--write')) {
    if (updated !== readme) writeFileSync(readmeFile, updated)
    console.log(`${path.relative(process.cwd(), readmeFile) || readmeFile}: tables up to date.`)
    return 0
  }
  if (argv.includes('--check')) {
    if (updated === readme) return 0
    console.error(
      `${readmeFile}: the inputs/outputs tables differ from action.yml; run "npm run docs".`
    )
    return 1
  }
  console.error('Usage: readme-tables.mjs --write | --check [--action FILE] [--readme FILE]')
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
