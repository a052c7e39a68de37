/**
 * MAC addresses for ports: Neutron's base_mac prefix fa:16:3e followed by a 24-bit counter, so
 * addresses are unique globally (INV-G1, design), deterministic, and never reused within a run.
 */
const PREFIX = "fa:16:3e";
const LIMIT = 1 << 24;

export class MacAddresses {
  private next = 1;

  /** Would the next take() fail? */
  peekExhausted(): boolean {
    return this.next >= LIMIT;
  }

  /** The next address, or undefined once all 2^24 - 1 have been handed out (EXHAUSTED). */
  take(): string | undefined {
    if (this.next >= LIMIT) return undefined;
    const n = this.next++;
    const bytes = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff].map((b) => b.toString(16).padStart(2, "0"));
    return `${PREFIX}:${bytes.join(":")}`;
  }
}
