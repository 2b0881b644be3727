// The least-privilege suite (least-privilege.ts) for compare, lineage and each group
// operation.
import { leastPrivilege } from './least-privilege.js'

leastPrivilege('reports-and-groups')
