import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CURSOR_INVALID, readCursor } from "../explorer/explorer-cursor";
import { RULE_DOCS } from "../rules/rule-docs";
import { ALERT_STATUSES } from "./alert-status";

// The alert queue's filters, as they travel in a URL (/alerts, GET /api/monitor/alerts): ids and
// codes only — an alert's patient is never a filter here (an alert names them by pseudonym, and
// the explorer follows one patient). Unknown parameters are refused rather than ignored, so a
// typo cannot silently widen the queue.

/** "open" (new or under review, the default) and "all" besides the four states. */
export const QUEUE_STATUSES = ["open", ...ALERT_STATUSES, "all"] as const;
export type TQueueStatus = (typeof QUEUE_STATUSES)[number];
export const QUEUE_SEVERITIES = ["critical", "high", "medium", "low"] as const;
/** A declared break-glass raises its alert under this rule id, beside the monitoring rules. */
export const BREAK_GLASS_RULE = "break-glass-declared";
export const QUEUE_RULES = [...(Object.keys(RULE_DOCS) as (keyof typeof RULE_DOCS)[]), BREAK_GLASS_RULE] as const;
export const MAX_QUEUE_PAGE = 200;
export const DEFAULT_QUEUE_PAGE = 50;

const once = (name: string) => z.string({ error: `${name} may be given only once` });
const UUID = z.uuid();

export const ZAlertQueueFilters = z
  .object({
    status: once("status")
      .pipe(z.enum(QUEUE_STATUSES, { error: `status must be one of ${QUEUE_STATUSES.join(", ")}` }))
      .default("open"),
    severity: once("severity")
      .pipe(z.enum(QUEUE_SEVERITIES, { error: "severity must be critical, high, medium or low" }))
      .optional(),
    rule: once("rule")
      .pipe(z.enum(QUEUE_RULES, { error: "rule is not a monitoring rule id" }))
      .optional(),
    /** "me" (the caller), "unassigned", or an officer's user id. */
    owner: once("owner")
      .refine((v) => v === "me" || v === "unassigned" || UUID.safeParse(v).success, {
        error: "owner must be me, unassigned or a user id (a UUID)",
      })
      .optional(),
    actor: once("actor")
      .pipe(z.uuid({ error: "actor must be a user id (a UUID)" }))
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
      .pipe(
        z.number().min(1, "limit must be at least 1").max(MAX_QUEUE_PAGE, `limit must be at most ${MAX_QUEUE_PAGE}`),
      )
      .default(DEFAULT_QUEUE_PAGE),
  })
  .strict();
export type TAlertQueueFilters = z.output<typeof ZAlertQueueFilters>;

/**
 * The filters of a query string, or a 400 listing every bad parameter. An empty value counts as
 * absent (an empty select of a GET form sends one); a repeated parameter stays an array, which
 * the schema refuses.
 */
export function parseAlertQueueFilters(params: URLSearchParams): TAlertQueueFilters {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key).filter((v) => v !== "");
    if (all.length > 0) raw[key] = all.length > 1 ? all : all[0];
  }
  const parsed = ZAlertQueueFilters.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError(
    "bad_request",
    "The alert filters are invalid.",
    parsed.error.issues.map((i) => ({ path: i.path.join(".") || "query", message: i.message })),
  );
}

/** The filters back into a query string, in one fixed order, defaults left out. */
export function alertQueueSearchParams(
  f: Omit<TAlertQueueFilters, "cursor" | "limit"> & { limit?: number },
  extra: { cursor?: string } = {},
): URLSearchParams {
  const out = new URLSearchParams();
  if (f.status !== "open") out.set("status", f.status);
  for (const key of ["severity", "rule", "owner", "actor"] as const) {
    const v = f[key];
    if (v) out.set(key, v);
  }
  if (f.limit !== undefined && f.limit !== DEFAULT_QUEUE_PAGE) out.set("limit", String(f.limit));
  if (extra.cursor) out.set("cursor", extra.cursor);
  return out;
}
