/**
 * The store's one seam: a PostgreSQL connection that runs parameterised SQL
 * and transactions. Two drivers implement it with the same SQL: embedded
 * PGlite (a folder on disk, no server) and a real server through `pg`
 * (several service processes sharing one database).
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Sql {
  /** Runs one statement; `$1`, `$2`... are bound from `params`. */
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Sql {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** 'pglite' or 'postgres', for /api/health. */
  readonly kind: 'pglite' | 'postgres';
}

/** Embedded PostgreSQL in `dataDir` (created when missing; survives a restart). */
export async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      return (await db.query<Row>(text, [...params])).rows;
    },
    // PGlite has one backend: its transaction() queues other work until this one ends.
    transaction<T>(work: (tx: Sql) => Promise<T>) {
      return db.transaction((tx) =>
        work({ query: async <Row extends object>(text: string, params: readonly unknown[] = []) => (await tx.query<Row>(text, [...params])).rows }),
      );
    },
    close: () => db.close(),
  };
}

/** A PostgreSQL server at `url` (postgres://user@host:port/db). */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  await pool.query('SELECT 1'); // fail at start, not on the first quote
  return {
    kind: 'postgres',
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      return (await pool.query<Row & pg.QueryResultRow>(text, [...params])).rows;
    },
    async transaction<T>(work: (tx: Sql) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <Row extends object>(text: string, params: readonly unknown[] = []) =>
            (await client.query<Row & pg.QueryResultRow>(text, [...params])).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
