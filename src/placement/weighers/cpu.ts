/** Nova CPUWeigher: VCPU total × allocation ratio − used (free-units.ts); > 0 spreads, < 0 packs. */
import { RC_VCPU } from "../../domain/index.js";
import { overcommittedFreeWeigher } from "./free-units.js";

export const cpuWeigher = overcommittedFreeWeigher("cpu", RC_VCPU, "cpu_weight_multiplier");
