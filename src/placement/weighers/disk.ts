/** Nova DiskWeigher: physical free DISK_GB (free-units.ts; Nova weighs MB, the same after x / max); > 0 spreads, < 0 packs. */
import { RC_DISK_GB } from "../../domain/index.js";
import { physicalFreeWeigher } from "./free-units.js";

export const diskWeigher = physicalFreeWeigher("disk", RC_DISK_GB, "disk_weight_multiplier");
