import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const HOW = 'choose another with --data-dir <dir> or CANDOR_DATA_DIR'

/**
 * Makes sure the data directory can hold Candor's files (the SQLite databases, the master key,
 * the audit anchors): it is created when missing; a path that is a file, a directory that cannot
 * be created or one that is not writable is an error naming the path, what is wrong and how to
 * fix it, before any database is opened.
 */
export function prepareDataDir(dir: string): void {
  const path = resolve(dir)
  let stat: ReturnType<typeof statSync> | undefined
  try {
    stat = statSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR')
      throw new Error(
        `the data directory ${path} cannot exist: a part of that path is a file, not a directory; ${HOW}`,
      )
    if (code !== 'ENOENT') throw new Error(`cannot read the data directory ${path} (${code}); ${HOW}`)
  }
  if (stat && !stat.isDirectory())
    throw new Error(`the data directory ${path} is a file, not a directory: move that file away, or ${HOW}`)
  if (!stat) {
    try {
      mkdirSync(path, { recursive: true })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new Error(
        `cannot create the data directory ${path} (${code}): ${
          code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? `${nearestExisting(path)} is not writable`
            : code === 'ENOTDIR'
              ? 'a part of that path is a file'
              : 'the file system refused'
        }; create it yourself, or ${HOW}`,
      )
    }
    return
  }
  try {
    accessSync(path, constants.W_OK | constants.R_OK | constants.X_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new Error(
      `the data directory ${path} is not writable (${code}): Candor keeps its databases and keys there; give this user write access (chown or chmod), or ${HOW}`,
    )
  }
}

function nearestExisting(path: string): string {
  let p = dirname(path)
  for (let i = 0; i < 100; i++) {
    try {
      statSync(p)
      return p
    } catch {
      const up = dirname(p)
      if (up === p) return p
      p = up
    }
  }
  return p
}

/** Whether `dir` exists and this process may create files in it. */
export function isWritableDir(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK)
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}

/**
 * A private, writable copy of a data directory (its databases with their write-ahead logs, the
 * master key, the audit anchors) for commands that only read, on a directory they may not write
 * (a read-only mount, a backup). SQLite cannot open a database in WAL mode there.
 */
export function writableCopyOf(dir: string): { dir: string; remove(): void } {
  const copy = mkdtempSync(join(tmpdir(), 'candor-readonly-copy-'))
  cpSync(dir, copy, { recursive: true })
  const owned = (p: string) => {
    const s = statSync(p)
    chmodSync(p, s.isDirectory() ? 0o700 : 0o600)
    if (s.isDirectory()) for (const name of readdirSync(p)) owned(join(p, name))
  }
  owned(copy)
  return { dir: copy, remove: () => rmSync(copy, { recursive: true, force: true }) }
}
