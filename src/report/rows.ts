// A version as one row of the version tables (compare, group list, group delete), from
// what the registry says about it.
import { KEYS, metricsFromMetadata } from '../registry/metadata.js'
import {
  versionFromArn,
  type PackageDescription,
  type VersionSummary
} from '../registry/versions.js'
import type { CompareRow } from './compare.js'

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
