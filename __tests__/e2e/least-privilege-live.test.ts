// The least-privilege suite (least-privilege.ts) for the gate with validation-data: live
// evaluation on temporary endpoints or with transform jobs.
import { leastPrivilege } from './least-privilege.js'

leastPrivilege('live')
