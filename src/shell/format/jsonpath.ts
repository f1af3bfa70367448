// k8s: client-go/util/jsonpath — the subset kubectl users type: `{.status.podIP}`,
// `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{"\n"}{end}`, `[0]`, `['k']`, `[?(@.a=="b")]`.
import { sortKeys } from "./objects";

export class JsonPathError extends Error {}

type Node =
  | { t: "text"; v: string }
  | { t: "expr"; path: string }
  | { t: "range"; path: string; body: Node[] };

function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: { body: Node[] }[] = [{ body: root }];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf("{", i);
    if (open === -1) {
      stack[stack.length - 1].body.push({ t: "text", v: tpl.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].body.push({ t: "text", v: tpl.slice(i, open) });
    const close = findClose(tpl, open);
    if (close === -1) throw new JsonPathError(`unclosed action`);
    const inner = tpl.slice(open + 1, close).trim();
    i = close + 1;
    const cur = stack[stack.length - 1].body;
    // parseIdentifier: a keyword ends at a space or at the next path step (`{range.items[*]}`)
    if (/^range(?=[\s.[$@]|$)/.test(inner)) {
      const node: Node = { t: "range", path: inner.slice(5).trim(), body: [] };
      cur.push(node);
      stack.push(node);
    } else if (inner === "end") {
      if (stack.length === 1) throw new JsonPathError("not in range, nothing to end");
      stack.pop();
    } else if (/^".*"$/s.test(inner) || /^'.*'$/s.test(inner)) {
      cur.push({ t: "text", v: unescapeLiteral(inner.slice(1, -1)) });
    } else cur.push({ t: "expr", path: inner });
  }
  if (stack.length > 1) throw new JsonPathError("unclosed range");
  return root;
}

function findClose(s: string, open: number): number {
  let q: string | undefined;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === "\\") i++;
      else if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
    else if (c === "}") return i;
  }
  return -1;
}

function unescapeLiteral(s: string): string {
  return s.replace(/\\([nt"\\])/g, (_, c) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

/** Evaluate one path (`.a.b[*].c`, `..name` not supported) against `data`; returns every match. */
export function evalPath(path: string, data: unknown): unknown[] {
  let cur: unknown[] = [data];
  let p = path.trim();
  if (p.startsWith("$")) p = p.slice(1);
  if (p === "@" || p === "") return cur;
  if (p.startsWith("@")) p = p.slice(1);
  const re =
    /^(?:\.((?:[A-Za-z0-9_\-$/]|\\\.)+)|\[\*\]|\.\*|\[(-?\d+)?(?::(-?\d+)?)?\]|\['([^']*)'\]|\["([^"]*)"\]|\[\?\((.*?)\)\])/;
  while (p.length > 0) {
    if (p === ".") break;
    const union = unionAt(p);
    if (union) {
      // evalUnion: each member over every input, the members' results one after another
      p = p.slice(union.length);
      cur = union.members.flatMap((m) => cur.flatMap((v) => evalPath(`[${m}]`, v)));
      continue;
    }
    const m = p.match(re);
    if (!m) throw new JsonPathError(`unrecognized character in action: ${p}`);
    p = p.slice(m[0].length);
    const next: unknown[] = [];
    for (const v of cur) {
      if (m[1] !== undefined || m[4] !== undefined || m[5] !== undefined) {
        // `\.` in a field name is a literal dot ({.data.ui\.properties})
        const key = m[1]?.replace(/\\\./g, ".") ?? m[4] ?? m[5];
        if (v && typeof v === "object" && !Array.isArray(v) && key in (v as object)) {
          next.push((v as Record<string, unknown>)[key]);
        }
      } else if (m[0] === "[*]" || m[0] === ".*") {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === "object") next.push(...Object.values(v));
      } else if (m[6] !== undefined) {
        if (Array.isArray(v)) next.push(...v.filter((x) => filterMatch(m[6], x)));
      } else if (Array.isArray(v)) {
        const slice = m[0].includes(":");
        const a = m[2] !== undefined ? Number(m[2]) : 0;
        if (!slice) {
          const idx = a < 0 ? v.length + a : a;
          if (idx < 0 || idx >= v.length)
            throw new JsonPathError(`array index out of bounds: index ${a}, length ${v.length}`);
          next.push(v[idx]);
        } else {
          const b = m[3] !== undefined ? Number(m[3]) : v.length;
          next.push(...v.slice(a, b));
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** parseArray: `['a', 'b']` or `[0,2]` — a bracket with commas outside quotes is a union of one-member brackets. */
function unionAt(p: string): { length: number; members: string[] } | undefined {
  if (!p.startsWith("[") || p.startsWith("[?(")) return undefined;
  let q: string | undefined;
  for (let i = 1; i < p.length; i++) {
    const c = p[i];
    if (q) {
      if (c === q) q = undefined;
    } else if (c === "'" || c === '"') q = c;
    else if (c === "]") {
      const members = p.slice(1, i).split(",");
      return members.length > 1 ? { length: i + 1, members: members.map((m) => m.trim()) } : undefined;
    }
  }
  return undefined;
}

function filterMatch(expr: string, item: unknown): boolean {
  const m = expr.match(/^(@[^=!<>\s]*)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(\S+))$/);
  if (!m) return evalPath(expr, item).length > 0;
  const vals = evalPath(m[1], item);
  const want = m[3] ?? m[4] ?? m[5];
  const eq = vals.some((v) => String(v) === want);
  return m[2] === "==" ? eq : !eq;
}

function show(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  // encoding/json writes map keys sorted
  if (typeof v === "object") return JSON.stringify(sortKeys(v));
  return String(v);
}

/** Render a kubectl jsonpath template. Missing fields print nothing (as kubectl get does). */
export function jsonpath(template: string, data: unknown): string {
  const nodes = parseTemplate(template);
  const render = (ns: Node[], ctx: unknown): string => {
    let out = "";
    for (const n of ns) {
      if (n.t === "text") out += n.v;
      else if (n.t === "expr") out += evalPath(n.path, ctx).map(show).join(" ");
      else for (const item of evalPath(n.path, ctx)) out += render(n.body, item);
    }
    return out;
  };
  return render(nodes, data);
}
