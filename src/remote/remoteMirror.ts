// The page's copy of what the real runtime holds for this session, for what the shell and panels
// read synchronously: the CRI log files (kubectl logs / crictl logs read /var/log/pods/** from the
// node's files, as on a real node) and the lists a NodeSnapshot shows. Refreshed every second and
// on demand (before a `logs` command); reads go through the backend's session-scoped ReadLog.
import type { Container, Image, StatusResponse } from "../sim/cri/types";
import type { NodeFs } from "../sim/node/fs";
import type { SandboxView } from "../sim/node/types";
import type { RemoteRuntime } from "./remoteRuntime";

interface LogCursor {
  path: string;
  /** Bytes of the real file already copied. */
  offset: number;
}

export class RemoteMirror {
  sandboxes: SandboxView[] = [];
  containers: Container[] = [];
  images: Image[] = [];
  status: StatusResponse | undefined;
  imageFs = { usedBytes: 0, capacityBytes: 0 };
  private readonly logs = new Map<string, LogCursor>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly rt: RemoteRuntime,
    private readonly fs: NodeFs,
  ) {}

  start(periodMs = 1000): this {
    if (!this.timer) this.timer = setInterval(() => void this.refresh().catch(() => {}), periodMs);
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One refresh (concurrent callers share it). Errors (runtime down) leave the last picture. */
  refresh(): Promise<void> {
    if (!this.inFlight) this.inFlight = this.doRefresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Copy new log lines of every session container into the node's files. */
  async syncLogs(): Promise<void> {
    const { containers = [] } = await this.rt.listContainers({}).toPromise();
    this.containers = containers;
    await this.copyLogs(containers);
  }

  private async doRefresh(): Promise<void> {
    if (!this.rt.state.connected) return;
    const [sb, ct, im] = await Promise.all([
      this.rt.listPodSandbox({}).toPromise(),
      this.rt.listContainers({}).toPromise(),
      this.rt.listImages({}).toPromise(),
    ]);
    const views: SandboxView[] = [];
    for (const s of sb.items ?? []) {
      const prev = this.sandboxes.find((v) => v.sandbox.id === s.id);
      let ip = prev?.ip;
      if (ip === undefined && s.state === 0) {
        const st = await this.rt
          .podSandboxStatus({ podSandboxId: s.id })
          .toPromise()
          .catch(() => undefined);
        ip = st?.status.network?.ip || undefined;
      }
      views.push({ sandbox: s, ip });
    }
    this.sandboxes = views;
    this.containers = ct.containers ?? [];
    this.images = im.images ?? [];
    this.status = await this.rt
      .status({})
      .toPromise()
      .catch(() => undefined);
    const fsInfo = await this.rt
      .imageFsInfo({})
      .toPromise()
      .catch(() => undefined);
    const used = fsInfo?.imageFilesystems?.[0]?.usedBytes?.value;
    if (used !== undefined) this.imageFs = { ...this.imageFs, usedBytes: used };
    await this.copyLogs(this.containers);
  }

  private async copyLogs(containers: Container[]): Promise<void> {
    for (const c of containers) {
      const cur = this.logs.get(c.id);
      // A removed container's file stays as the last copy (kubectl logs -p reads the previous instance).
      const r = await this.rt
        .readLog({ containerId: c.id, offset: cur?.offset ?? 0 })
        .toPromise()
        .catch(() => undefined);
      if (!r) continue;
      if (!cur || r.offset < cur.offset) {
        // first read, or the file was rotated / recreated: start the copy over
        this.fs.write(r.path, r.content);
      } else if (r.content) this.fs.append(r.path, r.content);
      this.logs.set(c.id, { path: r.path, offset: r.offset + utf8Length(r.content) });
    }
  }
}

/** Bytes of a string in UTF-8 (the backend's offsets count file bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
