/**
 * `npm run docs`: writes the file-format references under docs/ from the schema descriptions
 * (src/scenario/json-schema/reference.ts); reference.test.ts fails when the committed ones differ.
 */
import { join } from "node:path";
import { referenceDocuments } from "../scenario/index.js";
import { writeFileAtomic } from "./write-output.js";

for (const [name, text] of Object.entries(referenceDocuments())) writeFileAtomic(join("docs", name), text);
