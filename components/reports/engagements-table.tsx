"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import type { TEngagementSummary } from "@/lib/reports/engagements/engagement-types";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

const day = (iso: string) => iso.slice(0, 10);
/** The period is stored up to the next midnight: the last day shown is the one before it. */
const lastDay = (iso: string) => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);
const BADGE = { active: "ok", revoked: "bad", expired: "warn" } as const;

/** Audit engagements with their status; with `revoke`, a button for each active one. */
export function EngagementsTable({
  engagements,
  titles,
  revoke,
}: {
  engagements: TEngagementSummary[];
  titles: Record<string, string>;
  revoke?: TAction;
}) {
  if (engagements.length === 0) return <p className="muted">No engagement has been granted yet.</p>;
  return (
    <table aria-label="Audit engagements">
      <thead>
        <tr>
          {revoke && <th>Auditor</th>}
          <th>Period (UTC)</th>
          <th>Report types</th>
          <th>Expires</th>
          <th>Status</th>
          {revoke && <th>Action</th>}
        </tr>
      </thead>
      <tbody>
        {engagements.map((e) => (
          <tr key={e.id}>
            {revoke && <td>{e.auditorName || e.auditorEmail}</td>}
            <td className="mono">
              {day(e.periodStart)} to {lastDay(e.periodEnd)}
            </td>
            <td>{e.reportTypes.map((t) => titles[t] ?? t).join(", ")}</td>
            <td className="mono">{lastDay(e.expiresAt)}</td>
            <td>
              <span className={`badge ${BADGE[e.status]}`}>{e.status}</span>
            </td>
            {revoke && <td>{e.status === "active" ? <RevokeButton id={e.id} action={revoke} /> : "—"}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RevokeButton({ id, action }: { id: string; action: TAction }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction}>
      <input type="hidden" name="engagementId" value={id} />
      <button className="button secondary" type="submit" disabled={pending} aria-label={`Revoke engagement ${id}`}>
        Revoke
      </button>
      {!state.ok && <FormMessage state={state} />}
    </form>
  );
}
