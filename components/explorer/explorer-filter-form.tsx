"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

export type TFilterFormProps = {
  action: (s: TFormState, f: FormData) => Promise<TFormState>;
  /** The filters in force, as the address holds them (ids, codes, days). */
  current: Record<string, string>;
  departments: { id: string; name: string }[];
  staff: { id: string; name: string; role: string }[];
  /** The pseudonym of the patient filtered on, if any. */
  patientPseudonym: string | null;
  /** The monitoring rules' ids, for the rule-hit filter. */
  rules: readonly string[];
  /** Compliance officers find a patient by MRN; auditors may not look patients up. */
  canLookUpPatient: boolean;
};

const ROLES = ["CLINICIAN", "COMPLIANCE_OFFICER", "ADMIN", "AUDITOR", "PATIENT"];
const ACTIONS: [string, string][] = [
  ["C", "Create"],
  ["R", "Read"],
  ["U", "Update"],
  ["D", "Delete"],
  ["E", "Execute (search, sign-in, export)"],
];
const OUTCOMES: [string, string][] = [
  ["0", "Success"],
  ["denied", "Refused or failed"],
  ["4", "Refused"],
  ["8", "Failed"],
];
const PURPOSES = ["TREAT", "ETREAT", "PAYMENT", "OPERATIONS", "RESEARCH", "PUBLIC_HEALTH", "LEGAL", "PATIENT_REQUEST"];

function Select(props: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <div className="field">
      <label htmlFor={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">Any</option>
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The explorer's filters. Submitted by POST (a server action), so an MRN typed here never enters
 * an address; the action answers with a redirect to /explorer holding ids and codes only.
 */
export function ExplorerFilterForm(p: TFilterFormProps) {
  const [state, formAction, pending] = useActionState(p.action, INITIAL_FORM_STATE);
  const v = { ...p.current, ...(state.values ?? {}) };
  return (
    <form
      action={formAction}
      className="explorer-filters"
      aria-label="Filter access events"
      key={JSON.stringify(state)}
    >
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="f-from">From (UTC day)</label>
          <input id="f-from" name="from" type="date" defaultValue={v.from?.slice(0, 10) ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To (UTC day, included)</label>
          <input id="f-to" name="to" type="date" defaultValue={v.to?.slice(0, 10) ?? ""} />
        </div>
        <Select
          name="actor"
          label="User"
          value={v.actor}
          options={p.staff.map((s) => [s.id, `${s.name} (${s.role.toLowerCase().replace("_", " ")})`])}
        />
        <Select
          name="role"
          label="Role"
          value={v.role}
          options={ROLES.map((r) => [r, r.replace("_", " ").toLowerCase()])}
        />
        <Select
          name="department"
          label="Department"
          value={v.department}
          options={p.departments.map((d) => [d.id, d.name])}
        />
        <Select name="action" label="Action" value={v.action} options={ACTIONS} />
        <Select name="outcome" label="Outcome" value={v.outcome} options={OUTCOMES} />
        <Select name="purpose" label="Purpose of use" value={v.purpose} options={PURPOSES.map((x) => [x, x])} />
        <Select
          name="breakGlass"
          label="Break-glass"
          value={v.breakGlass}
          options={[
            ["yes", "Break-glass only"],
            ["no", "Without break-glass"],
          ]}
        />
        <Select name="rule" label="Rule hit" value={v.rule} options={p.rules.map((r) => [r, r.replaceAll("-", " ")])} />
        {p.canLookUpPatient && (
          <div className="field">
            <label htmlFor="f-mrn">Patient MRN</label>
            <input
              id="f-mrn"
              name="mrn"
              autoComplete="off"
              maxLength={40}
              defaultValue={state.values?.mrn ?? ""}
              aria-describedby="f-mrn-help"
            />
            <span id="f-mrn-help" className="hint">
              Looked up through the blind index and recorded; only the pseudonym is shown.
            </span>
          </div>
        )}
      </div>
      {v.limit && <input type="hidden" name="limit" value={v.limit} />}
      {v.patient && (
        <fieldset className="patient-filter">
          <legend>Patient</legend>
          <input type="hidden" name="patient" value={v.patient} />
          <span className="mono">{p.patientPseudonym ?? v.patient}</span>{" "}
          <label className="check">
            <input type="checkbox" name="clearPatient" value="1" /> Remove this patient filter
          </label>
        </fieldset>
      )}
      <div className="filter-actions">
        <button className="button" type="submit" disabled={pending}>
          Apply filters
        </button>
        <Link href="/explorer" className="button secondary">
          Clear all
        </Link>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
