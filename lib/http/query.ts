import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parse URL search parameters with a zod schema; failures become 422 with every problem. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return schema.parse(params);
}

/**
 * Refuse a query string with a NUL in any key or value (400): PostgreSQL text cannot hold one, so a
 * filter such as ?q=%00 failed as a 500 in the database after every check had passed.
 */
export function assertNoNulInQuery(request: Request): void {
  for (const [k, v] of new URL(request.url).searchParams)
    if (k.includes("\u0000") || v.includes("\u0000"))
      throw new AppError("bad_request", "The query must not contain NUL characters (%00).");
}
