/** Library façade for IFA compute flavour management: cloud administrators create and delete, everyone lists. */
import { ok, type Result } from "../../domain/index.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { CreateFlavourRequest } from "./flavour-catalogue.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";

export class FlavourApi {
  constructor(private readonly core: VimCore) {}

  /** CreateComputeFlavour. */
  create(caller: Caller, req: CreateFlavourRequest): Result<FlavourSpec> {
    const p = this.core.guard.permit(caller, "flavour:create");
    return p.ok ? this.core.flavours.create(req) : p;
  }

  /** QueryComputeFlavour: flavours are public; by id. */
  query(caller: Caller): Result<FlavourSpec[]> {
    const p = this.core.guard.permit(caller, "flavour:list");
    return p.ok ? ok(this.core.flavours.list()) : p;
  }

  /** DeleteComputeFlavour: servers using it are unchanged (INV-D8). */
  delete(caller: Caller, flavourId: string): Result<void> {
    const p = this.core.guard.permit(caller, "flavour:delete");
    return p.ok ? this.core.flavours.delete(flavourId) : p;
  }
}
