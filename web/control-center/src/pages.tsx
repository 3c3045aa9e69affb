import { useId, useState } from 'react'
import type { PageProps } from './App.js'
import { api, errorText } from './api.js'
import { type MessageKey, t } from './messages.js'

const date = (iso: string | null): string =>
  iso === null
    ? ''
    : new Date(iso).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' })
const sourceText = (source: string): string => {
  const key = `source.${source}`
  return key === 'source.stated' ||
    key === 'source.observed' ||
    key === 'source.inferred' ||
    key === 'source.third_party'
    ? t(key as MessageKey)
    : source
}
const purposeName = (p: string): string => p.replaceAll('_', ' ')
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))

/** A polite live region for the outcome of the last action. */
function Status({ text }: { text: string }) {
  return (
    <p role="status" className={text ? 'status' : 'status empty'}>
      {text}
    </p>
  )
}

export function Overview({ session, data, consent }: PageProps) {
  const brand = session.brand.name
  const allowed = consent.purposes.filter((p) => p.granted && p.purpose !== 'essential')
  const established = data.interests.filter((i) => i.established && i.state !== 'rejected')
  const figures: [string, number][] = [
    [t('overview.items'), data.dataItems.length],
    [t('overview.interests'), established.length],
    [t('overview.events'), data.events.length],
    [t('overview.decisions'), data.decisions.length],
  ]
  return (
    <>
      <p>{t('overview.intro', { brand })}</p>
      <ul className="figures">
        {figures.map(([label, n]) => (
          <li key={label}>
            <span className="figure">{n}</span> {label}
          </li>
        ))}
      </ul>
      <h2>{t('overview.allowed', { brand })}</h2>
      {allowed.length === 0 ? (
        <p>{t('overview.noneAllowed')}</p>
      ) : (
        <ul>
          {allowed.map((p) => (
            <li key={p.purpose}>
              <strong>{purposeName(p.purpose)}</strong> — {p.description}
            </li>
          ))}
        </ul>
      )}
      <p>{t('overview.benefit')}</p>
      <p className="note">
        {session.otherBrands.length > 0
          ? t('overview.otherBrandsNamed', {
              brand,
              names: session.otherBrands.map((b) => b.name).join(', '),
            })
          : t('overview.otherBrands', { brand })}
      </p>
    </>
  )
}

export function MyData({ session, data, reload }: PageProps) {
  const [status, setStatus] = useState('')
  const [editing, setEditing] = useState<string | undefined>()
  const [draft, setDraft] = useState('')
  const items = data.dataItems.filter((i) => i.rejectedAt === null)
  const remove = async (id: string, key: string) => {
    const r = await api.POST('/v1/me/data-items/{itemId}/rejection', { params: { path: { itemId: id } } })
    if (r.error) return setStatus(errorText(r.error))
    await reload()
    setStatus(t('data.removed', { key }))
  }
  const save = async (key: string, category: string, old: unknown) => {
    const value =
      typeof old === 'number' && draft.trim() !== '' && !Number.isNaN(Number(draft)) ? Number(draft) : draft
    const r = await api.PUT('/v1/me/data-items', { body: { key, value, category } })
    if (r.error) return setStatus(errorText(r.error))
    setEditing(undefined)
    await reload()
    setStatus(t('data.saved', { key }))
  }
  if (items.length === 0) return <p>{t('data.none', { brand: session.brand.name })}</p>
  return (
    <>
      <p>{t('data.intro', { brand: session.brand.name })}</p>
      <Status text={status} />
      <div className="scroll">
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">{t('data.key')}</th>
              <th scope="col">{t('data.value')}</th>
              <th scope="col">{t('data.category')}</th>
              <th scope="col">{t('data.source')}</th>
              <th scope="col">{t('data.expires')}</th>
              <th scope="col">{t('data.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.key}</th>
                <td data-label={t('data.value')}>
                  {editing === i.id ? (
                    <form
                      className="edit"
                      onSubmit={(e) => {
                        e.preventDefault()
                        void save(i.key, i.category, i.value)
                      }}
                    >
                      <label className="visually-hidden" htmlFor={`edit-${i.id}`}>
                        {t('data.newValue', { key: i.key })}
                      </label>
                      <input id={`edit-${i.id}`} value={draft} onChange={(e) => setDraft(e.target.value)} />
                      <button type="submit">{t('data.save')}</button>
                    </form>
                  ) : (
                    show(i.value)
                  )}
                </td>
                <td data-label={t('data.category')}>{i.category}</td>
                <td data-label={t('data.source')}>{sourceText(i.source)}</td>
                <td data-label={t('data.expires')}>{i.expiresAt ? date(i.expiresAt) : t('data.never')}</td>
                <td className="row-actions">
                  {i.source === 'stated' && editing !== i.id && (
                    <button
                      type="button"
                      className="quiet small"
                      onClick={() => {
                        setEditing(i.id)
                        setDraft(show(i.value))
                      }}
                    >
                      {t('data.edit')}
                      <span className="visually-hidden"> {i.key}</span>
                    </button>
                  )}
                  <button type="button" className="quiet small" onClick={() => remove(i.id, i.key)}>
                    {i.source === 'inferred' ? t('data.wrong') : t('data.remove')}
                    <span className="visually-hidden"> {i.key}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export function Interests({ data, reload }: PageProps) {
  const [status, setStatus] = useState('')
  const [topic, setTopic] = useState('')
  const inputId = useId()
  const shown = data.interests.filter(
    (i) => i.state !== 'rejected' && (i.established || i.source === 'stated'),
  )
  const change = async (id: string, label: string, state: 'stated' | 'rejected') => {
    const r = await api.POST('/v1/me/interests', { body: { topic: id, state } })
    if (r.error) return setStatus(errorText(r.error))
    await reload()
    setStatus(t(state === 'rejected' ? 'interests.removed' : 'interests.added', { topic: label }))
  }
  return (
    <>
      <p>{t('interests.intro')}</p>
      <Status text={status} />
      {shown.length === 0 ? (
        <p>{t('interests.none')}</p>
      ) : (
        <ul className="cards">
          {shown.map((i) => (
            <li key={i.topic} className="card">
              <h2>{i.label}</h2>
              <p>
                {i.source === 'stated'
                  ? t('interests.stated')
                  : i.established
                    ? i.evidence.why
                    : `${t('interests.emerging')}: ${i.evidence.why}`}
              </p>
              <button type="button" onClick={() => change(i.topic, i.label, 'rejected')}>
                {t('interests.remove', { topic: i.label })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault()
          if (topic.trim()) void change(topic.trim(), topic.trim(), 'stated').then(() => setTopic(''))
        }}
      >
        <h2>{t('interests.add')}</h2>
        <label htmlFor={inputId}>{t('interests.addLabel')}</label>
        <input id={inputId} value={topic} onChange={(e) => setTopic(e.target.value)} autoComplete="off" />
        <button type="submit">{t('interests.addButton')}</button>
      </form>
    </>
  )
}

export function Activity({ data, reload }: PageProps) {
  const [status, setStatus] = useState('')
  const events = [...data.events].sort((a, b) => b.timestamp.localeCompare(a.timestamp)).slice(0, 100)
  const gift = async (messageId: string) => {
    const r = await api.POST('/v1/me/events/{messageId}/gift', { params: { path: { messageId } } })
    if (r.error) return setStatus(errorText(r.error))
    await reload()
    setStatus(t('activity.marked'))
  }
  return (
    <>
      <p>{t('activity.intro')}</p>
      <Status text={status} />
      {events.length === 0 ? (
        <p>{t('activity.none')}</p>
      ) : (
        <ul className="rows">
          {events.map((e) => (
            <li key={e.messageId}>
              <div>
                <strong>{e.event ?? e.name ?? e.type}</strong>
                <span className="meta">
                  {date(e.timestamp)}
                  {e.topics.length > 0 ? ` · ${e.topics.join(', ')}` : ''}
                </span>
              </div>
              {e.gift ? (
                <span className="tag">{t('activity.isGift')}</span>
              ) : e.kind === 'purchase' ? (
                <button type="button" onClick={() => gift(e.messageId)}>
                  {t('activity.gift')}
                  <span className="visually-hidden">
                    : {e.event ?? e.type}, {date(e.timestamp)}
                  </span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export function Consent({ session, consent, reload }: PageProps) {
  const [status, setStatus] = useState('')
  // The switch moves at once; the ledger's answer (after the reload) then confirms it.
  const [pending, setPending] = useState<ReadonlyMap<string, boolean>>(new Map())
  const toggle = async (purpose: string, on: boolean) => {
    setPending((m) => new Map(m).set(purpose, on))
    const r = await api.POST('/v1/me/consent', { body: { purpose, state: on ? 'granted' : 'withdrawn' } })
    if (!r.error) await reload()
    setPending((m) => {
      const next = new Map(m)
      next.delete(purpose)
      return next
    })
    if (r.error) return setStatus(errorText(r.error))
    setStatus(
      t('consent.saved', { purpose: purposeName(purpose), state: on ? t('consent.on') : t('consent.off') }),
    )
  }
  return (
    <>
      <p>{t('consent.intro', { brand: session.brand.name })}</p>
      {(navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true && (
        <p className="note">{t('consent.gpc')}</p>
      )}
      <Status text={status} />
      <ul className="toggles">
        {consent.purposes.map((p) => (
          <li key={p.purpose}>
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                aria-checked={pending.get(p.purpose) ?? p.granted}
                checked={pending.get(p.purpose) ?? p.granted}
                disabled={p.purpose === 'essential'}
                onChange={(e) => toggle(p.purpose, e.target.checked)}
              />
              <span className="switch-text">
                <strong>{purposeName(p.purpose)}</strong>
                <span>{p.description}</span>
                <span className="meta">
                  {p.purpose === 'essential'
                    ? t('consent.essential')
                    : p.source
                      ? t('consent.source', { source: p.source.replaceAll('_', ' ') })
                      : t('consent.default')}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </>
  )
}

export function Why({ data, reload }: PageProps) {
  const [status, setStatus] = useState('')
  const decisions = data.decisions.slice(0, 20)
  const reject = async (topic: string, label: string) => {
    const r = await api.POST('/v1/me/interests', { body: { topic, state: 'rejected' } })
    if (r.error) return setStatus(errorText(r.error))
    await reload()
    setStatus(t('why.removed', { topic: label }))
  }
  if (decisions.length === 0) return <p>{t('why.none')}</p>
  return (
    <>
      <p>{t('why.intro')}</p>
      <Status text={status} />
      <ul className="cards">
        {decisions.map((d) => (
          <li key={d.decisionId} className="card">
            <p className="meta">
              {d.personalized ? t('why.personalized') : t('why.general')} · {d.placement}
            </p>
            {d.items.map((item) => (
              <div key={item.offerId} className="why-item">
                <h2>{item.title}</h2>
                <p>{item.explanation.text}</p>
                {item.explanation.factors.map((f, i) =>
                  f.kind === 'interest' && f.topic ? (
                    <button
                      // biome-ignore lint/suspicious/noArrayIndexKey: factors have no id and never reorder
                      key={i}
                      type="button"
                      className="quiet small"
                      onClick={() => reject(f.topic ?? '', f.label ?? f.topic ?? '')}
                    >
                      {t('why.notInterested', { topic: f.label ?? f.topic })}
                    </button>
                  ) : f.kind === 'stated' ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: factors have no id and never reorder
                    <p key={i} className="meta">
                      <a href="/me/interests">{t('why.stated')}</a>
                    </p>
                  ) : null,
                )}
              </div>
            ))}
            <p>
              <a href="/me/consent">{t('why.change', { action: t('nav.consent') })}</a>
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}

/** The export as CSV rows: one per data item, interest, event, consent entry and decision. */
export function toCsv(data: PageProps['data']): string {
  const rows: string[][] = [['section', 'id', 'name', 'value', 'category_or_topic', 'source', 'time']]
  for (const i of data.dataItems)
    rows.push(['data_item', i.id, i.key, show(i.value), i.category, i.source, i.collectedAt])
  for (const i of data.interests)
    rows.push(['interest', i.topic, i.label, String(i.score), i.topic, i.source, i.evidence.lastSeen ?? ''])
  for (const e of data.events)
    rows.push([
      'event',
      e.messageId,
      e.event ?? e.type,
      e.gift ? 'gift' : '',
      e.topics.join(' '),
      e.kind,
      e.timestamp,
    ])
  for (const c of data.consent)
    rows.push(['consent', c.id, c.purpose, c.state, c.scope, c.source, c.recordedAt])
  for (const d of data.decisions)
    rows.push([
      'decision',
      d.decisionId,
      d.placement,
      d.items.map((i) => i.title).join(' | '),
      '',
      d.personalized ? 'personalized' : 'general',
      '',
    ])
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}

export function Download({ session, data }: PageProps) {
  const save = (body: string, type: string, ext: string) => {
    const url = URL.createObjectURL(new Blob([body], { type }))
    const a = document.createElement('a')
    a.href = url
    a.download = `my-data-${session.brand.id}.${ext}`
    a.click()
    URL.revokeObjectURL(url)
  }
  return (
    <>
      <p>{t('download.intro', { brand: session.brand.name })}</p>
      <p className="actions">
        <button type="button" onClick={() => save(JSON.stringify(data, null, 2), 'application/json', 'json')}>
          {t('download.json')}
        </button>
        <button type="button" onClick={() => save(toCsv(data), 'text/csv', 'csv')}>
          {t('download.csv')}
        </button>
      </p>
    </>
  )
}

export function Erase({ session, ended }: PageProps) {
  const brand = session.brand.name
  const [sure, setSure] = useState(false)
  const [status, setStatus] = useState('')
  const [receipt, setReceipt] = useState<{ id: string; keys: number; at: string } | undefined>()
  const erase = async () => {
    const r = await api.DELETE('/v1/me')
    if (!r.data) return setStatus(errorText(r.error))
    setReceipt({ id: r.data.erasureId, keys: r.data.keysDestroyed, at: r.data.keysDestroyedAt })
  }
  if (receipt)
    return (
      <>
        <p role="status">{t('erase.done')}</p>
        <p className="receipt">
          {t('erase.receipt', { id: receipt.id, count: receipt.keys, time: receipt.at })}
        </p>
        <p>{t('erase.after')}</p>
        <button type="button" className="quiet" onClick={ended}>
          {t('erase.ok')}
        </button>
      </>
    )
  return (
    <>
      <p>{t('erase.intro', { brand })}</p>
      <Status text={status} />
      <p>
        <label className="check">
          <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />{' '}
          {t('erase.confirm', { brand })}
        </label>
      </p>
      <button type="button" className="danger" disabled={!sure} onClick={erase}>
        {t('erase.button', { brand })}
      </button>
    </>
  )
}
