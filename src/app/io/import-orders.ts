/**
 * Importing an order history (CSV rows already split into fields): each row is checked on its own;
 * bad rows are reported with their line number and good rows are kept. Importing a file again, or a
 * longer or edited version of it, adds only rows not seen before: each row's source id is its content
 * (customer, date, amount, product, quantity) plus how many identical rows came before it.
 */
import { z } from 'zod'
import { tellApart } from '../../domain/customer/identity.js'
import { parseMoney } from '../../domain/money.js'
import type { Store } from '../../domain/ports.js'
import { agentForImport } from '../agents/roster.js'
import { type OrderInput, recordOrder, type RecordResult } from '../ledger/record-order.js'

export interface ImportMapping {
  /** Column holding the customer's id in the file (kept as externalId). */
  customer?: string
  name?: string
  phone?: string
  date: string
  amount: string
  qty?: string
  product?: string
  /** All rows belong to this agent: the one chat knows by this name (created if unknown). */
  agent?: string
}

export interface ImportRow { line: number, values: Record<string, string> }

export interface ImportReport {
  imported: number
  skipped: number
  customersCreated: number
  /** Rows whose customer the identity rule could not tell apart from a namesake (also in `bad`). */
  ambiguous: number
  bad: { line: number, problem: string }[]
  /** The agent the rows went to (`--agent`): the one chat knows by that name, or a new one. */
  agent?: { name: string, created: boolean, active: boolean, linked: boolean }
}

const phone = z.string().transform(s => s.replace(/[\s-]/g, '')).pipe(z.string().regex(/^1[3-9]\d{9}$/, '电话不是11位手机号'))

function rowSchema(m: ImportMapping) {
  const req = (col: string) => z.string({ error: `缺少列 ${col}` }).trim()
  const opt = z.string().trim().optional()
  return z.object({
    who: req(m.customer ?? m.name ?? m.phone ?? '客户').min(1, '客户为空'),
    name: opt,
    phone: z.union([z.literal(''), phone]).optional(),
    date: req(m.date).transform(normalizeDate).pipe(z.string({ error: '日期无法识别（需要 YYYY-MM-DD）' })),
    amount: req(m.amount).refine(s => !s.startsWith('-'), '金额不能为负').transform(s => parseMoney(s)).pipe(z.number({ error: '金额无法识别' }).int().min(0, '金额不能为负')),
    qty: opt.transform(s => s === undefined || s === '' ? undefined : Number(s)).pipe(z.number({ error: '数量无法识别' }).positive('数量必须大于0').optional()),
    product: opt,
  })
}

/** 1997-01-01, 1997/1/1, 19970101 → 1997-01-01; null for anything else, impossible dates included. */
export function normalizeDate(s: string): string | null {
  const m = s.match(/^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function importOrders(store: Store, rows: Iterable<ImportRow>, options: { mapping: ImportMapping, now: Date, onRow?: (n: number) => void }): ImportReport {
  const { mapping } = options
  const schema = rowSchema(mapping)
  const at = options.now.toISOString()
  const report: ImportReport = { imported: 0, skipped: 0, customersCreated: 0, ambiguous: 0, bad: [] }
  const agent = mapping.agent ? agentForImport(store, mapping.agent, at) : null
  if (agent) report.agent = { name: agent.record.name, created: agent.created, active: agent.record.active, linked: agent.record.contactId !== null }
  const seen = new Map<string, number>()
  let n = 0
  for (const row of rows) {
    options.onRow?.(++n)
    const parsed = schema.safeParse({
      who: row.values[mapping.customer ?? mapping.name ?? mapping.phone ?? ''],
      name: mapping.name ? row.values[mapping.name] : undefined,
      phone: mapping.phone ? row.values[mapping.phone] : undefined,
      date: row.values[mapping.date],
      amount: row.values[mapping.amount],
      qty: mapping.qty ? row.values[mapping.qty] : undefined,
      product: mapping.product ? row.values[mapping.product] : undefined,
    })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      report.bad.push({ line: row.line, problem: issue.message })
      continue
    }
    const r = parsed.data
    const content = [r.who, r.phone ?? '', r.date, r.amount, r.product ?? '', r.qty ?? ''].join('|')
    const occurrence = (seen.get(content) ?? 0) + 1
    seen.set(content, occurrence)
    const sourceId = `import:${content}#${occurrence}`
    const by = { agentId: agent?.record.id ?? null, ownCustomersOnly: false, by: 'import', sourceId, day: r.date, once: true, customerSource: 'import' }
    const result = recordOrder({ store }, rowOrder(r, mapping), by, options.now)
    if (result.kind === 'recorded') {
      report.imported++
      if (result.isNew) report.customersCreated++
    }
    else if (result.kind === 'duplicate') {
      report.skipped++
    }
    else {
      report.bad.push({ line: row.line, problem: rowProblem(result, r.phone || null) })
      if (result.kind === 'ambiguous') report.ambiguous++
    }
  }
  return report
}

/** The order a row states: one line, paid; with an id column the id tells customers apart, not the name. */
function rowOrder(r: z.infer<ReturnType<typeof rowSchema>>, mapping: ImportMapping): OrderInput {
  return {
    customer: { name: (mapping.name && r.name) || null, phone: r.phone || null, address: null, externalId: mapping.customer ? r.who : null },
    lines: [{ name: r.product ?? '', qty: r.qty ?? null, unit: null, unitPriceFen: null, amountFen: r.amount, spec: null }],
    amountFen: r.amount,
    payment: 'paid',
    paidFen: r.amount,
    date: r.date,
    note: null,
  }
}

/** Why a row's customer could not be told, as the report line says it. */
function rowProblem(result: Exclude<RecordResult, { kind: 'recorded' | 'duplicate' }>, phone: string | null): string {
  switch (result.kind) {
    case 'ambiguous': {
      const hint = phone ? '' : '；请补上电话后再导入这一行'
      return `有${result.candidates.length}位客户叫“${result.name}”（${tellApart(result.candidates)}），不知道是哪一位，这一行没有导入${hint}`
    }
    case 'missing': return '客户为空'
    case 'not-theirs': return '电话已登记在别的代理名下'
  }
}
