// containerd's own log (logrus text format in the journal) and its systemd unit hooks — simplified:
// the lines a learner sees in `journalctl -u containerd` at start, stop and per CRI call.
import { rfc3339Nano } from "../clock/time";
import type { NodeFs } from "../node/fs";
import type { Journal } from "../node/systemd";
import { CONTAINERD_CONFIG_PATH, DEFAULT_CONTAINERD_CONFIG_TOML, loadConfig } from "./containerdConfig";

export const CONTAINERD_VERSION = "v2.1.4";
export const CONTAINERD_REVISION = "75cb2b7193e4e490e9fbdc236c0e811ccaba3376";
export const CONTAINERD_SOCKET = "/run/containerd/containerd.sock";

/** logrus quotes a value when it has spaces, quotes or `=`. */
function logValue(v: string | number): string {
  const s = String(v);
  return /^[A-Za-z0-9_./:@+-]+$/.test(s) ? s : JSON.stringify(s);
}

/** A containerd journal line kept as its parts until someone reads it (most never are). */
export class ContainerdLogRecord {
  constructor(
    readonly wallMs: number,
    readonly level: "info" | "warning" | "error",
    readonly msg: string,
    readonly fields: Record<string, string | number> | undefined,
  ) {}

  render(): string {
    return containerdLogLine(this.wallMs, this.level, this.msg, this.fields);
  }
}

/** `time="…" level=info msg="…" k=v` as containerd writes to its journal. */
export function containerdLogLine(
  wallMs: number,
  level: "info" | "warning" | "error",
  msg: string,
  fields: Record<string, string | number> = {},
): string {
  const extra = Object.keys(fields)
    .sort()
    .map((k) => ` ${k}=${logValue(fields[k])}`)
    .join("");
  return `time="${rfc3339Nano(wallMs)}" level=${level} msg=${JSON.stringify(msg)}${extra}`;
}

/** What a daemon needs to log: the journal, the wall clock and its PID. */
export interface DaemonLog {
  log(level: "info" | "warning" | "error", msg: string, fields?: Record<string, string | number>): void;
}

/** containerd's boot lines (a representative subset of the plugin loading). */
export function writeContainerdStartup(log: DaemonLog, bootSeconds = 0.052): void {
  log.log("info", "starting containerd", { revision: CONTAINERD_REVISION, version: CONTAINERD_VERSION });
  for (const [id, type] of [
    ["content", "io.containerd.content.v1"],
    ["overlayfs", "io.containerd.snapshotter.v1"],
    ["bolt", "io.containerd.metadata.v1"],
    ["runc.v2", "io.containerd.runtime.v2"],
    ["cri", "io.containerd.grpc.v1"],
  ])
    log.log("info", "loading plugin", { id: `${type}.${id}`, type });
  log.log("info", "starting cri plugin", { config: "{...}" });
  log.log("info", "Connect containerd service");
  log.log("info", "serving...", { address: `${CONTAINERD_SOCKET}.ttrpc` });
  log.log("info", "serving...", { address: CONTAINERD_SOCKET });
  log.log("info", "Start subscribing containerd event");
  log.log("info", "Start recovering state");
  log.log("info", "Start event monitor");
  log.log("info", "Start cni network conf syncer for default");
  log.log("info", "Start streaming server");
  log.log("info", `containerd successfully booted in ${bootSeconds.toFixed(6)}s`);
}

/** The parts of SimRuntime the unit hooks drive (kept narrow to avoid an import cycle). */
export interface ContainerdDaemon {
  setAvailable(available: boolean): void;
  applyConfig(config: import("./containerdConfig").ContainerdConfig): void;
  readonly daemonLog: DaemonLog;
  /** The daemon's PID, as journald tags its lines (`containerd[812]`). */
  readonly daemonPid: number;
  /** Rootless mode (containerd started by containerd-rootless.sh inside rootlesskit). */
  rootless?: boolean;
}

/** Where the sim reads how containerd is launched (simplified: rootless setups use a user unit). */
export const CONTAINERD_UNIT_PATH = "/lib/systemd/system/containerd.service";

/** Hooks for src/sim/node/systemd.ts Unit("containerd"): start reads config.toml, stop closes the socket. */
export function createContainerdUnitHooks(
  runtime: ContainerdDaemon,
  fs: NodeFs,
  journal: Journal,
): { start(): string | undefined; stop(): void } {
  return {
    start() {
      const text = fs.read(CONTAINERD_CONFIG_PATH) ?? DEFAULT_CONTAINERD_CONFIG_TOML;
      const res = loadConfig(text);
      if (!res.ok) {
        if (res.log) runtime.daemonLog.log("error", res.log.msg, res.log.fields);
        // main() prints the error to stderr before exit(1): `containerd: <err>` under its PID
        journal.append("containerd", `containerd[${runtime.daemonPid}]`, res.message);
        return res.message;
      }
      for (const w of res.warnings) runtime.daemonLog.log("warning", w);
      // containerd-rootless.sh runs containerd in rootlesskit's user namespace as an unprivileged user
      const execStart = /^ExecStart=(.*)$/m.exec(fs.read(CONTAINERD_UNIT_PATH) ?? "")?.[1] ?? "";
      if ("rootless" in runtime) runtime.rootless = execStart.includes("containerd-rootless");
      runtime.applyConfig(res.config);
      writeContainerdStartup(runtime.daemonLog);
      runtime.setAvailable(true);
      return undefined;
    },
    stop() {
      runtime.daemonLog.log("info", "Stop CRI service");
      runtime.daemonLog.log("info", "Event monitor stopped");
      runtime.daemonLog.log("info", "Stream server stopped");
      runtime.setAvailable(false);
    },
  };
}

export { DEFAULT_CONTAINERD_CONFIG_TOML };
