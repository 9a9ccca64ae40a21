import "server-only";
import { AppError } from "@/lib/errors";

/** Parse a JSON request body with a size limit; a clear 400 instead of a parser stack trace. */
export async function readJsonBody(request: Request, maxBytes = 20 * 1024 * 1024): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > maxBytes)
    throw new AppError("bad_request", `The body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}
