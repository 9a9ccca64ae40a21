"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

/** One button: the report waits for its seal and the witnesses, which takes a few seconds. */
export function IssueReportForm({ action }: { action: (s: TFormState, f: FormData) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="type" value="integrity_attestation" />
      <div className="row">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Issuing… (waiting for the seal and the witnesses)" : "Issue an integrity attestation"}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
