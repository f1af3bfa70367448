import { describe, expect, it } from "vitest";
import { ALL_LESSONS } from "../../lessons/catalog";
import { type Inline, parseInline, parseMarkdown } from "./markdown";

const text = (nodes: Inline[]): string =>
  nodes.map((n) => (n.kind === "text" || n.kind === "code" ? n.text : text(n.children))).join("");

describe("lesson Markdown", () => {
  it("parses inline code, bold and emphasis; code content stays literal", () => {
    expect(parseInline("The **kubelet** decides *what* runs: `kubectl get **pods**`.")).toEqual([
      { kind: "text", text: "The " },
      { kind: "strong", children: [{ kind: "text", text: "kubelet" }] },
      { kind: "text", text: " decides " },
      { kind: "em", children: [{ kind: "text", text: "what" }] },
      { kind: "text", text: " runs: " },
      { kind: "code", text: "kubectl get **pods**" },
      { kind: "text", text: "." },
    ]);
    expect(parseInline("**removed in `1.24`**")).toEqual([
      {
        kind: "strong",
        children: [
          { kind: "text", text: "removed in " },
          { kind: "code", text: "1.24" },
        ],
      },
    ]);
    // A lone star or "2 * 3" is not emphasis; HTML is just text.
    expect(parseInline("2 * 3 <b>x</b>")).toEqual([{ kind: "text", text: "2 * 3 <b>x</b>" }]);
  });

  it("joins lines into paragraphs, and reads lists and fenced code blocks", () => {
    const blocks = parseMarkdown(
      "First line\nsame paragraph.\n\nSteps:\n- one\n- two\n  continued\n\n1. a\n2. b\n\n```\nkubectl get pods\n  -o wide\n```\nAfter.",
    );
    expect(blocks.map((b) => b.kind)).toEqual(["p", "p", "ul", "ol", "pre", "p"]);
    expect(blocks[0]).toEqual({
      kind: "p",
      children: [{ kind: "text", text: "First line same paragraph." }],
    });
    expect(blocks[2].kind === "ul" && blocks[2].items.map(text)).toEqual(["one", "two continued"]);
    expect(blocks[3].kind === "ol" && blocks[3].items.map(text)).toEqual(["a", "b"]);
    expect(blocks[4]).toEqual({ kind: "pre", text: "kubectl get pods\n  -o wide" });
  });

  it("renders every lesson text without losing words (no Markdown left unparsed)", () => {
    for (const l of ALL_LESSONS)
      for (const t of [l.intro, l.outro, ...l.steps.map((s) => s.text)].filter((x) => x !== undefined)) {
        const words = parseMarkdown(t)
          .map((b) =>
            b.kind === "p" ? text(b.children) : b.kind === "pre" ? b.text : b.items.map(text).join(" "),
          )
          .join(" ");
        expect(words, l.id).not.toMatch(/\*\*|`/);
        expect(words.replace(/\s+/g, " ").length, l.id).toBeGreaterThan(0);
      }
  });
});
