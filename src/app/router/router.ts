/**
 * The front door: every chat message goes through `handle`, along one chain of small steps —
 * reply ← dedupe ← failures ← order groups ← save ← speaker ← verify admin ← start-up code ← link
 * customer ← scope ← history (contacts) ← customer chat ← strangers ← read ← history (staff) ← act.
 * The history steps hold back what needs every order while older orders are still being read. Each step answers or passes the message on;
 * the use cases only change state, and `save` stores it once, before the reply goes out.
 */
import type { IncomingMessage } from '../../domain/types.js'
import type { AdminCode } from '../admin-code.js'
import type { AppDeps } from '../context.js'
import { localDate } from '../local-time.js'
import { type Classifier, createClassifier, type CurrentClassification } from '../segments/current.js'
import { toPolicy } from '../segments/policy-config.js'
import { NO_CUSTOMERS } from '../visibility.js'
import { dedupe, failures, orderGroups, reply, save } from './boundary-steps.js'
import { cleanText } from './clean-text.js'
import { historyForContacts, historyForStaff } from './history-steps.js'
import { createFairTurns } from './fair-turns.js'
import { compose, type Turn } from './pipeline.js'
import type { Speaker } from './roles.js'
import { bindAdmin, linkCustomer, scope, speaker, verifyAdmin } from './speaker-steps.js'
import { useCaseStore } from './use-case-store.js'
import { act, customerChat, read, strangers } from './use-case-steps.js'

export { FAILED_REPLY, SENT_PRIVATELY } from './boundary-steps.js'
export { BIND_ADMIN_WORD } from './speaker-steps.js'

export interface Router {
  /** Handles one message; resolves when its effects are stored and its reply (if any) was sent. */
  handle(msg: IncomingMessage): Promise<void>
}

export interface RouterOptions {
  adminCode?: AdminCode
  /** How many recent message ids to remember for dropping repeated deliveries. */
  recentIds?: number
}

/** Who speaks until the speaker step has looked. */
const STRANGER: Speaker = Object.freeze({ role: 'stranger', agent: undefined })

/** The classification as of the message's local day, computed on first use. */
function classifiedOn(classifier: Classifier, now: Date, timezone: string): () => CurrentClassification {
  return () => classifier.current(localDate(now, timezone))
}

export function createRouter(deps: AppDeps, options: RouterOptions = {}): Router {
  const classifier = createClassifier(deps.store, toPolicy(deps.config.classify))
  const recent = dedupe(deps, options.recentIds ?? 10_000)
  const run = compose([
    reply(deps),
    recent.step,
    failures(deps, recent.forget),
    orderGroups,
    save(deps),
    speaker,
    verifyAdmin,
    bindAdmin(options.adminCode),
    linkCustomer,
    scope,
    historyForContacts,
    customerChat,
    strangers,
    read,
    historyForStaff,
    act,
  ])

  // What the use cases get: the same ports, with a store that refuses `commit()` (only `save` commits).
  const useCaseDeps: AppDeps = { ...deps, store: useCaseStore(deps.store) }

  function turnOf(msg: IncomingMessage): Turn {
    const now = deps.clock.now()
    return {
      msg,
      text: cleanText(msg.text),
      now,
      deps: useCaseDeps,
      speaker: STRANGER,
      visible: NO_CUSTOMERS,
      classified: classifiedOn(classifier, now, deps.config.timezone),
    }
  }

  // A burst of messages (or the many waiting on one group commit, released at once) never holds the
  // event loop for the whole burst: each message waits for its share of a turn.
  const takeTurn = createFairTurns()
  return {
    async handle(msg) {
      await takeTurn()
      await run(turnOf(msg))
    },
  }
}
