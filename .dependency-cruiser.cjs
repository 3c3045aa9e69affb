/**
 * Candor's dependency rules (STYLE.md "Dependency direction"), checked by `npm run depcruise`,
 * which `npm test` runs.
 */
const DOMAIN =
  '^src/modules/[^/]+/(?!kysely-|.*-routes\\.ts$|.*-schemas\\.ts$|.*\\.test\\.ts$|create-|file-).+\\.ts$'
/** Where person data lives: each person-data module's `person-data.ts` and its stores. */
const PERSON_DATA =
  '^src/modules/(events|data-items|interests|decisions)/(person-data|(kysely-)?[a-z-]*-store)\\.ts$'
module.exports = {
  forbidden: [
    {
      name: 'kernel-is-a-leaf',
      severity: 'error',
      comment: 'kernel/ imports nothing from src/',
      from: { path: '^src/kernel/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/', pathNot: '^src/kernel/' },
    },
    {
      name: 'crypto-imports-only-kernel',
      severity: 'error',
      comment: 'crypto/ imports only kernel/ (its kysely-key-store.ts adapter also imports storage/)',
      from: { path: '^src/crypto/', pathNot: '^src/crypto/kysely-' },
      to: { path: '^src/', pathNot: '^src/(kernel|crypto)/' },
    },
    {
      name: 'domain-free-of-http-and-sql',
      severity: 'error',
      comment:
        'domain files never import fastify, kysely, pg, better-sqlite3, http/, storage/ or *-schemas.ts',
      from: { path: DOMAIN },
      to: {
        path: [
          '^src/http/',
          '^src/storage/',
          '-schemas\\.ts$',
          'node_modules/(fastify|kysely|pg|better-sqlite3|@fastify)/',
        ],
        // Ingestion parses external Segment messages with zod: that schema is domain parsing, not API types.
        pathNot: '^src/modules/ingestion/steps/segment-message-schemas\\.ts$',
      },
    },
    {
      name: 'routes-call-services-not-stores',
      severity: 'error',
      from: { path: '-routes\\.ts$' },
      to: { path: ['kysely-.*-store\\.ts$', '-store\\.ts$'] },
    },
    {
      name: 'modules-through-index',
      severity: 'error',
      comment: 'module A imports module B only through modules/b/index.ts (routes may reuse sibling schemas)',
      from: { path: '^src/modules/([^/]+)/', pathNot: '-routes\\.ts$|-schemas\\.ts$' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: [
          '^src/modules/$1/',
          '^src/modules/[^/]+/index\\.ts$',
          // Person data has its own entry; who may use it is the next rule's business.
          '^src/modules/[^/]+/person-data\\.ts$',
        ],
      },
    },
    {
      name: 'person-data-only-through-policy',
      severity: 'error',
      comment:
        "Candor's central rule: person data (the event, data-item, interest and decision stores, and opening an event's payload) lives in each module's person-data.ts and its stores, never in its index.ts. Only the module itself, policy/ (which decides what a brand may see), erasure/ (which shreds it) and the composition root import them. Everyone else asks the policy engine.",
      from: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/(policy|erasure)/' },
      to: {
        path: PERSON_DATA,
        pathNot: '^src/modules/$1/',
      },
    },
    {
      name: 'person-data-only-through-policy-outside-modules',
      severity: 'error',
      comment:
        'The same rule for code outside the modules: only the composition root (src/app/) may import person data.',
      from: { path: '^src/', pathNot: ['^src/modules/', '^src/app/'] },
      to: { path: PERSON_DATA },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { pathNot: '^src/modules/[^/]+/index\\.ts$' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
}
