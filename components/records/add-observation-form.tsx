"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";

type TOption = { code: string; display: string; unit: string };

export function AddObservationForm({
  action,
  options,
}: {
  action: (s: TFormState, f: FormData) => Promise<TFormState>;
  options: TOption[];
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const err = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form action={formAction} aria-label="Add observation" key={JSON.stringify([state.message, v])}>
      {state.message && (
        <p className={`alert ${state.ok ? "info" : "error"}`} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      )}
      <div className="form-row">
        <label>
          Measurement
          <select name="code" defaultValue={v.code ?? ""}>
            <option value="" disabled>
              Choose…
            </option>
            {options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.display} ({o.unit})
              </option>
            ))}
          </select>
          {err.code && <span className="field-error">{err.code}</span>}
        </label>
        <label>
          Value
          <input name="value" inputMode="decimal" size={8} defaultValue={v.value ?? ""} />
          {err.value && <span className="field-error">{err.value}</span>}
        </label>
        <label>
          Measured at (UTC)
          <input name="effective" type="datetime-local" defaultValue={v.effective ?? ""} />
          {err.effective && <span className="field-error">{err.effective}</span>}
        </label>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Add observation"}
        </button>
      </div>
    </form>
  );
}
