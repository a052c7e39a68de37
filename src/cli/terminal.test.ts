import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeProgress } from "./progress.js";
import { terminalConsole, terminalText } from "./terminal.js";

const ESC = "\u001b";
const BEL = "\u0007";

describe("terminalText", () => {
  it("drops colour codes and other CSI sequences, 7-bit and 8-bit", () => {
    expect(terminalText(`${ESC}[31mred${ESC}[0m ${ESC}[1;2Hmoved ${ESC}[2Kerased \u009b31mc1`)).toBe("red moved erased c1");
  });

  it("drops an OSC window title with its text, terminated by BEL or ST, or unterminated up to the line end", () => {
    expect(terminalText(`a${ESC}]0;owned${BEL}b`)).toBe("ab");
    expect(terminalText(`a${ESC}]2;owned${ESC}\\b`)).toBe("ab");
    expect(terminalText(`a${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe("alink");
    expect(terminalText(`a\u009d0;owned\u009cb`)).toBe("ab");
    expect(terminalText(`a${ESC}]0;owned\nnext`)).toBe("a\nnext");
    expect(terminalText(`a${ESC}P1$r${ESC}\\b`)).toBe("ab");
  });

  it("drops every other C0 and C1 control, a carriage return included, and keeps newline and tab", () => {
    expect(terminalText(`a\rb${BEL}c\bd\u007fe\u0085f${ESC}cg\u0000h`)).toBe("abcdefgh");
    expect(terminalText("name\tvalue\nnext line")).toBe("name\tvalue\nnext line");
  });

  it("leaves ordinary text alone, non-ASCII included", () => {
    const text = "lab-1: 3/12 runs ± 5 % → ok, µs, 東京, 🙂";
    expect(terminalText(text)).toBe(text);
  });
});

describe("the CLI module's console", () => {
  afterEach(() => void vi.restoreAllMocks());

  it("keeps its own colours and drops every other sequence", () => {
    const out: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((s) => out.push(String(s)) > 0);
    terminalConsole().error(`${ESC}[1mERROR${ESC}[0m bad value "${ESC}]0;owned${BEL}x\r"`);
    expect(out).toEqual([`${ESC}[1mERROR${ESC}[0m bad value "x"\n`]);
  });
});

describe("the progress line", () => {
  it("shows a scenario name without its control sequences; its own carriage return and erase stay", () => {
    const written: string[] = [];
    const stream = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    vi.useFakeTimers({ now: 0 });
    try {
      const p = makeProgress(`lab${ESC}]0;owned${BEL}${ESC}[31m`, stream, false, 2);
      vi.setSystemTime(5_000);
      p.runDone(1);
      p.done();
    } finally {
      vi.useRealTimers();
    }
    expect(written[0]).toMatch(/^\rlab \[/);
    expect(written.join("").replace(`\r${ESC}[2K`, "").slice(1)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(written.at(-1)).toBe(`\r${ESC}[2K`);
  });
});

describe("src/cli", () => {
  it("writes to stdout and stderr only through terminal.ts", () => {
    const dir = new URL("./", import.meta.url);
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "terminal.ts")
      .filter((f) => /\.write\(|\bconsole\.|process\.std(?:out|err)\.(?:end|cork)\b/.test(readFileSync(new URL(f, dir), "utf8")));
    expect(offenders).toEqual([]);
  });
});
