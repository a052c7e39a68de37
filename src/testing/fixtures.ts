/** Small input files for tests: a two-zone model and a scenario over it, as YAML text. */
export const TINY_MODEL = `kind: InfrastructureModel
name: tiny
profiles:
  - id: p16
    cpu: { sockets: 1, coresPerSocket: 16 }
    memoryMb: 65536
    diskGb: 500
zones:
  - id: az1
    racks:
      - id: r1
        hosts: [{ profile: p16, count: 3 }]
  - id: az2
    racks:
      - id: r1
        hosts: [{ profile: p16, count: 2 }]
flavours:
  - { id: small, vcpus: 1, ramMb: 2048, diskGb: 10 }
  - { id: big, vcpus: 16, ramMb: 32768, diskGb: 100 }
tenants:
  - { id: t1 }
`;

export const TINY_SCENARIO = `kind: Scenario
name: tiny-run
model: model.yaml
seed: 9
stop: { horizon: 6h }
placement: { policy: spread }
workload:
  streams:
    - tenant: t1
      arrivals: { kind: poisson, rate: 30/h }
      flavours: { small: 3, big: 1 }
      lifetime: { kind: exponential, mean: 2h }
      bootTime: 30s
output: { samplePeriod: 30m, trace: true }
`;
