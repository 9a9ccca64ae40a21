"use client";

import { useActionState } from "react";

export type TAdminFormState = { ok: boolean; message: string | null; password?: string; email?: string };
type TAction = (s: TAdminFormState, f: FormData) => Promise<TAdminFormState>;
const initial: TAdminFormState = { ok: false, message: null };

function Result({ state }: { state: TAdminFormState }) {
  if (!state.message) return null;
  return (
    <div className={`alert ${state.ok ? "info" : "error"}`} role={state.ok ? "status" : "alert"}>
      {state.message}
      {state.password && (
        <div>
          One-time password: <code data-testid="one-time-password">{state.password}</code>
        </div>
      )}
    </div>
  );
}

export function CreateUserForm({ action, roles }: { action: TAction; roles: Record<string, string> }) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} aria-label="Create user" className="stack">
      <div className="form-row">
        <label>
          Email
          <input name="email" type="email" autoComplete="off" />
        </label>
        <label>
          Name
          <input name="displayName" autoComplete="off" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {Object.entries(roles).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          Department
          <input name="department" autoComplete="off" />
        </label>
        <button className="button" type="submit" disabled={pending}>
          Create user
        </button>
      </div>
      <Result state={state} />
    </form>
  );
}

export function ChangeRoleForm({
  action,
  roles,
  current,
}: {
  action: TAction;
  roles: Record<string, string>;
  current: string;
}) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} aria-label="Change role" className="stack">
      <div className="form-row">
        <label>
          New role
          <select name="toRole" defaultValue={current}>
            {Object.entries(roles).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <button className="button" type="submit" disabled={pending}>
          Change role
        </button>
      </div>
      <Result state={state} />
    </form>
  );
}

export function ButtonForm(props: {
  action: TAction;
  label: string;
  name?: string;
  value?: string;
  danger?: boolean;
  ariaLabel: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, initial);
  return (
    <form action={formAction} aria-label={props.ariaLabel} className="stack">
      {props.name && <input type="hidden" name={props.name} value={props.value} />}
      <button className={`button${props.danger ? " danger" : ""}`} type="submit" disabled={pending}>
        {props.label}
      </button>
      <Result state={state} />
    </form>
  );
}

/** Approve or reject a request waiting for a second administrator; its requester can only withdraw. */
export function DecideRoleChangeForm({
  action,
  canApprove,
  ariaLabel = "Decide role change",
}: {
  action: TAction;
  canApprove: boolean;
  ariaLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} aria-label={ariaLabel} className="row">
      {canApprove && (
        <button className="button" type="submit" name="decision" value="approve" disabled={pending}>
          Approve
        </button>
      )}
      <button className="button secondary" type="submit" name="decision" value="reject" disabled={pending}>
        {canApprove ? "Reject" : "Withdraw"}
      </button>
      <Result state={state} />
    </form>
  );
}
