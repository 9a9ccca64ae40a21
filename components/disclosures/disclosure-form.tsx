"use client";

import { useActionState } from "react";
import type { TFormState } from "@/lib/http/form-state";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

export type TDisclosureFormProps = {
  action: TAction;
  /** Accessible name of the form, also the submit button's label. */
  label: string;
  legalBases: Record<string, string>;
  defaults?: Record<string, string>;
};

export function DisclosureForm({ action, label, legalBases, defaults = {} }: TDisclosureFormProps) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: null });
  // After a failed attempt the fields come back with what was typed (React resets forms after an action).
  const v = state.ok ? defaults : { ...defaults, ...state.values };
  return (
    <form key={JSON.stringify(state)} action={formAction} aria-label={label} className="stack">
      <div className="form-row">
        <label>
          Date of disclosure
          <input name="disclosedAt" type="date" defaultValue={v.disclosedAt ?? ""} required />
        </label>
        <label>
          Recipient name
          <input name="recipientName" size={28} defaultValue={v.recipientName ?? ""} />
        </label>
        <label>
          Recipient address (if known)
          <input name="recipientAddress" size={36} defaultValue={v.recipientAddress ?? ""} />
        </label>
        <label>
          Legal basis
          <select name="legalBasis" defaultValue={v.legalBasis ?? ""}>
            <option value="" disabled>
              Choose…
            </option>
            {Object.entries(legalBases).map(([k, text]) => (
              <option key={k} value={k}>
                {text}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-row">
        <label>
          PHI disclosed
          <textarea name="description" rows={3} cols={36} defaultValue={v.description ?? ""} />
        </label>
        <label>
          Purpose
          <textarea name="purpose" rows={3} cols={30} defaultValue={v.purpose ?? ""} />
        </label>
        <label>
          Copy of the written request (optional)
          <textarea name="requestCopy" rows={3} cols={30} defaultValue={v.requestCopy ?? ""} />
        </label>
      </div>
      {state.message && (
        <p className={`alert ${state.ok ? "info" : "error"}`} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      )}
      <button className="button" type="submit" disabled={pending}>
        {label}
      </button>
    </form>
  );
}
