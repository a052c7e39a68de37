/**
 * The compute service's accelerator port over the IFA 019 service: Nova's flow with Cyborg (ifa-digest
 * §4.8). ARQs are created and bound when placement claims the host; they are Bound when the spawn
 * ends, and the server becomes ACTIVE only then; any ARQ that is not (a device fault made it
 * BindFailed) fails the build and the others are released (INV-F3). Delete releases them (INV-F4).
 */
import type { UserOp } from "../compute/server-machine.js";
import type { ServerRecord } from "../compute/server.js";
import type { AcceleratorPort } from "../compute/accelerator-port.js";
import type { AccelerationService } from "./acc-resource-service.js";
import { expandGroups } from "./arq.js";

/** Operations Nova refuses for instances with accelerators (ForbiddenWithAccelerators). */
export const REFUSED_WITH_ACCELERATORS: ReadonlySet<UserOp> = new Set<UserOp>(["resize", "suspend", "migrate.live", "migrate.offline"]);

export class ServerAccelerators implements AcceleratorPort {
  /** Servers whose flavour has a device profile and that were given ARQs (by number: no id string). */
  private readonly withArqs = new Set<number>();

  constructor(private readonly acc: AccelerationService) {}

  claim(s: ServerRecord, h: number): boolean {
    const profile = s.flavourSpec.deviceProfile;
    if (profile === undefined) return true;
    this.withArqs.add(s.no);
    const arqs = this.acc.createArqs(s.id, profile.name, profile.groups);
    if (this.acc.bindArqs(arqs, h).ok) return true;
    this.acc.deleteAllOf(s.id);
    return false;
  }

  completeBind(s: ServerRecord): string | undefined {
    if (!this.withArqs.has(s.no)) return undefined;
    const arqs = this.acc.arqsOf(s.id);
    const profile = s.flavourSpec.deviceProfile!;
    const failed = arqs.find((a) => a.state !== "BindStarted");
    // A request released during the build (ReleaseAccResource) fails it as a BindFailed one does.
    const missing = expandGroups(profile.groups).length - arqs.filter((a) => a.profile === profile.name).length;
    if (failed !== undefined || missing > 0) {
      this.withArqs.delete(s.no);
      this.acc.deleteAllOf(s.id);
      return failed !== undefined ? `accelerator request ${failed.id} ${failed.state}` : `${missing} accelerator request(s) of device profile ${profile.name} released during the build`;
    }
    for (const a of arqs) this.acc.completeBind(a);
    return undefined;
  }

  missingBinds(s: ServerRecord): string | undefined {
    const profile = s.flavourSpec.deviceProfile;
    if (profile === undefined) return undefined;
    const want = expandGroups(profile.groups).length;
    const bound = this.acc.arqsOf(s.id).filter((a) => a.profile === profile.name && a.state === "Bound").length;
    return bound < want ? `${want - bound} accelerator request(s) of device profile ${profile.name} not Bound (released during the rebuild)` : undefined;
  }

  rebind(s: ServerRecord, h: number): boolean {
    if (!this.withArqs.has(s.no) && !this.acc.hasArqs(s.id)) return true;
    this.release(s);
    if (!this.claim(s, h)) return false;
    for (const a of this.acc.arqsOf(s.id)) this.acc.completeBind(a);
    return true;
  }

  release(s: ServerRecord): void {
    // Servers given accelerators by AllocateAccResource are not in the set: look them up too.
    if (this.withArqs.delete(s.no) || (this.acc.directConsumers > 0 && this.acc.hasArqs(s.id))) this.acc.deleteAllOf(s.id);
  }

  refusal(s: ServerRecord, op: UserOp): string | undefined {
    if (!REFUSED_WITH_ACCELERATORS.has(op) || this.acc.arqsOf(s.id).length === 0) return undefined;
    return `${op} is not supported for server ${s.id}: it has accelerators (device profile ${s.flavourSpec.deviceProfile?.name ?? "attached"})`;
  }
}
