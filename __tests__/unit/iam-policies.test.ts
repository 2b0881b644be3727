// docs/iam/*.json are the documented least-privilege policies: each one a policy the
// emulator (and IAM) parses, with named statements, and each linked from the page that
// explains them.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { parsePolicy } from '../../emulator/iam.ts'

const files = readdirSync('docs/iam').filter(file => file.endsWith('.json'))
const page = readFileSync('docs/iam-policy.md', 'utf8')

describe('docs/iam', () => {
  it.each(files)(
    '%s parses, names each statement once and is linked from docs/iam-policy.md',
    file => {
      const text = readFileSync(`docs/iam/${file}`, 'utf8')
      const doc = JSON.parse(text) as { Version: string; Statement: { Sid?: string }[] }
      expect(doc.Version).toBe('2012-10-17')
      expect(parsePolicy(doc).statements.length).toBe(doc.Statement.length)
      const sids = doc.Statement.map(s => s.Sid)
      expect(sids.every(sid => typeof sid === 'string' && /^[A-Za-z0-9]+$/.test(sid))).toBe(true)
      expect(new Set(sids).size).toBe(sids.length)
      expect(page).toContain(`(iam/${file})`)
    }
  )

  it('covers every mode of the action', () => {
    const modes = files.map(file => file.replace(/\.json$/, '').replace(/^group-.*/, 'group'))
    for (const mode of [
      'register',
      'gate',
      'approve',
      'reject',
      'deploy',
      'rollback',
      'compare',
      'lineage',
      'group',
      'ab-test'
    ])
      expect(modes).toContain(mode)
  })
})
