// The compliance officer's pages under autocannon, signed in, against the seeded database: the
// dashboard overview, and the explorer's first page and page 1,000 with and without filters.
import { Prisma, type PrismaClient } from "../../lib/generated/prisma/client";
import { encodeCursor } from "../../lib/monitor/explorer/explorer-cursor";
import { DEFAULT_PAGE_SIZE, parseExplorerFilters } from "../../lib/monitor/explorer/explorer-filters";
import { explorerWhere } from "../../lib/monitor/explorer/explorer-where";
import { loadTest, warmUp, type TLoadResult } from "../http/load";

export const DEEP_PAGE = 1_000;

export type TPageTarget = { name: string; path: string; note?: string };

/**
 * The cursor a reader holds after paging to `page` (the keyset of the last row of the page
 * before), found once by SQL over the explorer's own WHERE, or the last page when fewer match.
 */
async function deepCursor(prisma: PrismaClient, query: string): Promise<{ cursor: string; page: number }> {
  const where = explorerWhere(parseExplorerFilters(new URLSearchParams(query)));
  const cond = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const [{ n }] = await prisma.$queryRaw<{ n: bigint }[]>(
    Prisma.sql`SELECT count(*) AS n FROM "AccessEvent" e ${cond}`,
  );
  const page = Math.min(DEEP_PAGE, Math.max(2, Math.ceil(Number(n) / DEFAULT_PAGE_SIZE)));
  const offset = (page - 1) * DEFAULT_PAGE_SIZE - 1;
  const [row] = await prisma.$queryRaw<{ recorded: Date; id: string }[]>(
    Prisma.sql`SELECT e.recorded, e.id FROM "AccessEvent" e ${cond}
               ORDER BY e.recorded DESC, e.id DESC OFFSET ${offset} LIMIT 1`,
  );
  return { cursor: encodeCursor({ direction: "next", recorded: row.recorded, id: row.id }), page };
}

/** The addresses to load: the explorer's filter is one department's reads (an officer's everyday question). */
export async function pageTargets(prisma: PrismaClient): Promise<TPageTarget[]> {
  const dept = await prisma.department.findFirstOrThrow({ orderBy: { name: "asc" } });
  const filter = `department=${dept.id}&action=R`;
  const deep = await deepCursor(prisma, "");
  const deepFiltered = await deepCursor(prisma, filter);
  const pageNote = (p: number) => (p < DEEP_PAGE ? `fewer than ${DEEP_PAGE} pages match: page ${p}` : undefined);
  return [
    { name: "dashboard overview", path: "/dashboard" },
    { name: "explorer page 1", path: "/explorer" },
    { name: `explorer page ${deep.page}`, path: `/explorer?cursor=${deep.cursor}`, note: pageNote(deep.page) },
    { name: "explorer page 1, filtered", path: `/explorer?${filter}` },
    {
      name: `explorer page ${deepFiltered.page}, filtered`,
      path: `/explorer?${filter}&cursor=${deepFiltered.cursor}`,
      note: pageNote(deepFiltered.page),
    },
  ];
}

export type THttpFigure = TLoadResult & { target: TPageTarget };

export async function measurePages(o: {
  baseUrl: string;
  cookie: string;
  targets: readonly TPageTarget[];
  connections: readonly number[];
  seconds: number;
}): Promise<THttpFigure[]> {
  for (const t of o.targets) await warmUp(o.baseUrl + t.path, o.cookie);
  const out: THttpFigure[] = [];
  for (const connections of o.connections) {
    for (const target of o.targets) {
      console.log(`autocannon: ${target.name}, ${connections} connections, ${o.seconds} s …`);
      const r = await loadTest({ url: o.baseUrl + target.path, cookie: o.cookie, connections, seconds: o.seconds });
      console.log(
        `  p50 ${r.p50} ms, p97.5 ${r.p97_5} ms, p99 ${r.p99} ms, ${Math.round(r.perSecond)} req/s, non-2xx ${r.failed}`,
      );
      out.push({ ...r, target });
    }
  }
  return out;
}
