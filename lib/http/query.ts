import { z } from "zod";

/** Parse URL search parameters with a zod schema; failures become 422 with every problem. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return schema.parse(params);
}
