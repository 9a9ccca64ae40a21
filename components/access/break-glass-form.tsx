"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

/** Emergency access: the written reason is required (at least 20 characters) and reviewed by compliance. */
export function BreakGlassForm({ action }: { action: (s: TFormState, f: FormData) => Promise<TFormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label="Emergency access" key={JSON.stringify(state)} className="stack">
      <FormMessage state={state} />
      <label>
        Reason for emergency access
        <textarea
          name="reason"
          rows={3}
          cols={60}
          maxLength={1000}
          defaultValue={state.values?.reason ?? ""}
          placeholder="What is the emergency, and why can it not wait for consent or a care-team assignment?"
        />
      </label>
      <div>
        <button className="button danger" type="submit" disabled={pending}>
          {pending ? "Declaring…" : "Declare emergency and open chart"}
        </button>
      </div>
    </form>
  );
}
