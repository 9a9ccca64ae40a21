"use client";

import Link from "next/link";
import type { TAccessEventsTableProps } from "./access-event-rows";

const ACTION: Record<string, string> = { C: "Create", R: "Read", U: "Update", D: "Delete", E: "Execute" };
const OUTCOME: Record<string, string> = { "0": "Success", "4": "Refused", "8": "Failed" };

/**
 * One page of access events, drawn from plain rows (./access-event-rows.ts says why this is a
 * client component). A user's name and a patient's pseudonym link to where the page says: a
 * card, or the explorer filtered on them with the other filters kept.
 */
export function AccessEventsTable({ rows, links }: TAccessEventsTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label="Access events" tabIndex={0}>
      <table className="explorer-table">
        <caption className="sr-only">Access events matching the filters, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Department</th>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">Purpose</th>
            <th scope="col">Patient</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="mono nowrap">{r.time}</td>
              <td>
                {r.actorId ? <Link href={links.actor[r.actorId]}>{r.actorName ?? r.actorId.slice(0, 8)}</Link> : "—"}
              </td>
              <td>{r.actorRole ? r.actorRole.replace("_", " ").toLowerCase() : "—"}</td>
              <td>{r.actorDepartment ?? "—"}</td>
              <td>
                {ACTION[r.action] ?? r.action} <span className="muted">{r.subtype}</span>
              </td>
              <td>
                <span className={`badge ${r.outcome === "0" ? "ok" : "bad"}`}>{OUTCOME[r.outcome] ?? r.outcome}</span>
              </td>
              <td>
                {r.purposeOfUse ?? "—"}
                {r.breakGlass && (
                  <>
                    {" "}
                    <span className="badge warn">break-glass</span>
                  </>
                )}
              </td>
              <td>
                {r.patientId ? (
                  <Link className="mono" href={links.patient[r.patientId]}>
                    {r.patientPseudonym ?? r.patientId.slice(0, 8)}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="mono small">{r.entityWhat ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
