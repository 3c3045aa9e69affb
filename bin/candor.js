#!/usr/bin/env node
// Runs the compiled program (dist/, built by `npm ci` through the `prepare` script, or by
// `npm run build`). Without dist/, or with CANDOR_FROM_SOURCE=1 (the tests, development), it runs
// the TypeScript sources through tsx, a development dependency: slower to start.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/main.js', import.meta.url)
if (process.env.CANDOR_FROM_SOURCE !== '1' && existsSync(compiled)) {
  await import(compiled.href)
} else {
  let tsx
  try {
    tsx = await import('tsx/esm/api')
  } catch {
    process.stderr.write('candor: dist/ is missing: run `npm run build` (npm ci runs it) to compile Candor\n')
    process.exit(1)
  }
  if (process.env.CANDOR_FROM_SOURCE !== '1')
    process.stderr.write(
      'candor: running the TypeScript sources (slow start); `npm run build` compiles them\n',
    )
  tsx.register()
  await import('../src/main.ts')
}
