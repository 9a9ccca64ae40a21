import type { TAlertDetail, TAlertTransition } from "./get-alert-detail";
import type { TAlertQueuePage, TAlertQueueRow } from "./list-alert-queue";

// The JSON the alerts API answers (docs/alerts-api.md). Field names are stable within version 1:
// a ticketing system or SIEM parses them. Ids, codes, directory names and pseudonyms only.

type TIso<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends Date ? string : string | null };

export type TAlertListResponse = {
  version: 1;
  data: TIso<TAlertQueueRow, "createdAt">[];
  next: string | null;
  prev: string | null;
  links: { self: string; next: string | null; prev: string | null };
};

export type TAlertResponse = {
  version: 1;
  data: Omit<TIso<TAlertDetail, "createdAt" | "acknowledgedAt">, "breakGlassId"> & {
    transitions: TIso<TAlertTransition, "createdAt">[];
  };
};

export function alertListResponse(page: TAlertQueuePage, url: URL): TAlertListResponse {
  const link = (cursor: string | null) => {
    if (!cursor) return null;
    const u = new URL(url);
    u.searchParams.set("cursor", cursor);
    return `${u.pathname}${u.search}`;
  };
  return {
    version: 1,
    data: page.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    next: page.next,
    prev: page.prev,
    links: { self: `${url.pathname}${url.search}`, next: link(page.next), prev: link(page.prev) },
  };
}

export function alertResponse(d: { alert: TAlertDetail; transitions: TAlertTransition[] }): TAlertResponse {
  // The break-glass id leads to sealed staff text: the page opens it, the API does not hand it on.
  const { breakGlassId, ...alert } = d.alert;
  void breakGlassId;
  return {
    version: 1,
    data: {
      ...alert,
      createdAt: alert.createdAt.toISOString(),
      acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
      transitions: d.transitions.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })),
    },
  };
}
