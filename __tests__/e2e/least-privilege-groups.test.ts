// The least-privilege suite (least-privilege.ts) for each group operation.
import { leastPrivilege } from './least-privilege.js'

leastPrivilege('groups')
