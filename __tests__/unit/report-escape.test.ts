import { describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import {
  escapeCell,
  escapeHtml,
  escapeText,
  mermaidLabel,
  neutraliseMentions,
  safeUrl,
  truncate
} from '../../src/report/index.js'

const html = (markdown: string): string => marked.parse(markdown, { gfm: true, async: false })

describe('escapeHtml', () => {
  it('replaces the characters that open tags, attributes and entities', () => {
    expect(escapeHtml('<a href="x">&amp;</a>')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;'
    )
  })
})

describe('neutraliseMentions', () => {
  it('puts a zero-width space after @ of users and teams, not of lone @', () => {
    expect(neutraliseMentions('cc @octocat and @acme/ml-team, me@example.com, @ alone')).toBe(
      'cc @&#8203;octocat and @&#8203;acme/ml-team, me@&#8203;example.com, @ alone'
    )
  })
})

describe('escapeText', () => {
  it('leaves plain text readable', () => {
    expect(escapeText('validation:auc dropped by 0.02')).toBe('validation:auc dropped by 0.02')
  })

  it('escapes markup characters so they render literally', () => {
    const hostile = '**bold** _it_ `code` [x](javascript:alert(1)) ~~s~~ # h | p \\ ![i](y)'
    const rendered = html(escapeText(hostile))
    expect(rendered).toBe(
      '<p>**bold** _it_ `code` [x](javascript:alert(1)) ~~s~~ # h | p \\ ![i](y)</p>\n'
    )
  })

  it('turns HTML into text, including comments that could fake our marker', () => {
    const rendered = html(escapeText('<script>alert(1)</script><!-- sagemaker-model-gate:g -->'))
    expect(rendered).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- sagemaker-model-gate:g --&gt;</p>\n'
    )
  })

  it('keeps entity text literal instead of decoding it', () => {
    expect(html(escapeText('&#64;octocat &lt;b&gt;'))).toBe(
      '<p>&amp;#64;octocat &amp;lt;b&amp;gt;</p>\n'
    )
  })

  it('joins lines and truncates long text', () => {
    expect(escapeText('a\nb\r\nc')).toBe('a b c')
    expect(escapeText('x'.repeat(20), 10)).toBe('xxxxxxxxx…')
  })
})

describe('escapeCell', () => {
  it('keeps a hostile value inside one table cell', () => {
    const table = `| a | b |\n|---|---|\n| ${escapeCell('x | y\n`z` @octocat')} | 2 |\n`
    const rendered = html(table)
    const cells = [...rendered.matchAll(/<td>(.*?)<\/td>/g)].map(m => m[1])
    // The zero-width space arrives as a character once the entity is decoded.
    expect(cells).toEqual(['x | y<br>`z` @\u200Boctocat', '2'])
  })

  it('truncates before escaping so entities are never cut', () => {
    expect(escapeCell('<<<<<', 3)).toBe('&lt;&lt;…')
  })
})

describe('truncate', () => {
  it('does not split surrogate pairs', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀…')
    expect(truncate('short', 10)).toBe('short')
  })
})

describe('mermaidLabel', () => {
  it('keeps a conservative set of characters', () => {
    expect(mermaidLabel('validation:f1|evil`@octocat "x" %%{init}%% #35; <b>')).toBe(
      'validation:f1 evil octocat x init 35 b'
    )
    expect(mermaidLabel('validation:auc (holdout)')).toBe('validation:auc (holdout)')
    expect(mermaidLabel('a'.repeat(100)).length).toBe(60)
  })
})

describe('safeUrl', () => {
  it('accepts http(s) and encodes characters that would end a link target', () => {
    expect(safeUrl('https://github.com/acme/x/actions/runs/1')).toBe(
      'https://github.com/acme/x/actions/runs/1'
    )
    expect(safeUrl('https://example.com/a(b)c')).toBe('https://example.com/a%28b%29c')
  })

  it('refuses other schemes and garbage', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined()
    expect(safeUrl('data:text/html,x')).toBeUndefined()
    expect(safeUrl('not a url')).toBeUndefined()
  })
})
