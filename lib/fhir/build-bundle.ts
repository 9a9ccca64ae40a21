import type * as fhir4 from "fhir/r4";

// The envelope of every FHIR R4 Bundle we emit (https://hl7.org/fhir/R4/bundle.html). Each
// entry's fullUrl is urn:uuid:<row id>, unique in the Bundle (bdl-7). Only a searchset
// carries `total` and entry.search (bdl-1, bdl-2); a collection is a set of resources with no
// further meaning. None is a "document": that needs a Composition first and an identifier (bdl-9).
// A Bundle with no entries has no `entry` element: FHIR JSON has no empty arrays.

export type TBundleEntryInput<R> = { id: string; resource: R };

export type TCollectionBundle<R> = {
  resourceType: "Bundle";
  type: "collection";
  timestamp: string;
  entry?: { fullUrl: string; resource: R }[];
};

export type TSearchsetBundle<R, L extends fhir4.BundleLink> = {
  resourceType: "Bundle";
  type: "searchset";
  timestamp: string;
  total?: number;
  link?: L[];
  entry?: { fullUrl: string; resource: R; search: { mode: "match" } }[];
};

type TResource = { resourceType: string };

export function buildBundle<R extends TResource>(input: {
  type: "collection";
  entries: TBundleEntryInput<R>[];
}): TCollectionBundle<R>;
export function buildBundle<R extends TResource, L extends fhir4.BundleLink>(input: {
  type: "searchset";
  entries: TBundleEntryInput<R>[];
  /** self, and next when there is a further page. */
  link: [L, ...L[]];
  total?: number;
}): TSearchsetBundle<R, L> & { link: [L, ...L[]] };
export function buildBundle<R extends TResource>(input: {
  type: "searchset";
  entries: TBundleEntryInput<R>[];
  /** The number of matches over all pages, when it is cheap to know. */
  total?: number;
}): TSearchsetBundle<R, fhir4.BundleLink>;
export function buildBundle<R extends TResource>(input: {
  type: "collection" | "searchset";
  entries: TBundleEntryInput<R>[];
  link?: fhir4.BundleLink[];
  total?: number;
}): TCollectionBundle<R> | TSearchsetBundle<R, fhir4.BundleLink> {
  const timestamp = new Date().toISOString();
  const search = input.type === "searchset" ? { search: { mode: "match" as const } } : {};
  const entry = input.entries.length
    ? { entry: input.entries.map((e) => ({ fullUrl: `urn:uuid:${e.id}`, resource: e.resource, ...search })) }
    : {};
  if (input.type === "collection") return { resourceType: "Bundle", type: "collection", timestamp, ...entry };
  return {
    resourceType: "Bundle",
    type: "searchset",
    timestamp,
    ...(input.total === undefined ? {} : { total: input.total }),
    ...(input.link?.length ? { link: input.link } : {}),
    ...(entry as Pick<TSearchsetBundle<R, fhir4.BundleLink>, "entry">),
  };
}
