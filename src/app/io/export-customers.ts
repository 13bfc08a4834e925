/**
 * The customer table that 导出 and `wxcrm export` write: one row per customer the merchant counts,
 * every figure as of the classification's day and taken from the same place as 客户's profile (the
 * customer's summary and account), so the file and the chat never disagree.
 */
import { dateOfDay } from '../../domain/calendar.js'
import type { Store } from '../../domain/ports.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import { kindOf, KIND_NAMES } from '../../domain/customer/kind.js'
import { GROUP_NAMES } from '../../domain/segment/groups.js'
import { lifecycleStage, STAGE_NAMES } from '../../domain/segment/lifecycle.js'
import { countedCustomers } from '../ledger/account.js'
import { linesLabel } from '../ledger/format.js'
import type { CurrentClassification } from '../segments/current.js'
import { profitEstimateNote } from '../views/contribution.js'

export const CUSTOMER_COLUMNS = [
  '客户ID', '外部ID', '姓名', '电话', '微信', '代理',
  '订单数', '累计消费(元)', '近一年消费(元)', '近一年利润(元)', '利润说明', '未付(元)', '预收款(元)',
  '首单日期', '末单日期', '最近一单商品', '来源',
  '分组', '价值档', '信用', '需要跟进', '仍活跃概率', '未来90天预计下单', '理由',
  '地址', '省份', '城市', '区县',
  '阶段', '类型', '标签', '介绍人',
] as const

const yuan = (fen: number): string => (Math.round(fen) / 100).toFixed(2)

/** `87.3%`: a probability as merchants read it. */
const percent = (p: number): string => `${(p * 100).toFixed(1)}%`

export interface ExportOptions {
  /** Only this agent's customers. */
  agentId?: string
  /** Days of credit an unpaid order gets when it has no due date (the classification policy's). */
  creditDays: number
  /** Orders that make a customer 成熟 (config `lifecycle.matureOrders`). */
  matureOrders: number
}

/**
 * Header plus one row per customer counted on the classification's day (`asOf`): orders placed by then,
 * the group, tier and probabilities of then, and what was owed or paid in advance then.
 */
export function customerRows(store: Store, classified: CurrentClassification, options: ExportOptions): string[][] {
  const { classification, byCustomer } = classified
  const agents = new Map(store.agents.all().map(a => [a.id, a.name]))
  const rows: string[][] = [[...CUSTOMER_COLUMNS]]
  for (const { customer: c, account } of countedCustomers(store, classification.asOf, options.creditDays)) {
    if (options.agentId && c.agentId !== options.agentId) continue
    // Every customer with an order by `asOf` is classified; one who only paid in advance is not.
    const k: CustomerClass | undefined = byCustomer.get(c.id)
    const s = k?.summary
    rows.push([
      c.id,
      c.externalId ?? '',
      c.name,
      c.phone ?? '',
      c.contactId ? '已绑定' : '未绑定',
      c.agentId ? agents.get(c.agentId) ?? '' : '',
      String(s?.orderCount ?? 0),
      yuan(s?.totalFen ?? 0),
      yuan(s?.yearFen ?? 0),
      yuan(k?.profitFen ?? 0),
      k ? profitEstimateNote(k, classification.margin) : '',
      yuan(account.unpaidFen),
      yuan(account.prepaidFen),
      s ? dateOfDay(s.firstDay) : '',
      s ? dateOfDay(s.lastDay) : '',
      s ? linesLabel(s.lastOrder.lines) : '',
      c.source ?? '',
      k ? GROUP_NAMES[k.group] : '',
      k?.tier ?? '',
      k?.credit ?? '',
      k ? (k.atRisk ? '是' : '否') : '',
      k?.pAlive === null || k === undefined ? '' : percent(k.pAlive),
      k?.expectedPurchases === null || k === undefined ? '' : k.expectedPurchases.toFixed(2),
      k ? k.reasons.join('；') : '',
      c.address ?? '',
      c.region?.province ?? '',
      c.region?.city ?? '',
      c.region?.district ?? '',
      STAGE_NAMES[lifecycleStage(k?.group ?? null, s?.orderCount ?? 0, options.matureOrders)],
      KIND_NAMES[kindOf(c).kind],
      c.tags.join('、'),
      referrerName(store, c.referredBy, options.agentId),
    ])
  }
  return rows
}

/** Who brought a customer, for the table: an agent's export does not name another agent's customer. */
function referrerName(store: Store, referrerId: string | undefined, agentId: string | undefined): string {
  const r = referrerId === undefined ? undefined : store.customers.byId(referrerId)
  if (!r) return ''
  return agentId !== undefined && r.agentId !== agentId ? '另一位代理的客户' : r.name
}
