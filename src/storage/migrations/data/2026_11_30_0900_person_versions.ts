import { type Kysely, SqliteAdapter, sql } from 'kysely'

// A version per person that the database itself bumps whenever the person's consent ledger or
// identities change (triggers, so no write path can forget it), and that disappears with the
// person. A process may keep what it derived from those rows in memory as long as the version it
// read first is still the one stored: one small read instead of the ledger and identity reads,
// and still correct when another process (or node) changed them.

/**
 * Tables whose changes a cached person state depends on, and the events that change it. A later
 * migration that rebuilds one of these tables (or `persons`) on SQLite (create, copy, drop,
 * rename) drops its triggers: it must create them again.
 */
const WATCHED = [
  { table: 'consent_records', events: ['insert', 'update', 'delete'] },
  { table: 'identities', events: ['update', 'delete'] },
] as const

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  await db.schema
    .createTable('person_versions')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .$call((t) => (sqlite ? t.modifyEnd(sql`without rowid`) : t))
    .execute()
  await sql`insert into person_versions (person_id, version) select id, 1 from persons`.execute(db)
  if (sqlite) {
    await sql`create trigger person_versions_born after insert on persons begin
      insert into person_versions (person_id, version) values (new.id, 1); end`.execute(db)
    await sql`create trigger person_versions_gone after delete on persons begin
      delete from person_versions where person_id = old.id; end`.execute(db)
    for (const { table, events } of WATCHED)
      for (const event of events) {
        const who =
          event === 'insert'
            ? 'new.person_id'
            : event === 'delete'
              ? 'old.person_id'
              : 'old.person_id, new.person_id'
        await sql`${sql.raw(`create trigger person_versions_${table}_${event} after ${event} on ${table} begin
          update person_versions set version = version + 1 where person_id in (${who}); end`)}`.execute(db)
      }
    return
  }
  // The functions keep the migration's schema (`set search_path from current`): a session with
  // another search_path (psql, a script) still bumps this schema's versions.
  await sql`create function candor_person_born() returns trigger language plpgsql set search_path from current as $$
    begin
      if tg_op = 'INSERT' then
        insert into person_versions (person_id, version) values (new.id, 1);
      else
        delete from person_versions where person_id = old.id;
      end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger person_versions_born after insert or delete on persons
    for each row execute function candor_person_born()`.execute(db)
  await sql`create function candor_person_changed() returns trigger language plpgsql set search_path from current as $$
    begin
      if tg_op <> 'DELETE' then
        update person_versions set version = version + 1 where person_id = new.person_id;
      end if;
      if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.person_id is distinct from new.person_id) then
        update person_versions set version = version + 1 where person_id = old.person_id;
      end if;
      return null;
    end $$`.execute(db)
  for (const { table, events } of WATCHED)
    await sql`${sql.raw(`create trigger person_versions_${table} after ${events.join(' or ')} on ${table}
      for each row execute function candor_person_changed()`)}`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  if (sqlite) {
    for (const name of ['born', 'gone'])
      await sql`${sql.raw(`drop trigger if exists person_versions_${name}`)}`.execute(db)
    for (const { table, events } of WATCHED)
      for (const event of events)
        await sql`${sql.raw(`drop trigger if exists person_versions_${table}_${event}`)}`.execute(db)
  } else {
    await sql`drop trigger if exists person_versions_born on persons`.execute(db)
    for (const { table } of WATCHED)
      await sql`${sql.raw(`drop trigger if exists person_versions_${table} on ${table}`)}`.execute(db)
    await sql`drop function if exists candor_person_born()`.execute(db)
    await sql`drop function if exists candor_person_changed()`.execute(db)
  }
  await db.schema.dropTable('person_versions').ifExists().execute()
}
