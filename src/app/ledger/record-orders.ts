/** 报单: drafts become customers and orders, or a question back to the agent. */
import { tellApart } from '../../domain/customer/identity.js'
import type { OrderDraft } from '../../domain/order/draft.js'
import type { PendingDraft, PendingOrder } from '../../domain/types.js'
import { type MessageContext, pendingKey, type Reply } from '../context.js'
import { isoOf } from '../local-time.js'
import { draftLine, issueLines, orderLine } from './format.js'
import { type Identity, identifyCustomer, type Recorder, recordOrder, type RecordResult } from './record-order.js'

type Recorded = Extract<RecordResult, { kind: 'recorded' }>

export const ORDER_FOOTER = '有误请发“撤销”，或“改 上一单 金额 298”'

/** A draft waiting for 确认 is forgotten after this long. */
export const PENDING_TTL_MS = 60 * 60_000

/** The sender's waiting draft in this conversation, if it has not expired. */
function livePending(ctx: MessageContext): PendingDraft | undefined {
  const pending = ctx.deps.store.pending.get(pendingKey(ctx.msg))
  if (!pending) return undefined
  return ctx.now.getTime() - Date.parse(pending.createdAt) <= PENDING_TTL_MS ? pending : undefined
}

/** Handles a message the parser read as one or more orders. */
export async function handleOrderMessage(ctx: MessageContext, parsed: OrderDraft[], messageIssues: OrderDraft['issues']): Promise<Reply> {
  const { store } = ctx.deps
  // A copy of a 接龙 repeats the entries already recorded: only the new ones go on.
  const scoped = parsed.map(o => (o.key === undefined ? o : { ...o, key: chainSource(ctx, o.key) }))
  const orders = scoped.filter(o => o.key === undefined || !recordedLately(ctx, o.key))
  const repeated = scoped.length - orders.length
  if (orders.length === 0) return ctx.inRoom || ctx.msg.stale ? null : '这条接龙里的报单都已经记录过了。'
  const drafts = orders.map(toPending)
  const issues = [...messageIssues, ...orders.flatMap(o => o.issues)]
  if (ctx.msg.stale) {
    // Backlog after a restart: record what is complete, never reply, never ask.
    if (issues.length > 0 || unresolved(ctx, drafts)) {
      ctx.deps.logger.warn('late order not recorded: it needs a question', { id: ctx.msg.id, sender: ctx.msg.senderName, issues: issues.map(i => i.code) })
      return null
    }
    recordDrafts(ctx, drafts, ctx.msg.id)
    return null
  }
  const blocking = issues.filter(i => i.blocking)
  if (blocking.length > 0) {
    return ['⚠️ 这条报单没有记录：', ...drafts.map(d => `· ${draftLine(d, ctx.inRoom)}`), ...issueLines(blocking), '请改好后重新发送。'].join('\n')
  }
  const question = unresolved(ctx, drafts)
  if (question) return question
  if (issues.length > 0) {
    const pending: PendingDraft = {
      key: pendingKey(ctx.msg),
      senderId: ctx.msg.senderId,
      agentId: ctx.agent?.id ?? null,
      sourceMessageId: ctx.msg.id,
      placedOn: ctx.today,
      createdAt: ctx.now.toISOString(),
      drafts,
    }
    store.pending.put(pending)
    return ['❓ 我是这样理解的：', ...drafts.map(d => `· ${draftLine(d, ctx.inRoom)}`), ...issueLines(issues), '回复“确认”按上面记录，回复“取消”放弃；也可以改好后重新发送。'].join('\n')
  }
  const recorded = recordDrafts(ctx, drafts, ctx.msg.id)
  // A corrected resend replaces the question it answers: a later 确认 must not record it again.
  // (Only when there is one: a removal is a change the store writes, even of nothing.)
  const key = pendingKey(ctx.msg)
  if (store.pending.get(key)) store.pending.remove(key)
  const reply = recordedReply(ctx, recorded)
  return repeated > 0 ? `${reply}\n（接龙里另有 ${repeated} 条之前已记录，没有重复记）` : reply
}

/** How long a copy of a 接龙 still counts as the same chain. */
const CHAIN_DAYS = 3

/** The ledger key of a 接龙 entry: the conversation it was posted in, the chain, the entry. */
function chainSource(ctx: MessageContext, key: string): string {
  return `接龙|${ctx.msg.roomId ?? `dm:${ctx.msg.senderId}`}|${key}`
}

function recordedLately(ctx: MessageContext, key: string): boolean {
  const since = ctx.now.getTime() - CHAIN_DAYS * 24 * 3600_000
  return ctx.deps.store.orders.bySource(key).some(o => Date.parse(o.recordedAt) >= since)
}

/** 确认: records the sender's waiting draft in this conversation. */
export async function confirmPending(ctx: MessageContext): Promise<Reply> {
  const { store } = ctx.deps
  const pending = livePending(ctx)
  if (!pending) return ctx.inRoom ? null : '没有等待确认的报单。'
  const question = unresolved(ctx, pending.drafts)
  if (question) return question
  const recorded = recordDrafts(ctx, pending.drafts, pending.sourceMessageId, pending.placedOn)
  store.pending.remove(pending.key)
  return recordedReply(ctx, recorded)
}

/** 取消: drops the sender's waiting draft. */
export async function cancelPending(ctx: MessageContext): Promise<Reply> {
  const { store } = ctx.deps
  const pending = livePending(ctx)
  if (!pending) return ctx.inRoom ? null : '没有等待确认的报单。'
  store.pending.remove(pending.key)
  return '已取消，这条报单没有记录。'
}

function toPending(d: OrderDraft): PendingOrder {
  return {
    customer: { name: d.customer.name, phone: d.customer.phone, address: d.customer.address },
    lines: d.lines.map(l => ({ ...l })),
    amountFen: d.amountFen,
    payment: d.payment,
    paidFen: d.paidFen,
    date: d.date,
    note: d.note,
    ...(d.referrer ? { referrer: d.referrer } : {}),
    ...(d.key === undefined ? {} : { key: d.key }),
  }
}

/** The recorder of a chat order: the sender, their agent record, the message it came from. */
function chatRecorder(ctx: MessageContext, sourceId: string, day = ctx.today): Recorder {
  return { agentId: ctx.agent?.id ?? null, ownCustomersOnly: ctx.role === 'agent', by: ctx.msg.senderId, sourceId, day }
}

/** The reply when a chat order's customer cannot be told; null when it can. */
function identityQuestion(who: Identity): string | null {
  switch (who.kind) {
    case 'not-theirs': return '⚠️ 这个电话已登记在别的代理或商家名下，这条报单没有记录。请联系管理员核对。'
    case 'missing': return '⚠️ 没看出是哪位客户，请写上客户名字或电话，如“张三 13800138000 面膜2盒 398”。'
    case 'ambiguous': return `❓ 有${who.candidates.length}位客户叫“${who.name}”（${tellApart(who.candidates)}），请在报单里加上电话以便区分。这条报单还没有记录。`
    default: return null
  }
}

/** A question when a draft's customer cannot be told apart; null when every draft resolves. */
function unresolved(ctx: MessageContext, drafts: readonly PendingOrder[]): string | null {
  const by = chatRecorder(ctx, ctx.msg.id)
  for (const d of drafts) {
    const question = identityQuestion(identifyCustomer(ctx.deps.store, d.customer, by))
    if (question) return question
  }
  return null
}

/** Stores the drafts as orders (creating customers as needed). Call `unresolved` first. */
export function recordDrafts(ctx: MessageContext, drafts: readonly PendingOrder[], sourceMessageId: string, placedOn = ctx.today): Recorded[] {
  const out: Recorded[] = []
  for (const d of drafts) {
    const result = recordOrder(ctx.deps, d, chatRecorder(ctx, d.key ?? sourceMessageId, placedOn), ctx.now)
    if (result.kind !== 'recorded') throw new Error(`customer not resolved: ${result.kind}`)
    out.push(result)
  }
  ctx.deps.store.handled.add(sourceMessageId, isoOf(ctx.now))
  return out
}

function recordedReply(ctx: MessageContext, recorded: readonly Recorded[]): string {
  const lines = recorded.map(r => `${orderLine(r.order, r.customer, ctx.inRoom, ctx.today)}${r.isNew ? '（新客户）' : ''}`)
  const head = recorded.length === 1 ? '✅ 已记录' : `✅ 已记录 ${recorded.length} 单`
  return [head, ...lines, ORDER_FOOTER].join('\n')
}

