// fast-check inputs for holding the zod-free readers (json-shape.ts) against the zod schemas they
// replace: valid values, each field perturbed the way a damaged or forged file would be.
import fc from "fast-check";

const INSTANT_CHARS = "0123456789TZ.:-+ tz";

/** Instants near the edge: leap days, month ends, fractions, one character changed. */
export const instantLike = (): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .date({ min: new Date(0), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true })
        .map((d) => d.toISOString()),
    },
    fc.constantFrom(
      "2024-02-29T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2000-02-29T12:00:00.5Z",
      "1900-02-29T12:00:00Z",
      "2026-04-31T00:00:00Z",
      "2026-12-31T23:59:59.123456789Z",
      "2026-12-31T24:00:00Z",
      "2026-12-31T23:60:00Z",
      "2026-12-31T23:59Z",
      "2026-12-31T23:59:59+00:00",
      "2026-12-31 23:59:59Z",
      "2026-12-31T23:59:59.Z",
      "2026-12-31T23:59:59",
    ),
    fc
      .tuple(fc.date({ noInvalidDate: true, min: new Date(0) }), fc.nat(), fc.constantFrom(...INSTANT_CHARS))
      .map(([d, at, ch]) => {
        const s = d.toISOString();
        const i = at % s.length;
        return s.slice(0, i) + ch + s.slice(i + 1);
      }),
  );

/** A hex string of the right length, or one changed in length, case or alphabet. */
export const hexLike = (length: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`)) },
    fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${length - 1},${length + 1}}$`)),
    fc.string(),
  );

/** A field value: the valid one most of the time, else something else JSON can hold (or nothing). */
export const orJunk = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 30, arbitrary: valid },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, "", 0, -1, 1.5, 2 ** 53, [], {}) },
  );

/** An object of the given fields, some perhaps left out, perhaps with one key too many. */
export const objectLike = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.record(fields),
      fc.oneof(
        { weight: 7, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.jsonValue()) },
      ),
      fc.nat(7),
    )
    .map(([some, all, extra, useAll]) => {
      const obj: Record<string, unknown> = { ...(useAll > 0 ? all : some) };
      if (extra) obj[extra[0]] = extra[1];
      return obj;
    });
