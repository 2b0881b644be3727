// The least-privilege suite (least-privilege.ts) for deploy and rollback.
import { leastPrivilege } from './least-privilege.js'

leastPrivilege('hosting')
