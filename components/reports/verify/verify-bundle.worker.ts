// The /verify page's verifier, off the page's thread: lib/reports/verify (the code of
// `verify-report`) runs here, so unzipping and hashing a bundle of 100,000 citations (tens of
// seconds) never freezes the page. The bundle comes from the page and goes nowhere else.
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import type { TVerifyRequest, TVerifyWorkerMessage } from "./verify-worker-protocol";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TVerifyRequest>) => void) | null;
  postMessage: (message: TVerifyWorkerMessage) => void;
};

scope.onmessage = async ({ data }) => {
  try {
    const result = await verifyEvidenceBundle(data.zip, {
      ...(data.trustedCasDer ? { trustedCasDer: data.trustedCasDer } : {}),
      onProgress: (progress) => scope.postMessage({ kind: "progress", progress }),
    });
    scope.postMessage({ kind: "done", result });
  } catch (err) {
    scope.postMessage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
