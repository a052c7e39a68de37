/** A confidence level as people write it: 0.95 → "95 %", 0.999 → "99.9 %" (for messages and reports). */
export const percentLevel = (level: number): string => `${Number((level * 100).toFixed(4))} %`;
