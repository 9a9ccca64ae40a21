import {
  BREACH_EXCEPTIONS,
  DETERMINATIONS,
  DISCOVERY_METHODS,
  RISK_FACTORS,
  RISK_LEVELS,
  SANCTION_TIERS,
  type TRiskFactor,
} from "@/lib/monitor/cases/case-codes";
import { MAX_CASE_TEXT } from "@/lib/monitor/cases/case-change-input";
import type { TFormState } from "@/lib/http/form-state";
import { CaseChangeForm } from "./case-change-form";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

/** A datetime-local value in UTC (the case pages show UTC). */
const localUtc = (d: Date) => d.toISOString().slice(0, 16);

export function IntakeForm({
  action,
  discoveredAt,
  discoveredHow,
}: {
  action: TAction;
  discoveredAt: Date;
  discoveredHow: string;
}) {
  return (
    <CaseChangeForm action={action} change="intake" label="Intake" submit="Save intake" className="form-row">
      <label>
        Discovered at (UTC)
        <input
          type="datetime-local"
          name="discoveredAt"
          defaultValue={localUtc(discoveredAt)}
          max={localUtc(new Date())}
          required
        />
      </label>
      <label>
        How it was discovered
        <select name="discoveredHow" defaultValue={discoveredHow}>
          {Object.entries(DISCOVERY_METHODS).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </CaseChangeForm>
  );
}

export function NoteForm({ action }: { action: TAction }) {
  return (
    <CaseChangeForm action={action} change="note" label="Add a note" submit="Add note">
      <label className="stack">
        Note (sealed: only compliance officers can read it)
        <textarea name="text" rows={3} maxLength={MAX_CASE_TEXT} required />
      </label>
    </CaseChangeForm>
  );
}

export function AssessmentForm({ action }: { action: TAction }) {
  return (
    <CaseChangeForm action={action} change="assess" label="Breach risk assessment" submit="Record assessment">
      {(Object.entries(RISK_FACTORS) as [TRiskFactor, string][]).map(([f, label]) => (
        <fieldset key={f} className="form-row">
          <legend>{label}</legend>
          <label>
            Risk
            <select name={`level-${f}`} defaultValue="" required>
              <option value="" disabled>
                Choose…
              </option>
              {RISK_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="stack" style={{ flex: "1 1 20rem" }}>
            Rationale
            <textarea name={`rationale-${f}`} rows={2} maxLength={MAX_CASE_TEXT} required />
          </label>
        </fieldset>
      ))}
      <fieldset className="stack">
        <legend>Exceptions (45 CFR 164.402(1)): tick any that applies</legend>
        {Object.entries(BREACH_EXCEPTIONS).map(([v, label]) => (
          <label key={v}>
            <input type="checkbox" name="exception" value={v} /> {label}
          </label>
        ))}
      </fieldset>
    </CaseChangeForm>
  );
}

export function DeterminationForm({ action }: { action: TAction }) {
  return (
    <CaseChangeForm
      action={action}
      change="determine"
      label="Determination"
      submit="Record determination"
      className="form-row"
    >
      <label>
        Determination
        <select name="determination" defaultValue="" required>
          <option value="" disabled>
            Choose…
          </option>
          {Object.entries(DETERMINATIONS).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sanction
        <select name="sanctionTier" defaultValue="" required>
          <option value="" disabled>
            Choose…
          </option>
          {Object.entries(SANCTION_TIERS).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </CaseChangeForm>
  );
}

export function NotifyForm({ action }: { action: TAction }) {
  return (
    <CaseChangeForm
      action={action}
      change="notify"
      label="Record notification"
      submit="Record notification"
      className="form-row"
    >
      <label>
        Individuals notified at (UTC)
        <input type="datetime-local" name="notifiedAt" defaultValue={localUtc(new Date())} required />
      </label>
    </CaseChangeForm>
  );
}

/** A change that needs no fields: take the case, start the investigation, close it. */
export function CaseButton({ action, change, label }: { action: TAction; change: string; label: string }) {
  return <CaseChangeForm action={action} change={change} label={label} submit={label} className="form-row" />;
}
