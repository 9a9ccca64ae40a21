"use client";

import { useActionState, useId } from "react";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { CloseReasonSelect } from "./close-reason-select";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

/** The changes an officer makes to one open alert; the pressed button names the change. */
export function AlertTriageForm({ action, status, hasOwner }: { action: TAction; status: string; hasOwner: boolean }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const id = useId();
  return (
    <form action={formAction} aria-label="Triage alert" className="form-row triage">
      {status === "new" && (
        <button className="button secondary" type="submit" name="action" value="start_review" disabled={pending}>
          Start review
        </button>
      )}
      {!hasOwner && (
        <button className="button secondary" type="submit" name="action" value="assign" disabled={pending}>
          Take it
        </button>
      )}
      <label htmlFor={`${id}-priority`}>Priority</label>
      <select id={`${id}-priority`} name="priority" defaultValue="">
        <option value="" disabled>
          …
        </option>
        {[1, 2, 3, 4].map((p) => (
          <option key={p} value={p}>
            P{p}
          </option>
        ))}
      </select>
      <button className="button secondary" type="submit" name="action" value="set_priority" disabled={pending}>
        Set priority
      </button>
      <label htmlFor={`${id}-reason`}>Close reason</label>
      <CloseReasonSelect id={`${id}-reason`} />
      <button className="button secondary" type="submit" name="action" value="close" disabled={pending}>
        Close
      </button>
      <button className="button secondary" type="submit" name="action" value="escalate" disabled={pending}>
        Escalate
      </button>
      {state.message && <span className={state.ok ? "muted" : "field-error"}>{state.message}</span>}
    </form>
  );
}
