import type { TExplorerPage, TExplorerRow } from "./list-access-events";

// The JSON the access-events API answers (docs/access-explorer.md). Field names are stable: a
// SIEM or ticketing system parses them. Version 1; a breaking change gets a new version field.

export type TExplorerResponse = {
  version: 1;
  data: (Omit<TExplorerRow, "recorded"> & { recorded: string })[];
  /** Cursors to pass as ?cursor=, and the same as ready links with the filters kept. */
  next: string | null;
  prev: string | null;
  links: { self: string; next: string | null; prev: string | null };
};

export function explorerResponse(page: TExplorerPage, url: URL): TExplorerResponse {
  const link = (cursor: string | null) => {
    if (!cursor) return null;
    const u = new URL(url);
    u.searchParams.set("cursor", cursor);
    return `${u.pathname}${u.search}`;
  };
  return {
    version: 1,
    data: page.rows.map((r) => ({ ...r, recorded: r.recorded.toISOString() })),
    next: page.next,
    prev: page.prev,
    links: { self: `${url.pathname}${url.search}`, next: link(page.next), prev: link(page.prev) },
  };
}
