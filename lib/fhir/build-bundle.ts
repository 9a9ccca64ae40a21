import type * as fhir4 from "fhir/r4";

// The envelope of every FHIR R4 Bundle we emit (https://hl7.org/fhir/R4/bundle.html). Each
// entry's fullUrl is urn:uuid:<row id>, unique in the Bundle (bdl-7). Only a searchset
// carries `total` and entry.search (bdl-1, bdl-2); a collection is a set of resources with no
// further meaning. None is a "document": that needs a Composition first and an identifier (bdl-9).
// A Bundle with no entries has no `entry` element: FHIR JSON has no empty arrays.

export type TBundleEntryInput<R extends fhir4.FhirResource> = { id: string; resource: R };

export type TBundleInput<R extends fhir4.FhirResource> =
  | { type: "collection"; entries: TBundleEntryInput<R>[] }
  | {
      type: "searchset";
      entries: TBundleEntryInput<R>[];
      /** self, and next when there is a further page. */
      link?: fhir4.BundleLink[];
      /** The number of matches over all pages, when it is cheap to know. */
      total?: number;
    };

export function buildBundle<R extends fhir4.FhirResource>(input: TBundleInput<R>): fhir4.Bundle<R> {
  const timestamp = new Date().toISOString();
  const entry = (search?: fhir4.BundleEntrySearch) =>
    input.entries.length
      ? {
          entry: input.entries.map((e) => ({
            fullUrl: `urn:uuid:${e.id}`,
            resource: e.resource,
            ...(search ? { search } : {}),
          })),
        }
      : {};
  if (input.type === "collection") return { resourceType: "Bundle", type: "collection", timestamp, ...entry() };
  return {
    resourceType: "Bundle",
    type: "searchset",
    timestamp,
    ...(input.total === undefined ? {} : { total: input.total }),
    ...(input.link?.length ? { link: input.link } : {}),
    ...entry({ mode: "match" }),
  };
}
