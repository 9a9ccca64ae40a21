"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

export function PasswordChangeForm({ action }: { action: (s: TFormState, f: FormData) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Change password" className="stack">
      {state.message && (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      )}
      <label>
        Current password
        <input name="current" type="password" autoComplete="current-password" maxLength={1024} required />
      </label>
      <label>
        New password
        <input name="next" type="password" autoComplete="new-password" minLength={12} maxLength={256} required />
      </label>
      <label>
        New password again
        <input name="confirm" type="password" autoComplete="new-password" minLength={12} maxLength={256} required />
      </label>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save password"}
      </button>
    </form>
  );
}
