"""Runs Nova's own scheduler filters and weighers on a JSON batch of cases (stdin) and prints, per
case, the passing hosts and the weighed order (stdout, JSON). No services, no database: host states
are minimal fakes with the attributes the filters and weighers read; multipliers are set through
nova.conf (oslo.config overrides). Placement's resource check (allocation candidates) is emulated
here with Placement's capacity rule, since real Nova asks Placement for it.

Input: [{"hosts": [...], "request": {...}, "filters": [...], "weighers": [...]}]; see
src/placement/nova-diff/nova-diff.ts for the shapes. Output: [{"passing": [...], "order": [[host, weight], ...]}].
"""
import json
import sys
import types

import nova.conf
from nova.scheduler import filters as nova_filters
from nova.scheduler import weights as nova_weights
from nova.scheduler.host_manager import HostManager
from nova.scheduler.filters.affinity_filter import ServerGroupAffinityFilter, ServerGroupAntiAffinityFilter
from nova.scheduler.filters.aggregate_instance_extra_specs import AggregateInstanceExtraSpecsFilter
from nova.scheduler.filters.availability_zone_filter import AvailabilityZoneFilter
from nova.scheduler.filters.compute_filter import ComputeFilter
from nova.scheduler.weights.affinity import ServerGroupSoftAffinityWeigher, ServerGroupSoftAntiAffinityWeigher
from nova.scheduler.weights.cpu import CPUWeigher
from nova.scheduler.weights.disk import DiskWeigher
from nova.scheduler.weights.ram import RAMWeigher

CONF = nova.conf.CONF

FILTERS = {
    "ComputeFilter": ComputeFilter,
    "AvailabilityZoneFilter": AvailabilityZoneFilter,
    "AggregateInstanceExtraSpecsFilter": AggregateInstanceExtraSpecsFilter,
    "ServerGroupAntiAffinityFilter": ServerGroupAntiAffinityFilter,
    "ServerGroupAffinityFilter": ServerGroupAffinityFilter,
}
WEIGHERS = {
    "RAMWeigher": (RAMWeigher, "ram_weight_multiplier"),
    "CPUWeigher": (CPUWeigher, "cpu_weight_multiplier"),
    "DiskWeigher": (DiskWeigher, "disk_weight_multiplier"),
    "ServerGroupSoftAffinityWeigher": (ServerGroupSoftAffinityWeigher, "soft_affinity_weight_multiplier"),
    "ServerGroupSoftAntiAffinityWeigher": (ServerGroupSoftAntiAffinityWeigher, "soft_anti_affinity_weight_multiplier"),
}


class Obj(types.SimpleNamespace):
    """An attribute bag that also answers `'field' in obj` as Nova's versioned objects do."""

    def __contains__(self, name):
        return hasattr(self, name)


class FakeServiceGroup:
    """ComputeFilter's liveness check without a servicegroup driver: the case says whether it is up."""

    def service_is_up(self, service):
        return service["up"]


def inventory_of(host, rc):
    return (host.get("inventories") or {}).get(rc)


def placement_fits(host, amounts):
    """Placement's allocation-candidate check for one host (disabled computes carry a forbidden trait)."""
    if host["disabled"]:
        return False
    for rc, amount in amounts.items():
        if amount == 0:
            continue
        inv = inventory_of(host, rc)
        if inv is None:
            return False
        if amount < inv["minUnit"] or amount > inv["maxUnit"] or amount % inv["stepSize"] != 0:
            return False
        capacity = (inv["total"] - inv["reserved"]) * inv["allocationRatio"]
        if host["used"].get(rc, 0) + amount > capacity:
            return False
    return True


def host_state(host, group_members):
    ram = inventory_of(host, "MEMORY_MB") or {"total": 0, "reserved": 0, "allocationRatio": 1.0}
    disk = inventory_of(host, "DISK_GB") or {"total": 0, "reserved": 0, "allocationRatio": 1.0}
    cpu = inventory_of(host, "VCPU") or {"total": 0, "reserved": 0, "allocationRatio": 1.0}
    used = host["used"]
    aggregates = [Obj(metadata=dict(a)) for a in host["aggregates"]]
    if host.get("zone"):
        aggregates.append(Obj(metadata={"availability_zone": host["zone"]}))
    instances = {uuid: None for uuid in group_members}
    return Obj(
        host=host["name"],
        nodename=host["name"],
        # HostState._update_from_compute_node: the resource tracker's free = total - reserved - used.
        free_ram_mb=ram["total"] - ram["reserved"] - used.get("MEMORY_MB", 0),
        free_disk_mb=(disk["total"] - disk["reserved"] - used.get("DISK_GB", 0)) * 1024,
        vcpus_total=cpu["total"],
        vcpus_used=used.get("VCPU", 0),
        cpu_allocation_ratio=float(cpu["allocationRatio"]),
        aggregates=aggregates,
        instances=instances,
        service={"disabled": host["disabled"], "up": host["up"], "disabled_reason": None},
    )


def spec_of(request, members, member_hosts):
    group = None
    if request.get("group"):
        g = request["group"]
        group = Obj(
            policy=g["policy"],
            policies=[g["policy"]],
            members=list(members),
            hosts=list(member_hosts),
            rules={"max_server_per_host": g["maxServerPerHost"]},
            uuid="group-1",
        )
    return Obj(
        flavor=Obj(extra_specs=dict(request.get("extraSpecs") or {})),
        availability_zone=request.get("zone"),
        instance_group=group,
        instance_uuid="new-server",
        ignore_hosts=request.get("ignore") or None,
        force_hosts=request.get("force") or None,
        force_nodes=None,
        requested_destination=None,
        scheduler_hints={},
    )


def run_case(case):
    members_by_host = {}
    for host in case["hosts"]:
        members_by_host[host["name"]] = ["member-%s-%d" % (host["name"], i) for i in range(host.get("members", 0))]
    all_members = [m for ms in members_by_host.values() for m in ms]
    member_hosts = [h for h, ms in members_by_host.items() if ms]
    amounts = case["request"]["amounts"]
    candidates = [host_state(h, members_by_host[h["name"]]) for h in case["hosts"] if placement_fits(h, amounts)]
    spec = spec_of(case["request"], all_members, member_hosts)
    enabled = []
    for name in case["filters"]:
        f = FILTERS[name]()
        if name == "ComputeFilter":
            f.servicegroup_api = FakeServiceGroup()
        enabled.append(f)
    manager = Obj(enabled_filters=enabled, filter_handler=nova_filters.HostFilterHandler())
    passing = list(HostManager.get_filtered_hosts(manager, candidates, spec))
    weighers = []
    for w in case["weighers"]:
        cls, option = WEIGHERS[w["name"]]
        CONF.set_override(option, w["multiplier"], group="filter_scheduler")
        weighers.append(cls())
    weighed = nova_weights.HostWeightHandler().get_weighed_objects(weighers, passing, spec) if weighers else []
    order = [[w.obj.host, w.weight] for w in weighed] if weighers else [[h.host, 0.0] for h in passing]
    return {"passing": sorted(h.host for h in passing), "order": order}


def main():
    cases = json.load(sys.stdin)
    json.dump([run_case(c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
