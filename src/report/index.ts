export {
  commentMarker,
  historyWithCandidate,
  nextStep,
  renderReport,
  MAX_COMMENT_LENGTH,
  MAX_GATE_CHARTS,
  type BaselineReport,
  type GateReport,
  type HistoryEntry,
  type VersionReport
} from './render.js'
export { reportJson } from './json.js'
export {
  SERIES,
  axisLabels,
  chartNumber,
  trendChart,
  type ChartInput,
  type ChartLine,
  type ChartPoint
} from './chart.js'
export {
  breakable,
  escapeCell,
  escapeHtml,
  escapeText,
  mermaidLabel,
  neutraliseMentions,
  safeUrl,
  terminalText,
  truncate
} from './escape.js'
export {
  consoleHost,
  consoleLinks,
  groupNameAndRegion,
  repositoryUrl,
  versionConsoleUrl,
  type ReportLink
} from './links.js'
export { buildFacts, type BuildFacts } from './provenance.js'
export { metricRows, type MetricRow } from './rules.js'
export {
  renderDeployment,
  type DeploymentOutcome,
  type DeploymentReport,
  type DeploymentVariant
} from './deploy.js'
export { gateLog, renderGateText } from './text.js'
export { renderCompareText, renderDeploymentText, renderLineageText } from './text-views.js'
export { useColor, type TextOptions } from './terminal.js'
