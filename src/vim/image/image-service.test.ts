import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog } from "../../metrics/index.js";
import type { FlavourSpec } from "../compute/flavour.js";
import { ImageCache } from "./image-cache.js";
import { checkImageFits } from "./image-fit.js";
import { ImageService } from "./image-service.js";

const GIB = 1024 ** 3;
const flavour = (memoryMb: number, diskGb: number): FlavourSpec => ({ id: `f${memoryMb}-${diskGb}`, amounts: { VCPU: 1, PCPU: 0, MEMORY_MB: memoryMb, DISK_GB: diskGb }, requiredMetadata: {} });
const kindOf = (r: { ok: boolean; error?: { kind: string } }): string => (r.ok ? "OK" : r.error!.kind);

describe("image service (Glance semantics)", () => {
  it("adds queued, activates on upload, and logs each change", () => {
    const log = new EventLog({ keepRecords: true });
    const images = new ImageService({ nowMs: 0 }, log);
    const a = images.add({ name: "cirros", tenantId: "t1" });
    expect(a.ok && a.value.status).toBe("queued");
    expect(kindOf(images.upload("img-1", 13 * 1024 * 1024))).toBe("OK");
    expect(kindOf(images.upload("img-1", 1))).toBe("WRONG_STATE");
    expect(kindOf(images.upload("img-9", 1))).toBe("NOT_FOUND");
    expect(kindOf(images.add({ name: "bad", tenantId: "t1", minRamMb: -1 }))).toBe("INVALID_ARGUMENT");
    expect(log.kept.map((r) => `${r.entity}:${r.id}:${r.op}`)).toEqual(["image:img-1:create", "image:img-1:upload"]);
  });

  it("shows a tenant public images, its own and those shared with it; hides the rest as NOT_FOUND", () => {
    const images = new ImageService({ nowMs: 0 }, new EventLog({ keepRecords: false }));
    images.add({ name: "pub", tenantId: "t1", visibility: "public", sizeBytes: 1 });
    images.add({ name: "mine", tenantId: "t1", sizeBytes: 1 });
    images.add({ name: "theirs", tenantId: "t2", sizeBytes: 1 });
    images.add({ name: "shared", tenantId: "t2", visibility: "shared", sizeBytes: 1 });
    expect(images.query({}, "t1").map((i) => i.name)).toEqual(["pub", "mine"]);
    expect(kindOf(images.update("img-4", { members: ["t1"] }, "t2"))).toBe("OK");
    expect(images.query({}, "t1").map((i) => i.name)).toEqual(["pub", "mine", "shared"]);
    expect(images.query({ tenantId: "t2" }).map((i) => i.name)).toEqual(["theirs", "shared"]);
    expect(images.query({ visibility: "public", status: ["active"] }, "t3").map((i) => i.name)).toEqual(["pub"]);
    expect(kindOf(images.get("img-3", "t1"))).toBe("NOT_FOUND");
    expect(kindOf(images.get("img-3"))).toBe("OK");
    // Visible but not owned: Glance's 403; invisible: 404.
    expect(kindOf(images.update("img-1", { name: "x" }, "t2"))).toBe("FORBIDDEN");
    expect(kindOf(images.delete("img-3", "t1"))).toBe("NOT_FOUND");
    expect(kindOf(images.update("img-2", { sizeBytes: 5 }, "t1"))).toBe("FORBIDDEN");
    expect(kindOf(images.update("img-2", { isProtected: true, metadata: { os: "linux" } }, "t1"))).toBe("OK");
    expect(images.query({ metadata: { os: "linux" } }).map((i) => i.softwareImageId)).toEqual(["img-2"]);
    expect(kindOf(images.delete("img-2", "t1"))).toBe("FORBIDDEN");
    expect(kindOf(images.update("img-2", { isProtected: false }))).toBe("OK");
    expect(kindOf(images.delete("img-2", "t1"))).toBe("OK");
    expect(kindOf(images.get("img-2"))).toBe("NOT_FOUND");
  });

  it("checks minRam, minDisk and image size against the flavour (Nova's FlavorMemoryTooSmall / FlavorDiskTooSmall)", () => {
    const images = new ImageService({ nowMs: 0 }, new EventLog({ keepRecords: false }));
    const queued = images.add({ name: "q", tenantId: "t1", minRamMb: 512 });
    const img = images.add({ name: "big", tenantId: "t1", minRamMb: 2048, minDiskGb: 20, sizeBytes: 25 * GIB + 1 });
    if (!queued.ok || !img.ok) throw new Error("setup");
    expect(kindOf(checkImageFits(queued.value, flavour(4096, 40)))).toBe("WRONG_STATE");
    expect(kindOf(checkImageFits(img.value, flavour(1024, 40)))).toBe("INVALID_ARGUMENT");
    expect(kindOf(checkImageFits(img.value, flavour(2048, 10)))).toBe("INVALID_ARGUMENT");
    expect(kindOf(checkImageFits(img.value, flavour(2048, 25)))).toBe("INVALID_ARGUMENT"); // 25 GiB + 1 byte rounds to 26
    expect(kindOf(checkImageFits(img.value, flavour(2048, 26)))).toBe("OK");
  });
});

describe("image cache per host", () => {
  it("charges size / bandwidth the first time an image lands on a host, 0 afterwards", () => {
    const log = new EventLog({ keepRecords: true });
    const cache = new ImageCache({ nowMs: 0 }, log);
    const image = { softwareImageId: "img-1", sizeBytes: 1_000_000_000 };
    expect(cache.transferTimeMs(image, 0, 1000)).toBe(8000); // 8 Gbit over 1 Gbit/s
    expect(cache.transferTimeMs(image, 0, 1000)).toBe(0);
    expect(cache.transferTimeMs(image, 1, 10_000)).toBe(800);
    expect(cache.transferTimeMs({ softwareImageId: "img-2", sizeBytes: 1 }, 0, 1000)).toBe(1); // rounded up
    expect(cache.cachedImages(0)).toEqual(["img-1", "img-2"]);
    expect(log.kept.map((r) => `${r.id}:${r.op}`)).toEqual(["0:fill", "1:fill", "0:fill"]);
  });

  it("evicts least recently used first, deterministically, and never holds more than its capacity", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ image: fc.nat(5), host: fc.nat(1) }), { maxLength: 40 }), (uses) => {
        const cache = new ImageCache({ nowMs: 0 }, new EventLog({ keepRecords: false }), 300);
        const lru = [new Array<string>(), new Array<string>()];
        const sizeOf = (i: number): number => 50 + 40 * i; // img-5 (250) still fits alone
        for (const u of uses) {
          const id = `img-${u.image}`;
          const list = lru[u.host]!;
          const hit = list.includes(id);
          const ms = cache.transferTimeMs({ softwareImageId: id, sizeBytes: sizeOf(u.image) }, u.host, 1);
          expect(ms === 0).toBe(hit);
          if (hit) list.splice(list.indexOf(id), 1);
          list.push(id);
          const bytes = (l: string[]): number => l.reduce((n, x) => n + sizeOf(Number(x.slice(4))), 0);
          while (bytes(list) > 300) list.shift();
          expect(cache.cachedImages(u.host)).toEqual(list);
          expect(cache.cachedBytes(u.host)).toBeLessThanOrEqual(300);
        }
      }),
    );
  });
});
