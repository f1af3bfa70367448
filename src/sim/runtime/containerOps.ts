// containerd: internal/cri/server/container_{create,start,stop,remove,status,exec}.go — simplified:
// container records driven by the program model, cgroup memory.max enforced by an OOM check.
import { deepFreeze } from "../api/equality";
import { parseRfc3339, rfc3339Nano } from "../clock/time";
import { CriError } from "../cri/errors";
import {
  type Container,
  type ContainerConfig,
  type ContainerEventResponse,
  ContainerEventType,
  type ContainerFilter,
  ContainerState,
  type ContainerStats,
  type ContainerStatusResponse,
  type ExecSyncResponse,
  type LinuxContainerResources,
  type Mount,
  type PodSandboxConfig,
  PodSandboxState,
} from "../cri/types";
import { osReleaseOf } from "../registry/osRelease";
import { Deferred } from "../task";
import { containerNotFound, execStartFailed, sandboxNotFound, startFailed } from "./errors";
import type { StoredImage } from "./imageStore";
import { imageUserDb } from "./imageUsers";
import { Proc } from "./process";
import { ContainerFs } from "./programs/containerFs";
import { argvFor, binariesOf, execLookupError, isBusyboxUserland, programFor } from "./programs/programs";
import { NGINX_WELCOME } from "./programs/servers";
import type { HttpReply, HttpRequest } from "./programs/types";
import { podProcessAt, psRows } from "./psTable";
import {
  APPARMOR_DEFAULT_PROFILE,
  APPARMOR_PROFILES_PATH,
  capHex,
  type NodeSecurity,
  type ProcessSecurity,
  parsePasswd,
  processSecurity,
  SpecError,
} from "./security";
import { containerSpecView, procFile } from "./securityView";
import { matchLabels, type SandboxRec, type SimRuntime } from "./simRuntime";
import { TerminalStream } from "./tty";

export interface ContainerRec {
  id: string;
  sandboxId: string;
  name: string;
  config: ContainerConfig;
  image: StoredImage;
  /** The process identity and confinement runc set up from the CRI security context. */
  security: ProcessSecurity;
  /** What ps prints in USER: the name from the image's /etc/passwd, else the bare uid. */
  userLabel: string;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  message: string;
  logPath: string;
  memoryLimit: number;
  main?: Proc;
  execs: Set<Proc>;
  fs: ContainerFs;
  env: Map<string, string>;
  listeners: Map<number, (req: HttpRequest) => HttpReply>;
  hung: boolean;
  oomKilled: boolean;
  hostPid: number;
  nextPid: number;
  cpuNanosDone: number;
  buf: { stdout: string; stderr: string };
  stopWaiters: (() => void)[];
  /** stdin: true in the ContainerConfig: the main process reads this terminal; `attach` connects to it. */
  stdin?: TerminalStream;
  /** What ps shows for each exec'd process (its argv). */
  execCommands: WeakMap<Proc, string>;
}

/** A stream the CRI Exec/Attach call handed out a URL for, waiting for its client to connect. */
interface StreamRequest {
  kind: "exec" | "attach";
  containerId: string;
  cmd: string[];
  tty: boolean;
  stdin: boolean;
}

const STATE_NAMES = ["CONTAINER_CREATED", "CONTAINER_RUNNING", "CONTAINER_EXITED", "CONTAINER_UNKNOWN"];
/** Go's syscall.Signal String(), as containerd logs "Stop container … with signal terminated". */
const SIGNAL_TEXT: Record<string, string> = {
  SIGTERM: "terminated",
  SIGQUIT: "quit",
  SIGINT: "interrupt",
  SIGKILL: "killed",
  SIGWINCH: "window changed",
  SIGHUP: "hangup",
};

/** A ContainerStatus as containerd answers it (with the list fields crictl also prints). */
type StatusView = ReturnType<typeof buildStatus>;

export class ContainerOps {
  private readonly byId = new Map<string, ContainerRec>();
  /** The records in CONTAINER_RUNNING (the memory checks run on every allocation of a process). */
  private readonly running = new Set<ContainerRec>();
  private readonly listeners = new Set<(e: ContainerEventResponse) => void>();
  /** containerd's streaming server: tokens of exec/attach requests not yet connected. */
  private readonly streamRequests = new Map<string, StreamRequest>();
  /** The streaming server's port (containerd picks a free one: stream_server_port = "0"). */
  private streamPort = 0;

  constructor(private readonly rt: SimRuntime) {}

  records(): ContainerRec[] {
    return [...this.byId.values()];
  }

  get(id: string): ContainerRec | undefined {
    const exact = this.byId.get(id);
    if (exact || id === "") return exact;
    const hits = this.records().filter((c) => c.id.startsWith(id));
    return hits.length === 1 ? hits[0] : undefined;
  }

  byIdOrName(key: string): ContainerRec | undefined {
    return (
      this.get(key) ??
      this.records().find(
        (c) => c.config.metadata.name === key && c.state === ContainerState.CONTAINER_RUNNING,
      ) ??
      this.records().find((c) => c.name === key)
    );
  }

  subscribe(l: (e: ContainerEventResponse) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(c: ContainerRec, type: ContainerEventType): void {
    // GetContainerEvents: built only when someone streams them (crictl events, an evented PLEG)
    if (this.listeners.size === 0) return;
    const sb = this.rt.sandboxes.get(c.sandboxId);
    const e: ContainerEventResponse = {
      containerId: c.id,
      containerEventType: type,
      createdAt: this.rt.wallNs(),
      podSandboxStatus: sb ? { ...this.rt.sandboxToCri(sb), network: { ip: sb.ip ?? "" } } : undefined,
      containersStatuses: [this.toStatus(c)],
    };
    for (const l of this.listeners) l(e);
  }

  private pod(c: ContainerRec): string | undefined {
    const sb = this.rt.sandboxes.get(c.sandboxId);
    return sb ? this.rt.podOf(sb.config) : undefined;
  }

  create(req: {
    podSandboxId: string;
    config: ContainerConfig;
    sandboxConfig: PodSandboxConfig;
  }): Deferred<{ containerId: string }> {
    const rt = this.rt;
    return rt.reply(rt.rng.int(20, 50), () => {
      const sb = rt.findSandbox(req.podSandboxId);
      const md = req.config.metadata;
      if (!sb) throw new CriError("NotFound", `failed to find sandbox id "${req.podSandboxId}": not found`);
      const smd = sb.config.metadata;
      rt.log(
        `CreateContainer within sandbox "${sb.id}" for container &ContainerMetadata{Name:${md.name},Attempt:${md.attempt},}`,
      );
      if (sb.state !== PodSandboxState.SANDBOX_READY)
        throw new CriError(
          "Unknown",
          `failed to create containerd container: sandbox container "${sb.id}" is not running`,
        );
      const ref = req.config.image.image;
      const image = rt.images.find(ref);
      if (!image) throw new CriError("NotFound", `failed to resolve image "${ref}": not found`);
      const name = `${md.name}_${smd.name}_${smd.namespace}_${smd.uid}_${md.attempt}`;
      const clash = this.records().find((c) => c.name === name);
      if (clash)
        throw new CriError(
          "Unknown",
          `failed to reserve container name "${name}": name "${name}" is reserved for "${clash.id}"`,
        );
      const id = rt.rng.hex(64);
      // hostNetwork: the container is in the node's UTS namespace and sees the node's hostname
      const hostNetwork = sb.config.linux?.securityContext?.namespaceOptions?.network === "NODE";
      const hostname = hostNetwork
        ? (rt.fs.read("/etc/hostname") ?? "").trim() || smd.name
        : (sb.config.hostname ?? smd.name);
      const env = new Map<string, string>();
      for (const kv of image.catalog.config.env ?? []) {
        const i = kv.indexOf("=");
        env.set(kv.slice(0, i), kv.slice(i + 1));
      }
      env.set("HOSTNAME", hostname);
      for (const kv of req.config.envs ?? []) env.set(kv.key, kv.value);
      const fs = this.seedFs(image, hostname, sb, req.config.mounts);
      fs.clock = () => rt.clock.wallMs();
      // hosts, hostname and resolv.conf are bind mounts of the sandbox's files, written when it was made
      for (const f of ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"]) fs.touch(f);
      let security: ProcessSecurity;
      try {
        security = processSecurity(
          req.config,
          image.catalog,
          { passwd: fs.read("/etc/passwd"), group: fs.read("/etc/group") },
          this.nodeSecurity(),
        );
      } catch (e) {
        if (!(e instanceof SpecError)) throw e;
        rt.log(
          `CreateContainer within sandbox "${sb.id}" for &ContainerMetadata{Name:${md.name},Attempt:${md.attempt},} failed`,
          { error: e.message },
          "error",
        );
        throw new CriError("Unknown", e.message);
      }
      fs.setPolicy({
        readonlyRoot: security.readonlyRootfs,
        mounts: (req.config.mounts ?? []).map((m) => ({
          path: m.containerPath,
          readonly: !!m.readonly,
          // emptyDir is created 0777 and the termination log 0666: any uid may write them
          worldWritable: /kubernetes\.io~empty-dir|\/containers\//.test(m.hostPath),
          // the kubelet reads the termination log from the node once the container exits
          hostPath: /\/containers\//.test(m.hostPath) ? m.hostPath : undefined,
          // volumes live on the node (emptyDir outlives restarts, ConfigMap files are the kubelet's)
          backing:
            m.hostPath.includes("/volumes/kubernetes.io~") || !m.hostPath.startsWith("/var/lib/kubelet/")
              ? m.hostPath
              : undefined,
        })),
        owned: imageUserDb(image.catalog, isBusyboxUserland(image.catalog)).owned,
      });
      // files the container's processes create are theirs (umask 022); the runtime's are root's
      fs.creator = { uid: security.uid, gid: security.gid, groups: security.groups };
      fs.onHostWrite = (hostPath, content) => rt.fs.write(hostPath, content);
      fs.host = {
        read: (p) => rt.fs.read(p),
        write: (p, content) => rt.fs.write(p, content),
        remove: (p) => rt.fs.remove(p),
        isDir: (p) => rt.fs.isDir(p),
        readdir: (p) => rt.fs.readdir(p),
        mkdir: (p) => rt.fs.mkdir(p),
        link: (p) => rt.fs.link(p),
        resolve: (p) => rt.fs.resolve(p),
        attrsOf: (p) => rt.fs.attrsOf(p),
        setAttrs: (p, a) => rt.fs.setAttrs(p, a),
      };
      // runc: HOME from the user's passwd entry when the spec sets none ("/" without an entry)
      const pw = parsePasswd(fs.read("/etc/passwd")).find((u) => u.uid === security.uid);
      if (!env.has("HOME")) env.set("HOME", pw?.home ?? "/");
      const logPath =
        sb.config.logDirectory && req.config.logPath ? `${sb.config.logDirectory}/${req.config.logPath}` : "";
      const c: ContainerRec = {
        id,
        sandboxId: sb.id,
        name,
        config: req.config,
        image,
        security,
        userLabel: pw?.name ?? String(security.uid),
        state: ContainerState.CONTAINER_CREATED,
        createdAt: rt.wallNs(),
        startedAt: 0,
        finishedAt: 0,
        exitCode: 0,
        reason: "",
        message: "",
        logPath,
        memoryLimit: req.config.linux?.resources?.memoryLimitInBytes ?? 0,
        execs: new Set(),
        fs,
        env,
        listeners: new Map(),
        hung: false,
        oomKilled: false,
        hostPid: 0,
        nextPid: 7,
        cpuNanosDone: 0,
        buf: { stdout: "", stderr: "" },
        stopWaiters: [],
        execCommands: new WeakMap(),
      };
      if (req.config.stdin) {
        // with a tty the terminal shows the prompt and the echoed input: the log records them too
        const stream = new TerminalStream({ tty: !!req.config.tty });
        stream.onScreen = (text) => this.writeLog(c, "stdout", text);
        c.stdin = stream;
      }
      fs.proc = (path) => this.procRoot(c, sb, path) ?? procFile(c, path);
      this.byId.set(id, c);
      sb.containers.add(id);
      rt.trace.record({
        from: "containerd",
        to: "shim",
        kind: "kernel",
        summary: `container ${md.name} created · snapshot ${rt.config.snapshotter}`,
        detail: { id, image: image.repoTags[0] ?? image.id },
        pod: rt.podOf(sb.config),
      });
      rt.log(
        `CreateContainer within sandbox "${sb.id}" for &ContainerMetadata{Name:${md.name},Attempt:${md.attempt},} returns container id "${id}"`,
      );
      this.emit(c, ContainerEventType.CONTAINER_CREATED_EVENT);
      return { containerId: id };
    });
  }

  /** What the spec opts check on the node: seccomp profile files, loaded AppArmor profiles, rootless mode. */
  private nodeSecurity(): NodeSecurity {
    const fs = this.rt.fs;
    return {
      fileExists: (p) => fs.read(p) !== undefined,
      readFile: (p) => fs.read(p),
      loadedAppArmorProfiles: () =>
        (fs.read(APPARMOR_PROFILES_PATH) ?? `${APPARMOR_DEFAULT_PROFILE} (enforce)\n`)
          .split("\n")
          .map((l) => l.replace(/\s*\((enforce|complain|kill|unconfined)\)\s*$/, "").trim())
          .filter(Boolean),
      appArmorProfile: (name) => this.rt.apparmor.get(name),
      rootless: this.rt.rootless,
    };
  }

  /** Image files per image and service-account mount: built once, copied for each container. */
  private readonly fsTemplates = new Map<string, ContainerFs>();

  private seedFs(image: StoredImage, hostname: string, sb: SandboxRec, mounts?: Mount[]): ContainerFs {
    const dns = sb.config.dnsConfig;
    const resolv = dns
      ? `search ${(dns.searches ?? []).join(" ")}\nnameserver ${(dns.servers ?? []).join("\nnameserver ")}\noptions ${(dns.options ?? []).join(" ")}\n`
      : "nameserver 10.96.0.10\n";
    // kubelet ensureHostsFile: a hostNetwork pod gets the node's own hosts file under its header
    const hostNetwork = sb.config.linux?.securityContext?.namespaceOptions?.network === "NODE";
    // the kubelet's managed hosts file, bind-mounted: what it wrote on the node for this pod
    const hostsMount = (mounts ?? []).find((m) => m.containerPath === "/etc/hosts");
    const kubeletHosts = hostsMount?.hostPath ? this.rt.fs.read(hostsMount.hostPath) : undefined;
    const files: Record<string, string> = {
      "/etc/hostname": `${hostname}\n`,
      "/etc/hosts":
        kubeletHosts !== undefined
          ? kubeletHosts
          : hostNetwork
            ? `# Kubernetes-managed hosts file (host network).\n${this.rt.fs.read("/etc/hosts") ?? ""}`
            : `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${sb.ip ?? ""}\t${hostname}\n`,
      "/etc/resolv.conf": resolv,
    };
    // the kubelet's projected kube-api-access volume: what in-pod clients (and the docs' init
    // example, `cat /var/run/secrets/kubernetes.io/serviceaccount/namespace`) read
    const serviceAccount = (mounts ?? []).some((m) => m.containerPath === SERVICE_ACCOUNT_DIR);
    if (serviceAccount) {
      files[`${SERVICE_ACCOUNT_DIR}/namespace`] = sb.config.metadata.namespace;
      files[`${SERVICE_ACCOUNT_DIR}/token`] =
        `eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbSJ9.${sb.config.metadata.uid}.sig`;
    }
    const key = `${image.id}${serviceAccount ? "+sa" : ""}`;
    let template = this.fsTemplates.get(key);
    if (!template) {
      template = imageFs(image, serviceAccount);
      this.fsTemplates.set(key, template);
    }
    return new ContainerFs(files, { from: template });
  }

  start(containerId: string): Deferred<Record<string, never>> {
    const rt = this.rt;
    return rt.reply(rt.rng.int(50, 100), () => {
      const c = this.get(containerId);
      if (!c) throw containerNotFound(containerId);
      rt.log(`StartContainer for "${c.id}"`);
      if (c.state !== ContainerState.CONTAINER_CREATED)
        throw new CriError(
          "Unknown",
          `failed to set starting state for container "${c.id}": container is in ${STATE_NAMES[c.state]} state`,
        );
      const sb = rt.sandboxes.get(c.sandboxId);
      if (!sb || sb.state !== PodSandboxState.SANDBOX_READY)
        throw new CriError("Unknown", `sandbox container "${c.sandboxId}" is not running`);
      const pod = rt.podOf(sb.config);
      const img = c.image.catalog;
      const argv = argvFor(img, c.config.command, c.config.args);
      const bins = binariesOf(img);
      // a seccomp filter that refuses execve: runc's exec of the resolved binary fails with EPERM
      const lookupErr =
        execLookupError(argv, bins) ??
        (c.security.seccompDeniesExec
          ? `exec ${resolvedExecPath(argv[0] ?? "", isBusyboxUserland(img))}: operation not permitted`
          : undefined);
      if (lookupErr) {
        // containerd: StartError, exit 128, startedAt never set (kubectl shows 1970-01-01)
        const msg = startFailed(lookupErr);
        c.state = ContainerState.CONTAINER_EXITED;
        c.exitCode = 128;
        c.reason = "StartError";
        c.message = msg;
        c.finishedAt = rt.wallNs();
        rt.trace.record({
          from: "shim",
          to: "kernel",
          kind: "kernel",
          summary: `exec ${argv[0] ?? ""} failed: ${c.security.seccompDeniesExec && !execLookupError(argv, bins) ? "seccomp refused execve" : "executable file not found"}`,
          detail: { error: msg },
          pod,
        });
        rt.log(
          `StartContainer for "${c.id}" failed`,
          { error: `failed to start containerd task "${c.id}": ${msg}` },
          "error",
        );
        this.emit(c, ContainerEventType.CONTAINER_STOPPED_EVENT);
        throw new CriError("Unknown", msg);
      }
      c.hostPid = rt.nextHostPid();
      const limit = c.memoryLimit > 0 ? String(c.memoryLimit) : "max";
      const cgroup = rt.config.systemdCgroup
        ? `/kubepods.slice/kubepods-pod${sb.config.metadata.uid.replace(/-/g, "_")}.slice/cri-containerd-${c.id}.scope`
        : `/kubepods/pod${sb.config.metadata.uid}/${c.id}`;
      rt.trace.record({
        from: "shim",
        to: "kernel",
        kind: "kernel",
        summary: `cgroup ${cgroup.slice(0, 48)}… memory.max=${limit}`,
        detail: { cgroup, "memory.max": limit },
        pod,
      });
      rt.trace.record({
        from: "shim",
        to: "kernel",
        kind: "kernel",
        summary: "namespaces mnt, pid created; net, ipc, uts joined from pause",
        detail: { netns: sb.netns },
        pod,
      });
      // runc applies the security context: identity, capabilities, seccomp, AppArmor, rootfs mode
      const sec = c.security;
      rt.trace.record({
        from: "shim",
        to: "kernel",
        kind: "kernel",
        summary: `uid ${sec.uid} gid ${sec.gid} · CapEff ${capHex(sec.capEff)} · seccomp ${sec.seccompMode === 2 ? "filter" : "off"} · apparmor ${sec.apparmor.replace(/ \(enforce\)$/, "")}${sec.readonlyRootfs ? " · rootfs ro" : ""}`,
        detail: {
          uid: sec.uid,
          gid: sec.gid,
          groups: sec.groups.join(","),
          capEff: capHex(sec.capEff),
          seccomp: sec.seccompProfile,
          apparmor: sec.apparmor,
          noNewPrivs: sec.noNewPrivs,
          readonlyRootfs: sec.readonlyRootfs,
        },
        pod,
      });
      c.state = ContainerState.CONTAINER_RUNNING;
      this.running.add(c);
      c.startedAt = rt.wallNs();
      const tty = c.stdin?.tty ? c.stdin : undefined;
      const proc = this.newProc(
        c,
        this.pidNamespaceOf(c) === c ? 1 : this.allocPid(c),
        sb,
        (s) => (tty ? tty.write(s) : this.writeLog(c, "stdout", s)),
        (s) => (tty ? tty.write(s) : this.writeLog(c, "stderr", s)),
        (code) => this.onMainExit(c, code),
        c.stdin,
      );
      c.main = proc;
      rt.trace.record({
        from: "shim",
        to: "kernel",
        kind: "kernel",
        summary: `process started · pid ${c.hostPid} · ${argv.join(" ").slice(0, 60)}`,
        detail: { pid: c.hostPid, argv },
        pod,
      });
      rt.log(`StartContainer for "${c.id}" returns successfully`);
      this.emit(c, ContainerEventType.CONTAINER_STARTED_EVENT);
      proc.start(programFor(argv)(proc));
      return {};
    });
  }

  /** Whose PID namespace the container's processes live in: its own, or its --target's (ephemeral containers). */
  private pidNamespaceOf(c: ContainerRec): ContainerRec {
    const ns = c.config.linux?.securityContext?.namespaceOptions;
    if (ns?.pid === "TARGET" && ns.targetId) return this.byId.get(ns.targetId) ?? c;
    return c;
  }

  /** The next PID in the container's PID namespace (PID 1 is its main process). */
  private allocPid(c: ContainerRec): number {
    const ns = this.pidNamespaceOf(c);
    const pid = ns.nextPid;
    ns.nextPid += 6;
    return pid;
  }

  /** The processes one PID namespace holds: the container's, and those of containers that target it. */
  private processTable(c: ContainerRec): { proc: Proc; owner: ContainerRec }[] {
    const ns = this.pidNamespaceOf(c);
    const members =
      ns === c && !this.hasTargeters(c)
        ? [c]
        : this.records().filter((x) => x === ns || this.pidNamespaceOf(x) === ns);
    const out: { proc: Proc; owner: ContainerRec }[] = [];
    for (const m of members)
      for (const p of [m.main, ...m.execs]) if (p && !p.exited) out.push({ proc: p, owner: m });
    return out.sort((a, b) => a.proc.pid - b.proc.pid);
  }

  /** The pod's containers (creation order) when `c` is in the pod-wide PID namespace (shareProcessNamespace). */
  private podPidNamespace(c: ContainerRec, sb: SandboxRec): ContainerRec[] | undefined {
    if (c.config.linux?.securityContext?.namespaceOptions?.pid !== "POD") return undefined;
    return [...sb.containers].map((id) => this.byId.get(id)).filter((x): x is ContainerRec => !!x);
  }

  /** /proc/<pid>/root/…: the root filesystem of the container that process lives in (the pod's, when PIDs are shared). */
  private procRoot(c: ContainerRec, sb: SandboxRec, path: string): string | undefined {
    const m = /^\/proc\/(\d+)\/root(\/.*)?$/.exec(path);
    if (!m) return undefined;
    const pid = Number(m[1]);
    const pod = this.podPidNamespace(c, sb);
    const owner = pod
      ? podProcessAt(pod, pid)?.owner
      : this.processTable(c).find((e) => e.proc.pid === pid)?.owner;
    return owner?.fs.read(m[2] ?? "/");
  }

  /** Some container (an ephemeral one with --target) shares this container's PID namespace. */
  private hasTargeters(c: ContainerRec): boolean {
    for (const x of this.byId.values())
      if (x !== c && x.config.linux?.securityContext?.namespaceOptions?.targetId === c.id) return true;
    return false;
  }

  private newProc(
    c: ContainerRec,
    pid: number,
    sb: SandboxRec,
    out: (s: string) => void,
    err: (s: string) => void,
    onExit: (code: number) => void,
    stdin?: TerminalStream,
  ): Proc {
    const img = c.image.catalog;
    return new Proc({
      clock: this.rt.clock,
      security: c.security,
      wallMs: () => this.rt.clock.wallMs(),
      pid,
      kind: img.program,
      version: img.version,
      hostname: c.env.get("HOSTNAME") ?? "",
      podIp: sb.ip ?? "",
      env: c.env,
      fs: c.fs,
      net: this.rt.processNetwork,
      busybox: isBusyboxUserland(img),
      bind: img.bind,
      bins: binariesOf(img),
      listeners: c.listeners,
      processes: (child) =>
        psRows(
          this.processTable(c),
          c,
          this.podPidNamespace(c, sb),
          child === undefined ? undefined : { pid: this.allocPid(c), command: child },
        ),
      signalPid: (target, signal) => {
        const pod = this.podPidNamespace(c, sb);
        if (pod) {
          // pod-wide PID namespace: any container's process (pause and nginx's workers take it silently)
          const hit = podProcessAt(pod, target);
          hit?.proc?.signal(signal);
          return !!hit;
        }
        const entry = this.processTable(c).find((e) => e.proc.pid === target);
        if (!entry) return false;
        entry.proc.signal(signal);
        return true;
      },
      stdin,
      cwd: c.config.workingDir || img.config.workingDir || "/",
      stdout: out,
      stderr: err,
      onMemory: () => this.checkMemory(c),
      onExit,
      cpuLimitCores: cpuLimitOf(c.config.linux?.resources),
      kernel: sb.kernel,
    });
  }

  /** containerd's CRI logger: one `<RFC3339Nano> <stream> F <line>` per complete line. */
  private writeLog(c: ContainerRec, stream: "stdout" | "stderr", text: string): void {
    const all = c.buf[stream] + text;
    const lines = all.split("\n");
    c.buf[stream] = lines.pop() ?? "";
    for (const line of lines) this.emitLine(c, stream, line, "F");
  }

  private emitLine(c: ContainerRec, stream: "stdout" | "stderr", line: string, tag: "F" | "P"): void {
    const ts = rfc3339Nano(this.rt.clock.wallMs());
    if (c.logPath) this.rt.fs.append(c.logPath, `${ts} ${stream} ${tag} ${line}\n`);
    this.rt.trace.record({
      from: "container",
      to: "logs",
      kind: "log",
      summary: line.length > 100 ? `${line.slice(0, 100)}…` : line,
      detail: { stream, container: c.config.metadata.name },
      pod: this.pod(c),
    });
  }

  private onMainExit(c: ContainerRec, code: number): void {
    const rt = this.rt;
    for (const s of ["stdout", "stderr"] as const)
      if (c.buf[s]) {
        // containerd redirectLogs: output left without a newline at EOF is a partial (P) entry
        this.emitLine(c, s, c.buf[s], "P");
        c.buf[s] = "";
      }
    c.cpuNanosDone += c.main?.cpuNanos ?? 0;
    for (const e of c.execs) e.finish(137);
    c.stdin?.finish(code);
    c.listeners.clear();
    c.state = ContainerState.CONTAINER_EXITED;
    this.running.delete(c);
    c.exitCode = code;
    c.finishedAt = rt.wallNs();
    c.reason = c.oomKilled ? "OOMKilled" : code === 0 ? "Completed" : "Error";
    rt.trace.record({
      from: "kernel",
      to: "shim",
      kind: "kernel",
      summary: `process ${c.hostPid} exited · code ${code}${c.oomKilled ? " (OOMKilled)" : ""}`,
      detail: { pid: c.hostPid, exitCode: code, reason: c.reason },
      pod: this.pod(c),
    });
    const secs = Math.floor(rt.clock.wallMs() / 1000);
    rt.log(
      `received exit event container_id:"${c.id}" id:"${c.id}" pid:${c.hostPid} exit_status:${code} exited_at:{seconds:${secs} nanos:${Math.round((rt.clock.wallMs() % 1000) * 1e6)}}`,
    );
    this.emit(c, ContainerEventType.CONTAINER_STOPPED_EVENT);
    const ws = c.stopWaiters;
    c.stopWaiters = [];
    for (const w of ws) w();
  }

  private memoryOf(c: ContainerRec): number {
    let n = c.main && !c.main.exited ? c.main.memoryBytes : 0;
    for (const e of c.execs) if (!e.exited) n += e.memoryBytes;
    return n;
  }

  /**
   * An upper bound of the node's memory in use: the last full count plus every rise reported since
   * (a process's memory only rises through setMemory; falls go unreported, so the bound only errs
   * high). The containers are counted again only when the bound nears the node's memory.
   */
  private memoryBound = 0;
  /** Each container's usage when it last reported (never below what it uses now). */
  private memorySeen = new WeakMap<ContainerRec, number>();

  /** The kernel's memcg OOM killer: usage above memory.max kills the container (cgroup v2 group kill). */
  private checkMemory(c: ContainerRec): void {
    if (c.state !== ContainerState.CONTAINER_RUNNING) return;
    const used = this.memoryOf(c);
    if (c.memoryLimit > 0 && used > c.memoryLimit) {
      this.oomKill(c, `memory.max=${c.memoryLimit}`, used);
      return;
    }
    const rise = used - (this.memorySeen.get(c) ?? 0);
    this.memorySeen.set(c, used);
    if (rise > 0) this.memoryBound += rise;
    if (this.memoryBound > this.rt.nodeMemoryBytes) this.checkNodeMemory();
  }

  /** Count every running container (and the node's own pressure): above the node's memory, the global OOM killer. */
  checkNodeMemory(): void {
    let total = this.rt.nodeMemoryPressureBytes;
    for (const c of this.running) {
      const used = this.memoryOf(c);
      this.memorySeen.set(c, used);
      total += used;
    }
    this.memoryBound = total;
    if (total <= this.rt.nodeMemoryBytes || this.running.size === 0) return;
    const running = this.records().filter((c) => this.running.has(c));
    // global OOM: the kernel picks the biggest consumer
    const victim = running.reduce((a, b) => (this.memoryOf(b) > this.memoryOf(a) ? b : a));
    this.oomKill(victim, "node out of memory", this.memoryOf(victim));
  }

  private oomKill(c: ContainerRec, constraint: string, used: number): void {
    c.oomKilled = true;
    const proc = c.main?.kind === "stress" ? "stress" : (c.image.catalog.program as string);
    this.rt.trace.record({
      from: "kernel",
      to: "container",
      kind: "kernel",
      summary: `OOM kill ${c.config.metadata.name}: ${Math.round(used / 1048576)}Mi > ${constraint}`,
      detail: { task: proc, pid: c.hostPid, usedBytes: used, limitBytes: c.memoryLimit },
      pod: this.pod(c),
    });
    this.rt.log(`TaskOOM event container_id:"${c.id}"`);
    c.main?.finish(137);
  }

  stop(containerId: string, timeout: number): Deferred<Record<string, never>> {
    const rt = this.rt;
    const d = new Deferred<Record<string, never>>();
    const outer = rt.reply(rt.rng.int(2, 6), () => {
      const c = this.get(containerId);
      if (!c) throw containerNotFound(containerId);
      return c;
    });
    outer.onSettle((r) => {
      if (!r.ok) return d.reject(r.error);
      const c = r.value;
      rt.log(`StopContainer for "${c.id}" with timeout ${timeout} (s)`);
      const done = () => {
        rt.log(`StopContainer for "${c.id}" returns successfully`);
        d.resolve({});
      };
      if (c.state !== ContainerState.CONTAINER_RUNNING || !c.main) {
        // idempotent; a created-but-never-started container just becomes exited
        if (c.state === ContainerState.CONTAINER_CREATED) {
          c.state = ContainerState.CONTAINER_EXITED;
          c.finishedAt = rt.wallNs();
        }
        return done();
      }
      c.stopWaiters.push(done);
      const sig = c.config.stopSignal || c.image.catalog.config.stopSignal || "SIGTERM";
      if (timeout > 0) {
        rt.log(`Stop container "${c.id}" with signal ${SIGNAL_TEXT[sig] ?? sig.toLowerCase()}`);
        rt.trace.record({
          from: "shim",
          to: "container",
          kind: "kernel",
          summary: `${sig} → pid ${c.hostPid} (grace ${timeout}s)`,
          pod: this.pod(c),
        });
        c.main.signal(sig);
      }
      if (c.state === ContainerState.CONTAINER_RUNNING) {
        rt.clock.setTimer(Math.max(0, timeout) * 1000, () => {
          if (c.state !== ContainerState.CONTAINER_RUNNING) return;
          rt.log(`Kill container "${c.id}"`);
          rt.trace.record({
            from: "shim",
            to: "container",
            kind: "kernel",
            summary: `SIGKILL → pid ${c.hostPid}`,
            pod: this.pod(c),
          });
          c.main?.signal("SIGKILL");
        });
      }
    });
    return d;
  }

  /** SIGKILL now (StopPodSandbox, RemoveContainer of a running container). */
  killNow(id: string): void {
    const c = this.byId.get(id);
    if (!c) return;
    if (c.state === ContainerState.CONTAINER_RUNNING) c.main?.signal("SIGKILL");
    else if (c.state === ContainerState.CONTAINER_CREATED) {
      c.state = ContainerState.CONTAINER_EXITED;
      c.finishedAt = this.rt.wallNs();
    }
  }

  removeNow(id: string): void {
    const c = this.get(id);
    if (!c) return; // idempotent
    this.rt.log(`RemoveContainer for "${c.id}"`);
    this.killNow(c.id);
    this.byId.delete(c.id);
    this.running.delete(c);
    this.rt.sandboxes.get(c.sandboxId)?.containers.delete(c.id);
    this.emit(c, ContainerEventType.CONTAINER_DELETED_EVENT);
    this.rt.log(`RemoveContainer for "${c.id}" returns successfully`);
  }

  /** ListContainers runs every second (PLEG relist): reuse each record's answer until its state changes. */
  private readonly listCache = new WeakMap<ContainerRec, { state: number; value: Container }>();

  toContainer(c: ContainerRec): Container {
    const hit = this.listCache.get(c);
    if (hit && hit.state === c.state) return hit.value;
    const value = this.buildContainer(c);
    this.listCache.set(c, { state: c.state, value: Object.freeze(value) });
    return value;
  }

  private buildContainer(c: ContainerRec): Container {
    return {
      id: c.id,
      podSandboxId: c.sandboxId,
      metadata: { ...c.config.metadata },
      // containerd toCRIContainer: the ImageSpec as created (the kubelet sends the image ID; crictl a name).
      image: { ...c.config.image },
      imageRef: c.image.id,
      imageId: c.image.id,
      state: c.state,
      createdAt: c.createdAt,
      labels: { ...(c.config.labels ?? {}) },
      annotations: { ...(c.config.annotations ?? {}) },
    };
  }

  list(f?: ContainerFilter): Container[] {
    const out: Container[] = [];
    for (const c of this.byId.values()) {
      if (f?.id && !c.id.startsWith(f.id)) continue;
      if (f?.state !== undefined && c.state !== f.state.state) continue;
      if (f?.podSandboxId && !c.sandboxId.startsWith(f.podSandboxId)) continue;
      if (!matchLabels(c.config.labels, f?.labelSelector)) continue;
      out.push(this.toContainer(c));
    }
    return out;
  }

  /**
   * PLEG asks ContainerStatus for every container of a pod that changed, exited ones included: answer
   * with the same frozen object while nothing it is built from has changed.
   */
  private readonly statusCache = new WeakMap<ContainerRec, { key: readonly unknown[]; value: StatusView }>();

  toStatus(c: ContainerRec): StatusView {
    const key = [
      c.state,
      c.startedAt,
      c.finishedAt,
      c.exitCode,
      c.reason,
      c.message,
      c.memoryLimit,
      c.config,
    ];
    const hit = this.statusCache.get(c);
    if (hit?.key.every((v, i) => v === key[i])) return hit.value;
    const value = deepFreeze(buildStatus(c));
    this.statusCache.set(c, { key, value });
    return value;
  }

  status(id: string, verbose: boolean): ContainerStatusResponse {
    const c = this.get(id);
    if (!c) throw containerNotFound(id);
    const resp: ContainerStatusResponse = { status: this.toStatus(c) };
    if (verbose) {
      const sb = this.rt.sandboxes.get(c.sandboxId);
      resp.info = {
        info: JSON.stringify({
          sandboxID: c.sandboxId,
          pid: c.state === ContainerState.CONTAINER_RUNNING ? c.hostPid : 0,
          removing: false,
          snapshotKey: c.id,
          snapshotter: this.rt.config.snapshotter,
          runtimeType: sb?.runtimeType ?? "io.containerd.runc.v2",
          runtimeOptions: { systemd_cgroup: this.rt.config.systemdCgroup },
          config: c.config,
          runtimeSpec: (() => {
            const v = containerSpecView(
              c.config,
              c.security,
              sb?.pid ?? 0,
              sb?.config.linux?.cgroupParent,
              c.id,
            );
            return {
              ociVersion: "1.2.1",
              process: {
                user: v.user,
                args: argvFor(c.image.catalog, c.config.command, c.config.args),
                env: [...c.env].map(([k, v]) => `${k}=${v}`),
                cwd: c.config.workingDir || c.image.catalog.config.workingDir || "/",
                capabilities: v.capabilities,
                apparmorProfile: v.apparmorProfile,
                noNewPrivileges: v.noNewPrivileges,
              },
              root: v.root,
              linux: {
                resources: { memory: c.memoryLimit > 0 ? { limit: c.memoryLimit } : {} },
                cgroupsPath: v.cgroupsPath,
                namespaces: v.namespaces,
                seccomp: v.seccomp,
              },
            };
          })(),
        }),
      };
    }
    return resp;
  }

  update(id: string, linux?: LinuxContainerResources): void {
    const c = this.get(id);
    if (!c) throw containerNotFound(id);
    if (linux?.memoryLimitInBytes !== undefined) {
      c.memoryLimit = linux.memoryLimitInBytes;
      this.rt.trace.record({
        from: "shim",
        to: "kernel",
        kind: "kernel",
        summary: `memory.max=${c.memoryLimit || "max"} for ${c.config.metadata.name}`,
        pod: this.pod(c),
      });
      this.checkMemory(c);
    }
    c.config = {
      ...c.config,
      linux: { ...c.config.linux, resources: { ...c.config.linux?.resources, ...linux } },
    };
  }

  execSync(id: string, cmd: string[], timeout: number): Deferred<ExecSyncResponse> {
    const rt = this.rt;
    const d = new Deferred<ExecSyncResponse>();
    const pre = rt.reply(rt.rng.int(3, 8), () => {
      const c = this.get(id);
      // containerd ExecSync → execInContainer: `failed to exec in container: …` around the store lookup.
      if (!c)
        throw new CriError(
          "NotFound",
          `failed to exec in container: failed to find container "${id}" in store: not found`,
        );
      if (c.state !== ContainerState.CONTAINER_RUNNING)
        throw new CriError(
          "Unknown",
          `failed to exec in container: container is in ${STATE_NAMES[c.state]} state`,
        );
      const execId = rt.rng.hex(64);
      const err = execLookupError(cmd, binariesOf(c.image.catalog));
      if (err) throw new CriError("Unknown", execStartFailed(execId, err));
      return c;
    });
    pre.onSettle((r) => {
      if (!r.ok) return d.reject(r.error);
      const c = r.value;
      const sb = rt.sandboxes.get(c.sandboxId)!;
      let stdout = "";
      let stderr = "";
      let timer: import("../clock").TimerHandle | undefined;
      const proc = this.newProc(
        c,
        this.allocPid(c),
        sb,
        (s) => (stdout += s),
        (s) => (stderr += s),
        (code) => {
          c.execs.delete(proc);
          c.cpuNanosDone += proc.cpuNanos;
          rt.clock.cancel(timer);
          if (!d.settled) d.resolve({ stdout, stderr, exitCode: code });
        },
      );
      c.execs.add(proc);
      c.execCommands.set(proc, cmd.join(" "));
      if (timeout > 0)
        timer = rt.clock.setTimer(timeout * 1000, () => {
          if (d.settled) return;
          d.reject(
            new CriError(
              "DeadlineExceeded",
              `failed to exec in container: timeout ${timeout}s exceeded: context deadline exceeded`,
            ),
          );
          proc.finish(137);
        });
      // a hung container's processes never answer: the exec only ends by timeout
      if (c.hung) return;
      proc.start(programFor(cmd)(proc));
    });
    return d;
  }

  /**
   * CRI Exec / Attach: containerd checks the container is running and hands back a URL on its
   * streaming server (stream_server_address 127.0.0.1, a free port); the process starts, or the
   * attach happens, when the client connects to it.
   */
  streamUrl(req: StreamRequest): Deferred<{ url: string }> {
    const rt = this.rt;
    return rt.reply(rt.rng.int(2, 5), () => {
      const c = this.get(req.containerId);
      if (!c) throw containerNotFound(req.containerId);
      if (c.state !== ContainerState.CONTAINER_RUNNING)
        throw new CriError("Unknown", `container is in ${STATE_NAMES[c.state]} state`);
      this.streamPort ||= rt.rng.int(32768, 60999);
      // a random token per request (the kubelet streaming library's request cache)
      const token = rt.rng.suffix(8);
      this.streamRequests.set(token, { ...req, containerId: c.id });
      return { url: `http://127.0.0.1:${this.streamPort}/${req.kind}/${token}` };
    });
  }

  /** A client connects to a streaming URL: the exec'd process starts on a new terminal, or attach joins the main one. */
  connectStream(url: string): { stream: TerminalStream } | { error: string } {
    const rt = this.rt;
    const token = url.slice(url.lastIndexOf("/") + 1);
    const req = this.streamRequests.get(token);
    this.streamRequests.delete(token);
    if (!req) return { error: "unable to upgrade connection: 404 page not found" };
    const c = this.get(req.containerId);
    if (!c || c.state !== ContainerState.CONTAINER_RUNNING)
      return { error: `container ${req.containerId} is not running` };
    const sb = rt.sandboxes.get(c.sandboxId)!;
    if (req.kind === "attach") {
      if (!c.stdin) return { error: "stdin is not enabled for this container" };
      // an attach sees what is written from now on (containerd keeps no scrollback)
      c.stdin.take();
      return { stream: c.stdin };
    }
    const execId = rt.rng.hex(64);
    const err = execLookupError(req.cmd, binariesOf(c.image.catalog));
    if (err) return { error: execStartFailed(execId, err) };
    const stream = new TerminalStream({ tty: req.tty });
    const proc = this.newProc(
      c,
      this.allocPid(c),
      sb,
      (s) => stream.write(s),
      (s) => stream.write(s),
      (code) => {
        c.execs.delete(proc);
        c.cpuNanosDone += proc.cpuNanos;
        stream.finish(code);
      },
      req.stdin ? stream : undefined,
    );
    c.execs.add(proc);
    c.execCommands.set(proc, req.cmd.join(" "));
    rt.trace.record({
      from: "shim",
      to: "kernel",
      kind: "kernel",
      summary: `exec ${req.cmd.join(" ").slice(0, 40)} · pid ${proc.pid} in ${c.config.metadata.name}${req.tty ? " (tty)" : ""}`,
      detail: { execId, cmd: req.cmd.join(" "), tty: req.tty },
      pod: this.pod(c),
    });
    if (!c.hung) proc.start(programFor(req.cmd)(proc));
    return { stream };
  }

  stats(c: ContainerRec): ContainerStats {
    const ts = this.rt.wallNs();
    const cpu = c.cpuNanosDone + (c.main && !c.main.exited ? c.main.cpuUsageNanos() : 0);
    const mem = this.memoryOf(c);
    return {
      attributes: {
        id: c.id,
        metadata: { ...c.config.metadata },
        labels: { ...(c.config.labels ?? {}) },
        annotations: { ...(c.config.annotations ?? {}) },
      },
      cpu: {
        timestamp: ts,
        usageCoreNanoSeconds: { value: Math.round(cpu) },
        usageNanoCores: { value: Math.round((c.main?.cpuCores ?? 0) * 1e9) },
      },
      memory: {
        timestamp: ts,
        workingSetBytes: { value: mem },
        usageBytes: { value: mem },
        rssBytes: { value: mem },
      },
      writableLayer: {
        timestamp: ts,
        fsId: { mountpoint: "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs" },
        usedBytes: { value: c.fs.bytes() + 4096 },
        inodesUsed: { value: 3 },
      },
    };
  }

  /** Who answers on ip:port — a running container of the sandbox owning that IP. */
  listenerAt(
    ip: string,
    port: number,
  ):
    | { hung: boolean; handler: () => ((req: HttpRequest) => HttpReply) | undefined }
    | undefined
    | "unreachable" {
    let sb: SandboxRec | undefined;
    for (const s of this.rt.sandboxes.values())
      if (s.ip === ip && s.state === PodSandboxState.SANDBOX_READY) {
        sb = s;
        break;
      }
    if (!sb) return "unreachable";
    for (const cid of sb.containers) {
      const c = this.byId.get(cid);
      if (c?.state === ContainerState.CONTAINER_RUNNING && c.listeners.has(port))
        return {
          hung: c.hung,
          handler: () => (c.state === ContainerState.CONTAINER_RUNNING ? c.listeners.get(port) : undefined),
        };
    }
    return undefined;
  }

  crash(key: string, exitCode: number): void {
    const c = this.byIdOrName(key);
    if (c?.state === ContainerState.CONTAINER_RUNNING) c.main?.finish(exitCode);
  }
}

export { sandboxNotFound };

/** The top-level directories of an image's rootfs (`ls /`): busybox's, Alpine's or Debian's layout. */
/**
 * The catalog's images carry no build date: their files all show this one, older than six months,
 * so `ls -l` prints a year for them as it usually does for an image's files.
 */
const IMAGE_FILES_MTIME = parseRfc3339("2024-12-02T00:00:00Z");

/**
 * An image's own files under a container's per-pod ones (hostname, hosts, resolv.conf, the
 * service-account namespace and token: empty here, written per container), in the order a container
 * gets them.
 */
function imageFs(image: StoredImage, serviceAccount: boolean): ContainerFs {
  const busybox = isBusyboxUserland(image.catalog);
  const files: Record<string, string> = { "/etc/hostname": "", "/etc/hosts": "", "/etc/resolv.conf": "" };
  // the base distribution's own file (Alpine, Debian, Ubuntu…); the busybox image has none
  const osRelease = osReleaseOf(image.catalog);
  if (osRelease) files["/etc/os-release"] = osRelease;
  const users = imageUserDb(image.catalog, busybox);
  files["/etc/passwd"] = users.passwd;
  files["/etc/group"] = users.group;
  if (serviceAccount) {
    files[`${SERVICE_ACCOUNT_DIR}/namespace`] = "";
    files[`${SERVICE_ACCOUNT_DIR}/token`] = "";
    files[`${SERVICE_ACCOUNT_DIR}/ca.crt`] = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
  }
  if (image.catalog.program === "nginx") {
    // nginx-unprivileged drops `user`, keeps its pid in /tmp and listens on 8080
    const unprivileged = image.catalog.config.user === "101";
    files["/usr/share/nginx/html/index.html"] = NGINX_WELCOME;
    files["/etc/nginx/nginx.conf"] = unprivileged
      ? "worker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /tmp/nginx.pid;\n"
      : `\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n${NGINX_CONF_BLOCKS}`;
    files["/etc/nginx/conf.d/default.conf"] =
      `server {\n    listen       ${unprivileged ? 8080 : 80};\n    server_name  localhost;\n}\n`;
  }
  const fs = new ContainerFs(files, { imageTime: IMAGE_FILES_MTIME });
  for (const d of rootDirs(image.catalog.program, busybox)) fs.mkdirp(d);
  if (image.catalog.program === "nginx") fs.mkdirp("/docker-entrypoint.d");
  return fs;
}

function rootDirs(program: string, busybox: boolean): string[] {
  if (program === "pause" || program === "etcd" || program === "http-echo") return [];
  if (program === "busybox") return ["/lib", "/lib64"];
  const shared = ["/lib", "/media", "/mnt", "/opt", "/run", "/sbin", "/srv", "/var/tmp"];
  return busybox ? shared : [...shared, "/boot", "/lib64"];
}

/** The CFS quota as cores (cpu_quota / cpu_period); undefined when unlimited. */
function buildStatus(c: ContainerRec) {
  const { uid, gid, additionalGids } = c.security;
  // Written out field by field: spreading buildContainer's fresh object and then adding fields
  // is a slow path in V8 (this runs for every ContainerStatus call and container event).
  return {
    id: c.id,
    podSandboxId: c.sandboxId,
    metadata: { ...c.config.metadata },
    image: { image: c.image.repoTags[0] ?? c.image.id },
    imageRef: c.image.repoDigests[0] ?? c.image.id,
    imageId: c.image.id,
    state: c.state,
    createdAt: c.createdAt,
    labels: { ...(c.config.labels ?? {}) },
    annotations: { ...(c.config.annotations ?? {}) },
    startedAt: c.startedAt,
    finishedAt: c.finishedAt,
    exitCode: c.exitCode,
    reason: c.reason,
    message: c.message,
    mounts: [...(c.config.mounts ?? [])],
    logPath: c.logPath,
    resources: { linux: { ...(c.config.linux?.resources ?? {}), memoryLimitInBytes: c.memoryLimit } },
    // containerd reports the spec's process user: uid, gid and the additional GIDs
    user: { linux: { uid, gid, supplementalGroups: [...additionalGids] } },
    stopSignal: c.config.stopSignal || c.image.catalog.config.stopSignal || "SIGTERM",
  };
}

function cpuLimitOf(r: { cpuQuota?: number; cpuPeriod?: number } | undefined): number | undefined {
  if (!r?.cpuQuota || r.cpuQuota <= 0) return undefined;
  return r.cpuQuota / (r.cpuPeriod || 100_000);
}

const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

/** The rest of the nginx image's /etc/nginx/nginx.conf (the Debian package's): events and http blocks. */
const NGINX_CONF_BLOCKS = `

events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

/** The path exec.LookPath hands to execve: a path as given; a bare name from PATH (busybox in /bin). */
function resolvedExecPath(name: string, busybox: boolean): string {
  if (name.includes("/")) return name;
  return busybox ? `/bin/${name}` : `/usr/bin/${name}`;
}
