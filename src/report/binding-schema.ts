/** summary.json's `bindingResource` (metrics/binding-resource.ts has the rule). */
import { closed, str, type Schema } from "./schema-parts.js";

export const BINDING_RESOURCE_SCHEMA: Schema = closed(
  {
    class: str,
    rule: { type: "string", enum: ["rejections", "peak utilisation"] },
    reason: str,
  },
  "the class named in most rejected requests after the warm-up, else the one with the highest exact peak utilisation (resource classes and accelerator types); absent only on a site without capacity",
);
