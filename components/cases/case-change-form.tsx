"use client";

import { useActionState, type ReactNode } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

/**
 * One change to a case (intake, note, assessment, determination, …): the fields come from the
 * server-rendered page, the submit button names the change, and the outcome shows below.
 */
export function CaseChangeForm(props: {
  action: TAction;
  change: string;
  label: string;
  submit: string;
  children?: ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} aria-label={props.label} className={props.className ?? "stack"}>
      {props.children}
      <button className="button" type="submit" name="action" value={props.change} disabled={pending}>
        {props.submit}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
