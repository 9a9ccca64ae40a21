"use client";

import { useActionState } from "react";
import type { TAdminFormState } from "./admin-forms";

type TAction = (s: TAdminFormState, f: FormData) => Promise<TAdminFormState>;
const initial: TAdminFormState = { ok: false, message: null };

function Result({ state }: { state: TAdminFormState }) {
  if (!state.message) return null;
  return (
    <div className={`alert ${state.ok ? "info" : "error"}`} role={state.ok ? "status" : "alert"}>
      {state.message}
    </div>
  );
}

/** The typed confirmation: the admin copies the start of the root hash they are about to trust. */
function ConfirmField() {
  return (
    <label>
      Type the first 8 characters of the root hash
      <input name="confirm" autoComplete="off" spellCheck={false} maxLength={8} className="mono" />
    </label>
  );
}

export function RequestLedgerTrustForm({ action, treeSize }: { action: TAction; treeSize: number }) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} aria-label="Request re-trust" className="stack">
      <input type="hidden" name="treeSize" value={treeSize} />
      <div className="form-row">
        <ConfirmField />
        <button className="button danger" type="submit" disabled={pending}>
          Request re-trust
        </button>
      </div>
      <Result state={state} />
    </form>
  );
}

export function DecideLedgerTrustForm({ action, canApprove }: { action: TAction; canApprove: boolean }) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} aria-label="Decide re-trust" className="stack">
      <div className="form-row">
        {canApprove && <ConfirmField />}
        {canApprove && (
          <button className="button danger" type="submit" name="decision" value="approve" disabled={pending}>
            Approve re-trust
          </button>
        )}
        <button className="button secondary" type="submit" name="decision" value="reject" disabled={pending}>
          {canApprove ? "Reject" : "Withdraw"}
        </button>
      </div>
      <Result state={state} />
    </form>
  );
}
