// A page that renders Markdown the way github.com shows a comment: GFM to HTML with
// `marked`, GitHub's own markdown CSS (npm github-markdown-css, light or dark) in a
// 900 px column, and the Mermaid blocks drawn by the Mermaid browser bundle with the
// theme GitHub picks for the colour mode. Everything is loaded from disk.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { marked } from 'marked'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const haveChromium = existsSync(CHROMIUM)
const MERMAID = resolve('node_modules/mermaid/dist/mermaid.min.js')
const CSS = {
  light: resolve('node_modules/github-markdown-css/github-markdown-light.css'),
  dark: resolve('node_modules/github-markdown-css/github-markdown-dark.css')
}

/** The width of the comment column on github.com. */
export const COLUMN = 900

export type Theme = keyof typeof CSS

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

export async function openBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'gate-render-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: COLUMN, height: COLUMN },
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
  return {
    context,
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    }
  }
}

/**
 * Opens `markdown` as GitHub would show it and draws its charts; returns the page (the
 * caller closes it) and the charts that failed to render. `scripts` counts the script
 * elements the Markdown itself produced, which must be none.
 */
export async function openMarkdown(
  browser: Browser,
  markdown: string,
  theme: Theme = 'light'
): Promise<{ page: Page; chartErrors: string[]; scripts: number }> {
  const html = marked.parse(markdown, { gfm: true, async: false })
  const page = await browser.context.newPage()
  // Nothing may leave the machine: the page has everything it needs inline.
  await page.route('**/*', route => route.abort())
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><article class="markdown-body" style="box-sizing:border-box;width:${COLUMN}px;padding:16px">${html}</article></body></html>`
  )
  const scripts = await page.locator('article script').count()
  await page.addStyleTag({ path: CSS[theme] })
  await page.addScriptTag({ path: MERMAID })
  const chartErrors = await page.evaluate(
    async mermaidTheme => {
      const { document, mermaid } = globalThis as unknown as PageGlobals
      mermaid.initialize({ startOnLoad: false, suppressErrorRendering: true, theme: mermaidTheme })
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
    },
    theme === 'dark' ? 'dark' : 'default'
  )
  return { page, chartErrors, scripts }
}

// The tests compile without the DOM library; these are the few browser shapes they use.
export interface PageNode {
  textContent: string | null
  innerText: string
  className: string
  innerHTML: string
  scrollWidth: number
  clientWidth: number
  open?: boolean
  parentElement: PageNode | null
  querySelector(selector: string): PageNode | null
  querySelectorAll(selector: string): ArrayLike<PageNode>
  getAttribute(name: string): string | null
  getBoundingClientRect(): {
    top: number
    bottom: number
    left: number
    right: number
    width: number
    height: number
  }
  replaceWith(node: PageNode): void
  closest(selector: string): PageNode | null
}

export interface PageGlobals {
  document: PageNode & {
    body: PageNode
    documentElement: PageNode
    createElement(tag: string): PageNode
  }
  mermaid: {
    initialize(config: Record<string, unknown>): void
    render(id: string, text: string): Promise<{ svg: string }>
  }
  __pwned?: unknown
}
