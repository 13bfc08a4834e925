/** A scheduled job, as the runner, the scheduler and the 任务 command see it (STYLE.md habit 8). */
import type { OutboundMessage } from '../../domain/outreach/outbound.js'

export interface JobContext {
  now: Date
  /** The merchant's local date of `now`. */
  today: string
  /** Work out what the job would do, changing nothing (任务 <名称> 预览). */
  preview: boolean
}

export interface JobResult {
  /** What the job did (or would do), in the merchant's words, one line each. */
  notes: string[]
  /** Messages to plan into the outbox (shown, not planned, in a preview). */
  messages: OutboundMessage[]
}

export interface Job {
  /** The name in config (`schedule.<name>`) and in `任务 <名称>`. */
  name: string
  /** Chinese name shown to the merchant. */
  title: string
  /** Other words for it in `任务`. */
  aliases: readonly string[]
  /** One line on what it does. */
  summary: string
  /** Carries out the job's own effects (never when previewing) and returns the messages it wants sent. */
  run(ctx: JobContext): Promise<JobResult>
}
