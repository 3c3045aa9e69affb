import { useCallback, useEffect, useState } from 'react'
import { api, errorText, setCsrfToken } from './api.js'
import type { paths } from './api-types.js'
import { t } from './messages.js'
import { Activity, Consent, Download, Erase, Interests, MyData, Overview, Why } from './pages.js'
import { SECTIONS, type SectionId, sectionFromPath } from './sections.js'

export type Session = paths['/v1/me/session']['get']['responses'][200]['content']['application/json']
export type Export = paths['/v1/me/export']['get']['responses'][200]['content']['application/json']
export type ConsentState = paths['/v1/me/consent']['get']['responses'][200]['content']['application/json']

/** What every section gets: the data, and a way to reload it after a change. */
export interface PageProps {
  readonly session: Session
  readonly data: Export
  readonly consent: ConsentState
  reload(): Promise<void>
  ended(): void
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'out'; brand: string }
  | { kind: 'ended' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; session: Session; data: Export; consent: ConsentState }

/** Opens the session: with the link's token once (then drops it from the address), else the cookie. */
async function openSession(): Promise<Session | undefined> {
  const url = new URL(window.location.href)
  const token = url.searchParams.get('token')
  if (token) {
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search)
    const opened = await api.POST('/v1/me/session', { body: { token } })
    if (opened.data) return opened.data
  }
  const current = await api.GET('/v1/me/session')
  return current.data
}

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [section, setSection] = useState<SectionId>(sectionFromPath(window.location.pathname))

  const load = useCallback(async (session?: Session) => {
    const s = session ?? (await api.GET('/v1/me/session')).data
    if (!s) return setPhase({ kind: 'none' })
    setCsrfToken(s.csrfToken)
    const [data, consent] = await Promise.all([api.GET('/v1/me/export'), api.GET('/v1/me/consent')])
    if (!data.data || !consent.data)
      return setPhase({ kind: 'error', message: errorText(data.error ?? consent.error) })
    setPhase({ kind: 'ready', session: s, data: data.data, consent: consent.data })
  }, [])

  useEffect(() => {
    openSession()
      .then((s) => (s ? load(s) : setPhase({ kind: 'none' })))
      .catch((e: unknown) => setPhase({ kind: 'error', message: String(e) }))
    const onPop = () => setSection(sectionFromPath(window.location.pathname))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [load])

  useEffect(() => {
    const s = SECTIONS.find((x) => x.id === section)
    if (phase.kind === 'ready' && s)
      document.title = `${t(s.label)} — ${t('app.title', { brand: phase.session.brand.name })}`
    document.getElementById('main')?.focus()
  }, [section, phase])

  const go = (id: SectionId) => (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return
    event.preventDefault()
    const s = SECTIONS.find((x) => x.id === id)
    if (s) window.history.pushState(null, '', s.path)
    setSection(id)
  }

  if (phase.kind === 'loading')
    return (
      <main id="main" className="notice" tabIndex={-1}>
        <p>{t('app.loading')}</p>
      </main>
    )
  if (phase.kind !== 'ready') {
    const text =
      phase.kind === 'none'
        ? t('app.noSession')
        : phase.kind === 'out'
          ? t('app.loggedOut', { brand: phase.brand })
          : phase.kind === 'ended'
            ? t('erase.after')
            : t('app.error', { message: phase.message })
    return (
      <main id="main" className="notice" tabIndex={-1}>
        <h1>{t('app.heading')}</h1>
        <p>{text}</p>
      </main>
    )
  }

  const { session } = phase
  const props: PageProps = {
    session,
    data: phase.data,
    consent: phase.consent,
    reload: () => load(session),
    ended: () => setPhase({ kind: 'ended' }),
  }
  const logout = async () => {
    await api.DELETE('/v1/me/session')
    setPhase({ kind: 'out', brand: session.brand.name })
  }
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <p className="brand">{session.brand.name}</p>
        <button type="button" className="quiet" onClick={logout}>
          {t('app.logout')}
        </button>
      </header>
      <div className="layout">
        <nav aria-label={t('app.nav')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={s.path} onClick={go(s.id)} aria-current={s.id === section ? 'page' : undefined}>
                  {t(s.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <h1>{current ? t(current.label) : ''}</h1>
          {section === 'overview' && <Overview {...props} />}
          {section === 'data' && <MyData {...props} />}
          {section === 'interests' && <Interests {...props} />}
          {section === 'activity' && <Activity {...props} />}
          {section === 'consent' && <Consent {...props} />}
          {section === 'why' && <Why {...props} />}
          {section === 'download' && <Download {...props} />}
          {section === 'erase' && <Erase {...props} />}
        </main>
      </div>
    </>
  )
}
