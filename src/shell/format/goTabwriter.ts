// Go text/tabwriter with its column-block rule: a column is aligned only across consecutive lines
// that have a cell in it. kubectl describe relies on this (each section aligns on its own).

/** Align tab-separated `text` like tabwriter.NewWriter(out, minwidth, 8, padding, ' ', 0). */
export function goTabwrite(text: string, minwidth: number, padding: number): string {
  const raw = text.split("\n");
  const trailing = raw.pop() ?? "";
  const lines = raw.map((l) => l.split("\t"));
  const width = (s: string) => [...s].length;
  const widths: number[] = [];
  let out = "";

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let s = "";
      cells.forEach((c, j) => {
        s += c;
        // Only tab-terminated cells in an open column are padded.
        if (j < cells.length - 1 && j < widths.length) s += " ".repeat(Math.max(0, widths[j] - width(c)));
      });
      out += `${s}\n`;
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      writeLines(start, i);
      let w = minwidth;
      let j = i;
      for (; j < line1; j++) {
        if (column >= lines[j].length - 1) break;
        w = Math.max(w, width(lines[j][column]) + padding);
      }
      widths.push(w);
      format(i, j);
      widths.pop();
      start = j;
      i = j - 1;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out + trailing;
}
