// Text layout for the PDF renderer: splitting a string into runs of one font family, and
// breaking it into lines of a given width (between words, and between any two CJK characters,
// which have no spaces to break at). Pure: widths come from the caller.

export type TRun = { family: number; text: string };

/** Consecutive characters drawn by the same family form one run. */
export function splitRuns(text: string, familyFor: (codePoint: number) => number): TRun[] {
  const runs: TRun[] = [];
  for (const ch of text) {
    const family = familyFor(ch.codePointAt(0)!);
    const last = runs[runs.length - 1];
    if (last && last.family === family) last.text += ch;
    else runs.push({ family, text: ch });
  }
  return runs;
}

// CJK ideographs, kana, Hangul, CJK punctuation and full-width forms: a line may break before any.
const CJK =
  "\\u2e80-\\u2fff\\u3000-\\u30ff\\u3100-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef";
const ATOMS = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, "gu");

/** Lines no wider than `maxWidth`; a word wider than a line is cut between characters. */
export function wrapText(input: { text: string; maxWidth: number; measure: (s: string) => number }): string[] {
  const { maxWidth, measure } = input;
  const lines: string[] = [];
  for (const paragraph of input.text.split(/\r?\n/)) {
    let line = "";
    let pendingSpace = false;
    const push = () => {
      lines.push(line);
      line = "";
      pendingSpace = false;
    };
    for (const atom of paragraph.match(ATOMS) ?? []) {
      if (/^\s+$/u.test(atom)) {
        pendingSpace = line.length > 0;
        continue;
      }
      const candidate = line + (pendingSpace ? " " : "") + atom;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        pendingSpace = false;
        continue;
      }
      if (line) push();
      if (measure(atom) <= maxWidth) {
        line = atom;
        continue;
      }
      for (const ch of atom) {
        if (line && measure(line + ch) > maxWidth) push();
        line += ch;
      }
    }
    push();
  }
  return lines;
}
