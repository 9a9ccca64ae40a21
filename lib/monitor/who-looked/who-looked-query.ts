import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CURSOR_INVALID, readCursor, type TExplorerCursor } from "../explorer/explorer-cursor";

// The query string of a "who looked at this record" page: a period in whole UTC days (the rollup
// behind it is daily), a page size and a cursor. The patient is in the path, by pseudonymous id.
// Unknown and repeated parameters are refused, as in the explorer.

export const WHO_LOOKED_DEFAULT_LIMIT = 25;
export const WHO_LOOKED_MAX_LIMIT = 100;

const once = (name: string) => z.string({ error: `${name} may be given only once` });
const day = (name: string) =>
  once(name)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a UTC day, YYYY-MM-DD`)
    .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, `${name} is not a real date`)
    .optional();

export const ZWhoLookedQuery = z
  .object({
    /** First UTC day included. */
    from: day("from"),
    /** Last UTC day included. */
    to: day("to"),
    limit: once("limit")
      .regex(/^\d{1,4}$/, "limit must be a whole number")
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, "limit must be at least 1")
          .max(WHO_LOOKED_MAX_LIMIT, `limit must be at most ${WHO_LOOKED_MAX_LIMIT}`),
      )
      .default(WHO_LOOKED_DEFAULT_LIMIT),
    cursor: once("cursor")
      .transform((v, ctx): TExplorerCursor => {
        const c = readCursor(v);
        if (!c) ctx.addIssue({ code: "custom", message: CURSOR_INVALID });
        return c ?? z.NEVER;
      })
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (typeof q.from === "string" && typeof q.to === "string" && q.from > q.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
  });
export type TWhoLookedQuery = z.output<typeof ZWhoLookedQuery>;

/** The query, or a 400 naming every bad parameter; an empty value counts as absent. */
export function parseWhoLookedQuery(params: URLSearchParams): TWhoLookedQuery {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key).filter((v) => v !== "");
    if (all.length > 0) raw[key] = all.length > 1 ? all : all[0];
  }
  const parsed = ZWhoLookedQuery.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError(
    "bad_request",
    "The page's parameters are invalid.",
    parsed.error.issues.map((i) => ({ path: i.path.join(".") || "query", message: i.message })),
  );
}

/** The query back as a query string (the defaults left out), for the page's links. */
export function whoLookedSearchParams(q: Omit<TWhoLookedQuery, "cursor">, cursor?: string): URLSearchParams {
  const out = new URLSearchParams();
  if (q.from) out.set("from", q.from);
  if (q.to) out.set("to", q.to);
  if (q.limit !== WHO_LOOKED_DEFAULT_LIMIT) out.set("limit", String(q.limit));
  if (cursor) out.set("cursor", cursor);
  return out;
}
