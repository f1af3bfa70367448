// Go's text/tabwriter settings kubectl and crictl use, over the one implementation in goTabwriter.ts.
import { goTabwrite } from "./goTabwriter";

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** kubectl's printers: tabwriter.NewWriter(out, 0, 8, 3, ' ', 0) (cli-runtime printers/tabwriter.go). */
export const KUBECTL_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 3 };
/** crictl: tabwriter.NewWriter(os.Stdout, 20, 1, 3, ' ', 0). */
export const CRICTL_TABWRITER: TabwriterOptions = { minwidth: 20, padding: 3 };

/** Align rows of cells: every cell but a row's last is padded to its column's width. */
export function tabwrite(rows: string[][], opts: TabwriterOptions): string {
  if (rows.length === 0) return "";
  return goTabwrite(`${rows.map((r) => r.join("\t")).join("\n")}\n`, opts.minwidth, opts.padding);
}

/** Tab-separated text in, aligned text out (the way the Go programs write their tables). */
export function tabwriteText(text: string, opts: TabwriterOptions): string {
  return goTabwrite(text.endsWith("\n") ? text : `${text}\n`, opts.minwidth, opts.padding);
}
