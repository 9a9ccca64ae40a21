// Statements run in one trip must give exactly what each gives with its parameters on its own:
// the same rows, typed by the same parsers, whatever text the values hold.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { inlineValues, literal, oneTrip, planLoad, runPlans, tripQuery } from "./one-trip";

let db: TTestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

const TYPED = `SELECT $1::text AS t, $2::uuid[] AS ids, $3::timestamptz AS at, $4::timestamp AS ts, $5::int AS n,
                      $6::bigint AS big, $7::text[] AS texts, $8::boolean AS b, $9::date AS d, $10::text AS absent`;

describe("oneTrip", () => {
  it("returns what client.query returns with parameters, for every kind of value the monitor passes", async () => {
    const values = [
      `it's a \\ "quoted" $1 value`,
      ["0192f5a0-0000-7000-8000-000000000001", "0192f5a0-0000-7000-8000-000000000002"],
      new Date("2026-03-29T01:30:00.123Z"),
      "2026-03-29T01:30:00.123",
      42,
      9_007_199_254_740_993n,
      ['a"b', "c\\d", "e,f", "{g}", null, ""],
      true,
      "2026-12-07",
      null,
    ];
    const direct = await client.query(TYPED, values);
    const [trip] = await oneTrip(client, tripQuery(TYPED, values));
    expect(trip.rows).toEqual(direct.rows);
  });

  it("keeps any text intact, quotes and backslashes included (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.array(fc.string(), { maxLength: 4 }),
        async (s, a) => {
          // PostgreSQL text holds no NUL.
          const text = s.replace(/\0/g, "");
          const arr = a.map((x) => x.replace(/\0/g, ""));
          const q = tripQuery<{ t: string; a: string[] }>(`SELECT $1::text AS t, $2::text[] AS a`, [text, arr]);
          const [r] = await oneTrip(client, q);
          expect(r.rows).toEqual([{ t: text, a: arr }]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("returns each statement's result in order, empty ones included, and plans build from their own", async () => {
    const one = planLoad(
      [tripQuery<{ n: number }>(`SELECT 1 AS n`), tripQuery<{ n: number }>(`SELECT 2 AS n WHERE false`)],
      ([a, b]) => [a.rows, b.rows],
    );
    const two = planLoad([tripQuery<{ x: string }>(`SELECT $1::text AS x`, ["three"])], ([c]) => c.rows[0]!.x);
    const [first, second] = await runPlans(client, one, two);
    expect(first).toEqual([[{ n: 1 }], []]);
    expect(second).toBe("three");
  });

  it("refuses a placeholder without a value and values it cannot write", () => {
    expect(() => inlineValues(tripQuery(`SELECT $2`, [1]))).toThrow(/no value for \$2/);
    expect(() => literal({ a: 1 })).toThrow(TypeError);
    expect(() => literal([[1]])).toThrow(TypeError);
  });
});
