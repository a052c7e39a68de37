/** Nova RAMWeigher: free MEMORY_MB; multiplier > 0 spreads, < 0 packs. */
import { RC_MEMORY_MB } from "../../domain/index.js";
import { freeUnitsWeigher } from "./free-units.js";

export const ramWeigher = freeUnitsWeigher("ram", RC_MEMORY_MB);
