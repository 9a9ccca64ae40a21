import { ZodError } from "zod";
import { AppError } from "@/lib/errors";

/**
 * What a server action returns to its form: a message to show and, after a failure, what was
 * typed (so a rejected form is not emptied). Shared by every form in the app.
 */
export type TFormState = { ok: boolean; message: string | null; values?: Record<string, string> };

export const INITIAL_FORM_STATE: TFormState = { ok: false, message: null };

/** User errors become a readable message; anything else is a bug and is rethrown. */
export function formFailure(error: unknown, values?: Record<string, string>): TFormState {
  if (error instanceof ZodError) return { ok: false, message: error.issues.map((i) => i.message).join(" "), values };
  if (error instanceof AppError) return { ok: false, message: error.message, values };
  throw error;
}
