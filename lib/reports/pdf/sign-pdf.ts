// PAdES B-B signing (ETSI EN 319 142-1 baseline): an invisible signature field whose value is a
// signature dictionary with SubFilter ETSI.CAdES.detached, the claimed signing time in /M, and a
// ByteRange that covers the whole file except the /Contents hex string. The document is written
// once (no incremental update), so nothing follows the signed bytes.
import { sha256 } from "@noble/hashes/sha2.js";
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from "pdf-lib";
import { buildCadesSignedData } from "./build-cades-signed-data";

export type TPdfSigner = {
  /** DER: the signer's certificate first, then intermediate CAs (not the trusted root). */
  certificates: readonly Uint8Array[];
  /** ECDSA P-256 with SHA-256 over `data`; an ECDSA-Sig-Value (DER). */
  sign: (data: Uint8Array) => Promise<Uint8Array> | Uint8Array;
};

export type TSignPdfOptions = {
  document: PDFDocument;
  signer: TPdfSigner;
  /** Goes into /M; a B-B signature carries no signing-time attribute. */
  signingTime: Date;
  /**
   * Bytes reserved for the CMS. Passed explicitly: a chain or a later timestamp needs more than a
   * lone certificate, and a CMS that does not fit is an error, never a silently cut signature.
   */
  placeholderBytes: number;
  reason?: string;
  location?: string;
};

/** Marks the four ByteRange numbers until their offsets are known; 10 digits each is room for 9 GB. */
const BYTE_RANGE_MARK = "**********";
const latin1 = new TextDecoder("latin1");

export type TPreparedPdfSignature = {
  /** The written PDF with its ByteRange filled in and /Contents still zeros. */
  pdf: Uint8Array;
  byteRange: [number, number, number, number];
  /** The bytes the ByteRange covers: what the CMS message-digest is taken over. */
  signedBytes: () => Uint8Array;
  /** Writes a DER CMS into /Contents and returns the finished file (the same buffer). */
  embed: (cms: Uint8Array) => Uint8Array;
};

/**
 * Adds the signature field and dictionary, writes the file and fixes the ByteRange. Split from
 * signPdf so a CMS made elsewhere (an HSM, a test's OpenSSL) can be embedded the same way.
 */
export async function preparePdfSignature(options: Omit<TSignPdfOptions, "signer">): Promise<TPreparedPdfSignature> {
  if (
    !Number.isInteger(options.placeholderBytes) ||
    options.placeholderBytes < 1024 ||
    options.placeholderBytes > 65536
  )
    throw new RangeError("placeholderBytes must be an integer between 1024 and 65536");
  const { document } = options;
  const context = document.context;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_MARK));
  const signature = context.register(
    context.obj({
      Type: "Sig",
      Filter: "Adobe.PPKLite",
      SubFilter: "ETSI.CAdES.detached",
      ByteRange: byteRange,
      Contents: PDFHexString.of("0".repeat(options.placeholderBytes * 2)),
      M: PDFString.fromDate(options.signingTime),
      ...(options.reason ? { Reason: PDFHexString.fromText(options.reason) } : {}),
      ...(options.location ? { Location: PDFHexString.fromText(options.location) } : {}),
    }),
  );
  const firstPage = document.getPage(0);
  const widget = context.register(
    context.obj({
      Type: "Annot",
      Subtype: "Widget",
      FT: "Sig",
      Rect: [0, 0, 0, 0],
      V: signature,
      T: PDFString.of("HealthLedger report signature"),
      F: 132, // Print + Locked: an invisible field nobody edits
      P: firstPage.ref,
    }),
  );
  firstPage.node.addAnnot(widget);
  document.catalog.set(PDFName.of("AcroForm"), context.obj({ SigFlags: 3, Fields: [widget] }));

  const pdf = await document.save({ useObjectStreams: false, updateFieldAppearances: false });
  const text = latin1.decode(pdf);
  const markText = `/ByteRange [ 0 /${BYTE_RANGE_MARK} /${BYTE_RANGE_MARK} /${BYTE_RANGE_MARK} ]`;
  const markAt = text.indexOf(markText);
  const contentsMark = `/Contents <${"0".repeat(options.placeholderBytes * 2)}>`;
  const contentsStart = text.indexOf(contentsMark);
  if (
    markAt < 0 ||
    contentsStart < 0 ||
    text.lastIndexOf(markText) !== markAt ||
    text.lastIndexOf(contentsMark) !== contentsStart
  )
    throw new Error("signature placeholders not found exactly once in the written PDF");
  const start = contentsStart + "/Contents ".length; // the '<'
  const end = start + options.placeholderBytes * 2 + 2; // just past the '>'
  if (pdf[end - 1] !== 0x3e) throw new Error("signature /Contents placeholder is not where it was expected");
  const range = [0, start, end, pdf.length - end];
  const rangeText = `/ByteRange [${range.join(" ")}]`.padEnd(markText.length, " ");
  if (rangeText.length !== markText.length) throw new Error("ByteRange does not fit its placeholder");
  pdf.set(new TextEncoder().encode(rangeText), markAt);

  const byteRangeTuple = range as [number, number, number, number];
  return {
    pdf,
    byteRange: byteRangeTuple,
    signedBytes: () => {
      const signed = new Uint8Array(range[1] + range[3]);
      signed.set(pdf.subarray(0, range[1]), 0);
      signed.set(pdf.subarray(range[2]), range[1]);
      return signed;
    },
    embed: (cms) => {
      if (cms.length > options.placeholderBytes)
        throw new Error(`the signature needs ${cms.length} bytes but only ${options.placeholderBytes} were reserved`);
      const hex = Array.from(cms, (b) => b.toString(16).padStart(2, "0")).join("");
      pdf.set(new TextEncoder().encode(hex), start + 1);
      return pdf;
    },
  };
}

/** Signs the document PAdES B-B and returns the finished file. */
export async function signPdf(options: TSignPdfOptions): Promise<Uint8Array> {
  const prepared = await preparePdfSignature(options);
  const cms = await buildCadesSignedData({
    certificates: options.signer.certificates,
    contentDigest: sha256(prepared.signedBytes()),
    sha256: (data) => sha256(data),
    sign: options.signer.sign,
  });
  return prepared.embed(cms);
}
