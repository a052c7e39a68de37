/**
 * Does an image fit a flavour? Nova's checks at boot (compute/api.py _validate_flavor_image):
 * the image must be active (ImageNotActive), the flavour's RAM at least the image's min_ram
 * (FlavorMemoryTooSmall), its root disk at least min_disk (FlavorDiskTooSmall) and at least the
 * image data rounded up to GiB (FlavorDiskSmallerThanImage). Pure.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { ImageRecord } from "./image.js";

const GIB = 1024 ** 3;

/** ok when `image` may boot with `flavour`; WRONG_STATE when not active, INVALID_ARGUMENT when too small. */
export function checkImageFits(image: Readonly<ImageRecord>, flavour: FlavourSpec): Result<void> {
  if (image.status !== "active") return fail(domainError("WRONG_STATE", `image ${image.softwareImageId} is ${image.status}, not active`));
  const ramMb = flavour.amounts.MEMORY_MB;
  const diskGb = flavour.amounts.DISK_GB;
  if (ramMb < image.minRamMb) {
    return fail(domainError("INVALID_ARGUMENT", `flavour ${flavour.id}'s memory ${ramMb} MB is smaller than the minimum ${image.minRamMb} MB image ${image.softwareImageId} requires`));
  }
  if (diskGb < image.minDiskGb) {
    return fail(domainError("INVALID_ARGUMENT", `flavour ${flavour.id}'s disk ${diskGb} GB is smaller than the minimum ${image.minDiskGb} GB image ${image.softwareImageId} requires`));
  }
  const imageGb = Math.ceil((image.sizeBytes ?? 0) / GIB);
  if (diskGb < imageGb) return fail(domainError("INVALID_ARGUMENT", `flavour ${flavour.id}'s disk ${diskGb} GB is smaller than image ${image.softwareImageId} (${imageGb} GB)`));
  return ok(undefined);
}
