// bash's pathname expansion over the node's files: `*`, `?` and `[...]` in unquoted words
// (`tail /var/log/containers/*`, `cat /etc/cni/net.d/*.conflist`). No match leaves the word as typed.
import type { NodeFs } from "../../sim/node/fs";
import { normalize } from "../../sim/node/fs";

/** Whether a pattern segment holds an unescaped metacharacter. */
function isPattern(seg: string): boolean {
  for (let i = 0; i < seg.length; i++) {
    if (seg[i] === "\\") i++;
    else if (seg[i] === "*" || seg[i] === "?" || seg[i] === "[") return true;
  }
  return false;
}

function literalOf(seg: string): string {
  return seg.replace(/\\(.)/g, "$1");
}

/** One path segment's pattern as a RegExp (fnmatch without FNM_PERIOD handling, done by the caller). */
export function segmentRegExp(seg: string): RegExp {
  let re = "";
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === "\\" && i + 1 < seg.length) re += escapeRe(seg[++i]);
    else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = seg.indexOf("]", i + (seg[i + 1] === "!" || seg[i + 1] === "^" ? 3 : 2));
      if (close === -1) {
        re += "\\[";
        continue;
      }
      let body = seg.slice(i + 1, close);
      const negate = body[0] === "!" || body[0] === "^";
      if (negate) body = body.slice(1);
      re += `[${negate ? "^" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = close;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * The paths a pattern names, sorted as bash sorts them, in the form typed (relative stays relative);
 * undefined when nothing matches. A leading `.` must be matched explicitly, as in bash.
 */
export function expandPathname(pattern: string, fs: NodeFs, cwd: string): string[] | undefined {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((s) => s !== "");
  let found: { path: string; shown: string }[] = [{ path: absolute ? "/" : cwd, shown: absolute ? "/" : "" }];
  for (const [k, seg] of segments.entries()) {
    const last = k === segments.length - 1;
    const next: { path: string; shown: string }[] = [];
    for (const f of found) {
      const join = (name: string) => ({
        path: normalize(`${f.path}/${name}`),
        shown: f.shown === "" ? name : f.shown.endsWith("/") ? f.shown + name : `${f.shown}/${name}`,
      });
      if (!isPattern(seg)) {
        next.push(join(literalOf(seg)));
        continue;
      }
      if (!fs.isDir(f.path)) continue;
      const re = segmentRegExp(seg);
      for (const entry of fs.readdir(f.path)) {
        const dir = entry.endsWith("/");
        const name = dir ? entry.slice(0, -1) : entry;
        if (name.startsWith(".") && !seg.startsWith(".") && !seg.startsWith("\\.")) continue;
        if (!last && !dir) continue;
        if (re.test(name)) next.push(join(name));
      }
    }
    found = next;
  }
  const out = found
    .filter((f) => fs.exists(f.path))
    .map((f) => (pattern.endsWith("/") ? `${f.shown}/` : f.shown));
  if (out.length === 0 || !segments.some(isPattern)) return undefined;
  return out.sort();
}
