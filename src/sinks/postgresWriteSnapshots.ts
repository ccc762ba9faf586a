import type { Client } from 'pg';
import type { PublishContext } from './Sink.js';

/**
 * Brings `<table>_snapshots` (`table`: quoted, schema-qualified) to the
 * snapshots the store holds, marking the one published `is_current` at `now`;
 * call inside the publish's transaction.
 */
export async function postgresWriteSnapshots(client: Client, table: string, context: PublishContext, now: Date): Promise<void> {
  const all = context.snapshots;
  await client.query(`DELETE FROM ${table} WHERE id <> ALL($1::text[])`, [all.map((m) => m.id)]);
  await client.query(
    `INSERT INTO ${table} (id, created_at, kind, parent, "rows", files, manifest) ` +
      `SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[], $6::jsonb[], $7::jsonb[]) ON CONFLICT (id) DO NOTHING`,
    [
      all.map((m) => m.id),
      all.map((m) => m.createdAt),
      all.map((m) => m.kind),
      all.map((m) => m.parent),
      all.map((m) => m.latest.rows),
      all.map((m) => JSON.stringify(m.files)),
      all.map((m) => JSON.stringify(m)),
    ],
  );
  await client.query(`UPDATE ${table} SET is_current = (id IS NOT DISTINCT FROM $1::text), published_at = CASE WHEN id = $1::text THEN $2::timestamptz ELSE published_at END`, [
    context.snapshot?.id ?? null,
    now.toISOString(),
  ]);
}
