import type { Metadata } from "next";
import Link from "next/link";
import { ClockBadge, utc } from "@/components/cases/clock-badge";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { CASE_STATES, CASE_STATE_LABEL, DETERMINATIONS, type TCaseState } from "@/lib/monitor/cases/case-codes";
import { listPrivacyCases } from "@/lib/monitor/cases/list-privacy-cases";

export const metadata: Metadata = { title: "Privacy cases" };

const FILTERS = [
  { state: "open", label: "Open" },
  ...CASE_STATES.map((s) => ({ state: s, label: CASE_STATE_LABEL[s] })),
  { state: "all", label: "All" },
];

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePagePermission("cases.read");
  const asked = await searchParams;
  const state = FILTERS.some((f) => f.state === asked.state) ? asked.state : "open";
  const overdue = asked.overdue === "yes" ? "yes" : undefined;
  const cursor = /^[0-9a-f-]{36}$/i.test(asked.cursor ?? "") ? asked.cursor : undefined;
  const { cases, nextCursor } = await listPrivacyCases(getPrisma(), {
    params: { state, overdue, cursor, limit: "50" },
  });
  const href = (q: Record<string, string | undefined>) =>
    `/cases?${new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString()}`;
  return (
    <>
      <PageHeader
        title="Privacy cases"
        subtitle="Investigations of one staff member's escalated alerts: intake, assessment, determination and the notification clocks that run from discovery. Every change is anchored in the ledger."
      />
      <nav aria-label="Filter cases" className="form-row">
        {FILTERS.map((f) => (
          <a
            key={f.state}
            href={href({ state: f.state, overdue })}
            aria-current={state === f.state ? "page" : undefined}
          >
            {f.label}
          </a>
        ))}
        <a href={href({ state, overdue: overdue ? undefined : "yes" })} aria-current={overdue ? "page" : undefined}>
          {overdue ? "Any deadline" : "Overdue only"}
        </a>
      </nav>
      <section className="card">
        <h2>
          {cases.length === 0
            ? "No cases here"
            : `${cases.length}${nextCursor ? "+" : ""} case${cases.length === 1 ? "" : "s"}`}
        </h2>
        {cases.length === 0 ? (
          <p className="muted">Escalate alerts from the alert queue to open a case.</p>
        ) : (
          <div className="table-scroll">
            <table aria-label="Privacy cases">
              <thead>
                <tr>
                  <th>Staff member</th>
                  <th>Alerts</th>
                  <th>State</th>
                  <th>Owner</th>
                  <th>Discovered</th>
                  <th>Nearest deadline</th>
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => (
                  <tr key={c.id} data-case-id={c.id}>
                    <td>
                      <Link href={`/cases/${c.id}`}>{c.actor}</Link>
                    </td>
                    <td>{c.alerts}</td>
                    <td>
                      <strong>{CASE_STATE_LABEL[c.state as TCaseState] ?? c.state}</strong>
                      {c.determination && (
                        <>
                          <br />
                          <span className="muted">
                            {DETERMINATIONS[c.determination as keyof typeof DETERMINATIONS]?.split(":")[0] ??
                              c.determination}
                          </span>
                        </>
                      )}
                    </td>
                    <td>{c.owner ?? "—"}</td>
                    <td className="mono">{utc(c.discoveredAt)}</td>
                    <td>
                      {c.nearest ? (
                        <>
                          <ClockBadge status={c.nearest.status} /> <span className="mono">{utc(c.nearest.dueAt)}</span>
                          <br />
                          <span className="muted">{c.nearest.rule.label}</span>
                        </>
                      ) : (
                        <span className="muted">no clock running</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextCursor && (
          <p className="pagination">
            <a href={href({ state, overdue, cursor: nextCursor })}>Older cases</a>
          </p>
        )}
      </section>
    </>
  );
}
