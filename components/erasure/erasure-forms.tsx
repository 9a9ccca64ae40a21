"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

export function FileErasureForm({ action }: { action: TAction }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="File erasure request" className="form-row">
      <label>
        Patient MRN
        <input name="mrn" autoComplete="off" />
      </label>
      <button className="button" type="submit" disabled={pending}>
        File request
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function DecideErasureForm({ action, grounds }: { action: TAction; grounds: Record<string, string> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  // Remounted with what was submitted after every attempt, so a failed refusal stays a refusal.
  return (
    <DecideFields
      key={JSON.stringify(state)}
      state={state}
      formAction={formAction}
      pending={pending}
      grounds={grounds}
    />
  );
}

function DecideFields({
  state,
  formAction,
  pending,
  grounds,
}: {
  state: TFormState;
  formAction: (f: FormData) => void;
  pending: boolean;
  grounds: Record<string, string>;
}) {
  const v = state.values ?? {};
  const [outcome, setOutcome] = useState(v.outcome || "approved");
  return (
    <form action={formAction} aria-label="Decide erasure request">
      <div className="form-row">
        <label>
          Decision
          <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="approved">Approve and erase</option>
            <option value="refused">Refuse</option>
          </select>
        </label>
        {outcome === "refused" && (
          <label>
            Ground
            <select name="ground" defaultValue={v.ground ?? ""}>
              <option value="" disabled>
                Choose…
              </option>
              {Object.entries(grounds).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Reason
          <input name="reason" size={28} defaultValue={v.reason ?? ""} />
        </label>
        <button className="button" type="submit" disabled={pending}>
          {outcome === "refused" ? "Refuse request" : "Erase patient data"}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function RequestOwnErasureForm({ action }: { action: (s: TFormState) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Request erasure">
      <FormMessage state={state} />
      <button className="button" type="submit" disabled={pending}>
        Request erasure of my data
      </button>
    </form>
  );
}

/** The requester takes their own request back (anchored); nobody else sees this button. */
export function WithdrawErasureButton({ action }: { action: () => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Withdraw erasure request">
      <button className="button secondary" type="submit" disabled={pending}>
        Withdraw request
      </button>
      <FormMessage state={state} />
    </form>
  );
}

/** Issues an approved erasure's certificate as a signed evidence bundle; it waits for the seal and the witnesses. */
export function IssueErasureCertificateButton({ action }: { action: () => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Issue erasure certificate bundle">
      <button className="button secondary" type="submit" disabled={pending}>
        {pending ? "Issuing… (waiting for the seal and the witnesses)" : "Issue signed certificate bundle"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
