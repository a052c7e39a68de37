/**
 * The CCM bench's world, generated (issue 18 target): `clusters` Kubernetes clusters of one
 * control-plane member and an autoscaled pool of 20 K1.worker nodes (10,000 nodes for 500), each with
 * one arrival-driven deployment of 500m / 1 GiB pods: a daily profile averaging 12 pods/h per
 * cluster (1,008,000 arrivals over 7 days for 500) living 10 h on average, so pools grow and shrink
 * with the hour, spread over 50 tenants, each API load balancer a public IP of a /20. Hosts: 64 GiB, seven workers each, 2,400 in three zones (headroom for the peaks).
 */

/** Clusters are spread over 50 tenants (ten each for 500): one CNF vendor or team per tenant. */
const TENANTS = 50;
const tenant = (i: number): string => `cnf${String(i + 1).padStart(2, "0")}`;

const HOURLY = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5];

/** The model's YAML: three zones of `racksPerZone` racks of 40 hosts. */
export function ccmBenchModel(racksPerZone: number): string {
  const racks = Array.from({ length: racksPerZone }, (_, i) => `      - { id: r${String(i + 1).padStart(2, "0")}, hosts: [{ profile: k8s-host, count: 40 }] }`).join("\n");
  const zones = ["az1", "az2", "az3"].map((z) => `  - id: ${z}\n    racks:\n${racks}`).join("\n");
  return `kind: InfrastructureModel
name: ccm-bench
network: { external: { cidr: 198.51.96.0/20 } }
profiles:
  - id: k8s-host
    cpu: { sockets: 2, coresPerSocket: 16, threadsPerCore: 2 }
    memoryMb: 65536
    diskGb: 960
    reserved: { MEMORY_MB: 1024, DISK_GB: 60 }
    allocationRatios: { VCPU: 4.0, MEMORY_MB: 1.0, DISK_GB: 1.0 }
zones:
${zones}
flavours:
  - { id: K1.control, family: kubernetes, vcpus: 4, ramMb: 4096, diskGb: 40 }
  - { id: K1.worker, family: kubernetes, vcpus: 4, ramMb: 8192, diskGb: 40 }
tenants:
${Array.from({ length: TENANTS }, (_, i) => `  - { id: ${tenant(i)}, quotas: { cores: -1, instances: -1, ram: -1, port: -1, subnet: -1, floatingip: -1 } }`).join("\n")}
`;
}

/** The scenario's YAML: `clusters` clusters created over the first hour, `days` simulated days. */
export function ccmBenchScenario(clusters: number, days: number): string {
  const defs = Array.from({ length: clusters }, (_, i) => {
    const id = `k${String(i + 1).padStart(3, "0")}`;
    return `    - id: ${id}
      tenant: ${tenant(i % TENANTS)}
      kubernetesVersion: 1.29.3
      image: k8s-1.29
      at: ${Math.floor((i * 3600) / clusters)}s
      subnet: 10.${Math.floor(i / 256)}.${i % 256}.0/24
      controlPlane: { replicas: 1, flavour: K1.control }
      pools: [{ name: workers, flavour: K1.worker, min: 10, max: 40, replicas: 20, autoscale: true }]
      deployments:
        - { name: app, cpuMilli: 500, memoryMb: 1024, arrivals: { kind: daily, rate: 12/h, hourly: [${HOURLY.join(", ")}] }, lifetime: { kind: exponential, mean: 10h } }`;
  }).join("\n");
  return `kind: Scenario
name: ccm-bench
model: model.yaml
seed: 1
stop: { horizon: ${days * 24}h }
workload: {}
clusters:
  images: [{ id: k8s-1.29 }]
  definitions:
${defs}
output: { samplePeriod: 1h }
`;
}
