/**
 * What an accelerator is (static, from the host profile) and what an accelerator image is (an FPGA
 * bitstream): IFA 019 AccResourceInfo less its run-time state.
 */
import type { AccType, AttachHandleType } from "../../domain/index.js";

/** One accelerator device of a host (Cyborg Device + Deployable). */
export interface AcceleratorSpec {
  /** Unique within the host, e.g. "fpga0"; the device id is `<host>/<name>`. */
  readonly name: string;
  readonly type: AccType;
  readonly vendor: string;
  readonly model: string;
  /** Capabilities offered now (e.g. "crypto", "fec"); an FPGA's follow its loaded image. */
  readonly functions: readonly string[];
  /** Attach handles: PCI functions, SR-IOV VFs or mediated devices (Cyborg num_accelerators). */
  readonly handles: number;
  readonly handleType: AttachHandleType;
  /** The image loaded at discovery (FPGA bitstream), if any. */
  readonly imageId?: string;
  readonly numaNode: number;
}

/** An accelerator image (FPGA bitstream): what it makes the device offer, and how long onload takes. */
export interface AccImageSpec {
  readonly id: string;
  readonly type: AccType;
  readonly functions: readonly string[];
  readonly onloadTimeMs: number;
}
