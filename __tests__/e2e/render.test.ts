// Renders the reports the way GitHub shows them: GFM to HTML, GitHub's markdown CSS in a
// 900 px column, light and dark, and the Mermaid charts in a real browser; then checks
// what a reader would see. GitHub also sanitises HTML; `marked` does not, so any escaping
// mistake shows up here as a live element. Screenshots go to reports/render/.
import { mkdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Page } from 'playwright-core'
import {
  HOSTILE_METRIC,
  failingReport,
  passingReport
} from '../../__fixtures__/report/gate-report.js'
import { largeGroupReport } from '../../__fixtures__/report/large-group.js'
import { SERIES, renderReport } from '../../src/report/index.js'
import { renderCompare } from '../../src/report/compare.js'
import {
  CHROMIUM,
  COLUMN,
  haveChromium,
  openBrowser,
  openMarkdown,
  type Browser,
  type PageGlobals,
  type PageNode,
  type Theme
} from './github-page.js'

const SCREENSHOTS = 'reports/render'

if (!haveChromium) {
  console.warn(
    `Skipping the rendering test: ${CHROMIUM} does not exist (install it with "apt-get install -y chromium").`
  )
}

const describeBrowser = haveChromium ? describe : describe.skip

interface Seen {
  headers: string[]
  rows: string[][]
  charts: number
  pwned: unknown
  mentionLinks: number
  text: string
  images: number
  links: string[]
  mermaidBlocks: number
}

/** What the first table, the links and the text of the page say. */
function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const globals = globalThis as unknown as PageGlobals
    const document = globals.document
    const table = document.querySelector('table')
    // Non-breaking spaces keep a rule on one line; to a reader they are spaces.
    const cells = (row: PageNode): string[] =>
      Array.from(row.querySelectorAll('th, td')).map(cell =>
        (cell.textContent ?? '').replace(/\u00a0/g, ' ')
      )
    return {
      headers: table ? cells(table.querySelector('thead tr') as PageNode) : [],
      rows: table ? Array.from(table.querySelectorAll('tbody tr')).map(cells) : [],
      charts: document.querySelectorAll('svg[aria-roledescription="xychart"]').length,
      pwned: globals.__pwned,
      mentionLinks: Array.from(document.querySelectorAll('a')).filter(a =>
        (a.textContent ?? '').includes('@')
      ).length,
      text: document.body.innerText,
      images: document.querySelectorAll('article img').length,
      links: Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href') ?? ''),
      mermaidBlocks: document.querySelectorAll('code.language-mermaid').length
    }
  })
}

interface Layout {
  pageWidth: number
  /** Elements whose content is wider than their box: they would scroll sideways. */
  scrolling: string[]
  headingBottom: number
  heading: string
  /** The bottom edge of each failing metric's row, and the metric's name. */
  failing: Array<{ metric: string; bottom: number }>
}

/** Where things are on the first screen, with every <details> closed as GitHub shows it. */
function layout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals
    const heading = document.querySelector('h2') as PageNode
    const scrolling = Array.from(document.querySelectorAll('article, table, pre, div.chart, p, li'))
      .filter(element => element.scrollWidth > element.clientWidth + 1)
      .map(element => (element.textContent ?? '').slice(0, 80))
    const rows = Array.from(
      document.querySelectorAll('table')[0]?.querySelectorAll('tbody tr') ?? []
    )
    return {
      pageWidth: document.documentElement.scrollWidth,
      scrolling,
      headingBottom: heading.getBoundingClientRect().bottom,
      heading: heading.textContent ?? '',
      failing: rows
        .filter(row => (row.querySelector('td')?.textContent ?? '').includes('❌'))
        .map(row => ({
          metric: row.querySelectorAll('td')[1]?.textContent ?? '',
          bottom: row.getBoundingClientRect().bottom
        }))
    }
  })
}

interface ChartSeen {
  labels: string[]
  overlapping: string[]
  candidateBars: number
  approvedBars: number
  rejectedBars: number
  baselineLines: number
  widest: number
}

/** Each drawn chart: its axis labels, whether any overlap, and its bars and lines by colour. */
function chartsSeen(page: Page, colours: typeof SERIES): Promise<ChartSeen[]> {
  return page.evaluate(series => {
    const { document } = globalThis as unknown as PageGlobals
    const charts = Array.from(document.querySelectorAll('svg[aria-roledescription="xychart"]'))
    return charts.map(svg => {
      const labels = Array.from(svg.querySelectorAll('text')).filter(text =>
        /^v\d+/.test(text.textContent ?? '')
      )
      const boxes = labels.map(text => ({
        text: text.textContent ?? '',
        box: text.getBoundingClientRect()
      }))
      const overlapping = boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter(
            b =>
              a.box.left < b.box.right &&
              b.box.left < a.box.right &&
              Math.abs(a.box.top - b.box.top) < 4
          )
          .map(b => `${a.text} / ${b.text}`)
      )
      const bars = (colour: string): number =>
        Array.from(svg.querySelectorAll('rect')).filter(
          rect => rect.getAttribute('fill') === colour && Number(rect.getAttribute('height')) > 0
        ).length
      return {
        labels: boxes.map(entry => entry.text),
        overlapping,
        candidateBars: bars(series.candidate.colour),
        approvedBars: bars(series.approved.colour),
        rejectedBars: bars(series.rejected.colour),
        baselineLines: Array.from(svg.querySelectorAll('path')).filter(
          path => path.getAttribute('stroke') === series.baseline.colour
        ).length,
        widest: svg.getBoundingClientRect().right
      }
    })
  }, colours)
}

async function openAllDetails(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals
    for (const details of Array.from(document.querySelectorAll('details'))) details.open = true
  })
}

describeBrowser('the report as GitHub renders it', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await openBrowser()
    await mkdir(SCREENSHOTS, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('shows the failing report with every hostile string as plain text', async () => {
    const { page, chartErrors, scripts } = await openMarkdown(
      browser,
      renderReport(failingReport())
    )
    try {
      const result = await seen(page)
      expect(result.headers).toEqual([
        '',
        'metric',
        'rule',
        'baseline v3',
        'candidate v5',
        'change'
      ])
      expect(result.rows).toEqual([
        [
          '❌',
          'validation:auc ↑',
          '✅ ≥ 0.85❌ max drop 0.01',
          '0.893',
          '0.871',
          '-0.022 (-2.5%) worse'
        ],
        [
          '❌',
          'validation:logloss ↓',
          '✅ ≤ 0.4❌ max rise 5%',
          '0.35',
          '0.38',
          '+0.03 (+8.6%) worse'
        ],
        // The pipe and the backtick stay inside the cell; the mention carries a zero-width space.
        [
          '✅',
          'validation:f1|evil`@\u200Boctocat ↑',
          '>= 0.6 | extra',
          '0.70',
          '0.69',
          '-0.01 (-1.4%) worse'
        ]
      ])
      expect(chartErrors).toEqual([])
      expect(result.mermaidBlocks).toBe(0)
      expect(result.charts).toBe(3)

      expect(scripts).toBe(0)
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
    } finally {
      await page.close()
    }
  }, 60_000)

  it('keeps the rendered table shape when the hostile metric name is a chart title', async () => {
    const { page, chartErrors } = await openMarkdown(browser, renderReport(passingReport()))
    try {
      const result = await seen(page)
      expect(result.headers).toEqual(['', 'metric', 'rule', 'baseline', 'candidate v5', 'change'])
      expect(result.rows.map(row => row.length)).toEqual([6, 6, 6])
      expect(result.rows[2]?.[1]).toBe(`${HOSTILE_METRIC.replace('@', '@\u200B')} ↑`)
      expect(result.rows[0]?.[2]).toBe('✅ ≥ 0.85⏭️ max drop 0.01 (skipped)')
      expect(chartErrors).toEqual([])
      expect(result.charts).toBe(3)
      expect(result.text).toContain('Dry run: nothing was written to the registry.')
    } finally {
      await page.close()
    }
  }, 60_000)

  it('draws negative and tiny values (r2 can go below zero)', async () => {
    const report = passingReport()
    report.history = [
      { version: 1, metrics: { 'validation:auc': 0.0000004, 'validation:logloss': -0.25 } },
      { version: 2, metrics: { 'validation:auc': 0.0000009, 'validation:logloss': -1.5 } }
    ]
    const { page, chartErrors } = await openMarkdown(browser, renderReport(report))
    try {
      expect(chartErrors).toEqual([])
      expect((await seen(page)).charts).toBe(2)
    } finally {
      await page.close()
    }
  }, 60_000)

  describe.each<Theme>(['light', 'dark'])('a group of 50 versions and 30 metrics, %s', theme => {
    const report = largeGroupReport({ versions: 50, metrics: 30 })
    const markdown = renderReport(report)

    it('fits the column, puts the verdict and every failure on the first screen, and marks every chart', async () => {
      const { page, chartErrors } = await openMarkdown(browser, markdown, theme)
      try {
        const first = await layout(page)
        await page.screenshot({ path: `${SCREENSHOTS}/gate-${theme}-first-screen.png` })
        expect(first.pageWidth).toBeLessThanOrEqual(COLUMN)
        expect(first.scrolling).toEqual([])
        expect(first.heading).toContain('Model gate failed')
        expect(first.headingBottom).toBeLessThan(COLUMN)
        // The fixture makes these four fail, and only these.
        const failed = new Set(
          report.decision.rules.filter(rule => rule.verdict === 'fail').map(rule => rule.metric)
        )
        expect([...failed].sort()).toEqual([
          'segment_smb_customers_in_emea_region_since_2024:recall',
          'validation:binary_classification_recall_at_precision_90',
          'validation:logloss',
          'validation:precision'
        ])
        expect(first.failing.map(row => row.metric.replace(/ [↑↓]$/, '')).sort()).toEqual(
          [...failed].sort()
        )
        for (const row of first.failing) expect(row.bottom).toBeLessThanOrEqual(COLUMN)

        await openAllDetails(page)
        await page.screenshot({ path: `${SCREENSHOTS}/gate-${theme}-full.png`, fullPage: true })
        const opened = await layout(page)
        expect(opened.pageWidth).toBeLessThanOrEqual(COLUMN)
        expect(opened.scrolling).toEqual([])
        expect(chartErrors).toEqual([])
        const charts = await chartsSeen(page, SERIES)
        expect(charts).toHaveLength(10)
        const approved = report.history.filter(entry => entry.status === 'Approved').length
        const rejected = report.history.filter(entry => entry.status === 'Rejected').length
        for (const chart of charts) {
          expect(chart.labels).toEqual(expect.arrayContaining(['v44 baseline', 'v50 candidate']))
          expect(chart.overlapping).toEqual([])
          expect(chart.labels.length).toBeGreaterThanOrEqual(10)
          expect(chart.candidateBars).toBe(1)
          expect(chart.approvedBars).toBe(approved)
          expect(chart.rejectedBars).toBe(rejected)
          expect(chart.baselineLines).toBe(1)
          expect(chart.widest).toBeLessThanOrEqual(COLUMN)
        }
      } finally {
        await page.close()
      }
    }, 120_000)
  })

  it('fits the compare report of 50 versions and 30 metrics in the column', async () => {
    const report = largeGroupReport({ versions: 50, metrics: 30 })
    const rows = [...report.history, { ...report.candidate, version: 50 }].map(entry => ({
      version: entry.version,
      arn: `arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn-xgboost/${entry.version}`,
      status: entry.status,
      created: new Date(Date.UTC(2026, 9, 1) + entry.version * 86_400_000).toISOString(),
      metrics: entry.metrics,
      gateDecision: entry.status === 'Rejected' ? 'fail' : 'pass'
    }))
    const markdown = renderCompare({ group: 'churn-xgboost', region: 'eu-west-1', rows })
    const { page, chartErrors } = await openMarkdown(browser, markdown)
    try {
      await openAllDetails(page)
      await page.screenshot({ path: `${SCREENSHOTS}/compare-light-full.png`, fullPage: true })
      const seenLayout = await layout(page)
      expect(seenLayout.pageWidth).toBeLessThanOrEqual(COLUMN)
      expect(seenLayout.scrolling).toEqual([])
      expect(chartErrors).toEqual([])
      const charts = await chartsSeen(page, SERIES)
      expect(charts).toHaveLength(20)
      for (const chart of charts) expect(chart.overlapping).toEqual([])
    } finally {
      await page.close()
    }
  }, 120_000)
})
