// C2SP tlog-policy text (c2sp.org/tlog-policy) for the log and its witnesses: what an offline
// verifier needs to decide whether a checkpoint is valid (the bundle's policy.txt).
import type { TWitnessSetup } from "./witness-endpoints";

/** The group every configured witness belongs to, when the quorum needs more than one name. */
export const WITNESS_GROUP = "healthledger-witnesses";

export function formatWitnessPolicy(input: { logVerifierKey: string; logUrl?: string; setup: TWitnessSetup }): string {
  const { setup } = input;
  const lines = [
    "# HealthLedger transparency log policy (c2sp.org/tlog-policy): a checkpoint is valid when the",
    "# log signed it and the quorum of witnesses below cosigned it.",
    `log ${input.logVerifierKey}${input.logUrl ? ` ${input.logUrl}` : ""}`,
    ...setup.witnesses.map((w) => `witness ${w.name} ${w.verifierKey} ${w.url}`),
  ];
  const { quorum: k } = setup;
  const n = setup.witnesses.length;
  if (k === 0) lines.push("quorum none");
  else if (n === 1) lines.push(`quorum ${setup.witnesses[0].name}`);
  else {
    lines.push(`group ${WITNESS_GROUP} ${k === n ? "all" : k} ${setup.witnesses.map((w) => w.name).join(" ")}`);
    lines.push(`quorum ${WITNESS_GROUP}`);
  }
  return lines.join("\n") + "\n";
}
