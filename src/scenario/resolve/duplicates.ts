/** Every repeated id after its first occurrence, with both positions. */
export function findDuplicates(ids: ReadonlyArray<string>): Array<{ id: string; index: number; firstIndex: number }> {
  const first = new Map<string, number>();
  const out: Array<{ id: string; index: number; firstIndex: number }> = [];
  ids.forEach((id, index) => {
    const seen = first.get(id);
    if (seen === undefined) first.set(id, index);
    else out.push({ id, index, firstIndex: seen });
  });
  return out;
}
