// What each flavour's daemons write to the journal for the same CRI work. The shared engine logs
// containerd's CRI-plugin lines (simRuntime.ts, containerOps.ts); on another flavour a voice turns
// each one into what CRI-O, dockerd, docker's containerd or cri-dockerd would write instead.
// cri-o: server/*.go log.Infof lines (observed: `Ran pod sandbox <id> with infra container: ns/pod/POD`
// id=<uuid> name=/runtime.v1.RuntimeService/RunPodSandbox); dockerd/containerd: lines seen in the
// journal of a Docker host running Kubernetes pods; cri-dockerd: core/sandbox_helpers.go.
import { containerdLogLine } from "../daemon";
import type { RuntimeFlavour } from "./spec";

type Fields = Record<string, string | number>;
type Level = "info" | "warning" | "error";

/** What a voice may look up: the sandbox/container behind an ID, the daemons' PIDs, the journal. */
export interface VoiceContext {
  wallMs(): number;
  append(unit: string, ident: string, message: string): void;
  pid(unit: string): number;
  sandbox(
    id: string,
  ):
    | { id: string; name: string; namespace: string; uid: string; netns: string; pid: number; dns?: string[] }
    | undefined;
  container(id: string): { id: string; name: string; sandboxId: string; hostPid: number } | undefined;
  /** A request ID as CRI-O tags each gRPC call's lines (deterministic, no RNG draw). */
  requestId(): string;
}

export type Voice = (level: Level, msg: string, fields?: Fields) => void;

const META =
  /^RunPodSandbox for &PodSandboxMetadata\{Name:([^,]*),Uid:([^,]*),Namespace:([^,]*),Attempt:(\d+),\}/;

export function makeVoice(flavour: RuntimeFlavour, ctx: VoiceContext): Voice | undefined {
  if (flavour === "crio") return crioVoice(ctx);
  if (flavour === "docker" || flavour === "cri-dockerd") return dockerVoice(ctx, flavour);
  return undefined;
}

/** A pseudo-UUID from a counter (splitmix-style mixing), so CRI-O's request ids look real and replay identically. */
export function counterUuid(n: number, salt = 0x9e3779b9): string {
  let h = "";
  let x = (n * 2654435761 + salt) >>> 0;
  for (let i = 0; i < 4; i++) {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    h += x.toString(16).padStart(8, "0");
  }
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function crioVoice(ctx: VoiceContext): Voice {
  // one request id per gRPC call: the lines of one call share it
  const open = new Map<string, string>();
  const say = (msg: string, method: string, fields: Fields = {}, key = "") => {
    const k = `${method} ${key}`;
    let id = open.get(k);
    if (!id) {
      id = ctx.requestId();
      open.set(k, id);
      if (open.size > 500) open.delete(open.keys().next().value as string);
    }
    ctx.append(
      "crio",
      `crio[${ctx.pid("crio")}]`,
      containerdLogLine(ctx.wallMs(), "info", msg, { ...fields, id, name: `/runtime.v1.${method}` }),
    );
  };
  const done = (method: string, key: string) => open.delete(`${method} ${key}`);
  const desc = (cid: string) => {
    const c = ctx.container(cid);
    const sb = c ? ctx.sandbox(c.sandboxId) : undefined;
    return c && sb ? `${sb.namespace}/${sb.name}/${c.name}` : cid;
  };
  const podNetwork = (id: string) => {
    const sb = ctx.sandbox(id);
    if (!sb) return undefined;
    return {
      sb,
      line: `Got pod network &{Name:${sb.name} Namespace:${sb.namespace} ID:${sb.id} UID:${sb.uid} NetNS:${sb.netns} Networks:[{Name:crio Ifname:eth0}] RuntimeConfig:map[crio:{IP: MAC: PortMappings:[] Bandwidth:<nil> IpRanges:[] CgroupPath: PodAnnotations:0xc0004a6f28}] Aliases:map[]}`,
    };
  };
  const RS = "RuntimeService";
  const rules: Rule[] = [
    [
      /^CreateContainer within sandbox "([0-9a-f]+)" for container &ContainerMetadata\{Name:([^,]*),/,
      (m) => {
        const sb = ctx.sandbox(m[1]);
        const d = `${sb ? `${sb.namespace}/${sb.name}` : m[1]}/${m[2]}`;
        say(`Creating container: ${d}`, `${RS}/CreateContainer`, {}, d);
      },
    ],
    [
      /^CreateContainer within sandbox .* returns container id "([0-9a-f]+)"$/,
      (m) => {
        const d = desc(m[1]);
        say(`Created container ${m[1]}: ${d}`, `${RS}/CreateContainer`, {}, d);
        done(`${RS}/CreateContainer`, d);
      },
    ],
    [
      /^StartContainer for "([0-9a-f]+)"$/,
      (m) => say(`Starting container: ${m[1]}`, `${RS}/StartContainer`, {}, m[1]),
    ],
    [
      /^StartContainer for "([0-9a-f]+)" returns successfully$/,
      (m) => {
        const c = ctx.container(m[1]);
        say(
          "Started container",
          `${RS}/StartContainer`,
          { PID: c?.hostPid ?? 0, containerID: m[1], description: desc(m[1]), sandboxID: c?.sandboxId ?? "" },
          m[1],
        );
        done(`${RS}/StartContainer`, m[1]);
      },
    ],
    [
      /^StopContainer for "([0-9a-f]+)" with timeout (\d+) \(s\)$/,
      (m) => say(`Stopping container: ${m[1]} (timeout: ${m[2]}s)`, `${RS}/StopContainer`, {}, m[1]),
    ],
    [
      /^StopContainer for "([0-9a-f]+)" returns successfully$/,
      (m) => {
        say(`Stopped container ${m[1]}: ${desc(m[1])}`, `${RS}/StopContainer`, {}, m[1]);
        done(`${RS}/StopContainer`, m[1]);
      },
    ],
    [
      /^StopPodSandbox for "([0-9a-f]+)"$/,
      (m) => say(`Stopping pod sandbox: ${m[1]}`, `${RS}/StopPodSandbox`, {}, m[1]),
    ],
    [
      /^TearDown network for sandbox "([0-9a-f]+)" successfully$/,
      (m) => {
        const net = podNetwork(m[1]);
        if (!net) return;
        say(net.line, `${RS}/StopPodSandbox`, {}, m[1]);
        say(
          `Deleting pod ${net.sb.namespace}_${net.sb.name} from CNI network "crio" (type=bridge)`,
          `${RS}/StopPodSandbox`,
          {},
          m[1],
        );
      },
    ],
    [
      /^StopPodSandbox for "([0-9a-f]+)" returns successfully$/,
      (m) => {
        say(`Stopped pod sandbox: ${m[1]}`, `${RS}/StopPodSandbox`, {}, m[1]);
        done(`${RS}/StopPodSandbox`, m[1]);
      },
    ],
    [
      /^RemoveContainer for "([0-9a-f]+)"$/,
      (m) => say(`Removing container: ${m[1]}`, `${RS}/RemoveContainer`, {}, m[1]),
    ],
    [
      /^RemoveContainer for "([0-9a-f]+)" returns successfully$/,
      (m) => {
        say(`Removed container ${m[1]}: ${desc(m[1])}`, `${RS}/RemoveContainer`, {}, m[1]);
        done(`${RS}/RemoveContainer`, m[1]);
      },
    ],
    [
      /^RemovePodSandbox for "([0-9a-f]+)"$/,
      (m) => say(`Removing pod sandbox: ${m[1]}`, `${RS}/RemovePodSandbox`, {}, m[1]),
    ],
    [
      /^RemovePodSandbox "([0-9a-f]+)" returns successfully$/,
      (m) => {
        say(`Removed pod sandbox: ${m[1]}`, `${RS}/RemovePodSandbox`, {}, m[1]);
        done(`${RS}/RemovePodSandbox`, m[1]);
      },
    ],
    [
      /^PullImage ("[^"]*")$/,
      (m) => {
        const ref = JSON.parse(m[1]) as string;
        say(`Pulling image: ${ref}`, "ImageService/PullImage", {}, ref);
        say(`Trying to access ${JSON.stringify(qualify(ref))}`, "ImageService/PullImage", {}, ref);
      },
    ],
    [
      /^Pulled image ("[^"]*") .* repo digest ("[^"]*")/,
      (m) => {
        const ref = JSON.parse(m[1]) as string;
        say(`Pulled image: ${JSON.parse(m[2]) as string}`, "ImageService/PullImage", {}, ref);
        done("ImageService/PullImage", ref);
      },
    ],
    [
      /^RemoveImage ("[^"]*")$/,
      (m) => say(`Removing image: ${JSON.parse(m[1]) as string}`, "ImageService/RemoveImage"),
    ],
    // containerd's event lines (exit, OOM, ImageCreate…) have no CRI-O twin at info level: conmon
    // writes the exit file and CRI-O reads it silently.
  ];
  return (_level, msg) => {
    const meta = META.exec(msg);
    if (meta) {
      const [, name, , ns] = meta;
      const key = `${ns}/${name}`;
      const M = `${RS}/RunPodSandbox`;
      const ret = / returns sandbox id "([0-9a-f]+)"$/.exec(msg);
      if (ret) {
        const net = podNetwork(ret[1]);
        if (net) {
          say(net.line, M, {}, key);
          say(`Adding pod ${ns}_${name} to CNI network "crio" (type=bridge)`, M, {}, key);
        }
        say(`Ran pod sandbox ${ret[1]} with infra container: ${ns}/${name}/POD`, M, {}, key);
        done(M, key);
      } else if (msg.includes(" failed, error")) done(M, key);
      else say(`Running pod sandbox: ${ns}/${name}/POD`, M, {}, key);
      return;
    }
    dispatch(rules, msg);
  };
}

type Rule = [RegExp, (m: RegExpExecArray) => void];

/** Run the first rule whose pattern matches the message. */
function dispatch(rules: Rule[], msg: string): void {
  for (const [re, fn] of rules) {
    const m = re.exec(msg);
    if (m) {
      fn(m);
      return;
    }
  }
}

/** `nginx:1.27` → `docker.io/library/nginx:1.27` (containers/image's short-name expansion). */
function qualify(ref: string): string {
  const first = ref.split("/")[0];
  if (ref.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost")) return ref;
  return ref.includes("/") ? `docker.io/${ref}` : `docker.io/library/${ref}`;
}

function dockerVoice(ctx: VoiceContext, flavour: RuntimeFlavour): Voice {
  const dockerd = (msg: string, fields: Fields) =>
    ctx.append(
      "docker",
      `dockerd[${ctx.pid("docker")}]`,
      containerdLogLine(ctx.wallMs(), "info", msg, fields),
    );
  const containerd = (msg: string, fields: Fields) =>
    ctx.append(
      "containerd",
      `containerd[${ctx.pid("containerd")}]`,
      containerdLogLine(ctx.wallMs(), "info", msg, fields),
    );
  // Docker gives each container (pause included) its own containerd task and shim in namespace "moby".
  const shimStarted = (id: string, shimPid: number) => {
    for (const [plugin, type] of [
      ["io.containerd.event.v1.publisher", "io.containerd.event.v1"],
      ["io.containerd.internal.v1.shutdown", "io.containerd.internal.v1"],
      ["io.containerd.ttrpc.v1.task", "io.containerd.ttrpc.v1"],
      ["io.containerd.ttrpc.v1.pause", "io.containerd.ttrpc.v1"],
    ])
      containerd(`loading plugin ${JSON.stringify(`${plugin}`)}...`, {
        runtime: "io.containerd.runc.v2",
        type,
      });
    containerd("starting signal loop", {
      namespace: "moby",
      path: `/run/containerd/io.containerd.runtime.v2.task/moby/${id}`,
      pid: shimPid,
      runtime: "io.containerd.runc.v2",
    });
  };
  const rules: Rule[] = [
    [
      /^StartContainer for "([0-9a-f]+)" returns successfully$/,
      (m) => {
        const c = ctx.container(m[1]);
        shimStarted(m[1], c ? c.hostPid - 2 : 0);
      },
    ],
    [
      /^received exit event container_id:"([0-9a-f]+)"/,
      (m) => {
        containerd("shim disconnected", { id: m[1], namespace: "moby" });
        containerd("cleaning up after shim disconnected", { id: m[1], namespace: "moby" });
        containerd("cleaning up dead shim", { namespace: "moby" });
        dockerd("ignoring event", {
          container: m[1],
          module: "libcontainerd",
          namespace: "moby",
          topic: "/tasks/delete",
          type: "*events.TaskDelete",
        });
      },
    ],
  ];
  return (_level, msg) => {
    if (!META.test(msg)) return dispatch(rules, msg);
    const ret = / returns sandbox id "([0-9a-f]+)"$/.exec(msg);
    if (!ret) return;
    const sb = ctx.sandbox(ret[1]);
    shimStarted(ret[1], sb ? sb.pid - 2 : 0);
    if (flavour === "cri-dockerd" && sb)
      ctx.append(
        "cri-docker",
        `cri-dockerd[${ctx.pid("cri-docker")}]`,
        containerdLogLine(
          ctx.wallMs(),
          "info",
          `Will attempt to re-write config file /var/lib/docker/containers/${ret[1]}/resolv.conf as [${(sb.dns ?? []).join(" ")}]`,
          {},
        ),
      );
  };
}
