import { z } from 'zod'
import { formatPlan } from '../../domain/outreach/format-plan.js'
import type { Recipient } from '../../domain/outreach/outbound.js'
import type { Store } from '../../domain/ports.js'
import type { MessageContext } from '../context.js'
import type { JobOutcome, JobRunner } from '../jobs/runner.js'
import { localDateTime } from '../local-time.js'
import { defineCommand } from '../router/types.js'

const PREVIEW = ['预览', '试运行', 'preview'] as const
const USAGE = '任务 <名称> [预览]｜任务（列出全部任务）'

export const taskCommand = defineCommand({
  name: '任务',
  aliases: ['job'],
  roles: ['admin'],
  summary: '立即运行一个定时任务；加“预览”只看它会做什么、发什么（不保存、不发送）',
  usage: USAGE,
  // Previews quote every agent's customers (names, what they bought): never in the order group.
  privateInRooms: true,
  args: z.union([z.tuple([]), z.tuple([z.string()]), z.tuple([z.string(), z.enum(PREVIEW)])], { error: `用法：${USAGE}` }),
  async run(ctx, words: string[]) {
    const { jobs, store, logger } = ctx.deps
    if (!jobs) return '定时任务没有启用。'
    if (words.length === 0) return jobList(ctx, jobs)
    const job = jobs.find(words[0]!)
    if (!job) return `没有叫“${words[0]}”的任务。可用的任务：${jobs.jobs().map(j => `${j.name}（${j.title}）`).join('、')}`
    const preview = words.length > 1
    let outcome: JobOutcome
    try {
      outcome = await jobs.run(job, { preview })
    }
    catch (error) {
      logger.error('job run from chat failed', { job: job.name, error: String(error) })
      return `❌ 任务「${job.title}」运行失败，没有完成。请稍后再试。`
    }
    if (outcome.busy) return `⏳ 任务「${job.title}」正在运行，请稍后再试。`
    if (preview) {
      const plan = formatPlan(outcome.messages, { nameOf: recipientName(store) })
      return [`🔍 预览「${job.title}」（${job.name}），不会保存，也不会发送：`, ...outcome.notes, plan].join('\n')
    }
    return [`✅ 已运行「${job.title}」（${job.name}）：`, ...outcome.notes, plannedText(outcome)].join('\n')
  },
})

function plannedText(outcome: JobOutcome): string {
  const p = outcome.planned
  if (!p || outcome.messages.length === 0) return '没有要发送的消息。'
  const again = p.duplicates > 0 ? `（另有 ${p.duplicates} 条之前已安排过，不会重复发送）` : ''
  return `已放入发件箱 ${p.added.length} 条，将按节奏发送${again}。`
}

function jobList(ctx: MessageContext, jobs: JobRunner): string {
  const { config, store } = ctx.deps
  const schedule: Readonly<Record<string, string>> = config.schedule
  const lines = jobs.jobs().map((j) => {
    const last = store.jobRuns.get(j.name)
    const when = schedule[j.name] ? `时间 ${schedule[j.name]}` : '不定时'
    return `· ${j.name}（${j.title}）：${j.summary}；${when}；上次运行 ${last ? localDateTime(new Date(last), config.timezone) : '还没有'}`
  })
  return ['⏰ 定时任务（时间为 cron 写法：分 时 日 月 周）：', ...lines, `用法：${USAGE}`].join('\n')
}

/** Names for a plan's recipients: agents, admins, customers linked to a contact (an invitation: the one invited). */
function recipientName(store: Store): (to: Recipient) => string | undefined {
  return (to) => {
    const id = to.contactId
    if (!id) return undefined
    return store.agents.byContact(id)?.name
      ?? store.admins.byContact(id)?.name
      ?? store.customers.byContact(id)?.name
  }
}
