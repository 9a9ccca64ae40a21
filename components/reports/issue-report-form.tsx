"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { REPORT_CATALOG } from "@/lib/reports/issue/report-catalog";

const ORGANIZATION_REPORTS = REPORT_CATALOG.filter((e) => e.scope === "organization");

/**
 * Issue a report about the organization: its type and, where it takes one, a period (dates, UTC).
 * The report waits for its seal and the witnesses, which takes a few seconds.
 */
export function IssueReportForm({ action }: { action: (s: TFormState, f: FormData) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const [type, setType] = useState<string>(ORGANIZATION_REPORTS[0].type);
  const entry = ORGANIZATION_REPORTS.find((e) => e.type === type) ?? ORGANIZATION_REPORTS[0];
  return (
    <form action={formAction} className="stack">
      <div className="row">
        <label className="field">
          <span>Report</span>
          <select name="type" value={type} onChange={(e) => setType(e.target.value)}>
            {ORGANIZATION_REPORTS.map((e) => (
              <option key={e.type} value={e.type}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
        {entry.period !== "none" && (
          <>
            <label className="field">
              <span>From (UTC)</span>
              <input type="date" name="from" required={entry.period === "required"} />
            </label>
            <label className="field">
              <span>To (UTC, inclusive)</span>
              <input type="date" name="to" required={entry.period === "required"} />
            </label>
          </>
        )}
      </div>
      <p className="muted">{entry.subtitle}.</p>
      <div className="row">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Issuing… (waiting for the seal and the witnesses)" : `Issue: ${entry.title.toLowerCase()}`}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
