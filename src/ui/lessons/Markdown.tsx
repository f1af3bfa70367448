// Renders lesson Markdown (see markdown.ts) as React elements: text stays text, never HTML.
// Children are passed as arguments (a fixed sequence from static text), so no list keys are needed.
import { createElement, type ReactNode } from "react";
import { type Block, type Inline, parseMarkdown } from "./markdown";

function inline(n: Inline): ReactNode {
  if (n.kind === "text") return n.text;
  if (n.kind === "code") return createElement("code", null, n.text);
  return createElement(n.kind, null, ...n.children.map(inline));
}

function block(b: Block): ReactNode {
  if (b.kind === "p") return createElement("p", null, ...b.children.map(inline));
  if (b.kind === "pre") return createElement("pre", null, createElement("code", null, b.text));
  return createElement(
    b.kind,
    null,
    ...b.items.map((item) => createElement("li", null, ...item.map(inline))),
  );
}

export default function Markdown({ text, className }: { text: string; className?: string }) {
  return createElement("div", { className: `md ${className ?? ""}` }, ...parseMarkdown(text).map(block));
}
