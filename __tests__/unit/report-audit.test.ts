// The audit trail's views: the lineage timeline (Markdown and terminal) and compare's label.
import { describe, expect, it } from '@jest/globals'
import type { AuditAction } from '../../src/registry/audit.js'
import { auditTrailSection, auditTrailText, decisionLabel } from '../../src/report/audit.js'

const action = (
  type: string,
  properties: Record<string, string>,
  created: string
): AuditAction => ({
  name: `smg-${type}-r1-0`,
  arn: `arn:aws:sagemaker:us-east-1:123456789012:action/smg-${type}-r1-0`,
  type,
  status: 'Completed',
  created,
  properties
})

const trail = [
  action(
    'gate',
    {
      decision: 'fail',
      reason: 'auc 0.80 < 0.85 <img src=x onerror=alert(1)> | broken',
      actor: 'octocat',
      commit: 'a'.repeat(40),
      'run-url': 'https://github.com/acme/churn/actions/runs/42',
      'run-id': '42',
      'policy-sha256': 'f'.repeat(64)
    },
    '2026-11-30T10:00:00.000Z'
  ),
  action(
    'reject',
    { decision: 'Rejected', reason: 'gate failed', actor: 'alice' },
    '2026-11-30T11:00:00.000Z'
  )
]

describe('audit trail views', () => {
  it('labels a run by its mode, and by its decision where that says more', () => {
    expect(trail.map(decisionLabel)).toEqual(['gate fail', 'reject'])
    expect(decisionLabel(action('deploy', { decision: 'failed' }, ''))).toBe('deploy failed')
  })

  it('shows one escaped table row per run, oldest first, with commit and run linked', () => {
    const lines = auditTrailSection(trail, 'https://github.com/acme/churn')
    expect(lines[0]).toBe('### Audit trail')
    const rows = lines.filter(line => line.startsWith('| 2026'))
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain(
      '| 2026-11-30 10:00 UTC | gate fail | octocat | [aaaaaaa](https://github.com/acme/churn/commit/'
    )
    expect(rows[0]).toContain('[run 42](https://github.com/acme/churn/actions/runs/42)')
    expect(rows[0]).toContain('policy ffffffffffff')
    expect(rows[0]).not.toContain('<img')
    expect(rows[0]).toContain('\\|')
    expect(rows[1]).toMatch(/\| reject \| alice \| — \| — \| gate failed \|$/)
    expect(auditTrailSection([], undefined)).toEqual([])
  })

  it('prints one line per run for a terminal', () => {
    expect(auditTrailText(trail)).toEqual([
      '  audit trail:',
      expect.stringMatching(
        /^ {4}2026-11-30 10:00 UTC {2}gate fail by octocat at aaaaaaa run 42: auc 0\.80 below 0\.85 ‹img/
      ),
      '    2026-11-30 11:00 UTC  reject by alice: gate failed'
    ])
  })
})
