/**
 * Accelerator vocabulary shared by nfvi (devices), placement (the filter), vim (IFA 019/002) and
 * scenario (files): Cyborg device types, attach-handle kinds and device-profile request groups.
 */

/** Cyborg device types (IFA 019 accType). */
export const ACC_TYPES = ["AICHIP", "FPGA", "GPU", "NIC", "PCI", "QAT", "SSD"] as const;
export type AccType = (typeof ACC_TYPES)[number];

/** How a handle attaches to a VM: a whole PCI function, an SR-IOV virtual function, a mediated device. */
export const ATTACH_HANDLE_TYPES = ["PCI", "VF", "MDEV"] as const;
export type AttachHandleType = (typeof ATTACH_HANDLE_TYPES)[number];

/**
 * One request group of a Cyborg device profile: `count` handles of `type`, optionally with a function
 * (accel:function_id) and/or a loaded image (accel:bitstream_id).
 */
export interface AccRequestGroup {
  readonly type: AccType;
  readonly function?: string;
  readonly imageId?: string;
  readonly count: number;
}

/** A Cyborg device profile, referenced from a flavour by the extra spec `accel:device_profile`. */
export interface DeviceProfile {
  readonly name: string;
  readonly groups: readonly AccRequestGroup[];
}

/** The extra spec that names a flavour's device profile (Nova). */
export const DEVICE_PROFILE_SPEC = "accel:device_profile";
