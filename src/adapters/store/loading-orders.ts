/**
 * The orders while older parts are still being read (deferred-parts.ts): what is in memory answers
 * when it can answer exactly — an order found by its id or number, the orders of a message lately,
 * the sender's last order when it is in memory — and anything that needs every order throws
 * `OrdersLoading` instead of answering from part of them.
 */
import { OrdersLoading, type OrderRepo } from '../../domain/ports.js'

export interface Loading {
  /** Every order is in memory. */
  done(): boolean
  /** Resolves when done; rejects when an older part could not be read. */
  promise: Promise<void>
  finish(error?: Error): void
}

export function createLoading(done: boolean): Loading {
  let finished = done
  let settle!: (error?: Error) => void
  const promise = new Promise<void>((resolve, reject) => {
    settle = error => (error ? reject(error) : resolve())
  })
  // Nobody may be waiting: a failure is reported where it is read (file-store.ts), not as unhandled.
  promise.catch(() => {})
  if (done) settle()
  return {
    done: () => finished,
    promise,
    finish(error) {
      if (finished) return
      finished = error === undefined
      settle(error)
    },
  }
}

/** `orders` answering only what the orders in memory answer exactly until `loading` is done. */
export function guardOrders(orders: OrderRepo, loading: Loading): OrderRepo {
  const found = <T>(what: string, value: T | undefined): T | undefined => {
    if (value !== undefined || loading.done()) return value
    throw new OrdersLoading(what)
  }
  const whole = (what: string): void => {
    if (!loading.done()) throw new OrdersLoading(what)
  }
  return {
    all() {
      whole('all orders')
      return orders.all()
    },
    byId: id => found(`order ${id}`, orders.byId(id)),
    byNo: no => found(`order #${no}`, orders.byNo(no)),
    bySource: id => orders.bySource(id),
    ofCustomer(customerId) {
      whole(`orders of ${customerId}`)
      return orders.ofCustomer(customerId)
    },
    lastRecordedBy: senderId => found(`last order of ${senderId}`, orders.lastRecordedBy(senderId)),
    placedOn(day) {
      whole(`orders of ${day}`)
      return orders.placedOn(day)
    },
    add: order => orders.add(order),
    update: order => orders.update(order),
  }
}
