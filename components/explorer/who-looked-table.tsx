import Link from "next/link";
import { ROLE_LABEL } from "@/lib/access/permissions";
import type { TWhoLookedEntry } from "@/lib/monitor/who-looked/shape-who-looked";

const ACTION: Record<string, string> = { C: "create", R: "read", U: "update", D: "delete", E: "execute" };
const ROLES: Record<string, string> = ROLE_LABEL;
const utc = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
const n = (x: number) => x.toLocaleString("en-US");

/** Everyone who reached or tried to reach one patient's data, one row a person. */
export function WhoLookedTable({
  entries,
  userHref,
}: {
  entries: TWhoLookedEntry[];
  userHref: (userId: string) => string;
}) {
  return (
    <div className="table-scroll" role="region" aria-label="Who looked at this record" tabIndex={0}>
      <table className="explorer-table">
        <caption className="sr-only">People who accessed this patient&apos;s data, most recent access first</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Role</th>
            <th scope="col">Department</th>
            <th scope="col">First (UTC)</th>
            <th scope="col">Last (UTC)</th>
            <th scope="col" className="num">
              Times
            </th>
            <th scope="col">What</th>
            <th scope="col">Why</th>
            <th scope="col">Outcome</th>
            <th scope="col">Break-glass</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.actorId}>
              <td>
                <Link href={userHref(e.actorId)}>{e.name ?? `Account ${e.actorId.slice(0, 8)}`}</Link>
              </td>
              <td>{e.role ? (ROLES[e.role] ?? e.role) : "—"}</td>
              <td>{e.department ?? "—"}</td>
              <td className="mono nowrap">{utc(e.firstAt)}</td>
              <td className="mono nowrap">{utc(e.lastAt)}</td>
              <td className="num">
                {n(e.times)}
                <span className="muted small"> on {e.days === 1 ? "1 day" : `${e.days} days`}</span>
              </td>
              <td>
                {e.actions.map((a) => ACTION[a] ?? a).join(", ") || "—"}{" "}
                <span className="muted small">{e.subtypes.join(", ")}</span>
              </td>
              <td>{e.purposes.join(", ") || "—"}</td>
              <td>
                {e.allowed > 0 && <span className="badge ok">{n(e.allowed)} allowed</span>}{" "}
                {e.refused > 0 && <span className="badge bad">{n(e.refused)} refused</span>}{" "}
                {e.failed > 0 && <span className="badge bad">{n(e.failed)} failed</span>}
              </td>
              <td>{e.breakGlass > 0 ? <span className="badge warn">{n(e.breakGlass)} break-glass</span> : "no"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
