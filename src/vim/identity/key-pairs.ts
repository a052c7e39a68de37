/**
 * Key pairs (Nova os-keypairs): a named public key a user registers to inject into its servers.
 * Names are unique per user (Nova's rule: CONFLICT for a duplicate); a key pair belongs to its user
 * and that user's tenant. The fingerprint is a digest of the key text, so it is deterministic.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, compareIds, type Clock } from "../common/change-log.js";

export interface KeyPairRecord {
  readonly keyPairId: string;
  readonly name: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly publicKey: string;
  /** FNV-1a of the key text in hex (not MD5: a twin needs only a stable, comparable tag). */
  readonly fingerprint: string;
}

/** Key types OpenSSH writes at the start of a public key line. */
const KEY_TYPES = ["ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"];

function fingerprintOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export class KeyPairStore {
  private readonly keyPairs = new Map<string, KeyPairRecord>();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;
  private nextNo = 1;

  constructor(clock: Clock, log: EventLog) {
    this.changes = new ChangeLog(clock, log);
  }

  /** Imports a key pair: MALFORMED for text that is not an OpenSSH public key, CONFLICT for a name the user has. */
  create(tenantId: string, userId: string, name: string, publicKey: string): Result<KeyPairRecord> {
    if (name.trim() === "") return fail(domainError("INVALID_ARGUMENT", "a key pair needs a name"));
    const [type, body] = publicKey.trim().split(/\s+/);
    if (type === undefined || !KEY_TYPES.includes(type) || body === undefined) return fail(domainError("MALFORMED", `key pair ${name}: not an OpenSSH public key`));
    const clash = [...this.keyPairs.values()].find((k) => k.userId === userId && k.name === name);
    if (clash !== undefined) return fail(domainError("CONFLICT", `user ${userId} already has key pair ${name}`));
    const k: KeyPairRecord = { keyPairId: `kp-${this.nextNo++}`, name, tenantId, userId, publicKey: publicKey.trim(), fingerprint: fingerprintOf(publicKey.trim()) };
    this.keyPairs.set(k.keyPairId, k);
    this.changes.write("keypair", k.keyPairId, "create", null, () => ({ ...k }));
    return ok(k);
  }

  delete(keyPairId: string): Result<void> {
    const k = this.keyPairs.get(keyPairId);
    if (k === undefined) return fail(domainError("NOT_FOUND", `key pair ${keyPairId} does not exist`));
    this.keyPairs.delete(keyPairId);
    this.changes.write("keypair", keyPairId, "delete", this.changes.snapshot(() => ({ ...k })), () => null);
    return ok(undefined);
  }

  keyPair(id: string): KeyPairRecord | undefined {
    return this.keyPairs.get(id);
  }

  /** Key pairs by id, of one tenant or all. */
  list(tenantId?: string): KeyPairRecord[] {
    return [...this.keyPairs.values()].filter((k) => tenantId === undefined || k.tenantId === tenantId).sort((a, b) => compareIds(a.keyPairId, b.keyPairId));
  }
}
