/**
 * The descriptors of the collections kept in the main file: small ones, read and written whole. A
 * keyed map (counters, settings, job runs) is an object of values by name; the others are lists.
 */
import { productKey } from '../../domain/catalogue/product-key.js'
import type { CollectionDescriptor, MainKey } from './descriptor.js'
import { mainRecordSchemas as schemas } from './schema.js'

const main = 'main' as const
/** One invitation per customer and room. */
export const inviteKey = (r: { customerId: string, roomId: string }): string => `${r.customerId}\u0000${r.roomId}`

/** Every main-file collection, in the order the main file lists them. */
export const MAIN_COLLECTIONS: { readonly [K in MainKey]: CollectionDescriptor<K> } = {
  counters: { name: 'counters', storage: main, kind: 'map', schema: schemas.counters, indexes: [], classificationInput: false },
  agents: {
    name: 'agents',
    storage: main,
    kind: 'keyed',
    key: a => a.id,
    schema: schemas.agents,
    // Not unique: asked for the first agent with a contact or a name, as a search of the list would be.
    indexes: [
      { name: 'byContact', fields: ['contactId'], unique: false },
      { name: 'byName', fields: ['name'], unique: false },
    ],
    classificationInput: true,
  },
  products: {
    name: 'products',
    storage: main,
    kind: 'keyed',
    key: p => p.id,
    schema: schemas.products,
    // A spelling that is one product's name and another's alias is the first's: names are asked first.
    indexes: [
      { name: 'byName', fields: ['name'], unique: false, keys: p => [productKey(p.name)] },
      { name: 'byAlias', fields: ['aliases'], unique: false, keys: p => [...new Set(p.aliases.map(productKey))] },
    ],
    classificationInput: true,
  },
  pending: { name: 'pending', storage: main, kind: 'keyed', key: d => d.key, schema: schemas.pending, indexes: [], classificationInput: false },
  admins: { name: 'admins', storage: main, kind: 'keyed', key: a => a.contactId, schema: schemas.admins, indexes: [], classificationInput: false },
  snapshots: { name: 'snapshots', storage: main, kind: 'log', schema: schemas.snapshots, indexes: [], classificationInput: false },
  settings: { name: 'settings', storage: main, kind: 'map', schema: schemas.settings, indexes: [], classificationInput: true },
  jobRuns: { name: 'jobRuns', storage: main, kind: 'map', schema: schemas.jobRuns, indexes: [], classificationInput: false },
  invites: { name: 'invites', storage: main, kind: 'keyed', key: inviteKey, schema: schemas.invites, indexes: [], classificationInput: false },
}
