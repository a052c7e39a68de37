/**
 * Accelerators in the model file: devices in host profiles (IFA 019 AccResourceInfo), accelerator
 * images (FPGA bitstreams) and Cyborg device profiles that flavours name with the extra spec
 * `accel:device_profile`. Data only; cross references are checked in resolve/resolve-accelerators.ts.
 */
import { Schema } from "effect";
import { ACC_TYPES, ATTACH_HANDLE_TYPES } from "../../domain/index.js";
import { Duration, field, Id, NonNegativeInt, optional, PositiveInt } from "./common.js";
import { atMost, MAX_DEVICES_PER_ENTRY, MAX_HANDLES_PER_DEVICE } from "./limits.js";

const AccType = Schema.Literals(ACC_TYPES);

export const AcceleratorDevice = Schema.Struct({
  name: field(Id, "device name on the host; with count > 1 the devices are <name>0, <name>1, ..."),
  type: field(AccType, "accelerator type"),
  vendor: field(Schema.String, "vendor name, free text"),
  model: field(Schema.String, "model name, free text"),
  functions: optional(Schema.Array(Schema.String), "fixed functions (crypto, fec, inference); an FPGA's come from its image"),
  handles: field(PositiveInt.check(atMost(MAX_HANDLES_PER_DEVICE, "handles per device")), "attach handles per device, a count: PCI functions, SR-IOV VFs or mediated devices"),
  handleType: optional(Schema.Literals(ATTACH_HANDLE_TYPES), "kind of attach handle (default PCI)"),
  image: optional(Id, "the image loaded at discovery (an id of accImages)"),
  numaNode: optional(NonNegativeInt, "NUMA node the device is attached to, 0-based"),
  count: optional(PositiveInt.check(atMost(MAX_DEVICES_PER_ENTRY, "devices")), "identical devices of this entry per host (default 1)"),
});
export type AcceleratorDevice = typeof AcceleratorDevice.Type;

export const AccImage = Schema.Struct({
  id: field(Id, "image id"),
  type: field(AccType, "device type the image is for"),
  functions: field(Schema.NonEmptyArray(Schema.String), "functions a device offers with this image loaded"),
  onloadTime: field(Duration, "how long OnloadAccImage (reprogramming) takes"),
});

export const DeviceProfileGroup = Schema.Struct({
  type: field(AccType, "device type asked for"),
  function: optional(Schema.String, "function the device must offer"),
  image: optional(Id, "image the device must have loaded (an id of accImages)"),
  count: optional(PositiveInt, "handles asked for, a count (default 1)"),
});

export const DeviceProfileInput = Schema.Struct({
  id: field(Id, "device profile id, named by flavours' extra spec accel:device_profile"),
  description: optional(Schema.String, "free text for reports"),
  groups: field(Schema.NonEmptyArray(DeviceProfileGroup), "request groups: every group must be met"),
});
export type DeviceProfileInput = typeof DeviceProfileInput.Type;
