import { describe, expect, it } from "vitest";
import { validateServerEnvironment } from "./env";
import { configuredWitnesses, runtimeEnv } from "./runtime-env";
import { parseWitnesses, witnessQuorum } from "./witnesses";

const KEY = "witness.example/w1+8d66cf3f+BEnx5lCkHV/Hl6rj9hr7SyS0OIEmgNDgOfJEE/xdSfy2";
const KEY2 = "witness.example/w2+01020304+BAnx5lCkHV/Hl6rj9hr7SyS0OIEmgNDgOfJEE/xdSfy2";

describe("HL_WITNESSES", () => {
  it("reads name, URL and verifier key per entry, separated by ; or newlines", () => {
    expect(parseWitnesses(undefined)).toEqual([]);
    expect(parseWitnesses(` a http://127.0.0.1:3380/ ${KEY} ;\nb  https://w.example/prefix ${KEY2}\n`)).toEqual([
      { name: "a", url: "http://127.0.0.1:3380", verifierKey: KEY },
      { name: "b", url: "https://w.example/prefix", verifierKey: KEY2 },
    ]);
  });

  it.each([
    ["two fields", `a http://x`, /name> <url> <verifier key/],
    ["a bad name", `a/b http://x ${KEY}`, /letters, digits/],
    ["a non-HTTP URL", `a ftp://x ${KEY}`, /http\(s\)/],
    ["a URL with credentials", `a http://u:p@x ${KEY}`, /credentials/],
    ["a malformed key", `a http://x witness+zz+abc`, /verifier key/],
    ["a name twice", `a http://x ${KEY}; a http://y ${KEY2}`, /twice/],
    ["one key twice", `a http://x ${KEY}; b http://y ${KEY}`, /same key/],
  ])("refuses %s", (_what, value, message) => {
    expect(() => parseWitnesses(value)).toThrow(message);
  });

  it("defaults the quorum to all of one or two witnesses, else a majority", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => witnessQuorum(n))).toEqual([0, 1, 2, 2, 3, 3]);
    expect(witnessQuorum(3, 1)).toBe(1);
    expect(() => witnessQuorum(2, 3)).toThrow(/between 0 and the 2/);
  });
});

describe("the witness settings at start-up", () => {
  it("refuses a quorum larger than the witnesses listed, and a malformed list, by name", () => {
    const env = { ...process.env, HL_WITNESSES: `a http://127.0.0.1:3380 ${KEY}` };
    expect(() => validateServerEnvironment({ ...env, HL_WITNESS_QUORUM: "2" })).toThrow(
      /HL_WITNESS_QUORUM: .*between 0 and the 1/,
    );
    expect(() => validateServerEnvironment({ ...env, HL_WITNESSES: "a b" })).toThrow(/HL_WITNESSES:/);
    expect(configuredWitnesses(runtimeEnv({ ...env, HL_WITNESS_QUORUM: "0" }))).toMatchObject({ quorum: 0 });
  });
});
