import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CandorError } from '../kernel/errors.js'
import { configSchema, SETTINGS } from './config-schema.js'
import { CONFIG_FILE_NAME, loadConfig } from './load-config.js'

describe('loadConfig', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'candor-config-'))

  it('has the documented defaults', () => {
    const c = loadConfig({ dataDir: dir() }, {})
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: '',
      logLevel: 'info',
      rateLimit: 1000,
      sqliteSynchronous: 'FULL',
    })
    expect(Object.isFrozen(c)).toBe(true)
  })

  it('layers file < env < flags, and treats an empty DATABASE_URL as unset', () => {
    const d = dir()
    writeFileSync(
      join(d, CONFIG_FILE_NAME),
      JSON.stringify({ port: 4000, rateLimit: 5, databaseUrl: 'postgres://file' }),
    )
    expect(loadConfig({ dataDir: d }, {}).port).toBe(4000)
    expect(loadConfig({ dataDir: d }, { PORT: '5000' }).port).toBe(5000)
    expect(loadConfig({ dataDir: d, port: 6000 }, { PORT: '5000' }).port).toBe(6000)
    expect(loadConfig({ dataDir: d }, { DATABASE_URL: '' }).databaseUrl).toBe('postgres://file')
    expect(loadConfig({ dataDir: dir() }, { DATABASE_URL: '' }).databaseUrl).toBe('')
    expect(loadConfig({ dataDir: d }, { CANDOR_RATE_LIMIT: '0' }).rateLimit).toBe(0)
  })

  it('rejects unknown keys and bad values, naming the setting', () => {
    const d = dir()
    writeFileSync(join(d, CONFIG_FILE_NAME), JSON.stringify({ prot: 1 }))
    expect(() => loadConfig({ dataDir: d }, {})).toThrow(CandorError)
    const thrown = (() => {
      try {
        loadConfig({ dataDir: dir() }, { PORT: 'eighty' })
      } catch (error) {
        return error
      }
      return undefined
    })()
    expect(thrown).toBeInstanceOf(CandorError)
    expect((thrown as CandorError).field).toBe('port')
  })

  describe('errors say which setting, where it came from, the value and what is valid', () => {
    const message = (fn: () => unknown): string => {
      try {
        fn()
      } catch (error) {
        expect(error).toBeInstanceOf(CandorError)
        return (error as Error).message
      }
      throw new Error('expected an error')
    }

    it('a bad environment variable or flag', () => {
      const m = message(() => loadConfig({ dataDir: dir() }, { PORT: 'eighty' }))
      expect(m).toContain('env PORT')
      expect(m).toContain('"eighty"')
      expect(m).toContain('expected a number')
      expect(message(() => loadConfig({ dataDir: dir(), port: 70000 }, {}))).toContain(
        'invalid setting port (flag --port): 70000 — must be at most 65535',
      )
      expect(message(() => loadConfig({ dataDir: dir() }, { LOG_LEVEL: 'verbose' }))).toMatch(
        /env LOG_LEVEL.*"verbose".*expected one of "fatal", "error", "warn", "info"/,
      )
    })

    it('a misspelt setting in the file: did you mean', () => {
      const d = dir()
      writeFileSync(join(d, CONFIG_FILE_NAME), JSON.stringify({ bodyLimt: 2048 }))
      const m = message(() => loadConfig({ dataDir: d }, {}))
      expect(m).toContain('unknown setting "bodyLimt"')
      expect(m).toContain(join(d, CONFIG_FILE_NAME))
      expect(m).toContain('did you mean "bodyLimit"?')
      writeFileSync(join(d, CONFIG_FILE_NAME), JSON.stringify({ signalWeights: { serch: 1 } }))
      expect(message(() => loadConfig({ dataDir: d }, {}))).toContain('did you mean "search"?')
    })

    it('a misspelt purpose, while a purpose of its own is accepted', () => {
      const d = dir()
      writeFileSync(
        join(d, CONFIG_FILE_NAME),
        JSON.stringify({ purposes: { personalisation: { default: 'opt-in' } } }),
      )
      const m = message(() => loadConfig({ dataDir: d }, {}))
      expect(m).toContain('unknown purpose "personalisation"')
      expect(m).toContain('did you mean "personalization"?')
      writeFileSync(
        join(d, CONFIG_FILE_NAME),
        JSON.stringify({ purposes: { loyalty: { default: 'opt-in' } } }),
      )
      expect(Object.keys(loadConfig({ dataDir: d }, {}).purposes)).toContain('loyalty')
    })

    it('a broken JSON file: the parser error and where', () => {
      const d = dir()
      writeFileSync(join(d, CONFIG_FILE_NAME), '{\n  "port": 3000,\n}\n')
      const m = message(() => loadConfig({ dataDir: d }, {}))
      expect(m).toContain(`${join(d, CONFIG_FILE_NAME)} is not valid JSON`)
      expect(m).toMatch(/line 3/)
      writeFileSync(join(d, CONFIG_FILE_NAME), '[1]')
      expect(message(() => loadConfig({ dataDir: d }, {}))).toContain('must hold a JSON object of settings')
    })
  })

  it('README configuration table lists every setting with its default', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8')
    const keys = Object.keys(configSchema.shape)
    expect(SETTINGS.map((s) => s.key).sort()).toEqual([...keys].sort())
    for (const s of SETTINGS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${s.key}\``))
      expect(row, `README row for ${s.key}`).toBeDefined()
      expect(row).toContain(s.default)
      if (s.env) expect(row).toContain(s.env)
      if (s.flag) expect(row).toContain(s.flag)
    }
  })

  it('only config/ reads process.env', () => {
    const offenders: string[] = []
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (
          p.endsWith('.ts') &&
          !p.endsWith('.test.ts') &&
          !p.includes('/config/') &&
          readFileSync(p, 'utf8').includes('process.env')
        )
          offenders.push(p)
      }
    }
    walk(join(import.meta.dirname, '..'))
    expect(offenders).toEqual([])
  })
})
