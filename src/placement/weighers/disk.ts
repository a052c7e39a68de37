/** Nova DiskWeigher: free DISK_GB; > 0 spreads, < 0 packs. */
import { RC_DISK_GB } from "../../domain/index.js";
import { freeUnitsWeigher } from "./free-units.js";

export const diskWeigher = freeUnitsWeigher("disk", RC_DISK_GB);
