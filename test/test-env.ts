// Fixed keys for tests only, so failures reproduce. Never used outside the test runner.
export const TEST_ENV = {
  NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0001",
  HL_KEK: Buffer.alloc(32, 1).toString("base64"),
  HL_KEK_ID: "kek-test",
  HL_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString("base64"),
  HL_LEDGER_WRITER_KEY: Buffer.alloc(32, 4).toString("base64"),
  HL_REPORT_SIGNING_KEY: Buffer.alloc(32, 5).toString("base64"),
  HL_LOG_ORIGIN: "healthledger.test/log",
  // C2SP signed-note key for "healthledger.test/log" with an all-0x03 seed.
  HL_LOG_SIGNING_KEY: "PRIVATE+KEY+healthledger.test/log+c32bb5fa+AQMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMD",
};
