// Go's text/tabwriter as kubectl and crictl use it: cells end at '\t', each column is as wide as its
// widest cell plus padding (at least minwidth); the last cell of a line is not padded.

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** kubectl's printers: tabwriter.NewWriter(out, 0, 8, 3, ' ', 0) (cli-runtime printers/tabwriter.go). */
export const KUBECTL_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 3 };
/** crictl: tabwriter.NewWriter(os.Stdout, 20, 1, 3, ' ', 0). */
export const CRICTL_TABWRITER: TabwriterOptions = { minwidth: 20, padding: 3 };

/** Align rows of cells. Every row's cells but the last are padded. Rows may differ in length. */
export function tabwrite(rows: string[][], opts: TabwriterOptions): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length - 1; i++) {
      const w = Math.max(opts.minwidth, displayWidth(row[i]) + opts.padding);
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
  }
  const lines = rows.map((row) =>
    row
      .map((cell, i) => (i < row.length - 1 ? cell + " ".repeat(Math.max(0, widths[i] - displayWidth(cell))) : cell))
      .join(""),
  );
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/** Tab-separated text in, aligned text out (the way the Go programs write their tables). */
export function tabwriteText(text: string, opts: TabwriterOptions): string {
  const rows = text.replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
  return tabwrite(rows, opts);
}

function displayWidth(s: string): number {
  // Go's tabwriter counts runes (UTF-8 characters), not bytes.
  return [...s].length;
}
