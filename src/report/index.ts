export {
  commentMarker,
  renderReport,
  reportJson,
  MAX_COMMENT_LENGTH,
  type BaselineReport,
  type GateReport,
  type HistoryEntry,
  type VersionReport
} from './render.js'
export { CHART_INIT, chartNumber, trendChart, type ChartPoint } from './chart.js'
export {
  escapeCell,
  escapeHtml,
  escapeText,
  mermaidLabel,
  neutraliseMentions,
  safeUrl,
  truncate
} from './escape.js'
export { consoleHost, consoleLinks, groupNameAndRegion, type ReportLink } from './links.js'
