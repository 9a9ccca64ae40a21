"use client";

import { useActionState, useId } from "react";
import type { TPerson } from "@/lib/monitor/alerts/list-alert-queue-options";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { CloseReasonSelect } from "./close-reason-select";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

/**
 * The changes an officer makes to one open alert, one fieldset each; the pressed button names
 * the change (its `action` value), so Enter in a field never submits a change the officer did
 * not choose. Escalation is its own form (escalate-alert-form.tsx).
 */
export function AlertTriageForm(p: {
  action: TAction;
  status: string;
  ownerId: string | null;
  viewerId: string;
  priority: number;
  officers: TPerson[];
}) {
  const [state, formAction, pending] = useActionState(p.action, INITIAL_FORM_STATE);
  const id = useId();
  const others = p.officers.filter((o) => o.id !== p.ownerId);
  return (
    <form action={formAction} aria-label="Triage alert" className="triage-panel">
      <fieldset>
        <legend>Review and ownership</legend>
        <div className="form-row">
          {p.status === "new" && (
            <button className="button" type="submit" name="action" value="start_review" disabled={pending}>
              Start review
            </button>
          )}
          {p.ownerId !== p.viewerId && (
            <button className="button secondary" type="submit" name="action" value="take" disabled={pending}>
              Take it
            </button>
          )}
          {others.length > 0 && (
            <>
              <label htmlFor={`${id}-owner`}>Give to</label>
              <select id={`${id}-owner`} name="ownerId" defaultValue="">
                <option value="" disabled>
                  Choose an officer…
                </option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <button className="button secondary" type="submit" name="action" value="assign" disabled={pending}>
                Assign
              </button>
            </>
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Priority</legend>
        <div className="form-row">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select id={`${id}-priority`} name="priority" defaultValue={String(p.priority)}>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                P{n}
                {n === 1 ? " (most urgent)" : n === 4 ? " (least urgent)" : ""}
              </option>
            ))}
          </select>
          <button className="button secondary" type="submit" name="action" value="set_priority" disabled={pending}>
            Set priority
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Close</legend>
        <div className="form-row">
          <label htmlFor={`${id}-reason`}>Close reason</label>
          <CloseReasonSelect id={`${id}-reason`} />
          <button className="button secondary" type="submit" name="action" value="close" disabled={pending}>
            Close
          </button>
        </div>
      </fieldset>
      <p role="status" className={state.ok ? "muted" : "field-error"}>
        {state.message}
      </p>
    </form>
  );
}
