// The small Markdown subset lesson texts use, parsed to plain data (React renders it as text, so
// nothing in a lesson is ever interpreted as HTML): paragraphs (lines joined), bullet and numbered
// lists, fenced code blocks, and inline `code`, **bold** and *emphasis*.

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "strong"; children: Inline[] }
  | { kind: "em"; children: Inline[] };

export type Block =
  | { kind: "p"; children: Inline[] }
  | { kind: "ul" | "ol"; items: Inline[][] }
  | { kind: "pre"; text: string };

// `code` first (its content is literal), then **strong**, then *em* (not "* " or a lone star).
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: "text", text: text.slice(last, at) });
    if (m[1] !== undefined) out.push({ kind: "code", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "strong", children: parseInline(m[2]) });
    else out.push({ kind: "em", children: parseInline(m[3]) });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const FENCE = /^\s*```/;

export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length > 0) blocks.push({ kind: "p", children: parseInline(para.join(" ")) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]); i++) code.push(lines[i]);
      blocks.push({ kind: "pre", text: code.join("\n") });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flush();
      const kind = bullet ? "ul" : "ol";
      const prev = blocks.at(-1);
      const item = parseInline((bullet ?? numbered)![1]);
      if (prev && prev.kind === kind && lines[i - 1]?.trim() !== "") prev.items.push(item);
      else blocks.push({ kind, items: [item] });
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    // A continuation line of a list item belongs to that item.
    const prev = blocks.at(-1);
    if (para.length === 0 && prev && (prev.kind === "ul" || prev.kind === "ol") && /^\s+\S/.test(line)) {
      prev.items[prev.items.length - 1].push({ kind: "text", text: " " }, ...parseInline(line.trim()));
      continue;
    }
    para.push(line.trim());
  }
  flush();
  return blocks;
}
