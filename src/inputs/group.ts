// The inputs of `group`: the operation, and the tags or accounts it needs.
import { ACCOUNT_ID } from '../registry/names.js'
import type { GroupSettings } from '../settings.js'
import { parseKeyValues, splitList, TAG_LIMITS } from './parsers.js'
import { InputError, invalid, type Inputs } from './reader.js'
import { GROUP_OPERATIONS } from './table.js'

export function readGroup(inputs: Inputs): GroupSettings {
  const operation = inputs.oneOf('group-operation', GROUP_OPERATIONS)
  const groupTags = parseKeyValues('group-tags', inputs.get('group-tags'), TAG_LIMITS)
  const accountIds = splitList(inputs.get('account-ids'))
  for (const id of accountIds) {
    if (!ACCOUNT_ID.test(id)) throw invalid('account-ids', id, 'AWS account ids of 12 digits')
  }
  if ((operation === 'share' || operation === 'unshare') && accountIds.length === 0) {
    throw new InputError(
      'account-ids',
      `Input "account-ids" is required for group-operation "${operation}": the AWS accounts to ${operation} the group with.`
    )
  }
  if (operation === 'update-tags' && Object.keys(groupTags).length === 0) {
    throw new InputError(
      'group-tags',
      'Input "group-tags" is required for group-operation "update-tags": key=value pairs, one per line.'
    )
  }
  return { operation, groupTags, accountIds, force: inputs.bool('force') }
}
