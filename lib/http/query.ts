import { z } from "zod";

/** Parse URL search parameters with a zod schema; failures become 422 with every problem. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return schema.parse(params);
}

export const zNonNegativeInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be an integer`)
    .nonnegative(`${name} must not be negative`)
    .max(Number.MAX_SAFE_INTEGER);
