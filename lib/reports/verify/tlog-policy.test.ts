import { describe, expect, it } from "vitest";
import {
  SIG_TYPE_COSIGNATURE_V1,
  generateSignerKey,
  parseSignerKey,
  verifierKeyFromSigner,
} from "@/lib/ledger/tlog/note";
import { PolicyError, describeQuorum, parseTlogPolicy, quorumMet } from "./tlog-policy";

const vkey = (name: string) =>
  verifierKeyFromSigner(parseSignerKey(generateSignerKey(name).signerKey), SIG_TYPE_COSIGNATURE_V1);
const logKey = generateSignerKey("example.test/log").verifierKey;

// The example of c2sp.org/tlog-policy ("Example policy"), with real keys.
const SPEC_EXAMPLE = `log ${logKey}

witness X1 ${vkey("x1")}
witness X2 ${vkey("x2")}
witness X3 ${vkey("x3")}
group X-witnesses 2 X1 X2 X3

  # comments and blank lines are ignored
witness Y1 ${vkey("y1")}
witness Y2 ${vkey("y2")}\thttps://y2.example/
witness Y3 ${vkey("y3")}
group Y-witnesses any Y1 Y2 Y3

group X-and-Y all X-witnesses Y-witnesses
quorum X-and-Y
`;

describe("C2SP tlog-policy", () => {
  const policy = parseTlogPolicy(SPEC_EXAMPLE);

  it("reads the spec's example", () => {
    expect(policy.logs).toHaveLength(1);
    expect(policy.witnesses.map((w) => w.name)).toEqual(["X1", "X2", "X3", "Y1", "Y2", "Y3"]);
    expect(policy.witnesses[4].url).toBe("https://y2.example/");
    expect(policy.groups.map((g) => [g.name, g.threshold])).toEqual([
      ["X-witnesses", 2],
      ["Y-witnesses", 1],
      ["X-and-Y", 2],
    ]);
    expect(policy.quorum).toBe("X-and-Y");
  });

  it.each([
    [[], false],
    [["X1", "X2"], false],
    [["Y1", "Y2", "Y3"], false],
    [["X1", "Y3"], false],
    [["X1", "X3", "Y2"], true],
    [["X1", "X2", "X3", "Y1", "Y2", "Y3"], true],
  ])("cosigned by %j: quorum met is %s", (names, met) => {
    expect(quorumMet(policy, new Set(names as string[]))).toBe(met);
  });

  it("takes quorum none as met with no cosignature, and a single witness as that witness", () => {
    expect(quorumMet(parseTlogPolicy(`log ${logKey}\nquorum none\n`), new Set())).toBe(true);
    const one = parseTlogPolicy(`log ${logKey}\nwitness A ${vkey("a")}\nquorum A\n`);
    expect([quorumMet(one, new Set()), quorumMet(one, new Set(["A"]))]).toEqual([false, true]);
  });

  it("names the quorum as the policy does: a lone witness by its name, a group with its members", () => {
    expect(describeQuorum(parseTlogPolicy(`log ${logKey}\nwitness local ${vkey("a")}\nquorum local\n`))).toBe(
      'the witness "local"',
    );
    const two = `log ${logKey}\nwitness A ${vkey("a")}\nwitness B ${vkey("b")}\nwitness C ${vkey("c")}\n`;
    expect(describeQuorum(parseTlogPolicy(`${two}group G 2 A B C\nquorum G\n`))).toBe('2 of the group "G" (A, B, C)');
    expect(describeQuorum(parseTlogPolicy(`${two}group G all A B C\nquorum G\n`))).toBe(
      'all of the group "G" (A, B, C)',
    );
    expect(describeQuorum(parseTlogPolicy(`log ${logKey}\nquorum none\n`))).toBe("none (no cosignature needed)");
  });

  it.each([
    ["no quorum line", `log ${logKey}\n`],
    ["two quorum lines", `log ${logKey}\nquorum none\nquorum none\n`],
    ["a name used before it is defined", `log ${logKey}\nquorum A\nwitness A ${vkey("a")}\n`],
    ["a threshold above the members", `witness A ${vkey("a")}\ngroup G 2 A\nquorum G\n`],
    ["a threshold of 0", `witness A ${vkey("a")}\ngroup G 0 A\nquorum G\n`],
    ["a member listed twice", `witness A ${vkey("a")}\ngroup G any A A\nquorum G\n`],
    ["none as a member", `witness A ${vkey("a")}\ngroup G any A none\nquorum G\n`],
    [
      "a duplicate key",
      (() => {
        const k = vkey("a");
        return `witness A ${k}\nwitness B ${k}\nquorum A\n`;
      })(),
    ],
    ["an unknown keyword", "quorum none\nwitnes A x\n"],
    ["a control character", "quorum none\r\n"],
    ["a malformed key", "witness A a+00000000+AAAA\nquorum A\n"],
  ])("refuses %s", (_why, text) => {
    expect(() => parseTlogPolicy(text)).toThrow(PolicyError);
  });
});
