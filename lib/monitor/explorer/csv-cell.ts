// One CSV field (RFC 4180), guarded against formula injection (OWASP "CSV Injection"): a
// spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
// strip before looking) as a formula, so such a cell gets a leading apostrophe, which
// spreadsheets show as text. Quoting alone would not help: Excel evaluates quoted formulas too.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
