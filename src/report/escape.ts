// Everything that reaches the report from the registry or the user (descriptions,
// metric names, metadata values, group names) is untrusted: it must render as the text
// it is, never as HTML, links, formatting, table structure or a notification.

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;'
}

/** `& < > "` as entities: no tags, no attributes, no comments (our marker included). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, char => HTML_ENTITIES[char] ?? char)
}

// The ASCII punctuation that starts Markdown inline syntax: emphasis, code spans,
// links and images, strikethrough, table cells, headings, and the backslash itself.
const MARKDOWN_SPECIALS = /[\\`*_[\]()#|~!]/g

/**
 * A zero-width space after `@` stops GitHub from linking and notifying a user or team,
 * and the text still reads the same. It is written as an entity so that it survives
 * editors and logs that strip invisible characters.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@&#8203;')
}

/**
 * Untrusted text for a Markdown paragraph or list item: one line, no markup.
 * The order matters: entities first (they introduce `&` and `;` only), then backslashes,
 * then mentions (whose entity contains `#`, which must not be backslash-escaped).
 */
export function escapeText(text: string, maxLength = 1000): string {
  const oneLine = truncate(text.replace(/\r\n?|\n/g, ' '), maxLength)
  return neutraliseMentions(escapeHtml(oneLine).replace(MARKDOWN_SPECIALS, '\\$&'))
}

/**
 * Untrusted text for a GFM table cell: as `escapeText`, with line breaks kept as `<br>`
 * (a raw newline would end the row) and `|` escaped so that it cannot add a column.
 */
export function escapeCell(text: string, maxLength = 300): string {
  const lines = truncate(text, maxLength).split(/\r\n?|\n/)
  return lines.map(line => escapeText(line, Number.MAX_SAFE_INTEGER)).join('<br>')
}

/** Shortens to `maxLength` characters with an ellipsis, without splitting a surrogate pair. */
export function truncate(text: string, maxLength: number): string {
  const chars = Array.from(text)
  if (chars.length <= maxLength) return text
  return chars.slice(0, Math.max(0, maxLength - 1)).join('') + '…'
}

/**
 * Text for inside a double-quoted Mermaid string (chart title, axis title, category).
 * Mermaid has no escape for `"`, reads `%%` as a directive or comment and `#...;` as an
 * entity, may pass `<` `>` into the SVG as markup, and a backtick could close the code
 * fence; keeping a conservative set of
 * characters is simpler than escaping each of them.
 */
export function mermaidLabel(text: string, maxLength = 60): string {
  const safe = text
    .replace(/[^\p{L}\p{N} _.:/+=(),-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return truncate(safe, maxLength)
}

/** A URL for a Markdown link target: only http(s), and no character that ends the target. */
export function safeUrl(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
  return parsed.href.replace(
    /[()<> "'`|\\]/g,
    char => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}

/** Runs of at least this many characters without a space get break opportunities (by default). */
const LONG_WORD = 24

/**
 * Already-escaped cell text with `<wbr>` after `/ : _ . -` inside long words, so that an
 * S3 URI or a long metric name wraps inside its column instead of widening the table
 * past the comment (GitHub's tables scroll sideways rather than break words). The text
 * reads and copies the same: `<wbr>` is no character.
 */
export function breakable(escaped: string, longWord = LONG_WORD): string {
  return escaped.replace(/[^\s<>]+/g, word =>
    Array.from(word).length < longWord
      ? word
      : // Not inside `://`, which must stay whole to read as a URL.
        word.replace(/([.-]|\\_|:(?!\/)|\/(?!\/))(?=[^\s/])/g, '$1<wbr>')
  )
}

/**
 * Untrusted text for a terminal: one line, with no control character. An escape sequence
 * in a metric name or description could otherwise move the cursor, recolour the screen
 * or rewrite what was printed before it.
 */
export function terminalText(text: string, maxLength = 1000): string {
  const oneLine = text.replace(/\r\n?|\n|\t/g, ' ')
  // C0 and C1 controls, DEL, and the bidirectional overrides that reorder what is shown.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const visible = oneLine.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
  return truncate(visible, maxLength)
}
