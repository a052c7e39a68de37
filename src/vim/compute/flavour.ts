/** A flavour as the VIM needs it: Placement amounts and the aggregate metadata it requires. */
import type { DeviceProfile, ResourceAmounts } from "../../domain/index.js";

export interface FlavourSpec {
  readonly id: string;
  readonly amounts: ResourceAmounts;
  /** aggregate_instance_extra_specs: key → value the host's aggregates must carry. */
  readonly requiredMetadata: Readonly<Record<string, string>>;
  /** The Cyborg device profile of `accel:device_profile`: accelerators bound with the server. */
  readonly deviceProfile?: DeviceProfile;
  /** Traits the host must have / must not have (trait:<NAME>=required|forbidden); absent: none. */
  readonly requiredTraits?: readonly string[];
  readonly forbiddenTraits?: readonly string[];
}
