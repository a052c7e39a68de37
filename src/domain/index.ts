export * from "./ids.js";
export * from "./resource-class.js";
export * from "./errors.js";
export * from "./result.js";
export * from "./records.js";
export * from "./accelerator.js";
export * from "./did-you-mean.js";
export { plural } from "./plural.js";
