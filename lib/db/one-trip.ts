import pg from "pg";

// Several statements in one round trip. A step of the monitoring rules reads a dozen small
// results (facts, baselines); one statement at a time, each waits for the server to be scheduled,
// which on a busy machine costs more than the statements themselves. The simple query protocol
// carries many statements in one message, but no parameters: the values are written into the text
// as quoted literals, which the server types from their context as it would a parameter.

/** One statement and its values ($1, $2, … as in client.query); `Row` types its result. */
export type TTripQuery<Row> = { text: string; values: readonly unknown[]; readonly _row?: Row };

export const tripQuery = <Row>(text: string, values: readonly unknown[] = []): TTripQuery<Row> => ({ text, values });

type TElement = string | number | bigint | boolean | null;

/** A PostgreSQL array literal of scalars (every element double-quoted, so any text is safe). */
function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v) || v instanceof Date || typeof v === "object")
      throw new TypeError("one-trip: array elements must be scalars");
    return `"${String(v as TElement).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${items.join(",")}}`;
}

/** A value as a literal of unknown type: the text the extended protocol would send for it, quoted. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  // An instant: timestamptz contexts read it exactly; the callers pass UTC strings for `timestamp`.
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return pg.escapeLiteral(arrayLiteral(value));
  if (typeof value === "boolean") return value ? "'t'" : "'f'";
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint")
    return pg.escapeLiteral(String(value));
  throw new TypeError(`one-trip: cannot write a ${typeof value} as a literal`);
}

/** The statement with its $n placeholders replaced by literals (statements here hold no quoted "$"). */
export function inlineValues(q: TTripQuery<unknown>): string {
  return q.text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= q.values.length) throw new RangeError(`one-trip: no value for $${n}`);
    return literal(q.values[i]);
  });
}

type TResults<T extends readonly unknown[]> = { [K in keyof T]: pg.QueryResult<T[K] & pg.QueryResultRow> };

/**
 * Runs the statements in one round trip (inside the caller's transaction, if any) and returns each
 * one's result, in order. The rows are parsed by the same type parsers as client.query's.
 */
export async function oneTrip<T extends readonly unknown[]>(
  client: pg.ClientBase,
  ...queries: { [K in keyof T]: TTripQuery<T[K]> }
): Promise<TResults<T>> {
  if (queries.length === 0) return [] as unknown as TResults<T>;
  const text = (queries as readonly TTripQuery<unknown>[]).map(inlineValues).join(";\n");
  const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
  const results = Array.isArray(result) ? result : [result];
  if (results.length !== queries.length)
    throw new Error(`one-trip: ${queries.length} statements gave ${results.length} results`);
  return results as unknown as TResults<T>;
}

/** Statements and what to make of their results: loads that can share one round trip with others. */
export type TPlannedLoad<T> = {
  queries: readonly TTripQuery<unknown>[];
  build: (results: readonly pg.QueryResult[]) => T;
};

export function planLoad<Rows extends readonly unknown[], T>(
  queries: { [K in keyof Rows]: TTripQuery<Rows[K]> },
  build: (results: TResults<Rows>) => T,
): TPlannedLoad<T> {
  return {
    queries: queries as readonly TTripQuery<unknown>[],
    build: (results) => build(results as unknown as TResults<Rows>),
  };
}

/** Runs every plan's statements in one round trip and builds each plan's value from its own results. */
export async function runPlans<T extends readonly unknown[]>(
  client: pg.ClientBase,
  ...plans: { [K in keyof T]: TPlannedLoad<T[K]> }
): Promise<T> {
  const all = (plans as readonly TPlannedLoad<unknown>[]).flatMap((p) => p.queries);
  const results = (await oneTrip(client, ...all)) as unknown as pg.QueryResult[];
  let at = 0;
  return (plans as readonly TPlannedLoad<unknown>[]).map((p) => {
    const mine = results.slice(at, at + p.queries.length);
    at += p.queries.length;
    return p.build(mine);
  }) as unknown as T;
}
