/** Server groups through the façade (issue 18 needs them deleted with their cluster): metadata, listing, deletion rules. */
import { describe, expect, it } from "vitest";
import { vimWorld } from "../../testing/facade-world.js";

describe("server groups: create with metadata, list, delete", () => {
  it("a tenant lists and deletes its own empty groups; live members are a CONFLICT; another tenant's group is NOT_FOUND", () => {
    const w = vimWorld(2, 3);
    const member = { userId: "t1-member" };
    const other = { userId: "t2-member" };
    const g = w.vim.compute.createServerGroup(member, { name: "cp", policy: "anti-affinity", metadata: { "ccm.cluster": "c1" } });
    if (!g.ok) throw new Error(g.error.message);
    const groupId = g.value.groupId;
    expect(w.vim.compute.serverGroups(member)).toEqual({ ok: true, value: [{ groupId, tenantId: "t1", policy: "anti-affinity", members: 0, metadata: { "ccm.cluster": "c1" } }] });
    expect(w.vim.compute.serverGroups(other)).toEqual({ ok: true, value: [] });
    const vm = w.vim.compute.allocate(member, { flavourId: "small", groupId });
    if (!vm.ok) throw new Error(vm.error.message);
    const busy = w.vim.compute.deleteServerGroup(member, groupId);
    expect(busy.ok ? "" : busy.error.kind).toBe("CONFLICT");
    const foreign = w.vim.compute.deleteServerGroup(other, groupId);
    expect(foreign.ok ? "" : foreign.error.kind).toBe("NOT_FOUND");
    expect(w.vim.compute.terminate(member, String(vm.value[0]!["computeId"])).ok).toBe(true);
    expect(w.vim.compute.deleteServerGroup(member, groupId).ok).toBe(true);
    expect(w.vim.compute.serverGroups(w.vim.admin)).toEqual({ ok: true, value: [] });
    const again = w.vim.compute.deleteServerGroup(member, groupId);
    expect(again.ok ? "" : again.error.kind).toBe("NOT_FOUND");
  });
});
