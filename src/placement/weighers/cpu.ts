/** Nova CPUWeigher: free VCPU (capacity after the allocation ratio, minus used); > 0 spreads, < 0 packs. */
import { RC_VCPU } from "../../domain/index.js";
import { freeUnitsWeigher } from "./free-units.js";

export const cpuWeigher = freeUnitsWeigher("cpu", RC_VCPU);
