// iptables(8) and iptables-save(8) on the node (iptables 1.8.10, nf_tables backend): read-only views of
// the kernel's tables that kube-proxy and the kubelet wrote. Changing rules is not simulated.
import type { Netfilter, TableName } from "../../sim/kubeproxy/netfilter";
import type { SimNode } from "../../sim/node/types";
import type { CompletableCommand, CompletionRequest } from "../registry";
import { type CommandResult, fail, ok } from "../types";
import { IPTABLES_VERSION, type ListFormat, listChains, saveTable, specChains } from "./format";

const TABLES: TableName[] = ["filter", "nat", "mangle"];
const TRY = "Try `iptables -h' or 'iptables --help' for more information.";
const err = (msg: string, code = 2) => fail(`iptables ${IPTABLES_VERSION}: ${msg}\n${TRY}`, code);
const MUTATING = new Set(["-A", "-I", "-D", "-R", "-F", "-Z", "-N", "-X", "-P", "-E", "-C"]);
const LONG_MUTATING = new Set([
  "--append",
  "--insert",
  "--delete",
  "--replace",
  "--flush",
  "--zero",
  "--new-chain",
  "--delete-chain",
  "--policy",
  "--rename-chain",
  "--check",
]);

/** Names for addresses in `-L` without -n: the node's /etc/hosts (files before dns). */
function hostsLookup(node: SimNode): (ip: string) => string | undefined {
  const map = new Map<string, string>();
  for (const line of (node.fs.read("/etc/hosts") ?? "").split("\n")) {
    const [ip, name] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (ip && name && !map.has(ip)) map.set(ip, name);
  }
  return (ip) => map.get(ip);
}

const HELP = `iptables ${IPTABLES_VERSION}

Usage: iptables -[ACD] chain rule-specification [options]
       iptables -I chain [rulenum] rule-specification [options]
       iptables -R chain rulenum rule-specification [options]
       iptables -D chain rulenum [options]
       iptables -[LS] [chain [rulenum]] [options]
       iptables -[FZ] [chain] [options]
       iptables -[NX] chain
       iptables -E old-chain-name new-chain-name
       iptables -P chain target [options]
       iptables -h (print this help information)

Commands:
  --list    -L [chain [rulenum]]
				List the rules in a chain or all chains
  --list-rules -S [chain [rulenum]]
				Print the rules in a chain or all chains

Options:
  --table	-t table	table to manipulate (default: \`filter')
  --numeric	-n		numeric output of addresses and ports
  --verbose	-v		verbose mode
  --line-numbers		print line numbers when listing
`;

function runIptables(node: SimNode, args: string[]): CommandResult {
  let table: string = "filter";
  let command: "L" | "S" | undefined;
  let chain: string | undefined;
  const f: ListFormat = { numeric: false, verbose: false, lineNumbers: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-h" || a === "--help") return ok(HELP);
    if (a === "-V" || a === "--version") return ok(`iptables ${IPTABLES_VERSION}\n`);
    if (MUTATING.has(a) || MUTATING.has(a.slice(0, 2)) || LONG_MUTATING.has(a))
      return fail(
        "k8s-node-sim: changing iptables rules is not simulated: they are kube-proxy's (read them with iptables -L, -S or iptables-save)",
      );
    if (a === "-t" || a === "--table") {
      if (args[i + 1] === undefined) return err('option "-t" requires an argument');
      table = args[++i];
      continue;
    }
    if (a.startsWith("--table=")) {
      table = a.slice("--table=".length);
      continue;
    }
    if (a === "--numeric") f.numeric = true;
    else if (a === "--verbose") f.verbose = true;
    else if (a === "--line-numbers") f.lineNumbers = true;
    else if (a === "--list" || a === "--list-rules") {
      command = a === "--list" ? "L" : "S";
      if (args[i + 1] !== undefined && !args[i + 1].startsWith("-")) chain = args[++i];
    } else if (a === "-w" || a === "--wait") {
      if (args[i + 1] !== undefined && /^\d+(\.\d+)?$/.test(args[i + 1])) i++;
    } else if (/^-[a-zA-Z]+$/.test(a)) {
      // getopt: short options may be bundled (-nvL); -t takes the rest of the word or the next one
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === "n") f.numeric = true;
        else if (c === "v") f.verbose = true;
        else if (c === "x" || c === "w") continue;
        else if (c === "t") {
          table = a.slice(j + 1) || args[++i];
          if (table === undefined) return err('option "-t" requires an argument');
          break;
        } else if (c === "L" || c === "S") {
          if (command && command !== c) return err("Cannot use -S with -L");
          command = c;
          if (j === a.length - 1 && args[i + 1] !== undefined && !args[i + 1].startsWith("-"))
            chain = args[++i];
        } else return err(`invalid option -- '${c}'`);
      }
    } else if (a.startsWith("-")) return err(`unknown option "${a}"`);
    else return err(`Bad argument \`${a}'`);
  }
  if (!command) return err("no command specified");
  if (!TABLES.includes(table as TableName))
    return fail(
      `iptables ${IPTABLES_VERSION}: table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`,
      3,
    );
  const nf = node.netfilter;
  if (!nf) return fail("iptables: this node's kernel tables are not simulated (real runtime mode)");
  const t = table as TableName;
  const snap = nf.snapshot(t);
  const chains = chain ? snap.chains.filter((c) => c.name === chain) : snap.chains;
  if (chain && chains.length === 0) return fail("iptables: No chain/target/match by that name.", 1);
  if (command === "S") return ok(specChains(chains));
  if (!f.numeric) f.hostName = hostsLookup(node);
  return ok(
    listChains(
      chains.map((c) => ({ chain: c, refs: refsOf(nf, t, c.name) })),
      f,
    ),
  );
}

const refsOf = (nf: Netfilter, t: TableName, chain: string) => nf.references(t, chain);

function runIptablesSave(node: SimNode, args: string[], prog: string): CommandResult {
  let only: string | undefined;
  let counters = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-t" || a === "--table") only = args[++i];
    else if (a.startsWith("-t") && a.length > 2) only = a.slice(2);
    else if (a.startsWith("--table=")) only = a.slice("--table=".length);
    else if (a === "-c" || a === "--counters") counters = true;
    else if (a === "-V" || a === "--version") return ok(`${prog} ${IPTABLES_VERSION}\n`);
    else if (a === "-h" || a === "--help")
      return ok(
        `Usage: ${prog} [-c] [-t <table>] [-M <command>]\n[ --counters ]\n[ --table <table> ]\n[ --modprobe <command> ]\n[ --file <file> ]\n`,
      );
    else
      return fail(
        `${prog}: unrecognized option '${a}'\nLook at manual page \`${prog}.8' for more information.`,
      );
  }
  if (only !== undefined && !TABLES.includes(only as TableName))
    return fail(`${prog} ${IPTABLES_VERSION}: Table does not exist (do you need to insmod?)`, 1);
  const nf = node.netfilter;
  if (!nf) return fail(`${prog}: this node's kernel tables are not simulated (real runtime mode)`);
  // nft iptables-save walks its table list in this order and skips tables that do not exist
  const tables = (["mangle", "filter", "nat"] as TableName[]).filter((t) => only === undefined || t === only);
  return ok(tables.map((t) => saveTable(nf.snapshot(t), prog, node.clock.wallMs(), counters)).join(""));
}

function completeIptables(req: CompletionRequest): string[] {
  const prev = req.words[req.words.length - 1];
  if (prev === "-t" || prev === "--table") return TABLES;
  if (
    prev === "-L" ||
    prev === "-S" ||
    prev === "--list" ||
    prev === "--list-rules" ||
    /^-[nv]*[LS]$/.test(prev ?? "")
  ) {
    const ti = req.words.findIndex((w) => w === "-t" || w === "--table");
    const t = (ti >= 0 ? req.words[ti + 1] : "filter") as TableName;
    return TABLES.includes(t) ? (req.node.netfilter?.chainNames(t) ?? []).sort() : [];
  }
  return ["-t", "-L", "-S", "-n", "-v", "--line-numbers", "--list", "--list-rules", "--numeric", "--table"];
}

export const iptablesCommands: CompletableCommand[] = [
  {
    name: "iptables",
    summary: "list the kernel's packet filter and NAT rules (iptables -t nat -L -n)",
    run: async (ctx) => runIptables(ctx.node, ctx.args),
    complete: completeIptables,
  },
  {
    name: "iptables-save",
    summary: "dump the iptables rules as iptables-restore reads them",
    run: async (ctx) => runIptablesSave(ctx.node, ctx.args, "iptables-save"),
    complete: (req) =>
      req.words[req.words.length - 1] === "-t" ? TABLES : ["-t", "-c", "--table", "--counters"],
  },
];
