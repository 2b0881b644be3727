// Renders the gate report the way GitHub shows it: GFM to HTML, then the Mermaid charts
// in a real browser, and checks what a reader would see. GitHub also sanitises HTML;
// `marked` does not, so any escaping mistake shows up here as a live element.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import {
  HOSTILE_METRIC,
  failingReport,
  passingReport
} from '../../__fixtures__/report/gate-report.js'
import { renderReport } from '../../src/report/index.js'

const CHROMIUM = '/usr/bin/chromium'
const MERMAID = resolve('node_modules/mermaid/dist/mermaid.min.js')
const haveChromium = existsSync(CHROMIUM)

if (!haveChromium) {
  console.warn(
    `Skipping the rendering test: ${CHROMIUM} does not exist (install it with "apt-get install -y chromium").`
  )
}

interface Rendered {
  headers: string[]
  rows: string[][]
  charts: number
  chartErrors: string[]
  scripts: number
  pwned: unknown
  mentionLinks: number
  text: string
  images: number
  links: string[]
  mermaidBlocks: number
}

const describeBrowser = haveChromium ? describe : describe.skip

describeBrowser('the report as GitHub renders it', () => {
  let profile: string
  let context: BrowserContext

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'gate-render-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    })
  })

  afterAll(async () => {
    await context?.close()
    if (profile) await rm(profile, { recursive: true, force: true })
  })

  async function render(markdown: string): Promise<Rendered> {
    const html = marked.parse(markdown, { gfm: true, async: false })
    const page: Page = await context.newPage()
    try {
      // Nothing may leave the machine: the page has everything it needs inline.
      await page.route('**/*', route => route.abort())
      await page.setContent(`<!doctype html><html><head></head><body>${html}</body></html>`)
      const scripts = await page.locator('body script').count()
      await page.addScriptTag({ path: MERMAID })
      const chartErrors = await page.evaluate(async () => {
        const { document, mermaid } = globalThis as unknown as PageGlobals
        mermaid.initialize({ startOnLoad: false, suppressErrorRendering: true })
        const errors: string[] = []
        const blocks = Array.from(document.querySelectorAll('pre > code.language-mermaid'))
        for (const [index, block] of blocks.entries()) {
          try {
            const { svg } = await mermaid.render(`chart${index}`, block.textContent ?? '')
            const holder = document.createElement('div')
            holder.className = 'chart'
            holder.innerHTML = svg
            block.parentElement?.replaceWith(holder)
          } catch (error) {
            errors.push(String(error))
          }
        }
        return errors
      })
      return await page.evaluate(
        ({ scripts: count, chartErrors: errors }) => {
          const page = globalThis as unknown as PageGlobals
          const document = page.document
          const table = document.querySelector('table')
          const cells = (row: PageNode): string[] =>
            Array.from(row.querySelectorAll('th, td')).map(cell => cell.textContent ?? '')
          return {
            headers: table ? cells(table.querySelector('thead tr') as PageNode) : [],
            rows: table ? Array.from(table.querySelectorAll('tbody tr')).map(cells) : [],
            charts: document.querySelectorAll('svg[aria-roledescription="xychart"]').length,
            chartErrors: errors,
            scripts: count,
            pwned: page.__pwned,
            mentionLinks: Array.from(document.querySelectorAll('a')).filter(a =>
              (a.textContent ?? '').includes('@')
            ).length,
            text: document.body.innerText,
            images: document.querySelectorAll('body img').length,
            links: Array.from(document.querySelectorAll('a')).map(
              a => a.getAttribute('href') ?? ''
            ),
            mermaidBlocks: document.querySelectorAll('code.language-mermaid').length
          }
        },
        { scripts, chartErrors }
      )
    } finally {
      await page.close()
    }
  }

  it('shows the failing report with every hostile string as plain text', async () => {
    const result = await render(renderReport(failingReport()))

    expect(result.headers).toEqual([
      'metric',
      'rule',
      'baseline v3',
      'candidate v5',
      'delta',
      'verdict'
    ])
    expect(result.rows).toEqual([
      ['validation:auc', '>= 0.85', '0.893', '0.871', '-0.022 (-2.46%)', '✅ pass'],
      ['validation:logloss', '<= 0.4', '0.35', '0.38', '+0.03 (+8.57%)', '✅ pass'],
      ['validation:auc', 'max drop 0.01', '0.893', '0.871', '-0.022 (-2.46%)', '❌ fail'],
      ['validation:logloss', 'max drop 5%', '0.35', '0.38', '+0.03 (+8.57%)', '❌ fail'],
      // The pipe and the backtick stay inside the cell; the mention carries a zero-width space.
      [
        'validation:f1|evil`@\u200Boctocat',
        '>= 0.6 | extra',
        '0.7',
        '0.69',
        '-0.01 (-1.43%)',
        '✅ pass'
      ]
    ])
    expect(result.chartErrors).toEqual([])
    expect(result.mermaidBlocks).toBe(0)
    expect(result.charts).toBe(3)

    expect(result.scripts).toBe(0)
    expect(result.images).toBe(0)
    expect(result.pwned).toBeUndefined()
    expect(result.mentionLinks).toBe(0)
    expect(result.text).not.toContain('@octocat')
    expect(result.text).toContain('@\u200Boctocat')
    expect(result.text).toContain('Retrained <script>window.__pwned = 1</script> by')
    expect(result.text).toContain('[click](javascript:alert(1))')
    expect(result.text).toContain('**bold**')
    expect(result.links.every(href => href.startsWith('https://'))).toBe(true)
    expect(result.links).toContain('https://github.com/acme/churn-model/actions/runs/43')
    expect(result.text).toContain('validation:auc dropped by 0.022 (-2.46%) from baseline v3')
  }, 60_000)

  it('keeps the rendered table shape when the hostile metric name is a chart title', async () => {
    const result = await render(renderReport(passingReport()))
    expect(result.headers).toEqual([
      'metric',
      'rule',
      'baseline',
      'candidate v5',
      'delta',
      'verdict'
    ])
    expect(result.rows.map(row => row.length)).toEqual([6, 6, 6, 6, 6])
    expect(result.rows[4]?.[0]).toBe(HOSTILE_METRIC.replace('@', '@\u200B'))
    expect(result.rows[2]?.[5]).toBe('⏭️ skipped')
    expect(result.chartErrors).toEqual([])
    expect(result.charts).toBe(3)
    expect(result.text).toContain('Dry run: nothing was written to the registry.')
  }, 60_000)

  it('draws negative and tiny values (r2 can go below zero)', async () => {
    const report = passingReport()
    report.history = [
      { version: 1, metrics: { 'validation:auc': 0.0000004, 'validation:logloss': -0.25 } },
      { version: 2, metrics: { 'validation:auc': 0.0000009, 'validation:logloss': -1.5 } }
    ]
    const result = await render(renderReport(report))
    expect(result.chartErrors).toEqual([])
    expect(result.charts).toBe(2)
  }, 60_000)
})

// The tests compile without the DOM library; these are the few browser shapes the page
// code uses.
interface PageNode {
  textContent: string | null
  innerText: string
  className: string
  innerHTML: string
  parentElement: PageNode | null
  querySelector(selector: string): PageNode | null
  querySelectorAll(selector: string): ArrayLike<PageNode>
  getAttribute(name: string): string | null
  replaceWith(node: PageNode): void
}

interface PageGlobals {
  document: PageNode & { body: PageNode; createElement(tag: string): PageNode }
  mermaid: MermaidApi
  __pwned?: unknown
}

interface MermaidApi {
  initialize(config: Record<string, unknown>): void
  render(id: string, text: string): Promise<{ svg: string }>
}
