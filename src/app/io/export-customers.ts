/** The customer table that 导出 and `wxcrm export` write: one row per customer, with its classification. */
import { outstandingFen } from '../../domain/ledger/payments.js'
import type { Store } from '../../domain/ports.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import { GROUP_NAMES } from '../../domain/segment/groups.js'

export const CUSTOMER_COLUMNS = ['客户ID', '外部ID', '姓名', '电话', '代理', '订单数', '累计消费(元)', '首单日期', '末单日期', '未付(元)', '来源', '分组', '价值档', '信用', '仍活跃概率', '未来90天预计下单', '理由', '地址', '省份', '城市', '区县'] as const

const yuan = (fen: number): string => (fen / 100).toFixed(2)

export interface ExportOptions {
  /** Only this agent's customers. */
  agentId?: string
  /** Classification to add (by customer id); customers without one get empty columns. */
  classes?: ReadonlyMap<string, CustomerClass>
}

/** Header plus one row per customer. */
export function customerRows(store: Store, options: ExportOptions = {}): string[][] {
  const agents = new Map(store.agents.all().map(a => [a.id, a.name]))
  const rows: string[][] = [[...CUSTOMER_COLUMNS]]
  for (const c of store.customers.all()) {
    if (options.agentId && c.agentId !== options.agentId) continue
    // The orders that stand, as everywhere else: cancelled and fully refunded ones are left out.
    const orders = store.orders.ofCustomer(c.id).filter(o => o.status === 'active')
    const spent = orders.reduce((s, o) => s + Math.max(0, (o.amountFen ?? 0) - o.refundedFen), 0)
    const owing = orders.reduce((s, o) => s + outstandingFen(o), 0)
    const dates = orders.map(o => o.placedOn).sort()
    const k = options.classes?.get(c.id)
    rows.push([
      c.id,
      c.externalId ?? '',
      c.name,
      c.phone ?? '',
      c.agentId ? agents.get(c.agentId) ?? '' : '',
      String(orders.length),
      yuan(spent),
      dates[0] ?? '',
      dates.at(-1) ?? '',
      yuan(owing),
      c.source ?? '',
      k ? GROUP_NAMES[k.group] : '',
      k?.tier ?? '',
      k?.credit ?? '',
      k?.pAlive === null || k === undefined ? '' : k.pAlive.toFixed(3),
      k?.expectedPurchases === null || k === undefined ? '' : k.expectedPurchases.toFixed(2),
      k ? k.reasons.join('；') : '',
      c.address ?? '',
      c.region?.province ?? '',
      c.region?.city ?? '',
      c.region?.district ?? '',
    ])
  }
  return rows
}
