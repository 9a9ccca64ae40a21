import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Read a request body of at most `maxBytes`. A declared Content-Length over the cap is refused
 * before a byte is read; otherwise the stream is read chunk by chunk and cancelled the moment the
 * count passes the cap, so a chunked upload without Content-Length cannot fill the memory either.
 * Over the cap: AppError `payload_too_large` (413).
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  assertDeclaredLength(request, maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client hung up mid-body (or sent fewer bytes than it declared): its fault, not ours.
      throw new AppError("bad_request", "The body ended before it was complete.");
    });
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Refuse at once a body whose Content-Length says it is over the cap (or is not a length). */
export function assertDeclaredLength(request: Request, maxBytes: number): void {
  const declared = request.headers.get("content-length");
  if (declared === null) return;
  if (!/^\d{1,16}$/.test(declared.trim()))
    throw new AppError("bad_request", "Content-Length is not a number of bytes.");
  if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
}

/** A JSON body of at most `maxBytes`: 413 over the cap, 400 when it is not UTF-8 JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  return parseJsonBytes(await readBodyBytes(request, maxBytes));
}

/**
 * Bytes read as UTF-8 JSON: 400 when they are not; 422 when a string or key holds text no
 * PostgreSQL text column can store, so the insert would fail as a 500 after the checks had
 * passed: NUL, or half of a surrogate pair written as a \u escape (valid JSON, not Unicode;
 * Prisma's engine refuses the query).
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The body is not UTF-8 text.");
  }
  try {
    return JSON.parse(text, refuseUnstorableText);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}

function refuseUnstorableText(key: string, value: unknown): unknown {
  const texts = typeof value === "string" ? [key, value] : [key];
  if (texts.some((t) => t.includes("\u0000")))
    throw new AppError("unprocessable", "Text in the body must not contain NUL characters (\\u0000).");
  if (texts.some((t) => !t.isWellFormed()))
    throw new AppError(
      "unprocessable",
      "Text in the body must be valid Unicode: a \\u escape names half of a surrogate pair (\\ud800–\\udfff) alone.",
    );
  return value;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The body is larger than this request allows (${formatBytes(maxBytes)}).`);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
