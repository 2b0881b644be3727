// A version as the reports show it, from what the registry says about it: a row of the
// version tables (compare, group list, group delete), and a side of the gate's report.
import { KEYS, metricsFromMetadata } from '../registry/metadata.js'
import { PROVENANCE_KEYS } from '../registry/provenance.js'
import {
  versionFromArn,
  type PackageDescription,
  type VersionSummary
} from '../registry/versions.js'
import type { SideReading } from '../registry/comparison.js'
import type { CompareRow } from './compare.js'
import { buildFacts } from './provenance.js'
import type { VersionReport } from './render.js'

function iso(date: Date | undefined): string | undefined {
  return date instanceof Date ? date.toISOString() : undefined
}

/** A described version, with the metrics mirrored in its metadata and its last gate decision. */
export function compareRow(pkg: PackageDescription): CompareRow {
  const arn = pkg.ModelPackageArn ?? ''
  const metadata = pkg.CustomerMetadataProperties
  return {
    version: pkg.ModelPackageVersion ?? versionFromArn(arn),
    arn,
    status: pkg.ModelApprovalStatus,
    created: iso(pkg.CreationTime),
    description: pkg.ModelPackageDescription,
    metrics: metricsFromMetadata(metadata),
    gateDecision: metadata?.[KEYS.gateDecision]
  }
}

/** A listed version: what ListModelPackages says, without metrics. */
export function summaryRow(summary: VersionSummary): CompareRow {
  return {
    version: summary.version,
    arn: summary.arn,
    status: summary.status,
    created: iso(summary.creationTime),
    description: summary.description,
    metrics: {}
  }
}

const PROVENANCE_LABELS: [string, string][] = [
  [PROVENANCE_KEYS.commit, 'commit'],
  [PROVENANCE_KEYS.pullRequest, 'pull request'],
  [PROVENANCE_KEYS.actor, 'actor'],
  [PROVENANCE_KEYS.trainingJob, 'training job'],
  [PROVENANCE_KEYS.tuningJob, 'tuning job'],
  [PROVENANCE_KEYS.modelData, 'model data'],
  [KEYS.gateDecision, 'last gate decision']
]

/** Where a version came from: its metadata properties, then what `register` recorded. */
function provenanceOf(pkg: PackageDescription): Record<string, string> {
  const provenance: Record<string, string> = {}
  const meta = pkg.MetadataProperties
  if (meta?.Repository) provenance.repository = meta.Repository
  if (meta?.CommitId) provenance.commit = meta.CommitId
  if (meta?.GeneratedBy) provenance['workflow run'] = meta.GeneratedBy
  if (meta?.ProjectId) provenance.project = meta.ProjectId
  for (const [key, label] of PROVENANCE_LABELS) {
    const value = pkg.CustomerMetadataProperties?.[key]
    if (value && !(label in provenance)) provenance[label] = value
  }
  return provenance
}

/**
 * A candidate or baseline of the gate's report: the metrics the gate read for it with their
 * standard deviations, and what it was built from (hyperparameters, training data, image).
 */
export function versionReport(pkg: PackageDescription, side: SideReading): VersionReport {
  const deviations = side.metrics.standardDeviations
  return {
    version: pkg.ModelPackageVersion,
    arn: pkg.ModelPackageArn,
    status: pkg.ModelApprovalStatus,
    description: pkg.ModelPackageDescription,
    metrics: side.metrics.metrics,
    ...(Object.keys(deviations).length > 0 ? { standardDeviations: { ...deviations } } : {}),
    provenance: provenanceOf(pkg),
    creationTime: pkg.CreationTime,
    ...buildFacts(side.lineage)
  }
}
