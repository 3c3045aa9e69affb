// Compiles Candor (src/, TypeScript) into dist/: JavaScript bundles that `bin/candor.js` and the
// writer thread run. `npm ci` runs it (the `prepare` script); run `npm run build` after changing
// src/. Plain JavaScript, so it needs nothing but esbuild.
//
// One bundle with its dependencies, split at the dynamic imports (each CLI command loads its own
// code): loading one file per package instead of hundreds of small modules is what makes
// `candor --help` and the server's start fast. Kept outside the bundle: native modules and
// packages that read their own files at run time.
//
//   node scripts/build.mjs [--outdir <dir inside the repository>]
import { rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { build } from 'esbuild'

const root = join(import.meta.dirname, '..')
const i = process.argv.indexOf('--outdir')
const outdir = i > 0 && process.argv[i + 1] ? process.argv[i + 1] : join(root, 'dist')
const started = performance.now()

rmSync(outdir, { recursive: true, force: true })
await build({
  absWorkingDir: root,
  // The writer thread is its own entry: a worker starts from a file.
  entryPoints: { main: 'src/main.ts', 'writer-thread': 'src/app/writer/writer-thread.ts' },
  outdir,
  // Flat: the writer-thread entry sits next to the chunk that starts it.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [
    'better-sqlite3', // native
    'pg-native', // optional native driver of pg, never installed
    '@fastify/swagger-ui', // serves its own static files
  ],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __candorRequire } from 'node:module'; const require = __candorRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
})
// The control center's page (React, web/control-center/) → <outdir>/web/control-center, served at /me.
const { buildControlCenter } = await import('./build-web.mjs')
await buildControlCenter(join(outdir, 'web', 'control-center'))
process.stderr.write(
  `candor: compiled to ${relative(process.cwd(), outdir) || '.'} in ${Math.round(performance.now() - started)} ms\n`,
)
