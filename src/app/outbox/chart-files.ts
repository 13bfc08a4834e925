/** Draws the attachments outbox entries name by reference (`chart:pyramid:<date>`), at send time. */
import type { ChartRenderer } from '../../domain/charts/specs.js'
import type { OutboundFile } from '../../domain/outreach/outbound.js'
import { SendError } from '../../domain/outreach/send-error.js'
import type { OutFile, Store } from '../../domain/ports.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import { classifyStore } from '../segments/reclassify.js'
import { pyramidOf } from '../views/charts.js'

/** The send queue's `loadFile`: the merchant-wide pyramid as of the date in the ref. */
export function chartFileLoader(store: Store, policy: ClassifyPolicy, charts: ChartRenderer): (file: OutboundFile) => Promise<OutFile> {
  return async (file) => {
    const m = /^chart:pyramid:(\d{4}-\d{2}-\d{2})$/.exec(file.ref)
    if (!m) throw new SendError(`不认识的附件 ${file.ref}`, '', 'drop')
    // A chart counts every order: right after a start, the older ones may still be on their way in.
    await store.whenLoaded()
    const c = classifyStore(store, m[1]!, policy)
    return { name: file.name, bytes: await charts.render(pyramidOf(c.customers, c.asOf, '全部客户')) }
  }
}
