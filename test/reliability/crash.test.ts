/** The crash trials (crash-trials.ts) on a database file. */
import { afterAll, it } from 'vitest'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import { cleanUpCrashTrials, crashTrials } from './crash-trials.js'

const TRIALS = Number(process.env.WXCRM_CRASH_TRIALS ?? 16)

afterAll(cleanUpCrashTrials)

it(`survives ${TRIALS} kill -9 at random moments on a database file: nothing confirmed lost, nothing recorded or sent twice`, async () => {
  await crashTrials({
    env: dbFile => ({ WXCRM_DB: dbFile }),
    open: dbFile => openFileStore({ file: dbFile, today: () => new Date().toISOString().slice(0, 10), backupsKept: 0 }),
  }, TRIALS)
}, 600_000)
