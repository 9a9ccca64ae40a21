import "server-only";
import { ZodError } from "zod";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { AppError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { toAuditEvent } from "./audit-event";
import { buildBundle } from "./build-bundle";
import { parseAuditEventQuery, type TAuditEventQuery } from "./parse-audit-event-query";
import type { TAuditEventSearchResponse } from "./search-audit-events.types";

export type TSearchAuditEventsInput = {
  /** The request URL: its search parameters are the query, and paging links are built from it. */
  url: URL;
  actor: { id: string; role: Role };
  network?: string | null;
  userAgent?: string | null;
  requestId?: string;
};

const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/;

function decodeCursor(cursor: string): { recorded: Date; id: string } {
  const m = CURSOR_RE.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m)
    throw new AppError("unprocessable", "The request is invalid.", [
      { path: "_cursor", message: "_cursor is not a cursor this server issued" },
    ]);
  return { recorded: new Date(m[1]), id: m[2] };
}

function whereOf(q: TAuditEventQuery): Prisma.AccessEventWhereInput {
  const and: Prisma.AccessEventWhereInput[] = [
    { patientId: q.patient, actorId: q.agent, outcome: q.outcome, recorded: q.date },
  ];
  if (q._cursor) {
    const c = decodeCursor(q._cursor);
    const op = q._sort === "date" ? "gt" : "lt";
    and.push({ OR: [{ recorded: { [op]: c.recorded } }, { recorded: c.recorded, id: { [op]: c.id } }] });
  }
  return { AND: and };
}

type TLink = TAuditEventSearchResponse["link"][number];

async function runSearch(prisma: PrismaClient, q: TAuditEventQuery, url: URL): Promise<TAuditEventSearchResponse> {
  const dir = q._sort === "date" ? "asc" : "desc";
  const rows = await prisma.accessEvent.findMany({
    where: whereOf(q),
    orderBy: [{ recorded: dir }, { id: dir }],
    take: q._count + 1,
  });
  const page = rows.slice(0, q._count);
  const sealed = await prisma.ledgerEntry.findMany({
    where: { kind: "access_event", rowId: { in: page.map((r) => r.id) } },
    select: { rowId: true, index: true },
  });
  const indexOf = new Map(sealed.map((s) => [s.rowId, s.index]));
  const observer = runtimeEnv().HL_LOG_ORIGIN;
  const link: [TLink, ...TLink[]] = [{ relation: "self", url: url.toString() }];
  if (rows.length > q._count) {
    const last = page[page.length - 1];
    const next = new URL(url);
    next.searchParams.set("_cursor", Buffer.from(`${last.recorded.toISOString()}_${last.id}`).toString("base64url"));
    link.push({ relation: "next", url: next.toString() });
  }
  return buildBundle({
    type: "searchset",
    link,
    entries: page.map((e) => ({ id: e.id, resource: toAuditEvent(e, { observer, ledgerIndex: indexOf.get(e.id) }) })),
  });
}

/**
 * Search access events (IHE ITI-81 style) and return them as a FHIR searchset Bundle, newest
 * first unless _sort=date, with keyset paging through the `next` link. No `total`: counting a
 * filtered range of millions of events would cost more than the page itself. Every search,
 * valid or not, is itself an anchored access event (a consultation of the log, which GDPR
 * Art. 15 reports list); it records the parameter names, never their values.
 */
export async function searchAuditEvents(
  prisma: PrismaClient,
  input: TSearchAuditEventsInput,
): Promise<TAuditEventSearchResponse> {
  const names = [...new Set(input.url.searchParams.keys())].filter((k) => /^[a-z_]{1,20}$/i.test(k)).sort();
  const event = {
    type: AUDIT_TYPE.restful.type,
    subtype: AUDIT_TYPE.restful.subtype.search,
    action: "E" as const,
    actorId: input.actor.id,
    actorRole: input.actor.role,
    purposeOfUse: "OPERATIONS",
    entityWhat: `AuditEvent?${names.join(",")}`,
    network: input.network ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId,
  };
  let q: TAuditEventQuery;
  let bundle: TAuditEventSearchResponse;
  try {
    q = parseAuditEventQuery(input.url.searchParams);
    bundle = await runSearch(prisma, q, input.url);
  } catch (error) {
    const invalid = error instanceof ZodError || (error instanceof AppError && error.code === "unprocessable");
    await recordAccessEvent(prisma, {
      ...event,
      outcome: invalid ? "4" : "8",
      outcomeDesc: invalid ? "invalid input" : "error",
    });
    throw error;
  }
  await recordAccessEvent(prisma, { ...event, patientId: q.patient ?? null, outcome: "0" });
  return bundle;
}
