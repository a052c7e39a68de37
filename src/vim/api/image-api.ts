/**
 * Library façade for IFA software image management (Glance v2). Images keep Glance's visibility
 * rule (public, own, shared-with) for reads; a tenant administrator adds private images for its
 * tenant, and only a cloud administrator may make an image public (Glance's publicize_image).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Principal } from "../identity/authorize.js";
import type { AddImageRequest, UpdateImageData } from "../image/image-service.js";
import type { ImageFilter, ImageRecord, ImageVisibility } from "../image/image.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";

export class ImageApi {
  constructor(private readonly core: VimCore) {}

  /** AddImage, owned by the caller's tenant (or the one a cloud administrator names). */
  add(caller: Caller, input: Omit<AddImageRequest, "tenantId"> & { readonly tenantId?: string }): Result<Readonly<ImageRecord>> {
    const who = this.core.guard.owner(caller, "image:create", input.tenantId);
    if (!who.ok) return who;
    const refused = this.publicize(who.value.principal, input.visibility);
    return refused ?? this.core.images.add({ ...input, tenantId: who.value.tenantId });
  }

  /** QueryImages: the images the caller's tenant can see (all for a cloud administrator). */
  query(caller: Caller, filter: ImageFilter = {}): Result<Readonly<ImageRecord>[]> {
    const p = this.core.guard.permit(caller, "image:list");
    return p.ok ? ok(this.core.images.query(filter, this.core.guard.scope(p.value, "image:list"))) : p;
  }

  /** QueryImage: NOT_FOUND when unknown or invisible. */
  get(caller: Caller, imageId: string): Result<Readonly<ImageRecord>> {
    const p = this.core.guard.permit(caller, "image:list");
    return p.ok ? this.core.images.get(imageId, this.core.guard.scope(p.value, "image:list")) : p;
  }

  /** UpdateImage: FORBIDDEN for a visible image of another tenant, or for making one public. */
  update(caller: Caller, imageId: string, data: UpdateImageData): Result<Readonly<ImageRecord>> {
    const p = this.core.guard.permit(caller, "image:update");
    if (!p.ok) return p;
    const actor = this.core.guard.scope(p.value, "image:update");
    const owned = this.core.images.get(imageId, actor);
    if (!owned.ok) return owned;
    const refused = this.publicize(p.value, data.visibility);
    return refused ?? this.core.images.update(imageId, data, actor);
  }

  /** DeleteImage. */
  delete(caller: Caller, imageId: string): Result<void> {
    const p = this.core.guard.permit(caller, "image:delete");
    return p.ok ? this.core.images.delete(imageId, this.core.guard.scope(p.value, "image:delete")) : p;
  }

  /** FORBIDDEN when a caller who is not a cloud administrator asks for a public image. */
  private publicize(p: Principal, visibility: ImageVisibility | undefined): Result<never> | undefined {
    if (visibility !== "public" || this.core.guard.scope(p, "image:create") === undefined) return undefined;
    return fail(domainError("FORBIDDEN", "only a cloud administrator may make an image public", { "public image": 1 }));
  }
}
