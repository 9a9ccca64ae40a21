"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { CloseReasonSelect } from "./close-reason-select";

/**
 * Closes the alerts whose checkboxes (form="bulk-close", in the table) are ticked, with one
 * reason; the reason is required in the browser too, since a refused submission resets the form
 * and with it the ticks.
 */
export function BulkCloseForm({ action }: { action: (s: TFormState, f: FormData) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form id="bulk-close" action={formAction} aria-label="Close selected alerts" className="form-row">
      <label htmlFor="bulk-close-reason">Close the selected alerts because</label>
      <CloseReasonSelect id="bulk-close-reason" required />
      <button className="button" type="submit" disabled={pending}>
        Close selected
      </button>
      <span role="status" className={state.ok ? "muted" : "field-error"}>
        {state.message}
      </span>
    </form>
  );
}
