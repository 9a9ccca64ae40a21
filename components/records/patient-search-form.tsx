"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { TSearchHit } from "@/lib/access/search/search-patients";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { PatientSearchResults } from "./patient-search-results";

export type TPatientSearchState = TFormState & { result?: { by: "mrn" | "lastName"; hits: TSearchHit[] } };

/**
 * The search travels as a POST (a server action) and its hits come back in the response: an MRN
 * or a name in the address would end up in proxy logs, browser history and Referer headers.
 */
export function PatientSearchForm({
  action,
}: {
  action: (s: TPatientSearchState, f: FormData) => Promise<TPatientSearchState>;
}) {
  const [state, formAction, pending] = useActionState<TPatientSearchState, FormData>(action, INITIAL_FORM_STATE);
  return (
    <>
      <form action={formAction} role="search" className="search-row">
        <label htmlFor="q" className="sr-only">
          MRN or last name
        </label>
        <input
          id="q"
          name="q"
          key={JSON.stringify(state.values)}
          defaultValue={state.values?.q ?? ""}
          placeholder="MRN (e.g. MRN1000001) or last name"
          autoComplete="off"
          maxLength={100}
        />
        <button className="button" type="submit" disabled={pending}>
          Search
        </button>
      </form>
      <FormMessage state={state} />
      {state.result && <PatientSearchResults by={state.result.by} hits={state.result.hits} />}
    </>
  );
}
