import { DEFAULT_PAGE_SIZE, type TExplorerFilters } from "./explorer-filters";

// The filters back into a query string, for the page's links, the CSV link and the API's next
// and prev links. Only what is set is written, in one fixed order, so the same filters always
// read the same address. Values are ids, codes and times only (no MRN, no name).

const DAY_MS = 86_400_000;
const isMidnight = (d: Date) => d.getTime() % DAY_MS === 0;

/** A time as the shortest spelling that parses back to it: a bare day when it is a UTC midnight. */
export function formatBound(d: Date, side: "from" | "to"): string {
  if (!isMidnight(d)) return d.toISOString();
  // A bare day as "to" means the end of that day, so midnight is written as the day before.
  return new Date(side === "to" ? d.getTime() - DAY_MS : d.getTime()).toISOString().slice(0, 10);
}

export type TFilterValues = Omit<TExplorerFilters, "cursor" | "limit"> & { limit?: number };

export function explorerSearchParams(f: TFilterValues, extra: { cursor?: string } = {}): URLSearchParams {
  const out = new URLSearchParams();
  if (f.from) out.set("from", formatBound(f.from, "from"));
  if (f.to) out.set("to", formatBound(f.to, "to"));
  for (const key of [
    "actor",
    "role",
    "department",
    "patient",
    "action",
    "outcome",
    "purpose",
    "breakGlass",
    "rule",
  ] as const) {
    const v = f[key];
    if (v) out.set(key, v);
  }
  if (f.limit !== undefined && f.limit !== DEFAULT_PAGE_SIZE) out.set("limit", String(f.limit));
  if (extra.cursor) out.set("cursor", extra.cursor);
  return out;
}
