/**
 * BG/NBD customer-base model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way",
 * Marketing Science 24(2)); formulas and numerics follow docs ANALYTICS.md §2–§4.
 * This module holds the types; the maths lives in the bgnbd-* files and is re-exported here.
 */

export type { BgnbdFit, BgnbdParams, FitOptions, Rft } from './bgnbd-types.js'
export { bgnbdGradient, bgnbdLogLikelihood } from './bgnbd-likelihood.js'
export { fitBgnbd } from './bgnbd-fit.js'
export { expectedPurchases, expectedPurchasesNew, pAlive, probPurchases } from './bgnbd-predict.js'
