/** What an import could not map (or mapped with a loss): listed in the import report, never dropped silently. */

export interface ImportNote {
  /** What kind of thing: "provider", "inventory", "trait", "aggregate", "flavour", "allocation", "nova.conf", ... */
  readonly topic: string;
  /** Which one: a provider name, "az1-cmp01 VCPU", an option name. */
  readonly item: string;
  /** Why it is not (fully) in the model, and what the model has instead. */
  readonly reason: string;
}

/** Collects notes; `sorted` orders them by topic, item, reason (stable report bytes). */
export class Notes {
  private readonly list: ImportNote[] = [];
  add(topic: string, item: string, reason: string): void {
    this.list.push({ topic, item, reason });
  }
  sorted(): ImportNote[] {
    const key = (n: ImportNote) => `${n.topic}\u0000${n.item}\u0000${n.reason}`;
    return [...this.list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}

/** An identifier the model files accept (letters, digits, '.', '_', '-', ':'; starts with a letter or digit). */
export function toId(text: string, fallback: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._:-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return cleaned === "" ? fallback : cleaned;
}

/** `base`, or `base-2`, `base-3`, ... : the first not in `taken` (which it joins). */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
