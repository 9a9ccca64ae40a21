"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { REPORT_CATALOG, REPORT_SORT_LABELS } from "@/lib/reports/issue/report-catalog";
import type { TIssueFormState } from "@/lib/reports/issue/report-form";
import { ReportBuildProgress } from "./report-build-progress";

const INITIAL: TIssueFormState = { ok: false, message: null };

/**
 * Issue a report about the organization: its type and, where it takes one, a period (dates, UTC).
 * `types` limits the choice (an auditor's engagements; a patient's self-service reports). The
 * action answers once the build has started; the form then follows its progress (seconds for a
 * small report, about a minute for one citing 100,000 events) until the download link is there.
 */
export function IssueReportForm({
  action,
  types,
  scope = "organization",
  askMrn = false,
  label = "Issue a report",
  base = "/api/reports",
  audience = "staff",
}: {
  action: (s: TIssueFormState, f: FormData) => Promise<TIssueFormState>;
  types?: readonly string[];
  scope?: "organization" | "patient";
  /** A patient report issued by staff: the form asks for the patient's MRN (sent in the POST body only). */
  askMrn?: boolean;
  /** The form's accessible name. */
  label?: string;
  /** Where the report's status and bundle are: /api/reports, or /api/me/reports for a patient. */
  base?: string;
  audience?: "staff" | "patient";
}) {
  const offered = REPORT_CATALOG.filter((e) => e.scope === scope && (!types || types.includes(e.type)));
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const [type, setType] = useState<string>(offered[0]?.type ?? "");
  const mrn = useRef<HTMLInputElement>(null);
  // Once a report about a patient is under way, their MRN is not left on the screen.
  useEffect(() => {
    if (state.reportId && mrn.current) mrn.current.value = "";
  }, [state.reportId]);
  if (offered.length === 0) return <p className="muted">No report type can be issued here.</p>;
  const entry = offered.find((e) => e.type === type) ?? offered[0];
  return (
    <form
      action={formAction}
      className="stack"
      aria-label={label}
      // React resets a form after each action, which would put the select back on its first
      // option and empty the dates: after a refusal the user corrects what they chose, and after
      // an issue they often want another like it, so nothing is reset (the MRN is cleared above).
      onReset={(e) => e.preventDefault()}
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
            <input ref={mrn} name="mrn" required autoComplete="off" spellCheck={false} maxLength={40} size={14} />
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
          {pending ? "Starting…" : `Issue: ${entry.title.toLowerCase()}`}
        </button>
      </div>
      {/* While another issue is being sent, the last one's panel gives way to it. */}
      {pending ? null : state.reportId ? (
        <ReportBuildProgress
          key={state.reportId}
          id={state.reportId}
          base={base}
          subject={state.subject}
          audience={audience}
        />
      ) : (
        <FormMessage state={{ ok: state.ok, message: state.message }} />
      )}
    </form>
  );
}
