import { parseMessage } from '../src/domain/order/parse-message.js'
import { toParseJson } from '../src/domain/order/parse-json.js'
for (const t of process.argv.slice(2)) console.log(t.replace(/\n/g,'⏎'), JSON.stringify(toParseJson(parseMessage(t, { today: '2026-11-23' })).orders.map(o => [o.customer.name, o.customer.phone, o.lines.map(l => `${l.name}×${l.qty}${l.unit??''}${l.amountFen!==null?'='+l.amountFen:''}`).join(','), o.amountFen, o.payment, o.note, o.issues?.join(',')])))
