import { describe, expect, it } from "vitest";
import { readBodyBytes, readJsonBody } from "./read-body";

const KiB = 1024;

/** A body that counts what is pulled from it, yields `chunks` chunks of 16 KiB and notices a cancel. */
function countingBody(chunks: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= chunks) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(16 * KiB).fill(0x20));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://hl.test/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyBytes", () => {
  it("refuses a declared Content-Length over the cap before reading a byte", async () => {
    const { stream, seen } = countingBody(4);
    const request = post(stream, { "content-length": String(64 * KiB) });
    await expect(readBodyBytes(request, 8 * KiB)).rejects.toMatchObject({ code: "payload_too_large" });
    // A stream's source is asked for its first chunk when the stream is made: nothing more.
    expect(seen.pulled).toBeLessThanOrEqual(1);
  });

  it("stops reading a chunked body (no Content-Length) as soon as it passes the cap", async () => {
    // 3,200 chunks = 50 MB, more than any route allows: reading it whole is the bug.
    const { stream, seen } = countingBody(3200);
    await expect(readBodyBytes(post(stream), 64 * KiB)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(seen.pulled).toBeLessThanOrEqual(64 / 16 + 2);
    expect(seen.cancelled).toBe(true);
  });

  it("reads a body within the cap, declared or chunked", async () => {
    expect((await readBodyBytes(post("x".repeat(100)), 100)).byteLength).toBe(100);
    const { stream } = countingBody(2);
    expect((await readBodyBytes(post(stream), 32 * KiB)).byteLength).toBe(32 * KiB);
  });

  it("answers 400 when the body breaks off: the client hung up, the server is not at fault", async () => {
    // Logged as a failed request (a 500) before; seen in e2e/api-fuzz.spec.ts with a lying Content-Length.
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("aborted"));
      },
    });
    await expect(readBodyBytes(post(broken), 1024)).rejects.toMatchObject({ code: "bad_request" });
  });

  it("refuses a Content-Length that is not a number of bytes", async () => {
    const request = new Request("http://hl.test/api/x", { method: "POST", headers: { "content-length": "-1" } });
    await expect(readBodyBytes(request, 100)).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("readJsonBody", () => {
  it("parses JSON within the cap and answers 400 for what is not JSON or not UTF-8", async () => {
    expect(await readJsonBody(post('{"approve":true}'), 1024)).toEqual({ approve: true });
    await expect(readJsonBody(post("{nope"), 1024)).rejects.toMatchObject({ code: "bad_request" });
    await expect(readJsonBody(post(new Uint8Array([0x22, 0xff, 0x22])), 1024)).rejects.toMatchObject({
      code: "bad_request",
    });
  });

  it("refuses a NUL in any string or key with 422: PostgreSQL text cannot hold one", async () => {
    // Found by e2e/api-fuzz.spec.ts: a new account named "\u0000" was a 500 from the insert.
    for (const body of ['{"displayName":"a\\u0000b"}', '{"a\\u0000":1}', '[["\\u0000"]]'])
      await expect(readJsonBody(post(body), 1024)).rejects.toMatchObject({ code: "unprocessable" });
    expect(await readJsonBody(post('{"a":"\\u0007\\ud83d\\ude00"}'), 1024)).toEqual({ a: "\u0007\u{1f600}" });
  });

  it("refuses half a surrogate pair in any string or key with 422: Prisma's engine cannot send it", async () => {
    // Found by e2e/api-fuzz.spec.ts: a new account named "Fuzz \udfff\ud800" was a 500 from the insert.
    for (const body of ['{"displayName":"Fuzz \\udfff\\ud800"}', '{"a\\ud800":1}', '[["\\ude00x"]]'])
      await expect(readJsonBody(post(body), 1024)).rejects.toMatchObject({ code: "unprocessable" });
  });

  it("refuses JSON over the cap with 413, however valid", async () => {
    const big = JSON.stringify({ title: "x".repeat(5000) });
    await expect(readJsonBody(post(big), 4 * KiB)).rejects.toMatchObject({ code: "payload_too_large" });
  });
});
