/** Nova RAMWeigher: physical free MEMORY_MB (free-units.ts); multiplier > 0 spreads, < 0 packs. */
import { RC_MEMORY_MB } from "../../domain/index.js";
import { physicalFreeWeigher } from "./free-units.js";

export const ramWeigher = physicalFreeWeigher("ram", RC_MEMORY_MB, "ram_weight_multiplier");
