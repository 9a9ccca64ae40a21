// The log's side of C2SP tlog-witness: submit one checkpoint to one witness with a consistency
// proof from the size the witness holds, re-proving from the size a 409 names, and check the
// cosignature it returns before anyone stores it.
import { verifyCosignature } from "../tlog/checkpoint";
import { parseNote, type NoteVerifier } from "../tlog/note";
import { formatAddCheckpointRequest } from "./add-checkpoint-request";

export type TWitnessEndpoint = { name: string; url: string; verifier: NoteVerifier; verifierKey: string };

export type TPushResult =
  | { ok: true; oldSize: number; cosignature: string; timestamp: number }
  | {
      ok: false;
      /** "behind": the witness holds a larger tree; "fork": another root at that size; "refused": other 4xx; "unreachable". */
      code: "behind" | "fork" | "inconsistent" | "refused" | "unreachable";
      /** The size the witness said it holds, when it said. */
      witnessSize: number | null;
      message: string;
    };

export type TPushInput = {
  witness: TWitnessEndpoint;
  checkpoint: { treeSize: number; note: string };
  /** The size we believe the witness holds (0 when we know nothing). */
  oldSize: number;
  /** RFC 9162 consistency proof from oldSize to the checkpoint's size, from the log's tree. */
  prove: (oldSize: number) => Promise<Uint8Array[]>;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/** Bounds what a witness can make the app read. */
const MAX_RESPONSE_BYTES = 16 * 1024;

async function readBounded(res: Response): Promise<string> {
  const text = await res.text();
  return text.length > MAX_RESPONSE_BYTES ? text.slice(0, MAX_RESPONSE_BYTES) : text;
}

const firstLine = (text: string) => text.split("\n")[0].slice(0, 200);

export async function pushCheckpoint(input: TPushInput): Promise<TPushResult> {
  const { witness, checkpoint } = input;
  const doFetch = input.fetch ?? fetch;
  let oldSize = input.oldSize > checkpoint.treeSize ? 0 : input.oldSize;
  // Two tries are enough for one 409 (our view was stale); a third means the witness moves under us.
  for (let attempt = 0; attempt < 3; attempt++) {
    const body = formatAddCheckpointRequest({ oldSize, proof: await input.prove(oldSize), note: checkpoint.note });
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${witness.url}/add-checkpoint`, {
        method: "POST",
        body,
        headers: { "content-type": "text/plain; charset=utf-8" },
        signal: AbortSignal.timeout(input.timeoutMs ?? 5_000),
        redirect: "error",
      });
      text = await readBounded(res);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { ok: false, code: "unreachable", witnessSize: null, message: `could not reach the witness: ${why}` };
    }
    if (res.status === 200) return acceptCosignature({ witness, note: checkpoint.note, text, oldSize });
    if (res.status === 409) {
      const size = /^(0|[1-9][0-9]*)\n?$/.test(text) ? Number(text.trim()) : NaN;
      if (!Number.isSafeInteger(size))
        return { ok: false, code: "refused", witnessSize: null, message: "409 without a tree size" };
      if (size > checkpoint.treeSize)
        return {
          ok: false,
          code: "behind",
          witnessSize: size,
          message: `the witness has cosigned a tree of ${size} entries, larger than this log's ${checkpoint.treeSize}`,
        };
      if (size === oldSize)
        return {
          ok: false,
          code: "fork",
          witnessSize: size,
          message: `the witness has cosigned another tree of ${size} entries (a forked log)`,
        };
      oldSize = size;
      continue;
    }
    if (res.status === 422)
      return {
        ok: false,
        code: "inconsistent",
        witnessSize: oldSize,
        message: `the witness refused the consistency proof from its tree of ${oldSize} entries (history rewritten?)`,
      };
    return {
      ok: false,
      code: "refused",
      witnessSize: null,
      message: `the witness answered ${res.status}: ${firstLine(text)}`,
    };
  }
  return { ok: false, code: "refused", witnessSize: oldSize, message: "the witness's tree size kept changing" };
}

function acceptCosignature(input: { witness: TWitnessEndpoint; note: string; text: string; oldSize: number }) {
  const { witness, note, text } = input;
  try {
    // The response is signature lines only; keep the one this witness's key made (ignore others).
    const lines = parseNote(`x\n\n${text}`).signatures.length ? text.split(/(?<=\n)/) : [];
    for (const line of lines) {
      try {
        const { timestamp } = verifyCosignature({ note: note + line, verifierKey: witness.verifier });
        return { ok: true as const, oldSize: input.oldSize, cosignature: line, timestamp };
      } catch {
        continue;
      }
    }
  } catch {
    // fall through: not signature lines
  }
  return {
    ok: false as const,
    code: "refused" as const,
    witnessSize: null,
    message: "the witness answered 200 without a valid cosignature from its key",
  };
}
