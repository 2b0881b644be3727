// A large group for layout tests: many versions, many metrics with long names, a baseline
// a few versions back, and a candidate that fails a handful of rules. Values are made by a
// fixed formula, so every run renders the same report.
import { evaluatePolicy, parsePolicy, policySha256 } from '../../src/policy/index.js'
import type { GateReport, HistoryEntry } from '../../src/report/index.js'

const GROUP = 'churn-xgboost'
const REGION = 'eu-west-1'
const ARN = (version: number): string =>
  `arn:aws:sagemaker:${REGION}:123456789012:model-package/${GROUP}/${version}`

// Names as SageMaker's built-in algorithms and Model Monitor write them, some of them long.
const NAMES = [
  'validation:auc',
  'validation:logloss',
  'validation:f1',
  'validation:accuracy',
  'validation:precision',
  'validation:recall',
  'validation:binary_classification_recall_at_precision_90',
  'validation:mean_absolute_error_on_weekly_holdout_customers',
  'validation:rmse',
  'validation:aucpr',
  'test:auc',
  'test:logloss',
  'test:f1',
  'test:accuracy',
  'test:precision',
  'test:recall',
  'test:mae',
  'test:mse',
  'segment_enterprise:auc',
  'segment_enterprise:f1',
  'segment_smb_customers_in_emea_region_since_2024:recall',
  'segment_smb:precision',
  'segment_consumer:auc',
  'segment_consumer:logloss',
  'calibration:error',
  'fairness_gap:error',
  'drift:mape',
  'latency_proxy:loss',
  'holdout_2026_q3:accuracy',
  'holdout_2026_q3:auc'
]

export interface LargeGroup {
  versions: number
  metrics: number
  /** Metrics (by index) on which the candidate regresses past its limit. */
  failing?: number[]
}

function isHigher(name: string): boolean {
  return !/(loss|error|rmse|mae|mse|mape)$/.test(name)
}

/** A metric's value on a version: a slow wave with a small upward (or downward) drift. */
function value(metric: number, version: number): number {
  const name = NAMES[metric] as string
  const base = isHigher(name) ? 0.8 + (metric % 7) * 0.02 : 0.2 + (metric % 5) * 0.03
  const wave = 0.015 * Math.sin(version / 4 + metric)
  const drift = (isHigher(name) ? 1 : -1) * version * 0.0004
  return Number((base + wave + drift).toFixed(4))
}

function status(version: number, baseline: number, candidate: number): string {
  if (version === candidate) return 'PendingManualApproval'
  if (version === baseline || version % 3 === 0) return 'Approved'
  return version % 5 === 0 ? 'Rejected' : 'PendingManualApproval'
}

export function largeGroupReport(shape: LargeGroup): GateReport {
  const names = NAMES.slice(0, shape.metrics)
  const candidate = shape.versions
  const baseline = Math.max(1, candidate - 6)
  const failing = new Set(shape.failing ?? [1, 4, 6, 20].filter(index => index < names.length))
  const metricsOf = (version: number): Record<string, number> =>
    Object.fromEntries(names.map((name, index) => [name, value(index, version)]))
  const baselineMetrics = metricsOf(baseline)
  const candidateMetrics = Object.fromEntries(
    names.map((name, index) => {
      const before = baselineMetrics[name] as number
      const worse = isHigher(name) ? before - 0.2 : before + 0.2
      return [name, failing.has(index) ? Number(worse.toFixed(4)) : value(index, candidate)]
    })
  )
  const thresholds = names
    .filter((_, index) => index % 3 === 0)
    .map(name => `${name} ${isHigher(name) ? '>=' : '<='} ${isHigher(name) ? 0.7 : 0.5}`)
  const regressions = names.map((name, index) => `${name} -${index % 2 === 0 ? '0.05' : '20%'}`)
  const policy = parsePolicy(thresholds.join('\n'), regressions.join('\n'), '')
  const decision = evaluatePolicy(
    policy,
    { version: candidate, arn: ARN(candidate), metrics: candidateMetrics },
    { version: baseline, arn: ARN(baseline), metrics: baselineMetrics }
  )
  const history: HistoryEntry[] = Array.from({ length: candidate - 1 }, (_, index) => ({
    version: index + 1,
    status: status(index + 1, baseline, candidate),
    metrics: metricsOf(index + 1)
  }))
  return {
    group: GROUP,
    region: REGION,
    candidate: {
      version: candidate,
      arn: ARN(candidate),
      status: 'PendingManualApproval',
      description: 'Weekly retrain on the November snapshot with a lower learning rate',
      metrics: candidateMetrics,
      standardDeviations: { [names[0] as string]: 0.0041 },
      provenance: {
        repository: 'https://github.com/acme/churn-model',
        commit: '3f2c1a9e8b7d6c5b4a39281706f5e4d3c2b1a098',
        'pull request': '42',
        'workflow run': 'https://github.com/acme/churn-model/actions/runs/9876543210',
        'training job': 'churn-xgboost-train-2026-11-28-10-15-00-123',
        'model data':
          's3://acme-ml-artifacts-eu-west-1/churn-xgboost/training/2026-11-28/output/model.tar.gz'
      },
      creationTime: new Date('2026-11-28T10:15:00Z'),
      hyperParameters: { eta: '0.1', max_depth: '6', num_round: '400', subsample: '0.8' },
      trainingData: {
        train: 's3://acme-ml-data-eu-west-1/churn/snapshots/2026-11/train/',
        validation: 's3://acme-ml-data-eu-west-1/churn/snapshots/2026-11/validation/'
      },
      image: '685385470294.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1'
    },
    baseline: {
      label: 'latest approved',
      version: baseline,
      arn: ARN(baseline),
      status: 'Approved',
      description: 'Champion since October',
      metrics: baselineMetrics,
      standardDeviations: { [names[0] as string]: 0.0037 },
      provenance: {
        repository: 'https://github.com/acme/churn-model',
        commit: 'aa11bb22cc33dd44ee55ff6677889900aabbccdd',
        'pull request': '37',
        'workflow run': 'https://github.com/acme/churn-model/actions/runs/9870000000'
      },
      creationTime: new Date('2026-10-02T08:00:00Z'),
      hyperParameters: { eta: '0.2', max_depth: '6', num_round: '300', subsample: '0.8' },
      trainingData: {
        train: 's3://acme-ml-data-eu-west-1/churn/snapshots/2026-10/train/',
        validation: 's3://acme-ml-data-eu-west-1/churn/snapshots/2026-10/validation/'
      },
      image: '685385470294.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.5-1'
    },
    decision,
    history,
    runUrl: 'https://github.com/acme/churn-model/actions/runs/9876543299',
    dryRun: false,
    written: 'Rejected and gate:decision=fail written to v' + candidate,
    policySha256: policySha256(policy)
  }
}
