/**
 * Types for the part of d3-node (and the d3 it carries) that the charts use; d3-node ships no types.
 * Kept to what is called, so a d3 upgrade that changes these shows up at compile time here.
 */
declare module "d3-node" {
  export interface Selection {
    append(name: string): Selection;
    attr(name: string, value: string | number): Selection;
    text(value: string): Selection;
  }
  export interface LinearScale {
    (value: number): number;
    domain(domain: readonly [number, number]): LinearScale;
    range(range: readonly [number, number]): LinearScale;
    nice(count?: number): LinearScale;
    ticks(count?: number): number[];
  }
  export interface LineGenerator {
    (points: ReadonlyArray<readonly [number, number]>): string | null;
    /** Decimal places of every coordinate in the path text (d3-shape 3.2). */
    digits(digits: number): LineGenerator;
  }
  export interface D3Subset {
    scaleLinear(): LinearScale;
    line(): LineGenerator;
  }
  export class D3Node {
    constructor(options?: { readonly styles?: string });
    readonly d3: D3Subset;
    createSVG(width: number, height: number, attrs?: Readonly<Record<string, string | number>>): Selection;
    /** The SVG element's outerHTML (jsdom's HTML serializer: text and attribute values escaped). */
    svgString(): string;
  }
}
