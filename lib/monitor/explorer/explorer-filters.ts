import { z } from "zod";
import { PURPOSES_OF_USE } from "@/lib/access/policy/policy-rules";
import { AppError } from "@/lib/errors";
import { RULE_DOCS, type TRuleId } from "../rules/rule-docs";
import { CURSOR_INVALID, readCursor } from "./explorer-cursor";

// The access explorer's filters, as they travel in a URL (the page's address, the JSON API's
// query string, the CSV export's link). Only ids, codes and times: a patient is given by their
// pseudonymous id, found by MRN through a POST (app/(shell)/explorer/actions.ts), never by MRN.
// Unknown parameters are refused rather than ignored, so a typo cannot silently widen a search.

export const EXPLORER_ROLES = ["ADMIN", "COMPLIANCE_OFFICER", "CLINICIAN", "AUDITOR", "PATIENT"] as const;
export const EXPLORER_ACTIONS = ["C", "R", "U", "D", "E"] as const;
/** "denied" is every outcome but success ("4" refused, "8" failed), as lib/monitor/outcome.ts counts it. */
export const EXPLORER_OUTCOMES = ["0", "4", "8", "denied"] as const;
/** The monitoring rules whose alerts cite events (a break-glass declaration cites none). */
export const EXPLORER_RULES = Object.keys(RULE_DOCS) as [TRuleId, ...TRuleId[]];
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
/** The widest range one query may ask for: an explorer query is about days or months, not eras. */
const MAX_RANGE_MS = 10 * 366 * 86_400_000;

const once = (name: string) => z.string({ error: `${name} may be given only once` });
const id = (name: string) =>
  once(name)
    .pipe(z.uuid({ error: `${name} must be an id (a UUID)` }))
    .optional();
const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
/** A bare day as an end stands for the whole day, as on paper: to=2026-03-31 includes 31 March. */
const instant = (name: string, bareDay: "start" | "end") =>
  once(name)
    .regex(DATE_RE, `${name} must be YYYY-MM-DD (a UTC day) or an ISO 8601 time with Z or an offset`)
    .transform((v, ctx) => {
      const day = v.length === 10;
      const d = new Date(day ? `${v}T00:00:00Z` : v);
      if (Number.isNaN(d.getTime()) || (day && d.toISOString().slice(0, 10) !== v)) {
        ctx.addIssue({ code: "custom", message: `${name} is not a real date` });
        return z.NEVER;
      }
      return day && bareDay === "end" ? new Date(d.getTime() + 86_400_000) : d;
    })
    .optional();

export const ZExplorerFilters = z
  .object({
    /** Inclusive start. */
    from: instant("from", "start"),
    /** Exclusive end. */
    to: instant("to", "end"),
    actor: id("actor"),
    role: once("role")
      .pipe(z.enum(EXPLORER_ROLES, { error: "role is not a role" }))
      .optional(),
    department: id("department"),
    patient: id("patient"),
    action: once("action")
      .pipe(z.enum(EXPLORER_ACTIONS, { error: "action must be C, R, U, D or E" }))
      .optional(),
    outcome: once("outcome")
      .pipe(z.enum(EXPLORER_OUTCOMES, { error: "outcome must be 0, 4, 8 or denied" }))
      .optional(),
    purpose: once("purpose")
      .pipe(z.enum(PURPOSES_OF_USE, { error: "purpose is not a purpose of use" }))
      .optional(),
    breakGlass: once("breakGlass")
      .pipe(z.enum(["yes", "no"], { error: "breakGlass must be yes or no" }))
      .optional(),
    /** Events cited by a privacy alert of this rule. */
    rule: once("rule")
      .pipe(z.enum(EXPLORER_RULES, { error: "rule is not a monitoring rule's id" }))
      .optional(),
    cursor: once("cursor")
      .transform((v, ctx) => {
        const c = readCursor(v);
        if (!c) ctx.addIssue({ code: "custom", message: CURSOR_INVALID });
        return c ?? z.NEVER;
      })
      .optional(),
    limit: once("limit")
      .regex(/^\d{1,4}$/, "limit must be a whole number")
      .transform(Number)
      .pipe(z.number().min(1, "limit must be at least 1").max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}`))
      .default(DEFAULT_PAGE_SIZE),
  })
  .strict()
  .superRefine((f, ctx) => {
    // zod runs this even when a field failed, with that field's raw string: compare parsed dates only.
    const { from, to } = f as { from?: unknown; to?: unknown };
    if (from instanceof Date && to instanceof Date) {
      if (from >= to) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
      else if (to.getTime() - from.getTime() > MAX_RANGE_MS)
        ctx.addIssue({ code: "custom", path: ["to"], message: "the range may be at most ten years" });
    }
    // Break-glass events are exactly those with purpose ETREAT (docs/access-policy.md).
    if (f.breakGlass === "yes" && f.purpose && f.purpose !== "ETREAT")
      ctx.addIssue({ code: "custom", path: ["purpose"], message: "break-glass events have purpose ETREAT" });
    if (f.breakGlass === "no" && f.purpose === "ETREAT")
      ctx.addIssue({ code: "custom", path: ["purpose"], message: "purpose ETREAT is break-glass" });
  });
export type TExplorerFilters = z.output<typeof ZExplorerFilters>;

/**
 * The filters of a query string, or a 400 listing every bad parameter (a malformed query string
 * is a bad request, not an unprocessable body). An empty value counts as absent, as an empty
 * field of a GET form sends it; a repeated parameter stays an array, which the schema refuses.
 */
export function parseExplorerFilters(params: URLSearchParams): TExplorerFilters {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key).filter((v) => v !== "");
    if (all.length > 0) raw[key] = all.length > 1 ? all : all[0];
  }
  const parsed = ZExplorerFilters.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError(
    "bad_request",
    "The explorer's filters are invalid.",
    parsed.error.issues.map((i) => ({ path: i.path.join(".") || "query", message: i.message })),
  );
}
