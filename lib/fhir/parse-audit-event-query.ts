import { z } from "zod";

// Search parameters of GET /api/fhir/AuditEvent (IHE ITI-81 style). Dates follow FHIR search
// semantics: a value stands for the interval of its precision (a day, a second, a millisecond)
// and the prefix compares against it, so le2026-03-01 includes the whole of 1 March (UTC).

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const DATE_RE = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_HELP = "use ge|gt|le|lt|eq then YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.sss] with Z or an offset";

export type TDateBound = { gte?: Date; lt?: Date };

/** One date parameter as a half-open interval [gte, lt), or null when malformed. */
export function parseDateParam(value: string): TDateBound | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [, prefix = "eq", day, time, fraction, zone] = m;
  const start = new Date(time ? `${day}T${time}${fraction ?? ""}${zone}` : `${day}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || (start.toISOString().slice(0, 10) !== day && !time)) return null;
  const width = !time ? 86_400_000 : fraction ? 10 ** (4 - fraction.length) : 1000;
  const end = new Date(start.getTime() + width);
  return { eq: { gte: start, lt: end }, ge: { gte: start }, gt: { gte: end }, le: { lt: end }, lt: { lt: start } }[
    prefix as "eq"
  ];
}

function intersect(bounds: TDateBound[]): TDateBound {
  const out: TDateBound = {};
  for (const b of bounds) {
    if (b.gte && (!out.gte || b.gte > out.gte)) out.gte = b.gte;
    if (b.lt && (!out.lt || b.lt < out.lt)) out.lt = b.lt;
  }
  return out;
}

const once = (name: string) => z.string({ error: `${name} may be given only once` });
const reference = (name: string, types: string) =>
  once(name)
    .regex(new RegExp(`^(?:(?:${types})/)?${UUID}$`, "i"), `${name} must be an id or ${types.split("|")[0]}/<id>`)
    .transform((v) => v.slice(-36).toLowerCase());

const ZDate = z.string().transform((v, ctx) => {
  const bound = parseDateParam(v);
  if (!bound)
    ctx.addIssue({ code: "custom", message: `date "${v.slice(0, 40)}" is not a date search value: ${DATE_HELP}` });
  return bound ?? {};
});

export const ZAuditEventQuery = z
  .object({
    patient: reference("patient", "Patient").optional(),
    agent: reference("agent", "Practitioner|Patient|User").optional(),
    date: z.array(ZDate).max(4, "give at most 4 date parameters").default([]).transform(intersect),
    outcome: once("outcome")
      .pipe(z.enum(["0", "4", "8", "12"], { error: "outcome must be 0, 4, 8 or 12" }))
      .optional(),
    _count: once("_count")
      .regex(/^\d{1,6}$/, "_count must be a whole number")
      .transform(Number)
      .pipe(
        z
          .number()
          .int("_count must be an integer")
          .min(1, "_count must be at least 1")
          .max(500, "_count must be at most 500"),
      )
      .default(50),
    _sort: once("_sort")
      .pipe(z.enum(["date", "-date"], { error: "_sort must be date or -date" }))
      .default("-date"),
    _cursor: once("_cursor").max(200).optional(),
  })
  .strict();
export type TAuditEventQuery = z.infer<typeof ZAuditEventQuery>;

/** Every value as given; repeated non-date parameters stay arrays so the schema names them. */
export function parseAuditEventQuery(params: URLSearchParams): TAuditEventQuery {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = key === "date" || all.length > 1 ? all : all[0];
  }
  return ZAuditEventQuery.parse(raw);
}
