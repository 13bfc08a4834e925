/** Every benchmark case: the file engine's and the app's (cases.ts), then PostgreSQL's (pg-cases.ts). */
import { CASES as MAIN } from './cases.js'
import { PG_CASES } from './pg-cases.js'

export type { CaseDef, Figure } from './cases.js'
export const CASES = [...MAIN, ...PG_CASES]
