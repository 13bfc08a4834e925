/**
 * `npm run demo [-- --db FILE] [-- --force]`: seeds a realistic merchant — three agents, about 360
 * customers, two years of orders with all four groups, some customers who are WeChat contacts of the
 * bot account and a VIP room — so local mode has rich answers at once, and every job something to do.
 * Deterministic (fixed seed). Refuses to touch a database that already has customers unless --force,
 * which first keeps a copy of the old file.
 */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Command } from 'commander'
import { LOCAL_ADMIN, LOCAL_ROOMS_KEY, localContactId, writeLocalRooms } from '../src/adapters/console/local-world.js'
import { moveDatabase, openFileStore } from '../src/adapters/store/file-store.js'
import { localDate } from '../src/app/local-time.js'
import { toPolicy } from '../src/app/segments/policy-config.js'
import { reclassify } from '../src/app/segments/reclassify.js'
import { dateOfDay, dayNumber } from '../src/domain/calendar.js'
import { demoContacts, seedDemo } from '../src/sim/demo-merchant.js'
import { loadConfig } from '../src/load-config.js'

const VIP_ROOM = 'VIP客户群'

const program = new Command()
  .option('--db <path>', '数据库文件（默认取配置里的 dbPath）')
  .option('--force', '数据库里已有客户时也覆盖（先备份旧文件）')
  .option('--customers <n>', '客户数', '360')
  .parse()
const opts = program.opts<{ db?: string, force?: boolean, customers: string }>()

async function main(): Promise<void> {
  const customers = Number(opts.customers)
  if (!Number.isInteger(customers) || customers < 20 || customers > 100_000) throw new Error('--customers 需要 20 到 100000 之间的整数')
  const config = loadConfig(process.env)
  const file = resolve(opts.db ?? config.dbPath)
  const exists = await stat(file).then(() => true, () => false)
  if (exists) {
    const probe = await openFileStore({ file, today: () => localDate(new Date(), config.timezone), backupsKept: 0 })
    const customers = probe.customers.all().length
    await probe.close()
    if (customers > 0 && !opts.force) {
      console.error(`${file} 里已有 ${customers} 位客户，没有改动。要用演示数据覆盖，请加 --force（会先备份旧文件）。`)
      process.exit(1)
    }
    const backup = file.replace(/(\.json)?$/, `-before-demo-${Date.now()}.json`)
    await moveDatabase(file, backup)
    console.log(`旧数据库已备份到 ${backup}`)
  }
  const today = localDate(new Date(), config.timezone)
  const store = await openFileStore({ file, today: () => today, backupsKept: config.backupsKept })
  const report = seedDemo(store, { today, customers, seed: 2026 })
  await store.commit()
  // Two nightly runs, so 概览 can show what changed since yesterday.
  const policy = toPolicy(config.classify)
  await reclassify(store, dateOfDay(dayNumber(today) - 1), policy, new Date())
  const { snapshot, classification } = await reclassify(store, today, policy, new Date())
  // Local mode's mock WeChat: these customers are contacts of the bot account, two of them already in
  // the VIP room, which the bot account is in (see src/adapters/console/local-world.ts).
  const contacts = demoContacts(classification.customers)
  const nameOf = (id: string): string => store.customers.byId(id)!.name
  for (const id of contacts.linked) store.customers.update({ ...store.customers.byId(id)!, contactId: localContactId(nameOf(id)) })
  store.settings.set('vipRoom', VIP_ROOM)
  store.settings.set(LOCAL_ROOMS_KEY, writeLocalRooms([{ topic: VIP_ROOM, members: [LOCAL_ADMIN, ...contacts.inVipRoom.map(nameOf)] }]))
  await store.commit()
  await store.close()
  console.log(`演示数据已写入 ${file}：代理 ${report.agents} 位，客户 ${report.customers} 位，订单 ${report.orders} 单。`)
  console.log(`分组：忠诚型 ${snapshot.groups.loyal}，快速成长型 ${snapshot.groups.fast_growing}，值得重视培养 ${snapshot.groups.nurture}，睡眠型 ${snapshot.groups.dormant}`)
  console.log(`其中 ${contacts.linked.length} 位客户是机器人账号的微信联系人（只在本地模式的模拟微信里），VIP 群「${VIP_ROOM}」已设置，里面已有 ${contacts.inVipRoom.length} 位。`)
  console.log('现在运行 npm start，在本地模式里问“概览”“图表”“睡眠客户”“客户 <名字>”，或“任务 invite 预览”。')
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
