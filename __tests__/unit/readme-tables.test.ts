import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'

interface ReadmeTables {
  cell(text: unknown): string
  inputsTable(action: unknown): string
  outputsTable(action: unknown): string
  updateReadme(readme: string, actionYaml: string, file?: string): string
}

const SCRIPT = path.resolve('scripts/readme-tables.mjs')
const tables = (await import(pathToFileURL(SCRIPT).href)) as ReadmeTables
const actionYaml = readFileSync('action.yml', 'utf8')

function runScript(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' })
}

function withCopies(readme: string, test: (dir: string) => void) {
  const dir = mkdtempSync(path.join(tmpdir(), 'readme-tables-'))
  try {
    copyFileSync('action.yml', path.join(dir, 'action.yml'))
    writeFileSync(path.join(dir, 'README.md'), readme)
    test(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('README tables', () => {
  it('README.md holds the tables generated from action.yml (run "npm run docs" if not)', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(tables.updateReadme(readme, actionYaml)).toBe(readme)
  })

  it('lists every input with required, default and description, and every output', () => {
    const action = parse(actionYaml) as {
      inputs: Record<string, { description: string; default?: string }>
      outputs: Record<string, { description: string }>
    }
    const inputs = tables.inputsTable(action).split('\n')
    expect(inputs.slice(0, 2)).toEqual([
      '| Input | Required | Default | Description |',
      '| --- | --- | --- | --- |'
    ])
    expect(inputs).toHaveLength(Object.keys(action.inputs).length + 2)
    expect(inputs).toContain(
      `| \`history\` | no | \`10\` | ${tables.cell(action.inputs.history?.description)} |`
    )
    expect(inputs.find(l => l.startsWith('| `mode` |'))).toContain('| `mode` | yes |  | ')
    expect(inputs.find(l => l.startsWith('| `github-token` |'))).toContain(
      '| `${{ github.token }}` |'
    )
    const outputs = tables.outputsTable(action).split('\n')
    expect(outputs).toHaveLength(Object.keys(action.outputs).length + 2)
    expect(outputs[2]).toBe(
      `| \`model-package-arn\` | ${tables.cell(action.outputs['model-package-arn']?.description)} |`
    )
  })

  it('escapes pipes and folds line breaks inside cells', () => {
    expect(tables.cell('a | b\n  c')).toBe('a \\| b c')
    const table = tables.inputsTable({
      inputs: { x: { description: 'one|two', default: 'a|b', required: true } }
    })
    expect(table.split('\n')[2]).toBe('| `x` | yes | `a\\|b` | one\\|two |')
  })

  it('replaces only what lies between the markers', () => {
    const readme =
      '# T\n\n<!-- inputs:start -->\nSTALE-TABLE\n<!-- inputs:end -->\n\nmiddle\n\n<!-- outputs:start -->\n<!-- outputs:end -->\nend\n'
    const updated = tables.updateReadme(readme, actionYaml)
    expect(updated.startsWith('# T\n\n<!-- inputs:start -->\n| Input |')).toBe(true)
    expect(updated).not.toContain('STALE-TABLE')
    expect(updated).toContain('<!-- inputs:end -->\n\nmiddle\n\n<!-- outputs:start -->\n| Output |')
    expect(updated.endsWith('<!-- outputs:end -->\nend\n')).toBe(true)
    expect(tables.updateReadme(updated, actionYaml)).toBe(updated)
    expect(() => tables.updateReadme('# no markers\n', actionYaml)).toThrow(/inputs:start/)
  })

  it('--check fails on drift, --write fixes it', () => {
    const stale =
      '# T\n<!-- inputs:start -->\n| Input |\n<!-- inputs:end -->\n<!-- outputs:start -->\n<!-- outputs:end -->\n'
    withCopies(stale, dir => {
      const files = [
        '--action',
        path.join(dir, 'action.yml'),
        '--readme',
        path.join(dir, 'README.md')
      ]
      const check = runScript('--check', ...files)
      expect(check.status).toBe(1)
      expect(check.stderr).toContain('npm run docs')
      expect(runScript('--write', ...files).status).toBe(0)
      expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(
        '| `model-package-group` | yes |'
      )
      expect(runScript('--check', ...files).status).toBe(0)
    })
  })

  it('fails clearly without markers or arguments', () => {
    withCopies('# nothing\n', dir => {
      const result = runScript('--check', '--readme', path.join(dir, 'README.md'))
      expect(result.status).toBe(1)
      expect(result.stderr).toContain('has no <!-- inputs:start -->')
    })
    expect(runScript().status).toBe(2)
  })
})
