import { describe, expect, it } from 'vitest'
import { allocatePayment } from '../../../src/domain/ledger/payments.js'
import type { Order } from '../../../src/domain/types.js'
import { anOrder } from '../../helpers/builders.js'

const order = (no: number, placedOn: string, payment: Order['payment'], amountFen = 10000, paidFen = 0): Order =>
  anOrder({ id: `o${no}`, no, customerId: 'c1', placedOn, payment, amountFen, paidFen })

describe('allocatePayment', () => {
  it('settles orders marked as owing first, oldest first, then orders whose payment was not stated', () => {
    const orders = [
      order(1, '2026-10-01', null),
      order(2, '2026-10-05', 'unpaid'),
      order(3, '2026-10-03', 'cod'),
      order(4, '2026-10-02', 'deposit', 10000, 3000),
      order(5, '2026-09-01', 'paid', 10000, 10000),
    ]
    expect(allocatePayment(orders, 35000)).toEqual({
      applied: [{ orderId: 'o4', amountFen: 7000 }, { orderId: 'o3', amountFen: 10000 }, { orderId: 'o2', amountFen: 10000 }, { orderId: 'o1', amountFen: 8000 }],
      leftFen: 0,
    })
  })

  it('keeps what is left as paid in advance', () => {
    expect(allocatePayment([order(1, '2026-10-01', 'unpaid')], 15000)).toEqual({ applied: [{ orderId: 'o1', amountFen: 10000 }], leftFen: 5000 })
    expect(allocatePayment([order(1, '2026-10-01', 'paid', 10000, 10000)], 5000)).toEqual({ applied: [], leftFen: 5000 })
  })
})
