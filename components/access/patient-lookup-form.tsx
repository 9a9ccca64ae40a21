"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

/**
 * The privacy office's lookup of a patient by MRN. The MRN travels in a POST body (a server
 * action); a match redirects to the page keyed by the patient's pseudonymous id, so no address
 * ever carries the MRN.
 */
export function PatientLookupForm({
  action,
  submitLabel,
  placeholder,
}: {
  action: (s: TFormState, f: FormData) => Promise<TFormState>;
  submitLabel: string;
  placeholder: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <>
      <form action={formAction} role="search" className="search-row" key={JSON.stringify(state)}>
        <label htmlFor="mrn" className="sr-only">
          Patient MRN
        </label>
        <input
          id="mrn"
          name="mrn"
          defaultValue={state.values?.mrn ?? ""}
          placeholder={placeholder}
          autoComplete="off"
          maxLength={40}
        />
        <button className="button" type="submit" disabled={pending}>
          {submitLabel}
        </button>
      </form>
      <FormMessage state={state} />
    </>
  );
}
