"use client";

import { useActionState, useState } from "react";

type TState = { ok: boolean; message: string | null; values?: Record<string, string> };
type TAction = (s: TState, f: FormData) => Promise<TState>;
const initial: TState = { ok: false, message: null };

function Message({ state }: { state: TState }) {
  return state.message ? <p className={`alert ${state.ok ? "info" : "error"}`} role={state.ok ? "status" : "alert"}>{state.message}</p> : null;
}

export function FileErasureForm({ action }: { action: TAction }) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} aria-label="File erasure request" className="form-row">
      <label>Patient MRN<input name="mrn" autoComplete="off" /></label>
      <button className="button" type="submit" disabled={pending}>File request</button>
      <Message state={state} />
    </form>
  );
}

export function DecideErasureForm({ action, grounds }: { action: TAction; grounds: Record<string, string> }) {
  const [state, formAction, pending] = useActionState(action, initial);
  // Remounted with what was submitted after every attempt, so a failed refusal stays a refusal.
  return <DecideFields key={JSON.stringify(state)} state={state} formAction={formAction} pending={pending} grounds={grounds} />;
}

function DecideFields({ state, formAction, pending, grounds }: { state: TState; formAction: (f: FormData) => void; pending: boolean; grounds: Record<string, string> }) {
  const v = state.values ?? {};
  const [outcome, setOutcome] = useState(v.outcome || "approved");
  return (
    <form action={formAction} aria-label="Decide erasure request">
      <div className="form-row">
        <label>Decision
          <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="approved">Approve and erase</option>
            <option value="refused">Refuse</option>
          </select>
        </label>
        {outcome === "refused" && (
          <label>Ground
            <select name="ground" defaultValue={v.ground ?? ""}>
              <option value="" disabled>Choose…</option>
              {Object.entries(grounds).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </label>
        )}
        <label>Reason<input name="reason" size={28} defaultValue={v.reason ?? ""} /></label>
        <button className="button" type="submit" disabled={pending}>{outcome === "refused" ? "Refuse request" : "Erase patient data"}</button>
      </div>
      <Message state={state} />
    </form>
  );
}

export function RequestOwnErasureForm({ action }: { action: (s: TState) => Promise<TState> }) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} aria-label="Request erasure">
      <Message state={state} />
      <button className="button" type="submit" disabled={pending}>Request erasure of my data</button>
    </form>
  );
}
