"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

export function AddCareTeamMemberForm({ action }: { action: TAction }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Add care-team member" key={JSON.stringify(state)}>
      <FormMessage state={state} />
      <input type="hidden" name="change" value="add" />
      <div className="form-row">
        <label>
          Clinician email
          <input name="email" type="email" size={30} defaultValue={state.ok ? "" : (state.values?.email ?? "")} />
        </label>
        <button className="button" type="submit" disabled={pending}>
          Add to care team
        </button>
      </div>
    </form>
  );
}

export function RemoveCareTeamMemberButton({ action, email, name }: { action: TAction; email: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label={`Remove ${name}`}>
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="change" value="remove" />
      <button className="button secondary" type="submit" disabled={pending}>
        Remove
      </button>
      {!state.ok && state.message && <span className="field-error">{state.message}</span>}
    </form>
  );
}
