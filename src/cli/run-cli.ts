import { join } from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import type { Candor, CandorOptions } from '../app/create-candor.js'
import type { Config } from '../config/config-schema.js'
import type { ConfigOverrides } from '../config/load-config.js'
import { isCandorError } from '../kernel/errors.js'
import { CANDOR_VERSION } from '../kernel/version.js'
import { KEY_KINDS, type KeyKind } from '../modules/keys/api-key.js'

// Only commander and the option lists load before a command runs: `candor --help` and
// `candor --version` answer without loading the server, the storage or the demo. Each action
// imports what it needs.
const appModule = () => import('../app/create-candor.js')
const configModule = () => import('../config/load-config.js')

interface BrandUpdateFlags {
  name?: string
  origin?: string[]
  addOrigin?: string[]
  removeOrigin?: string[]
  displayName?: string
  primaryColor?: string
  accentColor?: string
  logoUrl?: string
  privacyPolicyUrl?: string
}

interface GlobalFlags {
  dataDir?: string
  databaseUrl?: string
  databaseSchema?: string
  logLevel?: string
}

const out = (line: string) => process.stdout.write(`${line}\n`)

/**
 * Parses argv and runs one command. Returns the exit code (undefined: keep running, e.g. serve).
 * Commands call the same services as the HTTP API; no SQL here.
 */
export async function runCli(argv: readonly string[]): Promise<number | undefined> {
  let exitCode: number | undefined = 0
  const program = new Command('candor')
    .description('Candor: a responsible personalization engine')
    .version(CANDOR_VERSION, '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride()
  const storeOptions = (cmd: Command) =>
    cmd
      .addOption(new Option('--data-dir <dir>', 'data directory (env CANDOR_DATA_DIR, default .candor/)'))
      .addOption(new Option('--database-url <url>', 'PostgreSQL URL; empty means SQLite (env DATABASE_URL)'))
      .addOption(
        new Option(
          '--database-schema <name>',
          'PostgreSQL schema (env CANDOR_DATABASE_SCHEMA, default candor)',
        ),
      )
      .addOption(new Option('--log-level <level>', 'log level (env LOG_LEVEL, default info)'))

  const withCandor = async <T>(
    flags: GlobalFlags,
    fn: (candor: Candor) => Promise<T>,
    extra: ConfigOverrides = {},
    options: CandorOptions = {},
  ): Promise<T> => {
    const { loadConfig } = await configModule()
    const { createCandor } = await appModule()
    const candor = await createCandor(loadConfig({ ...pickStore(flags), ...extra }), options)
    try {
      return await fn(candor)
    } finally {
      await candor.close()
    }
  }

  storeOptions(program.command('serve').description('start the HTTP server'))
    .addOption(new Option('--port <port>', 'port (env PORT, default 3000)').argParser(intArg))
    .addOption(new Option('--host <host>', 'interface (env CANDOR_HOST, default 127.0.0.1)'))
    .addOption(
      new Option(
        '--rate-limit <n>',
        'requests per second per key; 0 = off (env CANDOR_RATE_LIMIT, default 1000)',
      ).argParser(intArg),
    )
    .action(async (flags: GlobalFlags & { port?: number; host?: string; rateLimit?: number }) => {
      const { loadConfig } = await configModule()
      const { startServer } = await import('./serve.js')
      await startServer(
        loadConfig({ ...pickStore(flags), port: flags.port, host: flags.host, rateLimit: flags.rateLimit }),
      )
      exitCode = undefined
    })

  storeOptions(
    program
      .command('demo')
      .description('load a deterministic demo organization (three brands, synthetic people), then serve'),
  )
    .addOption(new Option('--persons <n>', 'synthetic people').default(1000).argParser(intArg))
    .addOption(new Option('--seed <n>', 'random seed').default(42).argParser(intArg))
    .addOption(new Option('--port <port>', 'port (env PORT, default 3000)').argParser(intArg))
    .addOption(new Option('--host <host>', 'interface (env CANDOR_HOST, default 127.0.0.1)'))
    .option('--no-serve', 'load only; do not start the server')
    .action(
      async (
        flags: GlobalFlags & { persons: number; seed: number; port?: number; host?: string; serve: boolean },
      ) => {
        const { loadConfig } = await configModule()
        const { createCandor } = await appModule()
        const { demoControlLinks, demoOrigins, loadDemo, writeDemoModelCard } = await import(
          './demo-command.js'
        )
        const { showcaseCurl, showcaseTable } = await import('./demo-showcase.js')
        const cfg = loadConfig({ ...pickStore(flags), port: flags.port, host: flags.host })
        // A port in use is said before minutes of loading, not after.
        if (flags.serve) await (await import('./serve.js')).ensurePortFree(cfg)
        const started = Date.now()
        // The demo is synthetic and loads once: its commits need not wait for the disk (a load cut
        // short starts again). The server that follows uses the configured durability.
        const candor = await createCandor(
          cfg.databaseUrl === '' ? { ...cfg, sqliteSynchronous: 'NORMAL' } : cfg,
          { writerThread: true },
        )
        let load: Awaited<ReturnType<typeof loadDemo>>
        let card: Awaited<ReturnType<typeof writeDemoModelCard>>
        let links: Awaited<ReturnType<typeof demoControlLinks>> = []
        const base = `http://${cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host}:${cfg.port}`
        try {
          load = await loadDemo(candor, {
            persons: flags.persons,
            seed: flags.seed,
            now: Date.now(),
            progress: progressLine(process.stderr),
            // Browser tracking from pages served next to the demo: the port it actually uses.
            origins: demoOrigins(cfg.port),
          })
          // The model card, measured on the data just loaded (every run: the window ends now).
          card = await writeDemoModelCard(candor)
          links = await demoControlLinks(candor, load.showcase, base)
        } finally {
          await candor.close()
        }
        out(
          load.loaded
            ? `loaded the demo in ${Math.round((Date.now() - started) / 1000)} s: ${load.persons} people, ${load.accepted} events`
            : `the demo is already loaded in ${cfg.dataDir}`,
        )
        out(`model card ${card.version}, measured on the demo's data: ${card.verdict}`)
        for (const f of card.files) out(`  ${f}`)
        out(`keys (also in ${join(cfg.dataDir, 'demo.json')}):`)
        out(`  admin: ${load.keys.admin}`)
        for (const [brand, key] of Object.entries(load.keys.server))
          out(`  ${brand}: server ${key}  write ${load.keys.write[brand]}`)
        if (load.showcase.length > 0) {
          out('')
          out('people to look at first (also in demo.json, "showcase"):')
          for (const l of showcaseTable(load.showcase)) out(`  ${l}`)
          out('')
          out("see each one (with their brand's server key):")
          for (const e of load.showcase) out(`  ${showcaseCurl(e, base, load.keys.server[e.brand] ?? '')}`)
        }
        if (links.length > 0) {
          out('')
          out('their control center, as the person sees it (each link opens once, within 24 hours):')
          for (const l of links) {
            out(`  ${l.userId} at ${l.brand} (${l.role}): ${l.demonstrates}`)
            out(`    ${l.url}`)
          }
        }
        if (flags.serve) {
          const { startServer } = await import('./serve.js')
          await startServer(cfg)
          exitCode = undefined
        }
      },
    )

  storeOptions(
    program
      .command('import <file>')
      .description('import Segment-format JSON lines (or a batch file) into a brand; resumable'),
  )
    .requiredOption('--brand <id>', 'the brand the events belong to')
    .addOption(new Option('--chunk <n>', 'lines per transaction').default(500).argParser(intArg))
    .action(async (file: string, flags: GlobalFlags & { brand: string; chunk: number }) => {
      await withCandor(
        flags,
        async (c) => {
          const controller = new AbortController()
          const stop = () => controller.abort()
          process.once('SIGINT', stop)
          try {
            const { runImport } = await import('./import-command.js')
            const s = await runImport(c, {
              file,
              brandId: flags.brand,
              chunk: flags.chunk,
              signal: controller.signal,
              progress: process.stderr,
            })
            if (s.interrupted)
              out(
                `interrupted after line ${s.accepted + s.duplicates + s.rejected.length}; run the same command again to resume`,
              )
            out(
              `accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected.length}${s.resumedFrom > 0 ? ` (resumed after line ${s.resumedFrom})` : ''}`,
            )
            for (const r of s.rejected.slice(0, 50))
              out(`  line ${r.line}: ${r.reason}${r.field ? ` (${r.field})` : ''}`)
            if (s.rejected.length > 50) out(`  … and ${s.rejected.length - 50} more`)
            if (s.interrupted) exitCode = 130
          } finally {
            process.removeListener('SIGINT', stop)
          }
          // The import commits on the writer thread (SQLite) while it parses the next chunk.
        },
        {},
        { writerThread: true },
      )
    })

  storeOptions(
    program
      .command('model-card')
      .description(
        "the model card: what personalization uses, excludes and achieves, measured on the organization's events",
      ),
  )
    .option('--brand <id>', 'only this brand (default: every brand)')
    .addOption(
      new Option('--format <format>', 'json (Model Card Toolkit), md or html')
        .choices(['json', 'md', 'html'])
        .default('json'),
    )
    .option('--out <file>', 'write the card to this file instead of standard output')
    .action(async (flags: GlobalFlags & { brand?: string; format: 'json' | 'md' | 'html'; out?: string }) => {
      await withCandor(flags, async (c) => {
        const { formatModelCard } = await import('../modules/model-card/index.js')
        const card = await c.modelCard.generate({ brandId: flags.brand, actor: 'cli' })
        const { body } = await formatModelCard(card, flags.format)
        if (flags.out === undefined) process.stdout.write(body)
        else {
          const { writeFileSync } = await import('node:fs')
          writeFileSync(flags.out, body)
          out(`wrote the model card (${card.version}) to ${flags.out}`)
        }
      })
    })

  const brands = program.command('brands').description('manage brands')
  storeOptions(brands.command('add <id>').description('add a brand'))
    .requiredOption('--name <name>', 'display name')
    .option('--origin <origin...>', 'origins allowed for browser tracking')
    .action(async (id: string, flags: GlobalFlags & { name: string; origin?: string[] }) => {
      await withCandor(flags, async (c) => {
        const b = await c.brands.add({ id, name: flags.name, allowedOrigins: flags.origin ?? [] })
        out(`added brand ${b.id} (${b.name})`)
      })
    })
  storeOptions(
    brands
      .command('update <id>')
      .description('change a brand: only the options given change; "" clears a display field'),
  )
    .option('--name <name>', 'name operators and the API see')
    .option('--origin <origin...>', 'origins allowed for browser tracking (replaces the list)')
    .option('--add-origin <origin...>', 'add origins to the list')
    .option('--remove-origin <origin...>', 'remove origins from the list')
    .option('--display-name <name>', 'what the person-facing pages call the brand')
    .option('--primary-color <#rrggbb>', 'main colour of the person-facing pages')
    .option('--accent-color <#rrggbb>', 'second colour (links, highlights)')
    .option('--logo-url <url>', 'logo (https, or http on localhost)')
    .option('--privacy-policy-url <url>', 'privacy policy (https, or http on localhost)')
    .action(async (id: string, flags: GlobalFlags & BrandUpdateFlags) => {
      await withCandor(flags, async (c) => {
        let allowedOrigins = flags.origin
        if (flags.addOrigin || flags.removeOrigin) {
          const current = allowedOrigins ?? [...(await c.brands.require(id)).allowedOrigins]
          const { parseOrigin } = await import('../modules/brands/brand.js')
          const norm = (o: string) => {
            const r = parseOrigin(o)
            return r.ok ? r.origin : o
          }
          const removed = new Set((flags.removeOrigin ?? []).map(norm))
          allowedOrigins = [...current, ...(flags.addOrigin ?? [])].filter((o) => !removed.has(norm(o)))
        }
        const b = await c.brands.update(id, {
          name: flags.name,
          allowedOrigins,
          displayName: flags.displayName,
          primaryColor: flags.primaryColor,
          accentColor: flags.accentColor,
          logoUrl: flags.logoUrl,
          privacyPolicyUrl: flags.privacyPolicyUrl,
        })
        out(`updated brand ${b.id}`)
        out(JSON.stringify(b, null, 2))
      })
    })
  storeOptions(brands.command('list').description('list brands: id, name, allowed origins'))
    .option('--json', 'every field, as JSON')
    .action(async (flags: GlobalFlags & { json?: boolean }) => {
      await withCandor(flags, async (c) => {
        const list = await c.brands.list(500)
        if (flags.json) out(JSON.stringify(list, null, 2))
        else for (const b of list) out(`${b.id}\t${b.name}\t${b.allowedOrigins.join(' ') || '-'}`)
      })
    })

  const offers = program.command('offers').description('manage offers and content (as the admin API does)')
  storeOptions(offers.command('list').description('list offers: id, brand, placements, title'))
    .option('--brand <id>', 'only this brand')
    .option('--json', 'every field, as JSON (the API form, which `offers add` reads back)')
    .action(async (flags: GlobalFlags & { brand?: string; json?: boolean }) => {
      await withCandor(flags, async (c) => {
        if (flags.brand) await c.brands.require(flags.brand)
        const { offerOut } = await import('../modules/offers/offer-schemas.js')
        const list = []
        let cursor: string | undefined
        for (;;) {
          const page = await c.offers.list(flags.brand, 500, cursor)
          list.push(...page)
          if (page.length < 500) break
          cursor = page[page.length - 1]?.id
        }
        if (flags.json) out(JSON.stringify(list.map(offerOut), null, 2))
        else for (const o of list) out(`${o.id}\t${o.brand}\t${o.placements.join(',')}\t${o.title}`)
      })
    })
  storeOptions(
    offers
      .command('add <file>')
      .description(
        'add the offers of a JSON or YAML file (one offer, a list, or {"offers": [...]}, each as POST /v1/offers takes it)',
      ),
  )
    .option('--replace', 'replace offers that exist (default: refuse them)')
    .action(async (file: string, flags: GlobalFlags & { replace?: boolean }) => {
      await withCandor(flags, async (c) => {
        const { addOffers } = await import('./offers-command.js')
        const added = await addOffers(c, file, flags.replace ?? false)
        for (const o of added) out(`put offer ${o.id} (${o.brand}: ${o.placements.join(', ')})`)
        out(`${added.length} offer${added.length === 1 ? '' : 's'} written`)
      })
    })
  storeOptions(offers.command('remove <id...>').description('remove offers by id')).action(
    async (ids: string[], flags: GlobalFlags) => {
      await withCandor(flags, async (c) => {
        for (const id of ids) await c.offers.get(id)
        for (const id of ids) {
          await c.offers.delete(id)
          out(`removed offer ${id}`)
        }
      })
    },
  )

  storeOptions(
    program
      .command('review <file>')
      .description(
        'review a segment file (JSON, as POST /v1/segments takes it) against the data; exit 1 when a finding blocks',
      ),
  )
    .option('--brand <id>', "the brand whose people it selects (default: the file's brand)")
    .option('--json', 'print the review as JSON')
    .action(async (file: string, flags: GlobalFlags & { brand?: string; json?: boolean }) => {
      await withCandor(flags, async (c) => {
        const { reviewSegmentFile, reviewLines } = await import('./review-command.js')
        const r = await reviewSegmentFile(c, file, flags.brand)
        if (flags.json) out(JSON.stringify(r, null, 2))
        else for (const line of reviewLines(file, r)) out(line)
        exitCode = r.findings.some((f) => f.severity === 'block') ? 1 : 0
      })
    })

  const keys = program.command('keys').description('manage API keys')
  storeOptions(keys.command('create').description('create a key; prints it alone on the last line, once'))
    .addOption(
      new Option('--kind <kind>', 'write, server, admin or reviewer')
        .choices(KEY_KINDS)
        .makeOptionMandatory(),
    )
    .option('--brand <id>', 'the brand (write and server keys)')
    .option('--label <label>', 'a note for `keys list`')
    .action(async (flags: GlobalFlags & { kind: KeyKind; brand?: string; label?: string }) => {
      await withCandor(flags, async (c) => {
        const k = await c.apiKeys.create({ kind: flags.kind, brandId: flags.brand, label: flags.label ?? '' })
        out(
          `created ${k.kind} key ${k.id}${k.brandId ? ` for brand ${k.brandId}` : ''}; it is shown only now:`,
        )
        out(k.key)
      })
    })
  storeOptions(keys.command('list').description('list keys (never the secrets)')).action(
    async (flags: GlobalFlags) => {
      await withCandor(flags, async (c) => {
        for (const k of await c.apiKeys.list(500)) {
          out(
            `${k.id}\t${k.kind}\t${k.brandId ?? '-'}\t${k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'active'}\t${k.label}`,
          )
        }
      })
    },
  )
  storeOptions(
    keys.command('revoke <prefix>').description('revoke the key whose id starts with prefix'),
  ).action(async (prefix: string, flags: GlobalFlags) => {
    await withCandor(flags, async (c) => {
      const k = await c.apiKeys.revoke(prefix)
      out(`revoked ${k.kind} key ${k.id}`)
    })
  })

  const plan = program
    .command('plan')
    .description("a brand's collection plan: what it collects, why, how long")
  plan
    .command('lint <file>')
    .description(
      'review a plan file (YAML or JSON) as a save would; exit 1 on a blocking finding, 2 on an invalid plan',
    )
    .addOption(
      new Option('--previous <file>', 'the plan in force: its reviewed sensitive fields do not block again'),
    )
    .addOption(new Option('--json', 'print the outcome as JSON'))
    .action(async (file: string, flags: { previous?: string; json?: boolean }) => {
      const { loadConfig } = await configModule()
      const { lintPlanFile, lintLines } = await import('./plan-command.js')
      const outcome = lintPlanFile(file, loadConfig({}), flags.previous)
      if (flags.json) out(JSON.stringify(outcome, null, 2))
      else for (const line of lintLines(file, outcome)) out(line)
      exitCode = !outcome.valid ? 2 : outcome.blocked ? 1 : 0
    })

  storeOptions(
    plan
      .command('infer')
      .description(
        'propose a starting plan from the traffic received: field names, types, categories, counts',
      ),
  )
    .requiredOption('--brand <id>', 'the brand')
    .addOption(new Option('--since <when>', 'how far back: days (30d) or an ISO date').default('30d'))
    .addOption(new Option('--json', 'print the proposal and what was seen as JSON'))
    .action(async (flags: GlobalFlags & { brand: string; since: string; json?: boolean }) => {
      const { parseSince, inferredYaml } = await import('./plan-command.js')
      await withCandor(flags, async (c) => {
        const since = parseSince(flags.since, c.clock.now())
        const inferred = await c.collectionPlans.infer(flags.brand, since)
        const { planDocument } = await import('../modules/collection-plan/index.js')
        if (flags.json)
          out(JSON.stringify({ plan: planDocument(inferred.plan), fields: inferred.fields }, null, 2))
        else process.stdout.write(inferredYaml(flags.brand, since, inferred))
      })
    })

  storeOptions(
    program
      .command('purge')
      .description(
        'delete data past its retention (for a cron; servers also purge every purgeIntervalMinutes)',
      ),
  ).action(async (flags: GlobalFlags) => {
    await withCandor(flags, async (c) => {
      const r = await c.dataItems.purgeExpired('cli')
      out(
        `purged ${r.dataItems} expired data item${r.dataItems === 1 ? '' : 's'}${Object.entries(r.brands)
          .map(([b, n]) => ` (${b}: ${n})`)
          .join('')}`,
      )
    })
  })

  const audit = program.command('audit').description('the audit log')
  storeOptions(
    audit
      .command('verify')
      .description('recompute every hash chain; non-zero exit names the first broken entry'),
  ).action(async (flags: GlobalFlags) => {
    await onReadableCopy(flags, (f) =>
      withCandor(f, async (c) => {
        const r = await c.audit.verify()
        if (r.ok) {
          out(`audit log intact: ${r.entries} entries in ${r.chains} chains; head ${r.head}`)
        } else {
          const b = r.firstBroken
          out(
            `audit log BROKEN at chain ${b?.chainId} entry ${b?.seq}: ${b?.reason} (${r.entries} entries checked; head ${r.head})`,
          )
          exitCode = 2
        }
        const e = r.anchorEndpoint
        if (e)
          out(
            e.lastSuccessAt === null
              ? `anchor endpoint: no head accepted yet; ${e.failuresSinceSuccess} failed (${e.lastFailureCode ?? 'none'})`
              : `anchor endpoint: last head accepted ${Math.round((e.checkedAt - e.lastSuccessAt) / 1000)} s ago; ${e.failuresSinceSuccess} failed since${e.lastFailureCode && e.failuresSinceSuccess > 0 ? ` (${e.lastFailureCode})` : ''}`,
          )
      }),
    )
  })

  storeOptions(
    program
      .command('erase <ref>')
      .description(
        'erase a person at a brand (crypto-shred, then purge); ref: userId, userId:<id> or anonymousId:<id>',
      ),
  )
    .requiredOption('--brand <id>', 'the brand that knows the person by userId')
    .option('--all-brands', 'erase at every brand')
    .option('--suppress', 'keep keyed hashes of the identifiers so later data is dropped')
    .action(
      async (
        ref: string,
        flags: GlobalFlags & { brand: string; allBrands?: boolean; suppress?: boolean },
      ) => {
        await withCandor(flags, async (c) => {
          await c.brands.require(flags.brand)
          const { parsePersonRef } = await import('../kernel/person-ref.js')
          const personId = await c.policy.resolve(flags.brand, parsePersonRef(ref))
          const receipt = await c.erasure.erase({
            personId,
            brandId: flags.brand,
            allBrands: flags.allBrands ?? false,
            suppress: flags.suppress ?? false,
            actor: 'cli',
          })
          out(JSON.stringify(receipt, null, 2))
        })
      },
    )

  storeOptions(
    program
      .command('interests <ref>')
      .description(
        "a person's interests usable for a purpose, as GET /v1/persons/{ref}/interests answers (audited); ref: userId, userId:<id> or anonymousId:<id>",
      ),
  )
    .requiredOption('--brand <id>', 'the brand that knows the person')
    .option('--purpose <purpose>', 'the purpose of the use', 'personalization')
    .action(async (ref: string, flags: GlobalFlags & { brand: string; purpose: string }) => {
      await withCandor(flags, async (c) => {
        await c.brands.require(flags.brand)
        const { parsePersonRef } = await import('../kernel/person-ref.js')
        const personId = await c.policy.resolve(flags.brand, parsePersonRef(ref))
        const v = await c.policy.interests(personId, {
          brandId: flags.brand,
          purpose: flags.purpose,
          actor: 'cli',
        })
        if (v.why) process.stderr.write(`${v.why}\n`)
        out(
          JSON.stringify(
            {
              personId: v.personId,
              purpose: v.purpose,
              reason: v.reason,
              why: v.why,
              interests: v.interests.map((i) => ({
                topic: i.topic,
                brand: i.brand,
                score: i.score,
                established: i.established,
                source: i.source,
              })),
              excluded: v.excluded,
            },
            null,
            2,
          ),
        )
      })
    })

  const mk = program.command('master-key').description('the master key that wraps every data key')
  storeOptions(mk.command('rotate').description('rewrap every data key under a new master key')).action(
    async (flags: GlobalFlags) => {
      const { loadConfig } = await configModule()
      await rotateMasterKey(loadConfig(pickStore(flags)))
    },
  )

  try {
    await program.parseAsync(argv as string[])
  } catch (error) {
    const e = error as { code?: string; exitCode?: number }
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return 0
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) return e.exitCode ?? 1
    if (isCandorError(error)) {
      process.stderr.write(
        `candor: ${error.message}${error.field ? ` (${error.field})` : ''} [${error.code}]\n`,
      )
      return 1
    }
    throw error
  }
  return exitCode
}

/**
 * Runs a command that only reads on the data directory, or, when that directory exists but may
 * not be written (a read-only mount, a backup), on a private copy of it: SQLite cannot open its
 * databases where it cannot write, and Candor refuses such a directory otherwise.
 */
async function onReadableCopy<T>(flags: GlobalFlags, run: (flags: GlobalFlags) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../config/load-config.js')
  const dataDir = loadConfig(pickStore(flags)).dataDir
  const { existsSync } = await import('node:fs')
  const { isWritableDir, writableCopyOf } = await import('../storage/data-dir.js')
  if (!existsSync(dataDir) || isWritableDir(dataDir)) return run(flags)
  process.stderr.write(
    `the data directory ${dataDir} is read-only: reading a private copy of it (removed afterwards)\n`,
  )
  const copy = writableCopyOf(dataDir)
  try {
    return await run({ ...flags, dataDir: copy.dir })
  } finally {
    copy.remove()
  }
}

function pickStore(flags: GlobalFlags): ConfigOverrides {
  return {
    dataDir: flags.dataDir,
    databaseUrl: flags.databaseUrl,
    databaseSchema: flags.databaseSchema,
    logLevel: flags.logLevel,
  }
}

/**
 * Progress on one line that changes (a terminal), or on whole lines at most every 5 seconds
 * (a log, a pipe).
 */
function progressLine(stream: NodeJS.WriteStream): { update(line: string): void; line(line: string): void } {
  let last = 0
  let open = false
  return {
    update(line) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line}`)
        open = true
      } else if (Date.now() - last >= 5000) {
        last = Date.now()
        stream.write(`${line}\n`)
      }
    },
    line(line) {
      stream.write(stream.isTTY && open ? `\r\x1b[2K${line}\n` : `${line}\n`)
      open = false
    },
  }
}

function intArg(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number ≥ 0')
  return n
}

/**
 * Rotation: the new key is staged first (file source: `master.key.next`; env source:
 * `CANDOR_NEW_MASTER_KEY`), every wrapped key is rewrapped in one transaction, then the new
 * key becomes current. A crash in between leaves a store that one of the two keys opens.
 */
async function rotateMasterKey(config: Config): Promise<void> {
  const { createCandor, masterKeySourceFor } = await appModule()
  const { newDataKey } = await import('../crypto/envelope.js')
  const { parseMasterKey } = await import('../crypto/master-key-source.js')
  const source = masterKeySourceFor(config)
  let next: Buffer
  if (source.kind === 'env') {
    if (!config.newMasterKey) throw new Error('set CANDOR_NEW_MASTER_KEY to the new key (base64, 32 bytes)')
    next = parseMasterKey(config.newMasterKey, 'CANDOR_NEW_MASTER_KEY')
  } else {
    next = newDataKey()
    source.stagePending(next)
  }
  const candor = await createCandor(config, {
    masterKeySource: { ...source, candidates: () => [source.candidates()[0] as Buffer] },
  })
  try {
    const counts = await candor.keyRing.rotate(next)
    source.promote(next)
    out(`rewrapped ${counts.dataKeys} data keys and ${counts.secrets} secrets under the new master key`)
    if (source.kind === 'env') out('now set CANDOR_MASTER_KEY to the new key and unset CANDOR_NEW_MASTER_KEY')
  } finally {
    await candor.close()
  }
}
