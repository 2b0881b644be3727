// Register settings as src/inputs/ would produce them, for unit tests to override.
import type { CommonSettings, RegisterSettings, SettingsOf } from '../../src/settings.js'

export const MODEL_DATA_URL = 's3://acme-models/churn/output/model.tar.gz'
export const IMAGE_URI = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1'
export const GROUP_ARN = 'arn:aws:sagemaker:us-east-1:111122223333:model-package-group/churn'

/** The settings every mode shares, with the defaults the register tests use. */
export function commonSettings(common: Partial<CommonSettings> = {}): CommonSettings {
  return {
    group: { nameOrArn: 'churn', name: 'churn' },
    region: 'us-east-1',
    githubToken: '',
    dryRun: false,
    comment: true,
    history: 10,
    ...common
  }
}

export function registerSettings(
  register: Partial<RegisterSettings> = {},
  common: Partial<CommonSettings> = {}
): SettingsOf<'register'> {
  return {
    ...commonSettings(common),
    mode: 'register',
    register: {
      groupTags: {},
      source: { kind: 'artifact', modelDataUrl: MODEL_DATA_URL, imageUri: IMAGE_URI },
      customerMetadata: {},
      inferenceInstances: [],
      transformInstances: [],
      contentTypes: ['text/csv'],
      responseTypes: ['text/csv'],
      ...register
    }
  }
}
