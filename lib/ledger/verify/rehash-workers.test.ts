import { describe, expect, inject, it } from "vitest";
import { createLedgerPool } from "../ledger-pool";
import { startRehashWorkers } from "./rehash-workers";

describe("startRehashWorkers", () => {
  it("rejects with the connection's error when a worker cannot connect", async () => {
    const url = new URL(inject("superuserUrl"));
    url.password = "not-the-password";
    const pool = createLedgerPool(url.toString());
    try {
      await expect(startRehashWorkers(pool, "00000003-00000002-1", 2)).rejects.toThrow(
        /verification worker: .*password/,
      );
    } finally {
      await pool.end();
    }
  });

  it("rejects when the snapshot to read in does not exist", async () => {
    const pool = createLedgerPool(inject("superuserUrl"));
    try {
      await expect(startRehashWorkers(pool, "00000003-00000002-1", 1)).rejects.toThrow(
        /verification worker: .*snapshot/,
      );
    } finally {
      await pool.end();
    }
  });
});
