// Builds the control center's page (web/control-center/: React + TypeScript) with Vite into
// `outDir`, for the server to serve at /me (src/http/control-center-page.ts). Called by
// scripts/build.mjs (so `npm ci` builds it) and by the browser tests.
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', 'web', 'control-center')

/** Builds the page into `outDir` (emptied first). */
export async function buildControlCenter(outDir) {
  const { build } = await import('vite')
  const { default: react } = await import('@vitejs/plugin-react')
  await build({
    root,
    base: '/me/',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      assetsDir: 'assets',
      // No inline script or style anywhere: the page is served under a CSP without 'unsafe-inline'.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      sourcemap: false,
    },
  })
}
