/** The scenario room's SourceReader over the real file system, shared with the library (lib/file-reader.ts). */
export { nodeReader } from "../lib/index.js";
