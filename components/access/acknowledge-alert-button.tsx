"use client";

import { useActionState } from "react";

type TState = { ok: boolean; message: string | null };

export function AcknowledgeAlertButton({ action }: { action: () => Promise<TState> }) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: null });
  return (
    <form action={formAction}>
      <button className="button secondary" type="submit" disabled={pending}>
        Acknowledge
      </button>
      {!state.ok && state.message && <span className="field-error">{state.message}</span>}
    </form>
  );
}
