/**
 * Accelerators in the model file: devices in host profiles (IFA 019 AccResourceInfo), accelerator
 * images (FPGA bitstreams) and Cyborg device profiles that flavours name with the extra spec
 * `accel:device_profile`. Data only; cross references are checked in resolve/resolve-accelerators.ts.
 */
import { Schema } from "effect";
import { ACC_TYPES, ATTACH_HANDLE_TYPES } from "../../domain/index.js";
import { Duration, Id, NonNegativeInt, PositiveInt } from "./common.js";
import { atMost, MAX_DEVICES_PER_ENTRY, MAX_HANDLES_PER_DEVICE } from "./limits.js";

const AccType = Schema.Literals(ACC_TYPES).annotate({ description: `accelerator type: ${ACC_TYPES.join(", ")}` });

export const AcceleratorDevice = Schema.Struct({
  /** Device name on the host; with `count` > 1 the devices are <name>0, <name>1, ... */
  name: Id,
  type: AccType,
  vendor: Schema.String,
  model: Schema.String,
  /** Fixed functions (crypto, fec, inference); an FPGA's come from its `image`. */
  functions: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Attach handles per device: PCI functions, SR-IOV VFs or mediated devices. */
  handles: PositiveInt.check(atMost(MAX_HANDLES_PER_DEVICE, "handles per device")),
  handleType: Schema.optionalKey(Schema.Literals(ATTACH_HANDLE_TYPES)),
  /** The image loaded at discovery (an id of `accImages`). */
  image: Schema.optionalKey(Id),
  numaNode: Schema.optionalKey(NonNegativeInt),
  count: Schema.optionalKey(PositiveInt.check(atMost(MAX_DEVICES_PER_ENTRY, "devices"))),
});
export type AcceleratorDevice = typeof AcceleratorDevice.Type;

export const AccImage = Schema.Struct({
  id: Id,
  type: AccType,
  functions: Schema.NonEmptyArray(Schema.String),
  /** How long OnloadAccImage (reprogramming) takes. */
  onloadTime: Duration,
});

export const DeviceProfileGroup = Schema.Struct({
  type: AccType,
  function: Schema.optionalKey(Schema.String),
  image: Schema.optionalKey(Id),
  count: Schema.optionalKey(PositiveInt),
});

export const DeviceProfileInput = Schema.Struct({
  id: Id,
  description: Schema.optionalKey(Schema.String),
  groups: Schema.NonEmptyArray(DeviceProfileGroup),
});
export type DeviceProfileInput = typeof DeviceProfileInput.Type;
