/**
 * The catalogue as a CSV table (`wxcrm products import/export`): columns 名称, 别名 (separated by `|`),
 * 单位, 售价, 成本, prices in yuan. An empty cell leaves the catalogue's figure as it is.
 */
import { parseMoney } from '../../domain/money.js'
import type { Store } from '../../domain/ports.js'
import { addAlias, mergeProducts, setFigures, type Figures } from '../ledger/product-admin.js'

export const PRODUCT_COLUMNS = ['名称', '别名', '单位', '售价', '成本'] as const

const yuan = (fen: number | null): string => (fen === null ? '' : (fen / 100).toFixed(2))

/** Header plus one row per product. */
export function productRows(store: Store): string[][] {
  return [[...PRODUCT_COLUMNS], ...store.products.all().map(p => [p.name, p.aliases.join('|'), p.unit ?? '', yuan(p.priceFen), yuan(p.costFen)])]
}

export interface ProductImportReport {
  added: number
  updated: number
  /** Spellings learned from orders that the file names as aliases, merged into its product. */
  merged: number
  /** Orders whose lines got a cost (with `history`). */
  ordersUpdated: number
  bad: { line: number, problem: string }[]
}

/** Reads one money cell: undefined when empty, null when unreadable. */
function money(cell: string | undefined): number | undefined | null {
  const text = (cell ?? '').trim()
  return text === '' ? undefined : parseMoney(text)
}

/** Adds or updates a product per row; bad rows are reported by line and change nothing. */
export function importProducts(store: Store, rows: readonly { line: number, values: Record<string, string> }[], options: { history: boolean, now: Date }): ProductImportReport {
  const at = options.now.toISOString()
  const report: ProductImportReport = { added: 0, updated: 0, merged: 0, ordersUpdated: 0, bad: [] }
  for (const { line, values } of rows) {
    const name = (values['名称'] ?? '').trim()
    if (name === '') {
      report.bad.push({ line, problem: '名称为空' })
      continue
    }
    const priceFen = money(values['售价'])
    const costFen = money(values['成本'])
    if (priceFen === null || costFen === null) {
      report.bad.push({ line, problem: `金额看不懂：售价“${values['售价'] ?? ''}”，成本“${values['成本'] ?? ''}”` })
      continue
    }
    const aliases = (values['别名'] ?? '').split('|').map(a => a.trim()).filter(a => a !== '')
    const own = store.products.byName(name)?.id
    const others = aliases.flatMap(a => {
      const p = store.products.byName(a)
      return p && p.id !== own ? [{ a, p }] : []
    })
    // A spelling only learned from orders (no figures of its own) is the file's product: merge it in.
    const taken = others.find(x => x.p.costFen !== null || x.p.priceFen !== null)
    if (taken) {
      report.bad.push({ line, problem: `别名“${taken.a}”已是另一个商品“${taken.p!.name}”，请先在聊天里发“商品 合并 ${name} ${taken.p!.name}”` })
      continue
    }
    const unit = (values['单位'] ?? '').trim()
    const figures: Figures = { priceFen, costFen, unit: unit === '' ? undefined : unit }
    for (const { p } of others) mergeProducts(store, name, p.name, at)
    report.merged += others.length
    const r = setFigures(store, name, figures, options.history && costFen !== undefined, at)
    for (const a of aliases) addAlias(store, name, a, at)
    if (own === undefined) report.added++
    else report.updated++
    report.ordersUpdated += r.ordersUpdated
  }
  return report
}
