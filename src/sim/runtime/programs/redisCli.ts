// Redis's configuration as redis-server loads it (a redis.conf named on its command line) and a small
// redis-cli over the server's port 6379: CONFIG GET / CONFIG SET, PING — enough for the docs'
// configure-redis-using-configmap tutorial. The client's request travels over the pod network (a
// refused connection when no server listens); the reply is formatted as redis-cli prints it.
import type { HttpReply, HttpRequest, ProcessContext, ProgramTask, Step } from "./types";

/** A redis-cli request on the simulated wire: the command's words after this prefix. */
const WIRE = "redis:";

/** The server's CONFIG parameters (defaults of redis.conf; only those the simulator answers). */
export type RedisConfig = Map<string, string>;

export function defaultRedisConfig(): RedisConfig {
  return new Map([
    ["maxmemory", "0"],
    ["maxmemory-policy", "noeviction"],
    ["port", "6379"],
    ["bind", ""],
    ["dir", "/data"],
    ["appendonly", "no"],
    ["save", "3600 1 300 100 60 10000"],
  ]);
}

/** memtoll: redis's units (k/m/g are powers of 1000, kb/mb/gb of 1024). */
function memtoll(v: string): string | undefined {
  const m = /^(\d+)(k|kb|m|mb|g|gb)?$/i.exec(v.trim());
  if (!m) return undefined;
  const mul: Record<string, number> = { k: 1e3, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };
  return String(Number(m[1]) * (m[2] ? mul[m[2].toLowerCase()] : 1));
}

function setParam(cfg: RedisConfig, name: string, value: string): boolean {
  const key = name.toLowerCase();
  if (!cfg.has(key)) return false;
  if (key === "maxmemory") {
    const n = memtoll(value);
    if (n === undefined) return false;
    cfg.set(key, n);
  } else cfg.set(key, value);
  return true;
}

/** The directives of a redis.conf (unknown ones are kept out of CONFIG GET's answers). */
export function loadRedisConf(cfg: RedisConfig, text: string): void {
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [name, ...rest] = line.split(/\s+/);
    setParam(cfg, name, rest.join(" "));
  }
}

type Reply = { ok: string } | { err: string } | { bulk: string } | { list: string[] };

function execute(cfg: RedisConfig, words: string[]): Reply {
  const cmd = (words[0] ?? "").toUpperCase();
  if (cmd === "PING") return words.length > 1 ? { bulk: words[1] } : { ok: "PONG" };
  if (cmd === "CONFIG") {
    const sub = (words[1] ?? "").toUpperCase();
    if (sub === "GET" && words.length === 3) {
      const pat = new RegExp(
        `^${words[2]
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
        "i",
      );
      return { list: [...cfg].filter(([k]) => pat.test(k)).flat() };
    }
    if (sub === "SET" && words.length === 4) {
      if (!cfg.has(words[2].toLowerCase())) return { err: `ERR Unsupported CONFIG parameter: ${words[2]}` };
      if (!setParam(cfg, words[2], words[3]))
        return { err: `ERR Invalid argument '${words[3]}' for CONFIG SET '${words[2]}'` };
      return { ok: "OK" };
    }
    return {
      err: `ERR Unknown subcommand or wrong number of arguments for '${words[1] ?? ""}'. Try CONFIG HELP.`,
    };
  }
  const rest = words
    .slice(1)
    .map((w) => `\`${w}\`, `)
    .join("");
  return { err: `ERR unknown command \`${words[0]}\`, with args beginning with: ${rest}` };
}

/** redis-server's answer to what arrives on port 6379: a redis-cli command, or an HTTP request. */
export function redisHandler(cfg: RedisConfig): (req: HttpRequest) => HttpReply {
  return (req) => {
    if (!req.path.startsWith(WIRE)) return { statusCode: 400, body: "-ERR wrong protocol\r\n" };
    return { statusCode: 200, body: JSON.stringify(execute(cfg, JSON.parse(req.path.slice(WIRE.length)))) };
  };
}

/** redis-cli's rendering: a terminal gets types and quotes, a pipe the raw values. */
function format(r: Reply, tty: boolean): string {
  if ("ok" in r) return `${r.ok}\n`;
  if ("err" in r) return `${tty ? "(error) " : ""}${r.err}\n`;
  if ("bulk" in r) return tty ? `"${r.bulk}"\n` : `${r.bulk}\n`;
  if (r.list.length === 0) return tty ? "(empty list or set)\n" : "";
  return r.list.map((v, i) => (tty ? `${i + 1}) "${v}"\n` : `${v}\n`)).join("");
}

/** Split a typed line as redis-cli does (double-quoted words kept whole). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** redis-cli [-h host] [-p port] [command…]: one command, or a prompt reading commands. */
export function* redisCli(ctx: ProcessContext, args: string[]): ProgramTask {
  let host = "127.0.0.1";
  let port = 6379;
  let i = 0;
  for (; i < args.length; i++) {
    if (args[i] === "-h") host = args[++i] ?? host;
    else if (args[i] === "-p") port = Number(args[++i] ?? port);
    else break;
  }
  const tty = !!ctx.tty;
  const send = function* (cmd: string[]): Generator<Step, Reply | undefined, unknown> {
    try {
      const res = (yield {
        kind: "wait",
        d: ctx.net.httpGet({
          // the pod's loopback: what listens in its network namespace answers on the pod IP
          host: host.startsWith("127.") || host === "localhost" ? ctx.podIp : host,
          port,
          path: `${WIRE}${JSON.stringify(cmd)}`,
          timeoutMs: 5000,
          source: ctx.podIp || undefined,
        }),
      }) as { body: string };
      return JSON.parse(res.body) as Reply;
    } catch {
      return undefined;
    }
  };
  const refused = `Could not connect to Redis at ${host}:${port}: Connection refused\n`;
  if (i < args.length) {
    const r = yield* send(args.slice(i));
    if (!r) {
      ctx.stderr(refused);
      return 1;
    }
    ctx.stdout(format(r, tty));
    return 0;
  }
  if (!ctx.stdinOpen) return 0;
  for (;;) {
    const line = (yield { kind: "read", prompt: `${host}:${port}> ` }) as string | null;
    if (line === null) return 0;
    const cmd = words(line);
    if (cmd.length === 0) continue;
    if (/^(exit|quit)$/i.test(cmd[0])) return 0;
    const r = yield* send(cmd);
    if (r) ctx.stdout(format(r, tty));
    else ctx.stdout(refused);
  }
}
