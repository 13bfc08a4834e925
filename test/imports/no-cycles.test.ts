/**
 * No module in src imports itself through others: the layers read one way (domain ← app ← adapters),
 * and within a layer a file that needs another's helper or type gets it from a third, shared one.
 * Imports of types alone count too; a lazy `await import()` does not (it is how 帮助 reads the
 * registry that lists it).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const SRC = resolve(import.meta.dirname, '../../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const path = join(dir, e.name)
    return e.isDirectory() ? sourceFiles(path) : e.name.endsWith('.ts') ? [path] : []
  })
}

/** The files of src a file imports statically, types included (`import … from`, `export … from`). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const out: string[] = []
  for (const node of source.statements) {
    const spec = (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) ? node.moduleSpecifier : undefined
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue
    out.push(resolve(dirname(file), spec.text.replace(/\.js$/, '.ts')))
  }
  return out
}

/** Every cycle found by a depth-first walk, each as the chain of files that closes it. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const cycles: string[][] = []
  function visit(file: string): void {
    state.set(file, 'open')
    path.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    path.pop()
    state.set(file, 'done')
  }
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file)
  return cycles
}

describe('imports in src', () => {
  it('form no cycle', () => {
    const graph = new Map(sourceFiles(SRC).map(f => [f, importsOf(f)]))
    const cycles = findCycles(graph).map(c => c.map(f => relative(SRC, f)).join(' → '))
    expect(cycles).toEqual([])
  })

  it('a cycle is found when there is one', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']])
  })
})
