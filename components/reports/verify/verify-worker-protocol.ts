// What the /verify page and its verifier worker say to each other, and the one place the page
// starts a verification: in the worker where the browser has one, else on the page itself.
import {
  verifyEvidenceBundle,
  type TBundleVerification,
  type TVerifyProgress,
  type TVerifyStep,
} from "@/lib/reports/verify/verify-bundle";

export type TVerifyRequest = { zip: Uint8Array; trustedCasDer?: Uint8Array[] };
export type TVerifyWorkerMessage =
  | { kind: "progress"; progress: TVerifyProgress }
  | { kind: "done"; result: TBundleVerification }
  | { kind: "error"; message: string };

export const VERIFY_STEP_LABELS: Record<TVerifyStep, string> = {
  bundle: "Opening the ZIP and checking its files",
  statement: "Checking the DSSE signature and every file's digest",
  log: "Checking the checkpoint, the cosignatures, the report's own leaf and every citation",
  pdf: "Checking the PDF's signature and certificate chain",
};

export type TVerifyRun = { result: Promise<TBundleVerification>; cancel: () => void };

/** Verifies in a worker (the page stays responsive), telling `onProgress` as each group of checks starts. */
export function startVerification(request: TVerifyRequest, onProgress: (p: TVerifyProgress) => void): TVerifyRun {
  if (typeof Worker === "undefined")
    return {
      result: verifyEvidenceBundle(request.zip, { trustedCasDer: request.trustedCasDer, onProgress }),
      cancel: () => {},
    };
  // A URL the bundler resolves at build time to the worker's own chunk, served from this origin.
  const worker = new Worker(new URL("./verify-bundle.worker.ts", import.meta.url), { type: "module" });
  let cancelled: (e: Error) => void = () => {};
  const result = new Promise<TBundleVerification>((resolve, reject) => {
    cancelled = reject;
    worker.onmessage = ({ data }: MessageEvent<TVerifyWorkerMessage>) => {
      if (data.kind === "progress") return onProgress(data.progress);
      worker.terminate();
      if (data.kind === "done") resolve(data.result);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "the verifier stopped"));
    };
  });
  // The page keeps its copy: the bytes are copied, not transferred, so a second run can reuse them.
  worker.postMessage(request);
  return {
    result,
    cancel: () => {
      worker.terminate();
      cancelled(new Error("cancelled"));
    },
  };
}
