import "server-only";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import subsetFont from "subset-font";

// The fonts report PDFs embed, all Noto (SIL OFL 1.1) from npm packages, read from node_modules at
// run time and never fetched: Noto Sans for Latin, Greek and Cyrillic, then Noto Sans SC, JP and
// KR for Han, kana and Hangul. No single TTF on npm covers all of them (Noto Sans SC lacks Greek
// accents, Latin Extended and a few Japanese kanji), so each character goes to the first family
// that has it. Each family is cut down to the characters a document uses with HarfBuzz's
// hb-subset: fontkit's own CFF subsetter writes fonts Poppler cannot read, and a whole CJK font
// would add 4–8 MB to every report.

export const FONT_FAMILIES = [
  { family: "NotoSans", pkg: "@embedpdf/fonts-latin", regular: "NotoSans-Regular.ttf", bold: "NotoSans-Bold.ttf" },
  {
    family: "NotoSansSC",
    pkg: "@embedpdf/fonts-sc",
    regular: "NotoSansHans-Regular.otf",
    bold: "NotoSansHans-Bold.otf",
  },
  { family: "NotoSansJP", pkg: "@embedpdf/fonts-jp", regular: "NotoSansJP-Regular.otf", bold: "NotoSansJP-Bold.otf" },
  { family: "NotoSansKR", pkg: "@embedpdf/fonts-kr", regular: "NotoSansKR-Regular.otf", bold: "NotoSansKR-Bold.otf" },
] as const;

export type TFontWeight = "regular" | "bold";
type TLoadedFamily = { bytes: Record<TFontWeight, () => Buffer>; has: (codePoint: number) => boolean };

// Resolved from the project root, not from this file: the Next.js server bundle has no node_modules beside it.
const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
let loaded: TLoadedFamily[] | undefined;

function fontPath(pkg: string, file: string): string {
  return path.join(path.dirname(requireFromRoot.resolve(pkg)), "..", "fonts", file);
}

function loadFamilies(): TLoadedFamily[] {
  loaded ??= FONT_FAMILIES.map((spec) => {
    const cache: Partial<Record<TFontWeight, Buffer>> = {};
    const read = (weight: TFontWeight) => (cache[weight] ??= fs.readFileSync(fontPath(spec.pkg, spec[weight])));
    const font = fontkit.create(read("regular"));
    return {
      bytes: { regular: () => read("regular"), bold: () => read("bold") },
      has: (cp) => font.hasGlyphForCodePoint(cp),
    };
  });
  return loaded;
}

/**
 * The family index (into FONT_FAMILIES) that draws a code point: the first that has a glyph, else
 * NotoSans, which draws its .notdef box so a missing glyph is visible rather than dropped.
 */
export function familyFor(codePoint: number): number {
  if (codePoint < 0x250) return 0; // Latin up to Latin Extended-B: NotoSans, without asking
  const families = loadFamilies();
  const index = families.findIndex((f) => f.has(codePoint));
  return index < 0 ? 0 : index;
}

/** The font file of one family and weight, cut down to `text`'s characters (an sfnt). */
export async function subsetFontFile(input: {
  family: number;
  weight: TFontWeight;
  text: string;
}): Promise<Uint8Array> {
  const family = loadFamilies()[input.family];
  if (!family) throw new RangeError(`no font family ${input.family}`);
  return new Uint8Array(await subsetFont(family.bytes[input.weight](), input.text, { targetFormat: "sfnt" }));
}
