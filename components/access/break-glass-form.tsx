"use client";

import { useActionState } from "react";

type TState = { ok: boolean; message: string | null; values?: Record<string, string> };

/** Emergency access: the written reason is required (at least 20 characters) and reviewed by compliance. */
export function BreakGlassForm({ action }: { action: (s: TState, f: FormData) => Promise<TState> }) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: null });
  return (
    <form action={formAction} aria-label="Emergency access" key={JSON.stringify(state)} className="stack">
      {state.message && <p className={`alert ${state.ok ? "info" : "error"}`} role={state.ok ? "status" : "alert"}>{state.message}</p>}
      <label>
        Reason for emergency access
        <textarea name="reason" rows={3} cols={60} maxLength={1000} defaultValue={state.values?.reason ?? ""} placeholder="What is the emergency, and why can it not wait for consent or a care-team assignment?" />
      </label>
      <div><button className="button danger" type="submit" disabled={pending}>{pending ? "Declaring…" : "Declare emergency and open chart"}</button></div>
    </form>
  );
}
