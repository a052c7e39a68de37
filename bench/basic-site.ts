/**
 * The "basic" site of the placement-scale benches (scale-child.ts, cloudsim.bench.ts): four zones of
 * identical racks of one 2 × 16-core, 384 GiB host profile, a four-flavour B1 mix and one tenant `t`.
 */
export function basicSiteModel(name: string, racksPerZone: number, hostsPerRack: number, description?: string): string {
  const zones = [1, 2, 3, 4].map((z) => `  - id: az${z}\n    rackTemplate: { count: ${racksPerZone}, hosts: [{ profile: basic, count: ${hostsPerRack} }] }`).join("\n");
  return `kind: InfrastructureModel
name: ${name}
${description === undefined ? "" : `description: ${description}\n`}profiles:
  - id: basic
    cpu: { sockets: 2, coresPerSocket: 16, threadsPerCore: 2 }
    memoryMb: 393216
    diskGb: 1920
    reserved: { VCPU: 4, MEMORY_MB: 16384, DISK_GB: 100 }
zones:
${zones}
flavours:
  - { id: B1.small, vcpus: 1, ramMb: 2048, diskGb: 20 }
  - { id: B1.medium, vcpus: 2, ramMb: 4096, diskGb: 40 }
  - { id: B1.large, vcpus: 4, ramMb: 8192, diskGb: 80 }
  - { id: B1.2xlarge, vcpus: 8, ramMb: 16384, diskGb: 160 }
tenants:
  - { id: t }
`;
}
