/** A real PostgreSQL server for one test file: started before its tests, removed after them. */
import { afterAll, beforeAll } from 'vitest'
import { startLocalPostgres, type LocalPostgres } from '../../scripts/embedded-postgres.js'

let databases = 0

export interface TestPostgres extends LocalPostgres {
  /** A new, empty database on the server; its URL. */
  freshDatabase(): Promise<string>
}

/** The server of this test file (use inside tests and hooks, after `beforeAll` has run). */
export function usePostgres(): { readonly server: TestPostgres } {
  let server: (LocalPostgres & { remove(): Promise<void> }) | null = null
  beforeAll(async () => {
    server = await startLocalPostgres({ quiet: true })
  }, 120_000)
  afterAll(async () => {
    await server?.remove()
  })
  return {
    get server(): TestPostgres {
      const s = server
      if (!s) throw new Error('the PostgreSQL server is not started yet')
      return {
        ...s,
        async freshDatabase() {
          const name = `t${process.pid}_${++databases}`
          await s.createDatabase(name)
          return s.urlOf(name)
        },
      }
    },
  }
}
