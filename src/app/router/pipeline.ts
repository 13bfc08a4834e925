/**
 * The message path as a chain of small named steps, the way grammY's `Composer` chains middleware:
 * each step answers the message itself or passes it on with `next()`, and may act after the steps
 * behind it have answered (the boundary saves there, the outermost step sends the reply).
 */
import type { IncomingMessage } from '../../domain/types.js'
import { localDate } from '../local-time.js'
import type { AppDeps, MessageContext, Reply } from '../context.js'
import type { CurrentClassification } from '../segments/current.js'
import type { CustomerView } from '../visibility.js'
import type { CleanText } from './clean-text.js'
import type { Intent } from './read-message.js'
import type { Speaker } from './roles.js'

/** One message on its way through the steps; each step fills in what it found out. */
export interface Turn {
  /** The message as delivered. */
  msg: IncomingMessage
  /** Its text, cleaned once. */
  text: CleanText
  now: Date
  /** The ports, with a store whose `commit()` fails: the use cases change state, the boundary saves it. */
  deps: AppDeps
  /** Who is speaking (a stranger until the speaker step has looked). */
  speaker: Speaker
  /** The customers the speaker may see (no one until the scope step has decided). */
  visible: CustomerView
  /** What the message is (set by the read step, for staff). */
  intent?: Intent
  /** The merchant's customers classified as of today (computed on first use, cached). */
  classified(): CurrentClassification
  /** What the use cases get (made on first use, after the speaker and the view are settled). */
  context?: MessageContext
}

/**
 * What a use case gets: the turn as far as the steps before it have resolved it. Use cases run after
 * `scope`, which settles who speaks and what they see, so the context is made once per message.
 */
export function contextOf(turn: Turn): MessageContext {
  return turn.context ??= makeContext(turn)
}

function makeContext(turn: Turn): MessageContext {
  const { msg, deps, now, speaker } = turn
  return {
    deps,
    classified: turn.classified,
    msg: { ...msg, text: turn.text.text },
    rawText: turn.text.raw,
    role: speaker.role,
    agent: speaker.agent,
    visible: turn.visible,
    today: localDate(new Date(msg.sentAt), deps.config.timezone),
    now,
    inRoom: msg.roomId !== null,
  }
}

export type Next = () => Promise<Reply>
export interface Step {
  /** For logs and for reading the chain: what this step decides. */
  name: string
  run(turn: Turn, next: Next): Promise<Reply>
}

/** Runs the steps from `i` on; the message falls silent when the last step passes it on. */
function runFrom(steps: readonly Step[], i: number, turn: Turn): Promise<Reply> {
  return i < steps.length ? steps[i]!.run(turn, () => runFrom(steps, i + 1, turn)) : Promise.resolve(null)
}

/** Runs the steps in order; the message falls silent when the last step passes it on. */
export function compose(steps: readonly Step[]): (turn: Turn) => Promise<Reply> {
  return turn => runFrom(steps, 0, turn)
}
