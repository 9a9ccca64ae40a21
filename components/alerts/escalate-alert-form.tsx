"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

/** Escalate an open alert for investigation: its own form and action, final like a close. */
export function EscalateAlertForm({ action }: { action: (s: TFormState, f: FormData) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Escalate alert" className="form-row">
      <button className="button danger" type="submit" disabled={pending}>
        Escalate
      </button>
      <span className="muted">Hands the alert on for investigation; it then no longer changes here.</span>
      {!state.ok && state.message && (
        <span role="alert" className="field-error">
          {state.message}
        </span>
      )}
    </form>
  );
}
