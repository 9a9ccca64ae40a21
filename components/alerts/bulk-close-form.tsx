"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { CloseReasonSelect } from "./close-reason-select";

/** Closes the alerts whose checkboxes (form="bulk-close") are ticked, with one reason. */
export function BulkCloseForm({ action }: { action: (s: TFormState, f: FormData) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form id="bulk-close" action={formAction} aria-label="Close selected alerts" className="form-row">
      <label htmlFor="bulk-close-reason">Close the selected alerts because</label>
      <CloseReasonSelect id="bulk-close-reason" />
      <button className="button" type="submit" disabled={pending}>
        Close selected
      </button>
      <span role="status" className={state.ok ? "muted" : "field-error"}>
        {state.message}
      </span>
    </form>
  );
}
