import { describeShifts } from "@/lib/monitor/people/describe-shifts";
import type { TUserCard } from "@/lib/monitor/people/read-user-card";

const STATUS_BADGE: Record<string, string> = { active: "ok", disabled: "warn", terminated: "bad" };
const utc = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

/** The directory facts of a staff member card: department, shifts, account status and its history. */
export function UserFacts({ card }: { card: TUserCard }) {
  return (
    <dl className="facts">
      <dt>Department</dt>
      <dd>{card.department?.name ?? "None"}</dd>
      <dt>Time zone</dt>
      <dd>{card.department?.timeZone ?? "UTC (no department time zone on file)"}</dd>
      <dt>Shifts</dt>
      <dd>{card.department ? describeShifts(card.department.shifts) : "—"}</dd>
      <dt>Email</dt>
      <dd>{card.email}</dd>
      <dt>Account</dt>
      <dd>
        <span className={`badge ${STATUS_BADGE[card.status] ?? "warn"}`}>{card.status}</span>
      </dd>
      <dt>Created</dt>
      <dd className="mono">{utc(card.createdAt)} UTC</dd>
      <dt>Status history</dt>
      <dd>
        {card.statusHistory.length === 0 ? (
          "No change since the account was created"
        ) : (
          <ul className="plain">
            {card.statusHistory.map((h, i) => (
              <li key={i}>
                <span className="mono">{utc(h.at)}</span> {h.status}
                {h.by && <span className="muted"> by {h.by}</span>}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Also a patient here</dt>
      <dd>{card.isAlsoPatient ? "Yes (an employee-patient link is on file)" : "No"}</dd>
    </dl>
  );
}
