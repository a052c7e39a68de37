/**
 * The placement room's public surface: requests, filters and weighers by name, policies and their
 * registry, `select` (fast, through the NFVI capacity index) and `selectReference` (the definition),
 * the NO_VALID_HOST diagnosis and `explain`.
 */
export { GROUP_POLICIES, makeRequest } from "./request.js";
export type { GroupPolicy, PlacementRequest, PlacementRequestInput, ServerGroupContext } from "./request.js";
export type { Filter, FilterIndexForm, FilterVerdict, PolicyParts, Weigher, WeigherIndexForm, WeigherUse } from "./types.js";
export { makePolicy, rejection, select, selectHost, selectReference } from "./policy.js";
export type { Policy } from "./policy.js";
export {
  DEFAULT_FILTERS,
  DEFAULT_POLICY,
  FILTERS,
  PREFABS,
  policySpecProblem,
  resolvePolicy,
  WEIGHERS,
  withAcceleratorFilter,
  withTraitsFilter,
} from "./registry.js";
export type { PolicySpec, PrefabPolicy, WeigherSpec } from "./registry.js";
export { decisiveReason, diagnose, renderDiagnosis, sortReasons } from "./diagnosis.js";
export { DiagnosisMemo } from "./diagnosis-memo.js";
export type { Diagnosis, FilterTrailEntry, NoValidHost, ReasonCount } from "./diagnosis.js";
export { explain } from "./explain.js";
export type { CandidateScore, Explanation, ExplainOptions, FilterStep, WeigherScore } from "./explain.js";
export { filterHosts, selectOver } from "./pipeline.js";
export { normalize } from "./weigh.js";
