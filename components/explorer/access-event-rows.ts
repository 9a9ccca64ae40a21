import type { TExplorerRow } from "@/lib/monitor/explorer/list-access-events";

/**
 * What the access-events table draws of one event, and nothing else. The table is a client
 * component, so these rows travel once in the page's RSC payload as plain data and are drawn into
 * the HTML from it; a server-rendered table put every cell twice on the wire, as HTML and again
 * as React elements in the payload (60 of a page's 100 KB, docs/benchmarks.md, Monitor).
 */
export type TAccessEventRow = {
  id: string;
  /** "2026-12-03 09:14:07": UTC, to the second, the same in every browser. */
  time: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorDepartment: string | null;
  action: string;
  subtype: string;
  outcome: string;
  purposeOfUse: string | null;
  breakGlass: boolean;
  patientId: string | null;
  patientPseudonym: string | null;
  entityWhat: string | null;
};

/** Where a user's name and a patient's pseudonym link to, per id (built by the page, which knows the filters). */
export type TAccessEventLinks = { actor: Record<string, string>; patient: Record<string, string> };

export type TAccessEventsTableProps = { rows: TAccessEventRow[]; links: TAccessEventLinks };

/** The table's props for one page of events: its rows, and one link per distinct person and patient on it. */
export function accessEventsTableProps(
  rows: readonly TExplorerRow[],
  href: { actor: (actorId: string) => string; patient: (patientId: string) => string },
): TAccessEventsTableProps {
  const links: TAccessEventLinks = { actor: {}, patient: {} };
  const out = rows.map((r): TAccessEventRow => {
    if (r.actorId) links.actor[r.actorId] ??= href.actor(r.actorId);
    if (r.patientId) links.patient[r.patientId] ??= href.patient(r.patientId);
    return {
      id: r.id,
      time: r.recorded.toISOString().slice(0, 19).replace("T", " "),
      actorId: r.actorId,
      actorName: r.actorName,
      actorRole: r.actorRole,
      actorDepartment: r.actorDepartment,
      action: r.action,
      subtype: r.subtype,
      outcome: r.outcome,
      purposeOfUse: r.purposeOfUse,
      breakGlass: r.breakGlass,
      patientId: r.patientId,
      patientPseudonym: r.patientPseudonym,
      entityWhat: r.entityWhat,
    };
  });
  return { rows: out, links };
}
