/**
 * `npm run eval:dormancy [-- --tune] [-- --quick]`: measures 睡眠型 on simulated merchants with known
 * truth and prints one Markdown table (the README quotes it). With --tune, it searches the dormancy
 * thresholds for the best worst-case ratio to the oracle and prints the winner first.
 */
import { DEFAULT_POLICY, type ClassifyPolicy } from '../src/domain/segment/policy.js'
import { evaluateScenario, scoreDormancy, SCENARIOS, type DormancyScore, type MerchantScenario } from '../src/sim/dormancy-eval.js'

const args = new Set(process.argv.slice(2))
const sizes = args.has('--quick') ? [300, 1000] : [300, 1000, 3000, 10_000]
const seeds = args.has('--quick') ? [1] : [1, 2]

const runs = SCENARIOS.flatMap(sc => sizes.flatMap(n => seeds.map(seed => ({ ...sc, n, seed }) as MerchantScenario)))
const evaluated = runs.map(s => ({ s, ...evaluateScenario(s, DEFAULT_POLICY) }))

function withDormant(d: Partial<ClassifyPolicy['dormant']>): ClassifyPolicy {
  return { ...DEFAULT_POLICY, dormant: { ...DEFAULT_POLICY.dormant, ...d } }
}

if (args.has('--tune')) {
  const grid: { policy: ClassifyPolicy, label: string, worst: number, mean: number }[] = []
  for (const pAlive of [0.3, 0.4, 0.5, 0.6])
    for (const silenceRatio of [1.5, 2, 2.5, 3])
      for (const minSilenceDays of [30, 45, 60])
        for (const silenceMaxPAlive of [0.7, 0.8, 0.9, 1]) {
          const policy = withDormant({ pAlive, silenceRatio, minSilenceDays, silenceMaxPAlive })
          const ratios = evaluated.map(e => scoreDormancy(e.s, e.classification, e.dead, policy).ratio)
          grid.push({ policy, label: JSON.stringify({ pAlive, silenceRatio, minSilenceDays, silenceMaxPAlive }), worst: Math.min(...ratios), mean: ratios.reduce((a, b) => a + b, 0) / ratios.length })
        }
  grid.sort((a, b) => b.worst - a.worst || b.mean - a.mean)
  for (const g of grid.slice(0, 8)) console.log(`worst ${g.worst.toFixed(3)} mean ${g.mean.toFixed(3)} ${g.label}`)
}

const rows = new Map<string, DormancyScore[]>()
for (const e of evaluated) {
  const key = `${e.s.name}|${e.s.n}`
  rows.set(key, [...(rows.get(key) ?? []), e.score])
}
const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
console.log('| 模拟商家 | 客户数 | 回头客 | 方法 | F1 | 理想 F1 | 比值 |')
console.log('|---|---|---|---|---|---|---|')
let worst = Infinity
for (const [key, scores] of rows) {
  const [name, n] = key.split('|')
  const ratio = avg(scores.map(s => s.ratio))
  worst = Math.min(worst, ...scores.map(s => s.ratio))
  console.log(`| ${name} | ${n} | ${Math.round(avg(scores.map(s => s.repeaters)))} | ${scores[0]!.method} | ${avg(scores.map(s => s.f1)).toFixed(3)} | ${avg(scores.map(s => s.oracleF1)).toFixed(3)} | ${ratio.toFixed(3)} |`)
}
console.log(`\n最差一次的比值：${worst.toFixed(3)}（${seeds.length} 个随机种子 × ${runs.length / seeds.length} 组）`)
