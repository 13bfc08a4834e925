import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// wechaty-puppet-service keeps a payload cache under $HOME/.wechaty; keep tests out of the real home.
process.env.HOME = mkdtempSync(join(tmpdir(), 'wxcrm-home-'))

// Records are never changed in place once stored: in tests the store freezes them, so a change in
// place fails where it is made instead of silently skipping the journal.
const { freezeStoredRecords } = await import('../src/adapters/store/change-log.js')
freezeStoredRecords(true)
