/**
 * When the database cannot be written (disk full, read-only, directory gone), the agent hears that
 * the message was NOT recorded and why, and the admins are told at once, directly (not through the
 * outbox: that is stored in the same database), at most once per half hour.
 */
import type { Logger } from '../../domain/logger.js'
import type { ChatPort, Clock, Store } from '../../domain/ports.js'

export const STORAGE_FAILED_REPLY = '⚠️ 保存失败：数据库所在的磁盘已满或不可写，这条消息没有记录。请稍后重发；已提醒管理员。'
/** The same, when the data is on a PostgreSQL server that did not take the write. */
export const SERVER_FAILED_REPLY = '⚠️ 保存失败：连不上数据库服务器，这条消息没有记录。请稍后重发；已提醒管理员。'
/** The same, when another bot has this shop's data open in the shared database. */
export const LOCKED_FAILED_REPLY = '⚠️ 保存失败：另一个机器人正在使用这家店的数据，这条消息没有记录。已提醒管理员。'
const SERVER_CODE = 'PG_UNAVAILABLE'
const LOCKED_CODE = 'MERCHANT_LOCKED'

/** What the sender hears when the database did not take their message. */
export function storageFailedReply(code: string): string {
  return code === SERVER_CODE ? SERVER_FAILED_REPLY : code === LOCKED_CODE ? LOCKED_FAILED_REPLY : STORAGE_FAILED_REPLY
}

/** Error codes of a file system that refuses to store anything, and the store's own "broken" error. */
const STORAGE_CODES = new Set([SERVER_CODE, LOCKED_CODE, 'ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'ENOTDIR', 'EISDIR', 'EMFILE', 'ENFILE'])

export function storageFailureCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null
  const { code, name } = error as { code?: unknown, name?: unknown }
  if (typeof code === 'string' && STORAGE_CODES.has(code)) return code
  return name === 'StoreBrokenError' ? 'STORE_BROKEN' : null
}

export function storageAlertText(code: string): string {
  if (code === LOCKED_CODE) return '⚠️ wxcrm 写不进数据库：这家店的数据正被另一个机器人使用（同一个商户只能有一个机器人）。新的报单暂时记不下来。请停掉多出来的那个机器人，再重启这个。'
  if (code === SERVER_CODE) return '⚠️ wxcrm 写不进数据库服务器（PostgreSQL）：服务器停了、连不上或拒绝写入。新的报单暂时记不下来，代理会收到“没有记录”的提示。请检查 PostgreSQL；恢复后机器人会自己重连，不用重启，让代理重发即可。'
  return `⚠️ wxcrm 无法写入数据库（${code}）：磁盘已满、只读或数据目录不可用。新的报单暂时记不下来，代理会收到“没有记录”的提示。请尽快腾出磁盘空间或检查数据目录；恢复后不用重启，让代理重发即可。`
}

const EVERY_MS = 30 * 60_000

export function createStorageAlert(deps: { store: Store, chat: ChatPort, clock: Clock, logger: Logger }) {
  let lastAt = -Infinity
  return {
    /** Tells every admin, unless they were told in the last half hour. */
    async notify(code: string): Promise<void> {
      const now = deps.clock.now().getTime()
      if (now - lastAt < EVERY_MS) return
      lastAt = now
      deps.logger.error('database not writable: admins alerted', { code })
      for (const admin of deps.store.admins.all()) {
        await deps.chat.sendText(admin.contactId, storageAlertText(code)).catch((e: unknown) => deps.logger.error('storage alert not sent', { error: String(e) }))
      }
    },
  }
}
