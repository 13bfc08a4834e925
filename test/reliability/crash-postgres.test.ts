/** The crash trials (crash-trials.ts) on PostgreSQL: the bot is killed with its transaction in flight. */
import { afterAll, beforeAll, it } from 'vitest'
import { openPgStore } from '../../src/adapters/store/pg/pg-store.js'
import { usePostgres } from '../helpers/postgres.js'
import { cleanUpCrashTrials, crashTrials } from './crash-trials.js'

const TRIALS = Number(process.env.WXCRM_CRASH_TRIALS ?? 10)
const MERCHANT = 'crash-shop'
const pg = usePostgres()
let url = ''

beforeAll(async () => {
  url = await pg.server.freshDatabase()
})
afterAll(cleanUpCrashTrials)

it(`survives ${TRIALS} kill -9 at random moments on PostgreSQL: nothing confirmed lost, nothing recorded or sent twice`, async () => {
  await crashTrials({
    env: () => ({ WXCRM_DATABASE_URL: url, WXCRM_MERCHANT: MERCHANT }),
    open: () => openPgStore({ url, merchant: MERCHANT }),
  }, TRIALS)
}, 600_000)
