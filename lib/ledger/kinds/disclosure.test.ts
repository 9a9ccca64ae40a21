import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { utf8Decode } from "../tlog/encoding";
import { leafBytesFor } from "./define-leaf-kind";
import { disclosureKind } from "./disclosure";

const row = {
  id: "0b5c1f0e-2a51-4d8e-9a3b-6f1c2d3e4f50",
  patientId: "3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f",
  disclosedAt: new Date("2026-02-03T00:00:00.000Z"),
  legalBasis: "law_enforcement",
  supersedesId: null,
  recordedById: "00000000-0000-4000-8000-00000000c0c0",
  createdAt: new Date("2026-02-04T09:10:11.123Z"),
  recipientName: "Riverside Oncology Centre",
  recipientAddress: "1 Main St, Springfield",
  sealed: new Uint8Array([1, 2, 3, 250]),
};

describe("disclosure leaf", () => {
  // contentSha256 = SHA-256('{"recipientAddress":"1 Main St, Springfield","recipientName":"Riverside Oncology Centre","sealed":"010203fa"}')
  it("pins the format and keeps recipient text out of it (a change here breaks verification of stored leaves)", () => {
    const text = utf8Decode(leafBytesFor(disclosureKind, row));
    expect(text).toBe(
      'disclosure/v1\n{"contentSha256":"28d0665bf3f72fd6decc9047e024a08e1c497c087877424f1644490feee70132","createdAt":"2026-02-04T09:10:11.123Z",' +
        '"disclosedAt":"2026-02-03T00:00:00.000Z","id":"0b5c1f0e-2a51-4d8e-9a3b-6f1c2d3e4f50","legalBasis":"law_enforcement",' +
        '"patientId":"3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f","recordedById":"00000000-0000-4000-8000-00000000c0c0","supersedesId":null}',
    );
    expect(text).not.toMatch(/Oncology|Springfield/);
  });

  it("changes when the recipient or the sealed text changes, and not with the byte container", () => {
    const base = utf8Decode(leafBytesFor(disclosureKind, row));
    expect(utf8Decode(leafBytesFor(disclosureKind, { ...row, recipientName: "Riverside Oncology Center" }))).not.toBe(
      base,
    );
    expect(utf8Decode(leafBytesFor(disclosureKind, { ...row, recipientAddress: "2 Main St, Springfield" }))).not.toBe(
      base,
    );
    expect(utf8Decode(leafBytesFor(disclosureKind, { ...row, sealed: new Uint8Array([1, 2, 3, 251]) }))).not.toBe(base);
    expect(utf8Decode(leafBytesFor(disclosureKind, { ...row, sealed: Buffer.from([1, 2, 3, 250]) }))).toBe(base);
  });

  it("pins v2, where the recipient is sealed too and the leaf holds each ciphertext's SHA-256", () => {
    const { recipientName, recipientAddress, ...rest } = row;
    void recipientName;
    void recipientAddress;
    const v2row = { ...rest, recipientName: null, recipientAddress: null, sealedRecipient: new Uint8Array([7, 7]) };
    const text = utf8Decode(leafBytesFor(disclosureKind, v2row));
    expect(text).toBe(
      'disclosure/v2\n{"contentSha256":"' +
        crypto
          .createHash("sha256")
          .update(Buffer.from([1, 2, 3, 250]))
          .digest("hex") +
        '","createdAt":"2026-02-04T09:10:11.123Z","disclosedAt":"2026-02-03T00:00:00.000Z","id":"0b5c1f0e-2a51-4d8e-9a3b-6f1c2d3e4f50",' +
        '"legalBasis":"law_enforcement","patientId":"3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f",' +
        `"recipientSha256":"${crypto
          .createHash("sha256")
          .update(Buffer.from([7, 7]))
          .digest("hex")}",` +
        '"recordedById":"00000000-0000-4000-8000-00000000c0c0","supersedesId":null}',
    );
    expect(utf8Decode(leafBytesFor(disclosureKind, { ...v2row, sealedRecipient: new Uint8Array([7, 8]) }))).not.toBe(
      text,
    );
  });
});
