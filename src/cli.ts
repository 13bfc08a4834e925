/** The `wxcrm` command line for operators and scripts: parse, import, export. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { SingleBar } from 'cli-progress'
import { Command, InvalidArgumentError } from 'commander'
import { readCsvRows, toCsv, writeCsv } from './adapters/csv.js'
import { DbLockedError } from './adapters/store/lock-file.js'
import { formatTable } from './adapters/terminal-table.js'
import { DbLoadError, openFileStore } from './adapters/store/file-store.js'
import { DatabaseUnreachableError, openConfiguredStore } from './adapters/store/open-store.js'
import { PgDataProblem } from './adapters/store/pg/pg-load.js'
import { MerchantHasDataError } from './adapters/store/pg/copy-merchant.js'
import { MerchantLockedError } from './adapters/store/pg/merchant-lock.js'
import { customerRows } from './app/io/export-customers.js'
import { importOrders, type ImportMapping, type ImportReport } from './app/io/import-orders.js'
import { importProducts, productRows } from './app/io/products-csv.js'
import { backfillCatalogue } from './app/ledger/catalogue.js'
import { localDate } from './app/local-time.js'
import { parseMessage } from './domain/order/parse-message.js'
import { toParseJson } from './domain/order/parse-json.js'
import { commandWords } from './app/commands/index.js'
import { ConfigError } from './app/config.js'
import { indexClassification } from './app/segments/current.js'
import { classifyStore } from './app/segments/reclassify.js'
import { toPolicy } from './app/segments/policy-config.js'
import { classificationJsonLines, classificationTable, fitReport } from './app/segments/report.js'
import { dateOfDay, dayNumber } from './domain/calendar.js'
import { loadConfig } from './load-config.js'
import { addMigrateCommand } from './migrate-command.js'

const DEFAULT_TZ = process.env.WXCRM_TZ || 'Asia/Shanghai'

/**
 * `wxcrm export | head -3`: once the reader has gone, the rest of the output is not wanted, so leave
 * quietly with success instead of printing a write EPIPE stack. Every command closes its database
 * before it prints, so nothing is left half-written.
 */
function leaveQuietlyWhenPipeCloses(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}
leaveQuietlyWhenPipeCloses(process.stdout)
leaveQuietlyWhenPipeCloses(process.stderr)

function isoInstant(value: string): Date {
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('需要 ISO 时间，如 2026-11-23T10:00:00+08:00')
  return d
}

const DB_HELP = '数据库文件；不写则按配置：设置了 WXCRM_DATABASE_URL 就用 PostgreSQL（商户 WXCRM_MERCHANT），否则 WXCRM_DB 或 data/db.json'

/** The database `--db` names, else the one the configuration names (the bot's own). */
async function openDb(path: string | undefined) {
  const today = (): string => localDate(new Date(), DEFAULT_TZ)
  if (path) return openFileStore({ file: resolve(path), today, backupsKept: 0 })
  const { store } = await openConfiguredStore(loadConfig(process.env), { today, backupsKept: 0 })
  return store
}

const program = new Command()
program.name('wxcrm').description('wxcrm 命令行：解析报单、导入导出订单与客户').showHelpAfterError()

program.command('parse')
  .description('从标准输入读一条聊天消息，输出解析结果（JSON）')
  .option('--now <iso>', '消息时间（决定“昨天”等日期）', isoInstant)
  .option('--tz <zone>', '商家时区', DEFAULT_TZ)
  .action((opts: { now?: Date, tz: string }) => {
    const text = readFileSync(0, 'utf8')
    const today = localDate(opts.now ?? new Date(), opts.tz)
    const parsed = parseMessage(text.replace(/\n$/, ''), { today, commandWords: commandWords() })
    process.stdout.write(`${JSON.stringify(toParseJson(parsed))}\n`)
  })

program.command('import')
  .description('从 CSV 导入历史订单（每行一单）；坏行报告行号，好行保留；重复导入不会重复记录')
  .argument('<file>', 'CSV 文件（第一行是列名）')
  .option('--db <path>', DB_HELP)
  .option('--customer <col>', '客户编号列（作为外部ID保存）')
  .option('--name <col>', '客户姓名列')
  .option('--phone <col>', '客户电话列')
  .option('--date <col>', '下单日期列', 'date')
  .option('--amount <col>', '金额列（元）', 'amount')
  .option('--qty <col>', '数量列')
  .option('--product <col>', '商品列')
  .option('--agent <name>', '这些订单都归这位代理')
  .option('--delimiter <char>', '分隔符', ',')
  .action(async (file: string, opts: ImportMapping & { db?: string, delimiter: string }) => {
    if (!opts.customer && !opts.name && !opts.phone) throw new InvalidArgumentError('需要 --customer、--name 或 --phone 之一来识别客户')
    const { columns, rows } = await readCsvRows(file, { delimiter: opts.delimiter })
    const needed = [opts.customer, opts.name, opts.phone, opts.date, opts.amount, opts.qty, opts.product].filter((c): c is string => Boolean(c))
    const missing = needed.filter(c => !columns.includes(c))
    if (missing.length > 0) throw new InvalidArgumentError(`文件里没有这些列：${missing.join(', ')}（文件的列：${columns.join(', ')}）`)
    const store = await openDb(opts.db)
    const bar = process.stderr.isTTY ? new SingleBar({ format: '导入 [{bar}] {value}/{total} 行', stream: process.stderr }) : null
    bar?.start(rows.length, 0)
    const report = importOrders(store, rows, { mapping: opts, now: new Date(), onRow: n => bar?.update(n) })
    bar?.stop()
    await store.commit()
    await store.close()
    for (const b of report.bad.slice(0, 50)) console.error(`第 ${b.line} 行：${b.problem}`)
    if (report.bad.length > 50) console.error(`……另有 ${report.bad.length - 50} 行有问题`)
    const ambiguous = report.ambiguous > 0 ? `（其中 ${report.ambiguous} 行的客户有同名的，分不清是哪一位）` : ''
    console.log(`导入 ${report.imported} 单，新客户 ${report.customersCreated} 位，跳过已导入 ${report.skipped} 行，问题行 ${report.bad.length} 行${ambiguous}。`)
    if (report.agent) console.log(agentNote(report.agent))
  })

/** A table with its header row, to `out` as a CSV file (saying so on stderr) or to stdout. */
async function writeTable(rows: string[][], out: string | undefined, what: string): Promise<void> {
  if (!out) {
    process.stdout.write(toCsv(rows))
    return
  }
  await writeCsv(out, rows)
  console.error(`已导出 ${rows.length - 1} ${what}到 ${out}`)
}

function asOfDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || dateOfDay(dayNumber(value)) !== value) throw new InvalidArgumentError('需要有效日期 YYYY-MM-DD，如 1997-09-30')
  return value
}

/** What the operator should know about the `--agent` the rows went to. */
function agentNote(agent: NonNullable<ImportReport['agent']>): string {
  if (!agent.active) return `注意：代理 ${agent.name} 已被删除，导入的客户归在 TA 名下。要交给别的代理，在聊天里发“代理 转移 ${agent.name} <新代理>”。`
  if (agent.linked) return `客户归代理 ${agent.name}。`
  const made = agent.created ? '是新建的，' : ''
  return `代理 ${agent.name} ${made}还没有关联微信：管理员在聊天里发“代理 添加 ${agent.name}”即可关联，TA 会收到这些客户的跟进提醒。`
}

program.command('export')
  .description('导出客户表（CSV，带 BOM，Excel 可直接打开）；分组和表中每个数字都按截止日计')
  .option('--db <path>', DB_HELP)
  .option('--as-of <date>', '截止日 YYYY-MM-DD（含当天）：只算这天及以前的订单；不写则按今天', asOfDate)
  .option('--out <file>', '输出文件；不写则输出到标准输出')
  .action(async (opts: { db?: string, asOf?: string, out?: string }) => {
    const store = await openDb(opts.db)
    const config = loadConfig(process.env)
    const policy = toPolicy(config.classify)
    const classified = indexClassification(classifyStore(store, opts.asOf ?? localDate(new Date(), DEFAULT_TZ), policy))
    const rows = customerRows(store, classified, { creditDays: policy.creditDays, matureOrders: config.lifecycle.matureOrders })
    await store.close()
    await writeTable(rows, opts.out, '位客户')
  })

/** Classifies a database file as of a date with the configured thresholds; the file is closed again. */
async function classifyDb(db: string | undefined, asOf: string) {
  const store = await openDb(db)
  const c = classifyStore(store, asOf, toPolicy(loadConfig(process.env).classify))
  const externalIds = new Map(store.customers.all().map(x => [x.id, x.externalId]))
  await store.close()
  return { c, externalIds }
}

program.command('fit')
  .description('按截止日拟合 BG/NBD 与 Gamma-Gamma 模型，打印参数（时间单位：天；对数似然另给按周计的值，便于对照文献）')
  .option('--db <path>', DB_HELP)
  .requiredOption('--as-of <date>', '截止日 YYYY-MM-DD（含当天）', asOfDate)
  .option('--json', '输出 JSON')
  .action(async (opts: { db?: string, asOf: string, json?: boolean }) => {
    const { c } = await classifyDb(opts.db, opts.asOf)
    const report = fitReport(c)
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : `${report.text}\n`)
  })

program.command('classify')
  .description('按截止日给每位客户分组、分档、评信用，附理由')
  .option('--db <path>', DB_HELP)
  .requiredOption('--as-of <date>', '截止日 YYYY-MM-DD（含当天）', asOfDate)
  .option('--json', '每位客户输出一行 JSON')
  .action(async (opts: { db?: string, asOf: string, json?: boolean }) => {
    const { c, externalIds } = await classifyDb(opts.db, opts.asOf)
    if (opts.json) {
      for (const line of classificationJsonLines(c, externalIds)) process.stdout.write(`${line}\n`)
    }
    else {
      const table = classificationTable(c)
      process.stdout.write(`${table.title}\n${formatTable(table.rows)}\n`)
    }
  })

const products = program.command('products').description('商品目录：导入、导出（名称、别名、单位、售价、成本）')

products.command('import')
  .description('从 CSV 导入商品目录（列：名称, 别名（用 | 分隔）, 单位, 售价, 成本）；空格子保留原值')
  .argument('<file>', 'CSV 文件（第一行是列名）')
  .option('--db <path>', DB_HELP)
  .option('--history', '成本也写入以前的订单（含历史）')
  .action(async (file: string, opts: { db?: string, history?: boolean }) => {
    const { columns, rows } = await readCsvRows(file)
    if (!columns.includes('名称')) throw new InvalidArgumentError(`文件里没有“名称”列（文件的列：${columns.join(', ')}）`)
    const store = await openDb(opts.db)
    backfillCatalogue(store, new Date().toISOString())
    const report = importProducts(store, rows, { history: opts.history ?? false, now: new Date() })
    await store.commit()
    await store.close()
    for (const b of report.bad) console.error(`第 ${b.line} 行：${b.problem}`)
    const history = opts.history ? `，成本写入历史订单 ${report.ordersUpdated} 张` : ''
    const merged = report.merged > 0 ? `，并入别名 ${report.merged} 种` : ''
    console.log(`新增商品 ${report.added} 种，更新 ${report.updated} 种${merged}${history}，问题行 ${report.bad.length} 行。`)
  })

products.command('export')
  .description('导出商品目录（CSV，带 BOM）')
  .option('--db <path>', DB_HELP)
  .option('--out <file>', '输出文件；不写则输出到标准输出')
  .action(async (opts: { db?: string, out?: string }) => {
    const store = await openDb(opts.db)
    if (backfillCatalogue(store, new Date().toISOString()) > 0) await store.commit()
    const rows = productRows(store)
    await store.close()
    await writeTable(rows, opts.out, '种商品')
  })

addMigrateCommand(program)

program.parseAsync().catch((error: unknown) => {
  const known = error instanceof DbLoadError || error instanceof DbLockedError || error instanceof DatabaseUnreachableError || error instanceof MerchantLockedError || error instanceof PgDataProblem || error instanceof MerchantHasDataError || error instanceof InvalidArgumentError || error instanceof ConfigError
  console.error(known ? error.message : error)
  process.exit(1)
})
