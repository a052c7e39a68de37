/**
 * The ingest room's public surface: what users already have, read as pure functions of text.
 * An OpenStack site's API answers (Placement, Nova) and nova.conf become a model document; demand
 * traces (Azure, Huawei, Alibaba, SWF, generic CSV) become request streams and fitted workloads.
 * No I/O here: cli/ fetches over HTTP and streams files, and hands the text in.
 */
// Demand traces and their fit (issue 19 items 4 and 5).
export * from "./trace/index.js";
export * from "./fit/index.js";

// --- OpenStack site import (src/ingest/openstack/) ---
export {
  ASSOCIATED_TRAITS_PATH,
  consumerPath,
  listedConsumers,
  listedProviders,
  PLACEMENT_MICROVERSION,
  PROVIDER_PARTS,
  PROVIDERS_PATH,
  providerPath,
  providersWithTraitPath,
  readPlacementSite,
  traitAnswersFromListings,
  usagesAnswerFrom,
  type AnswerLookup,
  type AnswerProblem,
  type PlacementInventory,
  type PlacementProvider,
  type PlacementSite,
} from "./openstack/placement-answers.js";
export { readNovaAnswers, type NovaSite } from "./openstack/nova-answers.js";
export { cloudsYamlPlaces, placementFromCatalog, readCloud, type CloudAuth } from "./openstack/clouds-yaml.js";
export { parseNovaConf, type NovaConf } from "./openstack/nova-conf.js";
export { IMPORT_MARK, importOpenStack, isImportOutput, withNovaProjects, type ImportInput, type ImportOutput } from "./openstack/import-site.js";
export type { ImportNote } from "./openstack/notes.js";
// --- end OpenStack site import ---
