"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

/** Acknowledge an alert, with an optional note (sealed under the patient's key on the server). */
export function AcknowledgeAlertButton({ action }: { action: (s: TFormState, f: FormData) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Acknowledge alert" className="form-row">
      <label>
        Note (optional)
        <input name="note" size={24} maxLength={1000} defaultValue={state.values?.note ?? ""} />
      </label>
      <button className="button secondary" type="submit" disabled={pending}>
        Acknowledge
      </button>
      {!state.ok && state.message && <span className="field-error">{state.message}</span>}
    </form>
  );
}
