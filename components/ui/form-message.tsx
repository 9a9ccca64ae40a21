import type { TFormState } from "@/lib/http/form-state";

/** The outcome of a form's server action: a status on success, an alert on failure. */
export function FormMessage({ state }: { state: TFormState }) {
  if (!state.message) return null;
  return (
    <p className={`alert ${state.ok ? "info" : "error"}`} role={state.ok ? "status" : "alert"}>
      {state.message}
    </p>
  );
}
