// docs/modes/ is generated from action.yml and scripts/mode-docs.yml: it must be up to date,
// say for each mode exactly what action.yml says applies to it, and its examples must be
// inputs the action accepts, in the workflow and on the command line alike.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { useWorkDir } from '../../__fixtures__/context.js'
import { parseArgs } from '../../src/cli.js'
import { DEFAULTS, readSettings } from '../../src/inputs/index.js'
import { MODES } from '../../src/settings.js'

interface ModeDoc {
  mutating: boolean
  summary: string
  changes: string
  example: Record<string, string | number>
}
interface Entries {
  inputs: Record<string, { description: string }>
  outputs: Record<string, { description: string }>
  notes: Record<string, string | undefined>
}
interface Reference {
  modesOf(action: unknown): string[]
  modesOfDescription(
    description: string,
    modes: string[],
    mutating: string[]
  ): { mode: string; note?: string }[] | undefined
  modeMap(action: unknown, docs: Record<string, ModeDoc>): Record<string, Entries>
  modeReference(action: unknown, docs: Record<string, ModeDoc>): Record<string, string>
  exampleStep(mode: string, example: Record<string, unknown>): string
  exampleCli(mode: string, example: Record<string, unknown>): string
}
interface Tables {
  modeDocsDrift(dir: string, files: Record<string, string>): string[]
}

const SCRIPT = path.resolve('scripts/readme-tables.mjs')
const reference = (await import(
  pathToFileURL(path.resolve('scripts/mode-reference.mjs')).href
)) as Reference
const tables = (await import(pathToFileURL(SCRIPT).href)) as Tables
const actionYaml = readFileSync('action.yml', 'utf8')
const action = parse(actionYaml) as {
  inputs: Record<string, { description: string }>
  outputs: Record<string, { description: string }>
}
const modeDocs = parse(readFileSync('scripts/mode-docs.yml', 'utf8')) as Record<string, ModeDoc>
const map = reference.modeMap(action, modeDocs)

/** Splits the generated shell command the way sh does (single quotes, line continuations). */
function shellWords(command: string): string[] {
  const words: string[] = []
  let current: string | undefined
  const text = command.replace(/\\\n/g, ' ')
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (char === "'") {
      const end = text.indexOf("'", i + 1)
      current = (current ?? '') + text.slice(i + 1, end)
      i = end
    } else if (char === '\\') {
      current = (current ?? '') + (text[i + 1] ?? '')
      i++
    } else if (/\s/.test(char)) {
      if (current !== undefined) words.push(current)
      current = undefined
    } else current = (current ?? '') + char
  }
  if (current !== undefined) words.push(current)
  return words
}

function settingsFor(mode: string, values: Record<string, string>) {
  return readSettings(name => (name === 'mode' ? mode : (values[name] ?? DEFAULTS[name] ?? '')), {
    AWS_REGION: 'us-east-1'
  })
}

describe('docs/modes', () => {
  it('holds the pages generated from action.yml (run "npm run docs" if not)', () => {
    expect(tables.modeDocsDrift('docs/modes', reference.modeReference(action, modeDocs))).toEqual(
      []
    )
  })

  it('covers the modes the action runs, no more and no fewer', () => {
    expect(reference.modesOf(action)).toEqual([...MODES])
    expect(Object.keys(modeDocs)).toEqual([...MODES])
    const { gate: _gate, ...withoutGate } = modeDocs
    expect(() => reference.modeMap(action, withoutGate)).toThrow(/no entry for mode gate/)
  })

  it("lists on each mode's page exactly the inputs and outputs whose description names it", () => {
    expect(Object.keys(map.gate?.inputs ?? {})).toEqual(
      expect.arrayContaining(['thresholds', 'max-regression', 'baseline', 'dry-run', 'history'])
    )
    expect(Object.keys(map.gate?.inputs ?? {})).not.toContain('endpoint-name')
    expect(Object.keys(map.compare?.inputs ?? {})).not.toContain('dry-run')
    expect(Object.keys(map.deploy?.outputs ?? {})).toEqual(
      expect.arrayContaining([
        'endpoint-name',
        'endpoint-config-name',
        'previous-model-package-arn'
      ])
    )
    expect(map.rollback?.notes.reason).toBe('required with reject-current')
    expect(map.deploy?.notes['endpoint-name']).toBe('required')
    // Every input and output reaches at least one page.
    for (const kind of ['inputs', 'outputs'] as const) {
      for (const name of Object.keys(action[kind])) {
        if (name === 'mode') continue
        const pages = Object.values(map).filter(entries => name in entries[kind])
        expect([kind, name, pages.length > 0]).toEqual([kind, name, true])
      }
    }
    const page = readFileSync('docs/modes/rollback.md', 'utf8')
    expect(page).toContain('| `reason` | with reject-current |')
    expect(page).toContain('| `endpoint-name` | yes |')
  })

  it('reads the modes a description names, with the notes that follow them', () => {
    const modes = ['a', 'b', 'c', 'd']
    expect(reference.modesOfDescription('Modes: a, b (required), c. Text.', modes, [])).toEqual([
      { mode: 'a', note: 'required' },
      { mode: 'b', note: 'required' },
      { mode: 'c', note: undefined }
    ])
    expect(
      reference.modesOfDescription('Modes d (true when x, or y), a. Text (x).', modes, [])
    ).toEqual([
      { mode: 'd', note: 'true when x, or y' },
      { mode: 'a', note: undefined }
    ])
    expect(reference.modesOfDescription('All mutating modes. Text', modes, ['b'])).toEqual([
      { mode: 'b' }
    ])
    expect(reference.modesOfDescription('Something else.', modes, [])).toBeUndefined()
    expect(() => reference.modesOfDescription('Modes: a, e. Text', modes, [])).toThrow(/e/)
    const broken = {
      ...action,
      inputs: { ...action.inputs, history: { description: 'How many versions.' } }
    }
    expect(() => reference.modeMap(broken, modeDocs)).toThrow(/inputs "history"/)
  })

  it.each(MODES)(
    "%s's example passes the action's input validation, in YAML and on the CLI",
    mode => {
      const example = Object.fromEntries(
        Object.entries(modeDocs[mode]?.example ?? {}).map(([k, v]) => [k, String(v)])
      )
      for (const name of Object.keys(example)) {
        expect([name, name in (map[mode]?.inputs ?? {})]).toEqual([name, true])
      }
      const settings = settingsFor(mode, example)
      expect(settings.mode).toBe(mode)

      const step = parse(reference.exampleStep(mode, example)) as {
        with: Record<string, unknown>
      }[]
      const fromYaml = Object.fromEntries(
        Object.entries(step[0]?.with ?? {}).map(([k, v]) => [k, String(v).replace(/\n$/, '')])
      )
      expect(fromYaml).toEqual({
        mode,
        ...Object.fromEntries(Object.entries(example).map(([k, v]) => [k, v.replace(/\n$/, '')]))
      })

      const words = shellWords(reference.exampleCli(mode, example))
      expect(words.slice(0, 2)).toEqual(['npx', 'sagemaker-model-gate'])
      const fromCli = Object.fromEntries(parseArgs(words.slice(2)).inputs)
      expect(fromCli).toEqual(fromYaml)
      expect(settingsFor(mode, fromCli)).toEqual(settings)
    }
  )
})

describe('npm run docs', () => {
  const workDir = useWorkDir('mode-docs', { each: true })
  function withCopies(test: (dir: string, args: string[]) => void) {
    const dir = workDir()
    for (const file of ['action.yml', 'README.md']) cpSync(file, path.join(dir, file))
    cpSync('scripts/mode-docs.yml', path.join(dir, 'mode-docs.yml'))
    cpSync('docs/modes', path.join(dir, 'modes'), { recursive: true })
    test(dir, [
      '--action',
      path.join(dir, 'action.yml'),
      '--readme',
      path.join(dir, 'README.md'),
      '--modes',
      path.join(dir, 'modes'),
      '--mode-docs',
      path.join(dir, 'mode-docs.yml')
    ])
  }
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' })

  it('--check fails when a page drifts from action.yml, and --write brings it back', () => {
    withCopies((dir, args) => {
      expect(run('--check', ...args).status).toBe(0)
      const actionFile = path.join(dir, 'action.yml')
      writeFileSync(
        actionFile,
        readFileSync(actionFile, 'utf8').replace(
          'Modes: gate, ab-test. One rule per line',
          'Modes: gate, ab-test, compare. One rule per line'
        )
      )
      const check = run('--check', ...args)
      expect(check.status).toBe(1)
      expect(check.stderr).toMatch(/compare\.md differs/)
      expect(check.stderr).toContain('npm run docs')
      expect(run('--write', ...args).status).toBe(0)
      expect(readFileSync(path.join(dir, 'modes', 'compare.md'), 'utf8')).toContain(
        '| `thresholds` |'
      )
      expect(run('--check', ...args).status).toBe(0)
    })
  })

  it('removes the page of a mode that is gone, and only pages it wrote', () => {
    withCopies((dir, args) => {
      writeFileSync(path.join(dir, 'modes', 'notes.md'), '# Hand-written\n')
      writeFileSync(
        path.join(dir, 'modes', 'old-mode.md'),
        readFileSync('docs/modes/gate.md', 'utf8')
      )
      expect(run('--check', ...args).stderr).toMatch(/old-mode\.md is not generated/)
      expect(run('--write', ...args).status).toBe(0)
      expect(readFileSync(path.join(dir, 'modes', 'notes.md'), 'utf8')).toBe('# Hand-written\n')
      expect(() => readFileSync(path.join(dir, 'modes', 'old-mode.md'))).toThrow()
    })
  })
})
