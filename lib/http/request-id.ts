import crypto from "node:crypto";

// A request id a client or proxy sends is kept so logs and access events line up with theirs, but
// only when it is short and made of characters that cannot forge a log line or smuggle data
// (no spaces, quotes, control characters or newlines): otherwise the app makes its own.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:+/=@-]{1,64}$/;

/** The request's `x-request-id` when it is at most 64 safe printable characters, else a fresh UUID. */
export function requestIdOf(headers: Pick<Headers, "get">): string {
  const sent = headers.get("x-request-id");
  return sent !== null && SAFE_REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}
