/** "1 host", "3 hosts": a count with its noun, plural when not 1 (every room's text says counts this way). */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
