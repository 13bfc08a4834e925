/**
 * Right after a start the store may still be reading its older orders (Store.loaded). A new order
 * from staff goes on at once — recording it needs only the customers and the orders of the last
 * days — and everything else waits until every order is in memory: a question answered from part of
 * the ledger would be wrong. When the wait is noticeable, staff who asked something are told.
 */
import type { Intent } from './read-message.js'
import type { Step, Turn } from './pipeline.js'

export const LOADING_NOTICE = '⏳ 刚启动，正在载入历史订单，载入完马上回答。'
/** A wait shorter than this goes unmentioned. */
const NOTICE_AFTER_MS = 1_000

/** A new order, 确认/取消 of one waiting, or an answer already decided (a refusal, the usage, silence). */
const goesAtOnce = (intent: Intent | undefined): boolean =>
  intent === undefined
  || intent.kind === 'answer'
  || (intent.kind === 'ledger' && intent.parsed.kind === 'order')
  || (intent.kind === 'command' && intent.def.recordsNewOrders === true)

/** Customers and strangers: their messages wait for every order (their own order is checked against their history). */
export const historyForContacts: Step = {
  name: 'history-for-contacts',
  async run(turn, next) {
    const { role } = turn.speaker
    if ((role === 'customer' || role === 'stranger') && !turn.deps.store.loaded()) await turn.deps.store.whenLoaded()
    return next()
  },
}

/** Staff: a new order, 确认/取消 of one, or an answer already decided goes on at once; a question or a money record waits for every order, and says so when that takes a moment. */
export const historyForStaff: Step = {
  name: 'history-for-staff',
  async run(turn, next) {
    if (turn.deps.store.loaded() || goesAtOnce(turn.intent)) return next()
    await waitSaying(turn)
    return next()
  },
}

async function waitSaying(turn: Turn): Promise<void> {
  const { store, chat, logger } = turn.deps
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), NOTICE_AFTER_MS)
  })
  try {
    const first = await Promise.race([store.whenLoaded(), late])
    if (first !== 'late') return
    if (!turn.msg.stale) {
      await chat.reply(turn.msg, LOADING_NOTICE).catch((error: unknown) => logger.warn('loading notice not sent', { error: String(error) }))
    }
    await store.whenLoaded()
  }
  finally {
    clearTimeout(timer)
  }
}
