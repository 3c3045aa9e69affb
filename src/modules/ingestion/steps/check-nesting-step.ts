import { drop, ok, type StepResult } from './results.js'

/**
 * Deepest accepted nesting of objects and arrays inside one message (the message object itself
 * is level 1). Real SDK payloads nest 4–8 levels (`context.page`, `properties.products[].…`).
 * The bound exists because JSON parsing is iterative but serializing is recursive: a 32 KB body
 * of `[[[[…]]]]` parses fine and then makes `JSON.stringify` (in size checks, hashing and
 * storage) throw a stack overflow.
 */
export const MAX_NESTING_DEPTH = 64

/**
 * Refuses a parsed JSON value nested deeper than `maxDepth` levels, without recursion (so it
 * cannot itself overflow the stack). Scalars have depth 0. Returns the value unchanged when it
 * passes.
 *
 * @example
 * ```ts
 * checkNesting({ a: { b: [1] } })          // ok({ a: { b: [1] } })
 * checkNesting([[[1]]], 2)                   // drop('nesting-too-deep')
 * ```
 */
export function checkNesting<T>(value: T, maxDepth: number = MAX_NESTING_DEPTH): StepResult<T> {
  if (typeof value !== 'object' || value === null) return ok(value)
  const stack: { node: object; depth: number }[] = [{ node: value, depth: 1 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    if (depth > maxDepth) return drop('nesting-too-deep')
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node)
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: depth + 1 })
    }
  }
  return ok(value)
}
