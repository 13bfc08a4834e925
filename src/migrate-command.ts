/** `wxcrm migrate`: a database file into PostgreSQL as one merchant's data (see copy-merchant.ts). */
import { resolve } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import { openFileStore } from './adapters/store/file-store.js'
import { unreachable, withoutPassword } from './adapters/store/open-store.js'
import { copyMerchant } from './adapters/store/pg/copy-merchant.js'
import { formatTable } from './adapters/terminal-table.js'
import { localDate } from './app/local-time.js'
import { loadConfig } from './load-config.js'

export function addMigrateCommand(program: Command): void {
  program.command('migrate')
    .description('把一个数据库文件里的数据搬进 PostgreSQL，作为某个商户的数据；搬完核对每类记录的条数和校验和')
    .requiredOption('--from <path>', '数据库文件，如 data/db.json')
    .option('--to <url>', 'PostgreSQL 连接串；不写则用 WXCRM_DATABASE_URL（密码不必出现在命令行里）')
    .option('--merchant <name>', '商户名；不写则用 WXCRM_MERCHANT（默认 default）')
    .option('--replace', '这个商户在 PostgreSQL 里已经有数据时，用文件整份替换（重新搬一次时用）')
    .action(async (opts: { from: string, to?: string, merchant?: string, replace?: boolean }) => {
      const config = loadConfig(process.env)
      const url = opts.to ?? config.database.url
      if (!url) throw new InvalidArgumentError('需要 --to <PostgreSQL 连接串>，或设置 WXCRM_DATABASE_URL')
      const merchant = opts.merchant ?? config.merchant
      const source = await openFileStore({ file: resolve(opts.from), today: () => localDate(new Date(), config.timezone), backupsKept: 0 })
      try {
        const { checks, same } = await copyMerchant(source.data(), { url, merchant, replace: opts.replace === true }).catch((error: unknown) => {
          throw unreachable(error, withoutPassword(url))
        })
        const rows = [['数据', '文件里', 'PostgreSQL 里', '校验和'], ...checks.map(k => [
          k.collection, String(k.from.count), String(k.to.count), k.from.sha256 === k.to.sha256 ? `一致 ${k.to.sha256.slice(0, 12)}` : `不一致 ${k.from.sha256.slice(0, 12)} ≠ ${k.to.sha256.slice(0, 12)}`,
        ])]
        console.log(formatTable(rows))
        if (!same) throw new InvalidArgumentError('搬过去的数据和文件里的不一致（见上表）；请勿切换，先检查数据库。')
        console.log(`已搬到 ${withoutPassword(url)} 的商户 ${merchant}。用 WXCRM_DATABASE_URL 和 WXCRM_MERCHANT=${merchant} 启动机器人即可。`)
      }
      finally {
        await source.close()
      }
    })
}
