import type { TAlertStatus } from "@/lib/monitor/alerts/alert-status";

// How the alert pages name states and severities; codes stay codes in the address and the API.

export const STATUS_LABEL: Record<TAlertStatus, string> = {
  new: "New",
  under_review: "Under review",
  closed: "Closed",
  escalated: "Escalated",
};
export const statusLabel = (s: string) => STATUS_LABEL[s as TAlertStatus] ?? s;

export const SEVERITY_BADGE: Record<string, string> = { critical: "bad", high: "bad", medium: "warn", low: "muted" };

export const isOpenStatus = (status: string) => status === "new" || status === "under_review";

/** "2026-12-03 09:14" — UTC, to the minute, the same in every browser. */
export const utcMinute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
/** "2026-12-03 09:14:07" — to the second. */
export const utcSecond = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ");
