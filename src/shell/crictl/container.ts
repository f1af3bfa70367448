// cri-tools cmd/crictl/container.go — simplified: no `run`, `update`, `checkpoint`, go-template output.
import {
  type Container,
  type ContainerFilter,
  ContainerState,
  type ContainerStatusResponse,
} from "../../sim/cri";
import { CRICTL_TABWRITER, tabwrite } from "../format/tabwriter";
import { loadContainerConfig, loadPodSandboxConfig, uuidFrom } from "./config";
import { readCrictlConfig } from "./crictlConfig";
import { type FlagSpec, flagBool, flagInt, flagSlice, flagString, type ParsedFlags } from "./flags";
import { truncatedId } from "./goFormat";
import { outputProto } from "./output";
import { containerJson } from "./proto";
import { CrictlFatal, type CrictlRun, wrap } from "./runner";
import { compileRegex, createdAgo, parseLabels, printMap, showHelpCode } from "./sandbox";
import { resolveContainerId, resolvePodId, type Verb } from "./verb";

const STATE_NAMES: Record<ContainerState, string> = {
  [ContainerState.CONTAINER_CREATED]: "Created",
  [ContainerState.CONTAINER_RUNNING]: "Running",
  [ContainerState.CONTAINER_EXITED]: "Exited",
  [ContainerState.CONTAINER_UNKNOWN]: "Unknown",
};

const POD_NAME = "io.kubernetes.pod.name";
const POD_NAMESPACE = "io.kubernetes.pod.namespace";

export const listFilterFlags: FlagSpec[] = [
  { name: "name", kind: "string", usage: "Filter by container name regular expression pattern" },
  { name: "namespace", kind: "string", usage: "Filter by pod namespace regular expression pattern" },
  { name: "pod", aliases: ["p"], kind: "string", usage: "Filter by pod id" },
  { name: "image", kind: "string", usage: "Filter by container image" },
  { name: "state", aliases: ["s"], kind: "string", usage: "Filter by container state" },
  { name: "label", kind: "slice", usage: "Filter by key=value label" },
  {
    name: "latest",
    aliases: ["l"],
    kind: "bool",
    usage: "Show the most recently created container (includes all states)",
  },
  {
    name: "last",
    aliases: ["n"],
    kind: "int",
    usage: "Show last n recently created containers (includes all states). Set 0 for unlimited.",
    value: 0,
  },
  { name: "all", aliases: ["a"], kind: "bool", usage: "Show all containers" },
];

/** crictl ListContainers + getContainersList: state filter (Running unless -a), regexes, newest first. */
export async function listContainers(r: CrictlRun, p: ParsedFlags): Promise<Container[]> {
  const filter: ContainerFilter = {};
  const id = flagString(p, "id");
  if (id) filter.id = await resolveContainerId(r, id);
  const pod = flagString(p, "pod");
  if (pod) filter.podSandboxId = await resolvePodId(r, pod);
  const state = flagString(p, "state");
  if (!flagBool(p, "all") && state === "") filter.state = { state: ContainerState.CONTAINER_RUNNING };
  if (state !== "") {
    const m: Record<string, ContainerState> = {
      created: ContainerState.CONTAINER_CREATED,
      running: ContainerState.CONTAINER_RUNNING,
      exited: ContainerState.CONTAINER_EXITED,
      unknown: ContainerState.CONTAINER_UNKNOWN,
    };
    const s = m[state.toLowerCase()];
    if (s === undefined)
      throw new CrictlFatal("--state should be one of created, running, exited or unknown");
    filter.state = { state: s };
  }
  // Do not filter by state if latest/last is specified.
  if (flagBool(p, "latest") || flagInt(p, "last") > 0) filter.state = undefined;
  const labels = parseLabels(flagSlice(p, "label"));
  if (Object.keys(labels).length > 0) filter.labelSelector = labels;
  let containers: Container[];
  try {
    ({ containers } = await r.rpc(r.node.runtimeService.listContainers({ filter })));
  } catch (e) {
    throw wrap("call list containers RPC", e);
  }
  const nameRe = compileRegex(flagString(p, "name"));
  const nsRe = compileRegex(flagString(p, "namespace"));
  const image = flagString(p, "image");
  let imageId: string | undefined;
  if (image)
    imageId = (await r.rpc(r.node.imageService.imageStatus({ image: { image } }))).image?.id ?? "<none>";
  const out: Container[] = [];
  for (const c of containers) {
    if (imageId !== undefined) {
      const st = await r.rpc(r.node.imageService.imageStatus({ image: { image: c.image.image } }));
      if (st.image?.id !== imageId) continue;
    }
    if (nameRe && !nameRe.test(c.metadata.name)) continue;
    if (nsRe && !nsRe.test(c.labels[POD_NAMESPACE] ?? "unknown")) continue;
    out.push(c);
  }
  out.sort((a, b) => b.createdAt - a.createdAt);
  let n = out.length;
  if (flagBool(p, "latest")) n = 1;
  if (flagInt(p, "last") > 0) n = flagInt(p, "last");
  return out.slice(0, Math.min(n, out.length));
}

/** godigest.Parse(image) succeeds ⇒ the kubelet passed an image ID: show it truncated. */
function displayImage(image: string, noTrunc: boolean): string {
  if (noTrunc) return image;
  const m = /^(sha256|sha384|sha512):([a-f0-9]+)$/.exec(image);
  const lens: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  if (m && m[2].length === lens[m[1]]) return truncatedId(image, `${m[1]}:`);
  return image;
}

const ps: Verb = {
  name: "ps",
  usage: "List containers",
  flags: [
    { name: "verbose", aliases: ["v"], kind: "bool", usage: "Show verbose information for containers" },
    { name: "id", kind: "string", usage: "Filter by container id" },
    ...listFilterFlags,
    { name: "quiet", aliases: ["q"], kind: "bool", usage: "Only display container IDs" },
    {
      name: "output",
      aliases: ["o"],
      kind: "string",
      usage: "Output format, One of: json|yaml|table",
      value: "table",
    },
    { name: "no-trunc", kind: "bool", usage: "Show output without truncating the ID" },
    {
      name: "resolve-image-path",
      aliases: ["r"],
      kind: "bool",
      usage: "Show image path instead of image id",
    },
  ],
  async run(r, p) {
    if (p.args.length !== 0) return showHelpCode;
    await r.connect();
    await r.connect("image");
    let list: Container[];
    try {
      list = await listContainers(r, p);
    } catch (e) {
      if (e instanceof CrictlFatal && !e.message.startsWith("call")) throw e;
      throw wrap("listing containers: list containers", e);
    }
    const output = flagString(p, "output", "table");
    if (output === "json" || output === "yaml") {
      outputProto(r, { containers: list.map(containerJson) }, output);
      return 0;
    }
    if (output !== "table")
      throw new CrictlFatal(`listing containers: unsupported output format "${output}"`);
    if (flagBool(p, "quiet")) {
      for (const c of list) r.println(c.id);
      return 0;
    }
    const noTrunc = flagBool(p, "no-trunc");
    if (flagBool(p, "verbose")) {
      for (const c of list) {
        r.println(`ID: ${c.id}`);
        r.println(`PodID: ${c.podSandboxId}`);
        r.println(`Namespace: ${c.labels[POD_NAMESPACE] ?? "unknown"}`);
        if (c.metadata.name) r.println(`Name: ${c.metadata.name}`);
        r.println(`Attempt: ${c.metadata.attempt}`);
        r.println(`State: ${STATE_NAMES[c.state]}`);
        r.println(`Image: ${c.image.image}`);
        r.println(`Created: ${createdAgo(r, c.createdAt)}`);
        printMap(r, "Labels", c.labels);
        printMap(r, "Annotations", c.annotations);
        r.println();
      }
      return 0;
    }
    const rows = [
      ["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"],
    ];
    for (const c of list) {
      let image = displayImage(c.image.image, noTrunc);
      if (flagBool(p, "resolve-image-path")) {
        const st = await r.rpc(r.node.imageService.imageStatus({ image: { image: c.image.image } }));
        image = st.image?.repoTags[0] ?? image;
      }
      rows.push([
        noTrunc ? c.id : truncatedId(c.id),
        image,
        createdAgo(r, c.createdAt),
        STATE_NAMES[c.state],
        c.metadata.name,
        String(c.metadata.attempt),
        noTrunc ? c.podSandboxId : truncatedId(c.podSandboxId),
        c.labels[POD_NAME] ?? "unknown",
        c.labels[POD_NAMESPACE] ?? "unknown",
      ]);
    }
    r.print(tabwrite(rows, CRICTL_TABWRITER));
    return 0;
  },
};

/** newContainerPullFlags + pullFlags (container.go): shared by create and run. */
function containerPullFlags(noPull: string, withPull: string): FlagSpec[] {
  return [
    { name: "no-pull", kind: "bool", usage: noPull },
    { name: "with-pull", kind: "bool", usage: withPull },
    {
      name: "cancel-timeout",
      aliases: ["T"],
      kind: "string",
      usage: "Seconds to wait for a container create request to complete before cancelling the request",
      value: "0s",
    },
    { name: "creds", kind: "string", usage: "Use `USERNAME[:PASSWORD]` for accessing the registry" },
    {
      name: "auth",
      kind: "string",
      usage:
        "Use `AUTH_STRING` for accessing the registry. AUTH_STRING is a base64 encoded 'USERNAME[:PASSWORD]'",
    },
    {
      name: "username",
      aliases: ["u"],
      kind: "string",
      usage: "Use `USERNAME` for accessing the registry. The password will be requested on the command line",
    },
    {
      name: "pull-timeout",
      aliases: ["pt"],
      kind: "string",
      usage: "Maximum time to be used for pulling the image, disabled if set to 0s",
      value: "0s",
    },
  ];
}

/** CreateContainer (container.go): load both configs, pull when asked, CreateContainer. Returns the ID. */
async function createContainerFlow(
  r: CrictlRun,
  p: ParsedFlags,
  podId: string,
  configPath: string,
  podConfigPath: string,
  withPull: boolean,
): Promise<string> {
  const config = loadContainerConfig(r.node, configPath);
  const sandboxConfig = loadPodSandboxConfig(
    r.node,
    podConfigPath,
    () => uuidFrom(r.node.rng),
    (m) => r.logrus("WARN", m),
  );
  if (!config.image.userSpecifiedImage) config.image.userSpecifiedImage = config.image.image;
  if (withPull) {
    const creds = flagString(p, "creds");
    const auth = creds
      ? { username: creds.split(":")[0], password: creds.split(":").slice(1).join(":") }
      : undefined;
    r.logrus("INFO", `Pulling container image: ${config.image.image}`);
    await r.rpc(
      r.node.imageService.pullImage({ image: { image: config.image.image }, auth, sandboxConfig }),
      "PullImage from image service failed",
      [["image", config.image.image]],
    );
  }
  const { containerId } = await r.rpc(
    r.node.runtimeService.createContainer({ podSandboxId: podId, config, sandboxConfig }),
    "CreateContainer in sandbox from runtime service failed",
    [["podSandboxID", podId]],
  );
  return containerId;
}

async function startContainerRpc(r: CrictlRun, id: string): Promise<void> {
  await r.rpc(
    r.node.runtimeService.startContainer({ containerId: id }),
    "StartContainer from runtime service failed",
    [["containerID", id]],
  );
}

const create: Verb = {
  name: "create",
  usage: "Create a new container",
  argsUsage: "POD container-config.[json|yaml] pod-config.[json|yaml]",
  flags: containerPullFlags(
    "Do not pull the image on container creation (overrides pull-image-on-create=true in config)",
    "Pull the image on container creation (overrides pull-image-on-create=false in config)",
  ),
  async run(r, p) {
    if (p.args.length !== 3) return showHelpCode;
    if (flagBool(p, "no-pull") && flagBool(p, "with-pull")) {
      throw new CrictlFatal("conflict: no-pull and with-pull are both set");
    }
    const withPull =
      (!flagBool(p, "no-pull") && readCrictlConfig(r.node).pullImageOnCreate) || flagBool(p, "with-pull");
    await r.connect();
    const podId = await resolvePodId(r, p.args[0]);
    let id: string;
    try {
      id = await createContainerFlow(r, p, podId, p.args[1], p.args[2], withPull);
    } catch (e) {
      throw wrap("creating container", e);
    }
    r.println(id);
    return 0;
  },
};

/** crictl run: RunPodSandbox, CreateContainer (pulling first unless disabled), StartContainer. */
const run: Verb = {
  name: "run",
  usage: "Run a new container inside a sandbox",
  argsUsage: "container-config.[json|yaml] pod-config.[json|yaml]",
  flags: [
    ...containerPullFlags(
      "Do not pull the image (overrides disable-pull-on-run=false in config)",
      "Pull the image (overrides disable-pull-on-run=true in config)",
    ),
    {
      name: "runtime",
      aliases: ["r"],
      kind: "string",
      usage: "Runtime handler to use. Available options are defined by the container runtime.",
    },
  ],
  async run(r, p) {
    if (p.args.length !== 2) return showHelpCode;
    if (flagBool(p, "no-pull") && flagBool(p, "with-pull")) {
      throw new CrictlFatal("conflict: no-pull and with-pull are both set");
    }
    const withPull =
      (!readCrictlConfig(r.node).disablePullOnRun && !flagBool(p, "no-pull")) || flagBool(p, "with-pull");
    await r.connect();
    if (withPull) await r.connect("image");
    const [configPath, podConfigPath] = p.args;
    let podId: string;
    try {
      let sandboxConfig: ReturnType<typeof loadPodSandboxConfig>;
      try {
        sandboxConfig = loadPodSandboxConfig(
          r.node,
          podConfigPath,
          () => uuidFrom(r.node.rng),
          (m) => r.logrus("WARN", m),
        );
      } catch (e) {
        throw wrap("load podSandboxConfig", e);
      }
      try {
        ({ podSandboxId: podId } = await r.rpc(
          r.node.runtimeService.runPodSandbox({
            config: sandboxConfig,
            runtimeHandler: flagString(p, "runtime"),
          }),
          "RunPodSandbox from runtime service failed",
        ));
      } catch (e) {
        throw wrap("run pod sandbox", e);
      }
      let ctrId: string;
      try {
        ctrId = await createContainerFlow(r, p, podId, configPath, podConfigPath, withPull);
      } catch (e) {
        throw wrap("creating container failed", e);
      }
      try {
        await startContainerRpc(r, ctrId);
      } catch (e) {
        throw wrap(`starting the container "${ctrId}"`, e);
      }
      r.println(ctrId);
    } catch (e) {
      throw wrap("running container", e);
    }
    return 0;
  },
};

const start: Verb = {
  name: "start",
  usage: "Start one or more created containers",
  argsUsage: "CONTAINER-ID [CONTAINER-ID...]",
  flags: [],
  async run(r, p) {
    if (p.args.length === 0) throw new CrictlFatal("ID cannot be empty");
    await r.connect();
    for (const arg of p.args) {
      const id = await resolveContainerId(r, arg);
      try {
        await startContainerRpc(r, id);
      } catch (e) {
        throw wrap(`starting the container "${arg}"`, e);
      }
      r.println(arg);
    }
    return 0;
  },
};

const stop: Verb = {
  name: "stop",
  usage: "Stop one or more running containers",
  argsUsage: "CONTAINER-ID [CONTAINER-ID...]",
  flags: [
    {
      name: "timeout",
      aliases: ["t"],
      kind: "int",
      usage: "Seconds to wait to kill the container after a graceful stop is requested",
      value: 0,
    },
    { name: "all", aliases: ["a"], kind: "bool", usage: "Stop all running containers" },
  ],
  async run(r, p) {
    await r.connect();
    if (flagBool(p, "all") && p.args.length > 0)
      throw new CrictlFatal("cannot specify CONTAINER-ID(s) when using --all");
    let ids = p.args;
    if (flagBool(p, "all")) {
      const { containers } = await r.rpc(
        r.node.runtimeService.listContainers({
          filter: { state: { state: ContainerState.CONTAINER_RUNNING } },
        }),
      );
      if (containers.length === 0) {
        r.println("No running containers found.");
        return 0;
      }
      ids = containers.map((c) => c.id);
    } else if (ids.length === 0) {
      throw new CrictlFatal("you must specify at least one CONTAINER-ID or use --all");
    }
    const timeout = flagInt(p, "timeout");
    for (const arg of ids) {
      const id = await resolveContainerId(r, arg);
      try {
        await r.rpc(
          r.node.runtimeService.stopContainer({ containerId: id, timeout }),
          "StopContainer from runtime service failed",
          [["containerID", id]],
        );
      } catch (e) {
        throw wrap(`stopping the container "${arg}"`, e);
      }
      r.println(arg);
    }
    return 0;
  },
};

const rm: Verb = {
  name: "rm",
  usage: "Remove one or more containers",
  argsUsage: "CONTAINER-ID [CONTAINER-ID...]",
  flags: [
    {
      name: "force",
      aliases: ["f"],
      kind: "bool",
      usage: "Force removal of the container, disregarding if running",
    },
    {
      name: "keep-logs",
      aliases: ["k"],
      kind: "bool",
      usage: "Preserve the container log file and its rotations",
    },
    { name: "all", aliases: ["a"], kind: "bool", usage: "Remove all containers" },
  ],
  async run(r, p) {
    await r.connect();
    let ids = p.args;
    if (flagBool(p, "all")) {
      ids = (await r.rpc(r.node.runtimeService.listContainers({}))).containers.map((c) => c.id);
    }
    if (ids.length === 0) return flagBool(p, "all") ? 0 : showHelpCode;
    const errors: string[] = [];
    for (const arg of ids) {
      const id = await resolveContainerId(r, arg);
      try {
        let resp: ContainerStatusResponse;
        try {
          resp = await r.rpc(
            r.node.runtimeService.containerStatus({ containerId: id }),
            "ContainerStatus from runtime service failed",
            [["containerID", id]],
          );
        } catch (e) {
          throw wrap(`getting container status "${arg}"`, e);
        }
        if (resp.status.state === ContainerState.CONTAINER_RUNNING) {
          if (!flagBool(p, "force"))
            throw new CrictlFatal(`container "${arg}" is running, please stop it first`);
          try {
            await r.rpc(r.node.runtimeService.stopContainer({ containerId: id, timeout: 0 }));
          } catch (e) {
            throw wrap(`stopping the container "${arg}"`, e);
          }
          r.println(arg);
        }
        try {
          await r.rpc(
            r.node.runtimeService.removeContainer({ containerId: id }),
            "RemoveContainer from runtime service failed",
            [["containerID", id]],
          );
        } catch (e) {
          throw wrap(`removing container "${arg}"`, e);
        }
        r.println(arg);
        // crictl rm deletes the log file and its rotations unless --keep-logs.
        const logPath = resp.status.logPath;
        if (logPath && !flagBool(p, "keep-logs")) {
          for (const f of r.node.fs.paths())
            if (f === logPath || f.startsWith(`${logPath}.`)) r.node.fs.remove(f);
        }
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    if (errors.length === 1) throw new CrictlFatal(errors[0]);
    if (errors.length > 1) throw new CrictlFatal(errors.join("\n"));
    return 0;
  },
};

export const containerVerbs: Verb[] = [ps, create, run, start, stop, rm];
