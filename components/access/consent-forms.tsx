"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

const PURPOSE_LABEL: Record<string, string> = {
  TREAT: "Treatment",
  PAYMENT: "Payment",
  OPERATIONS: "Operations",
  RESEARCH: "Research",
  PUBLIC_HEALTH: "Public health",
  LEGAL: "Legal",
};

/** Grant (permit) or refuse (deny) access to a clinician, a role or an organization. */
export function GrantConsentForm({
  action,
  purposes,
  resourceTypes,
}: {
  action: TAction;
  purposes: readonly string[];
  resourceTypes: readonly string[];
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} aria-label="Record a consent" key={JSON.stringify(state)} className="stack">
      <FormMessage state={state} />
      <div className="form-row">
        <label>
          Provision
          <select name="provisionType" defaultValue={v.provisionType ?? "permit"}>
            <option value="permit">Permit access</option>
            <option value="deny">Deny access</option>
          </select>
        </label>
        <label>
          Grantee type
          <select name="granteeType" defaultValue={v.granteeType ?? "user"}>
            <option value="user">A staff member (email)</option>
            <option value="role">A role</option>
            <option value="organization">An organization</option>
          </select>
        </label>
        <label>
          Grantee
          <input
            name="grantee"
            size={30}
            defaultValue={v.grantee ?? ""}
            placeholder="email, CLINICIAN, or Cardiology"
          />
        </label>
      </div>
      <fieldset className="form-row">
        <legend>Purposes (none ticked = every purpose)</legend>
        {purposes.map((p) => (
          <label key={p} className="check">
            <input
              type="checkbox"
              name="purposes"
              value={p}
              defaultChecked={(v.purposes ?? "").split(",").includes(p)}
            />
            {PURPOSE_LABEL[p] ?? p}
          </label>
        ))}
      </fieldset>
      <fieldset className="form-row">
        <legend>Data (none ticked = all of it)</legend>
        {resourceTypes.map((t) => (
          <label key={t} className="check">
            <input
              type="checkbox"
              name="resourceTypes"
              value={t}
              defaultChecked={(v.resourceTypes ?? "").split(",").includes(t)}
            />
            {t}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label>
          From (optional)
          <input type="date" name="periodStart" defaultValue={v.periodStart ?? ""} />
        </label>
        <label>
          Until (optional)
          <input type="date" name="periodEnd" defaultValue={v.periodEnd ?? ""} />
        </label>
        <button className="button" type="submit" disabled={pending}>
          Record consent
        </button>
      </div>
    </form>
  );
}

export function RevokeConsentButton({ action, consentId }: { action: TAction; consentId: string }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Revoke consent">
      <input type="hidden" name="consentId" value={consentId} />
      <button className="button secondary" type="submit" disabled={pending}>
        Revoke
      </button>
      {!state.ok && state.message && <span className="field-error">{state.message}</span>}
    </form>
  );
}
