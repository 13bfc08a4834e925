/**
 * Opens the database the configuration names: PostgreSQL when `database.url` (WXCRM_DATABASE_URL) is
 * set, for the merchant `merchant` (WXCRM_MERCHANT); else the database file `dbPath`. The bot and the
 * command line open it the same way.
 */
import { resolve } from 'node:path'
import type { Logger } from '../../domain/logger.js'
import type { Store } from '../../domain/ports.js'
import { openFileStore } from './file-store.js'
import { openPgStore } from './pg/pg-store.js'

export interface DatabaseChoice {
  dbPath: string
  database: { url?: string | undefined }
  merchant: string
}

export interface OpenedStore {
  store: Store
  /** Where the data is, for the operator (a password in a URL is not shown). */
  where: string
  /** The database file, when it is one (local-mode files are kept beside it). */
  file: string | null
}

/** The database cannot be reached at start; the message says where and what to check. */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError'
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db` (a password in the query string too). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    if (u.searchParams.has('password')) u.searchParams.set('password', '***')
    return u.toString().replace('%2A%2A%2A', '***')
  }
  catch {
    return url.replace(/\/\/.*@/, '//***@')
  }
}

/** A failure to connect (refused, unknown host, wrong password, no such database) in words; anything else as it is. */
export function unreachable(error: unknown, where: string): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|28P01|28000|3D000)$/.test(code)) {
    return new DatabaseUnreachableError(`连不上数据库 ${where}：${(error as Error).message}。请检查连接串（地址、端口、用户名密码、库名）和 PostgreSQL 是否在运行。`)
  }
  return error
}

export async function openConfiguredStore(choice: DatabaseChoice, options: {
  today: () => string
  backupsKept?: number
  /** The bot answers before older orders are read; the command line waits for everything. */
  olderOrdersLater?: boolean
  logger?: Logger
}): Promise<OpenedStore> {
  const url = choice.database.url
  if (url) {
    const where = `${withoutPassword(url)}（商户 ${choice.merchant}）`
    const store = await openPgStore({
      url,
      merchant: choice.merchant,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.olderOrdersLater ? { olderOrdersLater: true } : {}),
    }).catch((error: unknown) => {
      throw unreachable(error, where)
    })
    return { store, where, file: null }
  }
  const file = resolve(choice.dbPath)
  const store = await openFileStore({
    file,
    today: options.today,
    ...(options.backupsKept !== undefined ? { backupsKept: options.backupsKept } : {}),
    ...(options.olderOrdersLater ? { olderOrdersLater: true } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  })
  return { store, where: file, file }
}
