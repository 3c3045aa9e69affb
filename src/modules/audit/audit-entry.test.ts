import { describe, expect, it } from 'vitest'
import { type AuditEntry, ChainVerifier, chainEntries, genesisHash } from './audit-entry.js'

const entry = (i: number) => ({
  actor: 'key:x',
  action: 'policy.view',
  brandId: 'a',
  purpose: 'personalization',
  subject: `sub_${i}`,
  itemIds: [`itm_${i}`],
  details: { n: i },
})

function verify(
  entries: AuditEntry[],
  head?: { seq: number; hash: string },
  anchor?: { seq: number; hash: string },
) {
  const v = new ChainVerifier('c1', anchor)
  for (const e of entries) if (!v.push(e)) break
  return v.finish(head)
}

describe('the audit hash chain', () => {
  const chain = chainEntries('c1', { seq: 0, hash: genesisHash('c1') }, [1, 2, 3, 4].map(entry), 1000)
  const last = chain[3] as AuditEntry
  const head = { seq: last.seq, hash: last.hash }

  it('verifies an intact chain against its head and anchor', () => {
    expect(verify(chain, head, head)).toBeUndefined()
  })

  it('names the first edited entry', () => {
    const edited = chain.map((e) => (e.seq === 2 ? { ...e, details: { n: 99 } } : e))
    expect(verify(edited, head, head)).toEqual({ chainId: 'c1', seq: 2, reason: 'hash-mismatch' })
  })

  it('detects a deleted entry in the middle', () => {
    expect(
      verify(
        chain.filter((e) => e.seq !== 3),
        head,
        head,
      ),
    ).toEqual({ chainId: 'c1', seq: 3, reason: 'sequence-gap' })
  })

  it('detects truncation of the newest entries through the anchor kept outside the table', () => {
    const truncated = chain.slice(0, 2)
    const t = truncated[1] as AuditEntry
    // An attacker who truncates the table and rewrites the head row is still caught by the anchor.
    expect(verify(truncated, { seq: t.seq, hash: t.hash }, head)).toEqual({
      chainId: 'c1',
      seq: 3,
      reason: 'truncated',
    })
  })

  it('detects a re-hashed forgery whose links no longer match', () => {
    const forged = chain.map((e) => (e.seq === 2 ? { ...e, hash: 'f'.repeat(64) } : e))
    expect(verify(forged, head, head)?.seq).toBe(2)
  })
})
