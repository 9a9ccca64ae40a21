"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

/** A compliance officer grants an auditor account an engagement: period, report types, expiry (dates, UTC). */
export function GrantEngagementForm({
  action,
  auditors,
  types,
}: {
  action: TAction;
  auditors: { id: string; email: string; displayName: string }[];
  types: { type: string; title: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  if (auditors.length === 0)
    return <p className="muted">There is no active auditor account to grant an engagement to.</p>;
  const v = state.values ?? {};
  const chosen = v.reportTypes?.split(",");
  return (
    // Remounted after every attempt, so a refused grant keeps what was chosen.
    <form key={JSON.stringify(state)} action={formAction} className="stack" aria-label="Grant an engagement">
      <div className="row">
        <label className="field">
          <span>Auditor</span>
          <select name="auditorId" required defaultValue={v.auditorId || auditors[0].id}>
            {auditors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName} ({a.email})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Period from (UTC)</span>
          <input type="date" name="from" required defaultValue={v.from} />
        </label>
        <label className="field">
          <span>Period to (UTC, inclusive)</span>
          <input type="date" name="to" required defaultValue={v.to} />
        </label>
        <label className="field">
          <span>Expires at the end of (UTC)</span>
          <input type="date" name="expires" required defaultValue={v.expires} />
        </label>
      </div>
      <fieldset className="form-row">
        <legend>Report types</legend>
        {types.map((t) => (
          <label key={t.type} className="check">
            <input
              type="checkbox"
              name="reportTypes"
              value={t.type}
              defaultChecked={chosen ? chosen.includes(t.type) : types.length === 1}
            />
            {t.title}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button className="button" type="submit" disabled={pending}>
          Grant engagement
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
