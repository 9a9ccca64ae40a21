import { z } from "zod";

/**
 * The title of a notarized document: one rule for the form (checked in the browser before the
 * file is hashed), the API request and response, and notarizeDocument itself.
 */
export const NOTARIZED_TITLE_MAX = 300;

export const ZNotarizedTitle = z
  .string()
  .trim()
  .min(1, "title is required")
  .max(NOTARIZED_TITLE_MAX, `title must be at most ${NOTARIZED_TITLE_MAX} characters`);
