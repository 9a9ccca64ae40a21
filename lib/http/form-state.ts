import { ZodError } from "zod";
import { databaseFault } from "@/lib/db/database-fault";
import { AppError } from "@/lib/errors";
import { DATABASE_FAULT_ANSWER } from "./database-fault-answer";

/**
 * What a server action returns to its form: a message to show and, after a failure, what was
 * typed (so a rejected form is not emptied) and, for forms that show them, the problems by field.
 * Shared by every form in the app.
 */
export type TFormState = {
  ok: boolean;
  message: string | null;
  values?: Record<string, string>;
  fieldErrors?: Record<string, string>;
};

export const INITIAL_FORM_STATE: TFormState = { ok: false, message: null };

export type TFormFailureOptions = {
  /** Given back so the form, which React resets after every action, keeps what was typed. */
  values?: Record<string, string>;
  /**
   * For forms that show validation problems beside their fields: the message above the form;
   * each problem goes to `fieldErrors` under the first segment of its path.
   */
  fieldSummary?: string;
};

/**
 * User errors become a readable message, and so does a database that is down or full (what was
 * typed is kept, to send again once it is back); anything else is a bug and is rethrown.
 */
export function formFailure(error: unknown, { values, fieldSummary }: TFormFailureOptions = {}): TFormState {
  if (error instanceof ZodError) {
    if (fieldSummary === undefined) return { ok: false, message: error.issues.map((i) => i.message).join(" "), values };
    const fieldErrors = Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    return { ok: false, message: fieldSummary, fieldErrors, values };
  }
  if (error instanceof AppError) return { ok: false, message: error.message, values };
  const fault = databaseFault(error);
  if (fault) return { ok: false, message: DATABASE_FAULT_ANSWER[fault].message, values };
  throw error;
}

/**
 * formFailure with what is wrong with each field appended ("period.from: the period must not start
 * in the future."), for a form that shows one message and no field errors of its own.
 */
export function formFailureNamingFields(error: unknown, options: TFormFailureOptions = {}): TFormState {
  const state = formFailure(error, options);
  if (error instanceof AppError && error.details?.length)
    return { ...state, message: `${state.message} ${error.details.map((d) => `${d.path}: ${d.message}.`).join(" ")}` };
  return state;
}
