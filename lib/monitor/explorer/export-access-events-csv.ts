import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { csvLine } from "./csv-cell";
import { consultationEvent, parameterNames, type TExploreInput } from "./explore-access-events";
import { parseExplorerFilters, type TExplorerFilters } from "./explorer-filters";
import { explorerWhere } from "./explorer-where";
import { explorerPageSql, type TExplorerRow } from "./list-access-events";

/** The most rows one export holds; a wider question is narrowed by filters or asked in parts. */
export const MAX_EXPORT_ROWS = 100_000;
const BATCH = 1_000;

const HEADER = [
  "recorded",
  "id",
  "type",
  "subtype",
  "action",
  "outcome",
  "outcome_desc",
  "purpose_of_use",
  "break_glass",
  "actor_id",
  "actor_name",
  "actor_role",
  "actor_department",
  "network",
  "patient_id",
  "patient_pseudonym",
  "entity_what",
  "request_id",
  "ledger_index",
];

type TRaw = Omit<TExplorerRow, "breakGlass" | "ledgerIndex"> & { ledgerIndex: bigint | null };

const line = (r: TRaw) =>
  csvLine([
    r.recorded.toISOString(),
    r.id,
    r.type,
    r.subtype,
    r.action,
    r.outcome,
    r.outcomeDesc,
    r.purposeOfUse,
    r.purposeOfUse === "ETREAT",
    r.actorId,
    r.actorName,
    r.actorRole,
    r.actorDepartment,
    r.network,
    r.patientId,
    r.patientPseudonym,
    r.entityWhat,
    r.requestId,
    r.ledgerIndex === null ? null : String(r.ledgerIndex),
  ]);

/** Batches of the filtered events, newest first, by the same keyset walk as the pages. */
async function* batches(prisma: PrismaClient, f: TExplorerFilters): AsyncGenerator<TRaw[]> {
  let after: { recorded: Date; id: string } | null = null;
  let left = MAX_EXPORT_ROWS;
  while (left > 0) {
    const where = explorerWhere(f);
    if (after)
      where.push(Prisma.sql`(e.recorded, e.id) < (${after.recorded.toISOString()}::timestamp, ${after.id}::uuid)`);
    const rows = await prisma.$queryRaw<TRaw[]>(explorerPageSql(where, "desc", Math.min(BATCH, left)));
    if (rows.length === 0) return;
    yield rows;
    left -= rows.length;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1];
  }
}

/**
 * The events matching the filters as CSV (at most MAX_EXPORT_ROWS, newest first), streamed in
 * batches of 1,000 so memory stays flat. The export is an access event of its own (subtype
 * export, the filter names, the patient filtered on), anchored before the first byte is sent: a
 * download that cannot be recorded does not start. Bad filters are refused (400) and recorded.
 * The cursor and limit of a page are ignored: an export starts at the newest event.
 */
export async function exportAccessEventsCsv(
  prisma: PrismaClient,
  input: TExploreInput,
): Promise<{ filters: TExplorerFilters; stream: ReadableStream<Uint8Array> }> {
  const params = new URLSearchParams(input.params);
  params.delete("cursor");
  params.delete("limit");
  const base = { ...input, names: parameterNames(params), subtype: AUDIT_TYPE.restful.subtype.export };
  let filters: TExplorerFilters;
  try {
    filters = parseExplorerFilters(params);
  } catch (error) {
    await recordAccessEvent(prisma, { ...consultationEvent(base), outcome: "4", outcomeDesc: "invalid input" });
    throw error;
  }
  await recordAccessEvent(prisma, {
    ...consultationEvent({ ...base, patientId: filters.patient }),
    outcome: "0",
    outcomeDesc: `csv export, at most ${MAX_EXPORT_ROWS} rows`,
  });
  const encoder = new TextEncoder();
  const source = batches(prisma, filters);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(HEADER)));
    },
    async pull(controller) {
      const { value, done } = await source.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value.map(line).join("")));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
  return { filters, stream };
}
