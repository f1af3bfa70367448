// What a travelling chip says: kube-proxy's rule-by-rule trace events of one sync become one chip
// ("sync rules: +KUBE-SVC-…"), and kube-proxy's long hashed chain names are shortened on the chip
// (the drawer and the tooltip keep the full summary).
import type { TraceEvent } from "../../sim/trace";

/** A KUBE-SVC-/KUBE-SEP-/… chain: a 16-character base32 hash after the prefix. */
const HASHED_CHAIN = /\b(KUBE-(?:SVC|SEP|EXT|FW|SVL))-([A-Z2-7]{16})\b/g;

export function shortChains(text: string): string {
  return text.replace(HASHED_CHAIN, (_, prefix: string, hash: string) => `${prefix}-${hash.slice(0, 6)}…`);
}

/** The chip's text for a hop. */
export function chipLabel(e: TraceEvent): string {
  if (e.kind === "iptables" || e.kind === "net") return shortChains(e.summary);
  return e.summary;
}

interface RuleChange {
  op: "+" | "-";
  rule: string;
  chain?: string;
}

/** One sync's rule changes as a sentence: the chains created or deleted, else the count of rules. */
export function syncSummary(changes: RuleChange[]): string {
  const chains = changes
    .map((c) => {
      const m = /^-([NX]) (\S+)/.exec(c.rule);
      return m ? `${m[1] === "N" ? "+" : "−"}${m[2]}` : undefined;
    })
    .filter((x): x is string => !!x);
  const svc = chains.filter((c) => c.includes("KUBE-SVC-"));
  const shown = (svc.length ? svc : chains).slice(0, 1);
  const added = changes.filter((c) => c.op === "+" && !/^-[NX] /.test(c.rule)).length;
  const removed = changes.filter((c) => c.op === "-" && !/^-[NX] /.test(c.rule)).length;
  const counts = [added ? `+${added}` : "", removed ? `−${removed}` : ""].filter(Boolean).join(" ");
  const rules = `${counts} rule${added + removed === 1 ? "" : "s"}`;
  if (shown.length) return `sync rules: ${shown[0]}${counts ? ` (${rules})` : ""}`;
  return `sync rules: ${counts ? rules : "no change"}`;
}

/**
 * kube-proxy records every rule it adds or removes; a run of them at one instant is one
 * iptables-restore: merge it into one hop whose detail lists the rules.
 */
export function coalesceRuleSyncs(events: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let run: TraceEvent[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]);
    else if (run.length > 1) {
      const changes = run.map((e) => ({
        op: (e.detail?.op === "-" ? "-" : "+") as "+" | "-",
        rule: String(e.detail?.rule ?? e.summary.slice(2)),
        chain: e.detail?.chain as string | undefined,
      }));
      out.push({
        ...run[0],
        summary: syncSummary(changes),
        detail: {
          iptablesRestore: run.map((e) => e.summary),
          firstEventId: run[0].id,
          lastEventId: run[run.length - 1].id,
        },
      });
    }
    run = [];
  };
  for (const e of events) {
    const joins = e.kind === "iptables" && (run.length === 0 || run[0].t === e.t);
    if (!joins) flush();
    if (e.kind === "iptables") run.push(e);
    else out.push(e);
  }
  flush();
  return out;
}
