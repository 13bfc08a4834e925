/** README.md stays true: its command table is the registry's, and it shows the two commands. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { commands } from '../../src/app/commands/index.js'
import { commandTable } from '../../src/app/commands/table.js'

const readme = readFileSync('README.md', 'utf8')

describe('README', () => {
  it('carries the command table generated from the registry (npm run docs:commands)', () => {
    const block = readme.split('<!-- commands:start -->')[1]?.split('<!-- commands:end -->')[0]?.trim()
    expect(block).toBe(commandTable(commands))
  })

  it('shows the start and test commands and every environment variable', () => {
    for (const s of ['npm start', 'npm test', 'WXCRM_CONFIG', 'WXCRM_DB', 'WXCRM_ADMINS', 'WXCRM_TZ', 'WECHATY_PUPPET_SERVICE_TOKEN', 'WECHATY_PUPPET_SERVICE_ENDPOINT', 'WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT'])
      expect(readme).toContain(s)
  })
})
