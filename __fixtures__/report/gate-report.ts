// Realistic gate reports for rendering tests: a failing candidate against the latest
// approved version, with hostile text wherever the registry or the user supplies text.
import { evaluatePolicy, parsePolicy, policySha256 } from '../../src/policy/index.js'
import type { RuleResult } from '../../src/policy/index.js'
import type { GateReport, HistoryEntry } from '../../src/report/index.js'

export const HOSTILE_METRIC = 'validation:f1|evil`@octocat'
export const HOSTILE_DESCRIPTION =
  'Retrained <script>window.__pwned = 1</script> by @octocat | see `rm -rf` [click](javascript:alert(1)) <img src=x onerror="window.__pwned=2"> **bold** <!-- sagemaker-model-gate:churn -->\nsecond line'

const GROUP = 'churn-xgboost'
const REGION = 'eu-west-1'
const ARN = (version: number): string =>
  `arn:aws:sagemaker:${REGION}:123456789012:model-package/${GROUP}/${version}`

export const HISTORY: HistoryEntry[] = [
  {
    version: 1,
    status: 'Approved',
    metrics: { 'validation:auc': 0.861, 'validation:logloss': 0.41 }
  },
  {
    version: 2,
    status: 'Rejected',
    metrics: { 'validation:auc': 0.842, 'validation:logloss': 0.44 }
  },
  {
    version: 3,
    status: 'Approved',
    metrics: { 'validation:auc': 0.893, 'validation:logloss': 0.35, [HOSTILE_METRIC]: 0.7 }
  },
  {
    version: 4,
    status: 'PendingManualApproval',
    metrics: { 'validation:auc': 0.901, 'validation:logloss': 0.33, [HOSTILE_METRIC]: 0.72 }
  }
]

const POLICY = parsePolicy(
  'validation:auc >= 0.85\nvalidation:logloss <= 0.40',
  'validation:auc -0.01\nvalidation:logloss -5%',
  ''
)

const CANDIDATE_METRICS = {
  'validation:auc': 0.871,
  'validation:logloss': 0.38,
  [HOSTILE_METRIC]: 0.69,
  'validation:accuracy': 0.912,
  'train:auc': 0.95
}
const BASELINE_METRICS = {
  'validation:auc': 0.893,
  'validation:logloss': 0.35,
  [HOSTILE_METRIC]: 0.7,
  'validation:accuracy': 0.905
}

/**
 * The policy grammar cannot name such a metric, but the renderer must not rely on that:
 * a rule result with a hostile name is added by hand.
 */
function hostileRule(candidate: number, baseline?: number): RuleResult {
  return {
    metric: HOSTILE_METRIC,
    kind: 'threshold',
    rule: '>= 0.6 | extra',
    candidate,
    baseline,
    delta: baseline === undefined ? undefined : candidate - baseline,
    verdict: 'pass',
    explanation: `${HOSTILE_METRIC} meets the threshold.`
  }
}

export function failingReport(): GateReport {
  const decision = evaluatePolicy(
    POLICY,
    { version: 5, arn: ARN(5), metrics: CANDIDATE_METRICS },
    { version: 3, arn: ARN(3), metrics: BASELINE_METRICS }
  )
  decision.rules.push(hostileRule(0.69, 0.7))
  return {
    group: GROUP,
    region: REGION,
    candidate: {
      version: 5,
      arn: ARN(5),
      status: 'PendingManualApproval',
      description: HOSTILE_DESCRIPTION,
      metrics: CANDIDATE_METRICS,
      provenance: {
        commit: '3f2c1a9e8b7d6c5b4a39281706f5e4d3c2b1a098',
        repository: 'acme/churn-model',
        'github:run-url': 'https://github.com/acme/churn-model/actions/runs/42',
        'trained-by': '@octocat | <b>x</b>'
      },
      creationTime: new Date('2026-11-20T10:15:00Z')
    },
    baseline: {
      label: 'latest approved',
      version: 3,
      arn: ARN(3),
      status: 'Approved',
      description: 'Champion since October',
      metrics: BASELINE_METRICS,
      provenance: {
        commit: 'aa11bb22cc33dd44ee55ff6677889900aabbccdd',
        repository: 'acme/churn-model'
      },
      creationTime: '2026-10-02T08:00:00.000Z'
    },
    decision,
    history: HISTORY,
    runUrl: 'https://github.com/acme/churn-model/actions/runs/43',
    dryRun: false,
    written: 'Rejected written to v5',
    policySha256: policySha256(POLICY)
  }
}

export function passingReport(): GateReport {
  const metrics = { 'validation:auc': 0.91, 'validation:logloss': 0.3, [HOSTILE_METRIC]: 0.75 }
  const decision = evaluatePolicy(POLICY, { version: 5, metrics }, undefined)
  decision.rules.push(hostileRule(0.75))
  return {
    group: GROUP,
    region: REGION,
    candidate: { version: 5, arn: ARN(5), metrics, provenance: {} },
    decision,
    history: HISTORY,
    dryRun: true
  }
}
