import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { formFailure, formFailureNamingFields } from "./form-state";

const zodError = () =>
  z.object({ code: z.string().min(1, "Choose a measurement."), value: z.number("Enter a number.") }).safeParse({
    code: "",
    value: "x",
  }).error;

describe("formFailure", () => {
  it("joins validation problems into the message and gives back what was typed", () => {
    expect(formFailure(zodError(), { values: { code: "" } })).toEqual({
      ok: false,
      message: "Choose a measurement. Enter a number.",
      values: { code: "" },
    });
  });

  it("puts validation problems beside their fields under a summary when asked", () => {
    expect(formFailure(zodError(), { fieldSummary: "Not saved." })).toEqual({
      ok: false,
      message: "Not saved.",
      fieldErrors: { code: "Choose a measurement.", value: "Enter a number." },
      values: undefined,
    });
  });

  it("shows a domain error's message", () => {
    expect(formFailure(new AppError("forbidden", "Not on the care team."))).toEqual({
      ok: false,
      message: "Not on the care team.",
      values: undefined,
    });
  });

  it("rethrows anything else", () => {
    const bug = new TypeError("x is undefined");
    expect(() => formFailure(bug, { fieldSummary: "Not saved." })).toThrow(bug);
  });

  it("tells the user the database is down or full, keeping what was typed", () => {
    const values = { note: "typed" };
    const down = Object.assign(new Error("Connection terminated unexpectedly"), {});
    expect(formFailure(down, { values })).toMatchObject({
      ok: false,
      values,
      message: expect.stringMatching(/database is unavailable/),
    });
    const full = Object.assign(new Error("could not extend file"), { code: "53100", severity: "ERROR" });
    expect(formFailure(full, { values }).message).toMatch(/disk is full/);
  });
});

describe("formFailureNamingFields", () => {
  it("names each field a domain error details, after its message", () => {
    const error = new AppError("unprocessable", "The report request is not valid.", [
      { path: "period.from", message: "the period must not start in the future" },
    ]);
    expect(formFailureNamingFields(error, { values: { type: "onc_audit_log_review" } })).toEqual({
      ok: false,
      message: "The report request is not valid. period.from: the period must not start in the future.",
      values: { type: "onc_audit_log_review" },
    });
    expect(formFailureNamingFields(new AppError("not_found", "No patient has that MRN.")).message).toBe(
      "No patient has that MRN.",
    );
  });
});
