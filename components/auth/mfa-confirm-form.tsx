"use client";

import { useActionState } from "react";

type TState = { ok: boolean; message: string | null };

export function MfaConfirmForm({ action }: { action: (s: TState, f: FormData) => Promise<TState> }) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: null });
  return (
    <form action={formAction} aria-label="Confirm authenticator" className="stack">
      {state.message && (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      )}
      <label>
        Code from your app
        <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required />
      </label>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Checking…" : "Turn on two-step sign-in"}
      </button>
    </form>
  );
}
