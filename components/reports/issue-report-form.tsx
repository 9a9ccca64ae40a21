"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { REPORT_CATALOG, REPORT_SORT_LABELS } from "@/lib/reports/issue/report-catalog";

/**
 * Issue a report about the organization: its type and, where it takes one, a period (dates, UTC).
 * `types` limits the choice (an auditor's engagements; a patient's self-service reports). The
 * report waits for its seal and the witnesses, which takes a few seconds.
 */
export function IssueReportForm({
  action,
  types,
  scope = "organization",
  askMrn = false,
  label = "Issue a report",
}: {
  action: (s: TFormState, f: FormData) => Promise<TFormState>;
  types?: readonly string[];
  scope?: "organization" | "patient";
  /** A patient report issued by staff: the form asks for the patient's MRN (sent in the POST body only). */
  askMrn?: boolean;
  /** The form's accessible name. */
  label?: string;
}) {
  const offered = REPORT_CATALOG.filter((e) => e.scope === scope && (!types || types.includes(e.type)));
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const [type, setType] = useState<string>(offered[0]?.type ?? "");
  if (offered.length === 0) return <p className="muted">No report type can be issued here.</p>;
  const entry = offered.find((e) => e.type === type) ?? offered[0];
  return (
    <form
      action={formAction}
      className="stack"
      aria-label={label}
      // React resets the form after each action, putting the select back on its first option:
      // follow it, so the button and the fields shown match the type that will be sent.
      onReset={() => setType(offered[0]?.type ?? "")}
    >
      <div className="row">
        <label className="field">
          <span>Report</span>
          <select name="type" value={type} onChange={(e) => setType(e.target.value)}>
            {offered.map((e) => (
              <option key={e.type} value={e.type}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
        {askMrn && (
          <label className="field">
            <span>Patient MRN</span>
            <input name="mrn" required autoComplete="off" spellCheck={false} maxLength={40} size={14} />
          </label>
        )}
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
        {entry.sortable && (
          <label className="field">
            <span>Order rows</span>
            <select name="sort" defaultValue="time">
              {Object.entries(REPORT_SORT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
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
