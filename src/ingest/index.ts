/**
 * The ingest room's public surface: what users already have, read as pure functions of text.
 * An OpenStack site's API answers (Placement, Nova) and nova.conf become a model document; demand
 * traces (Azure, Huawei, Alibaba, SWF, generic CSV) become request streams and fitted workloads.
 * No I/O here: cli/ fetches over HTTP and streams files, and hands the text in.
 */
export {};

// Demand traces and their fit (issue 19 items 4 and 5).
export * from "./trace/index.js";
export * from "./fit/index.js";
