import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// wechaty-puppet-service keeps a payload cache under $HOME/.wechaty; keep tests out of the real home.
process.env.HOME = mkdtempSync(join(tmpdir(), 'wxcrm-home-'))
