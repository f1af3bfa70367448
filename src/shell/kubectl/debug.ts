// k8s: staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go (+ profiles.go) — three ways to debug:
// an ephemeral container added to a running pod (pods/ephemeralcontainers), a copy of the pod with a
// container changed or added (--copy-to), or a pod in the node's namespaces with its root
// filesystem at /host (node/NAME). With -i kubectl waits for the container and attaches to it.
import type { Container, EnvVar, EphemeralContainer, Node, Pod } from "kubernetes-types/core/v1";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { attachTo, podCompleted, statusOf, waitForPod } from "./attach";
import { apiErrorText, type KubectlContext } from "./common";
import {
  applyCustomProfile,
  applyProfile,
  customProfileError,
  type DebugStyle,
  type KeepFlags,
  PROFILES,
  readCustomProfile,
} from "./debugProfiles";
import type { FlagSpec } from "./flags";

export const DEBUG_FLAGS: FlagSpec[] = [
  { name: "arguments-only", type: "bool" },
  { name: "attach", type: "bool" },
  { name: "container", short: "c", type: "string" },
  { name: "copy-to", type: "string" },
  { name: "replace", type: "bool" },
  { name: "env", type: "strings" },
  { name: "image", type: "string" },
  { name: "keep-labels", type: "bool" },
  { name: "keep-annotations", type: "bool" },
  { name: "keep-liveness", type: "bool" },
  { name: "keep-readiness", type: "bool" },
  { name: "keep-startup", type: "bool" },
  { name: "keep-init-containers", type: "bool" },
  { name: "set-image", type: "strings" },
  { name: "image-pull-policy", type: "string" },
  { name: "stdin", short: "i", type: "bool" },
  { name: "quiet", short: "q", type: "bool" },
  { name: "same-node", type: "bool" },
  { name: "share-processes", type: "bool" },
  { name: "target", type: "string" },
  { name: "tty", short: "t", type: "bool" },
  { name: "profile", type: "string" },
  { name: "custom", type: "string" },
  { name: "filename", short: "f", type: "strings" },
];

/** debug runs without a timeout (waitForContainer); the simulator stops waiting after ten virtual minutes. */
const WAIT_FOR_CONTAINER_MS = 10 * 60_000;

/** cmd.Flags().StringToString: `--env A=1,B=2` (or repeated), sorted as Go ranges a map: by key here. */
function stringToString(values: string[]): Map<string, string> | string {
  const m = new Map<string, string>();
  for (const v of values)
    for (const kv of v.split(",")) {
      const eq = kv.indexOf("=");
      if (eq < 0) return `${kv} must be formatted as key=value`;
      m.set(kv.slice(0, eq), kv.slice(eq + 1));
    }
  return m;
}

interface DebugOptions {
  image?: string;
  container?: string;
  copyTo?: string;
  target?: string;
  interactive: boolean;
  tty: boolean;
  quiet: boolean;
  attach: boolean;
  args: string[];
  argsOnly: boolean;
  env: EnvVar[];
  pullPolicy?: string;
  profile: string;
  setImages: Map<string, string>;
  keep: KeepFlags;
  custom?: Record<string, unknown>;
}

export async function runDebug(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const f = k.flags;
  const targets = f.args;
  const env = stringToString(f.list("env"));
  if (typeof env === "string") return out.err(`error: invalid argument "${env}" for "--env" flag`).result(1);
  const setImages = stringToString(f.list("set-image"));
  if (typeof setImages === "string")
    return out.err(`error: invalid argument "${setImages}" for "--set-image" flag`).result(1);
  const interactive = f.bool("stdin");
  const o: DebugOptions = {
    image: f.str("image") || undefined,
    container: f.str("container") || undefined,
    copyTo: f.str("copy-to") || undefined,
    target: f.str("target") || undefined,
    interactive,
    tty: f.bool("tty"),
    quiet: f.bool("quiet"),
    attach: f.has("attach") ? f.bool("attach") : interactive,
    args: f.parsed.dashArgs ?? [],
    argsOnly: f.bool("arguments-only"),
    env: [...env].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => ({ name, value })),
    pullPolicy: f.str("image-pull-policy") || undefined,
    profile: f.str("profile") || "legacy",
    setImages,
    keep: {
      labels: f.bool("keep-labels"),
      annotations: f.bool("keep-annotations"),
      liveness: f.bool("keep-liveness"),
      readiness: f.bool("keep-readiness"),
      startup: f.bool("keep-startup"),
      initContainers: f.has("keep-init-containers") ? f.bool("keep-init-containers") : true,
    },
  };
  // Complete: the profile applier, then the custom profile's file
  if (!PROFILES.includes(o.profile)) return out.err(`error: unknown profile: ${o.profile}`).result(1);
  const customFile = f.str("custom");
  if (customFile) {
    const custom = readCustomProfile(k.node, customFile);
    if (typeof custom === "string") return out.err(custom).result(1);
    o.custom = custom;
  }
  // Validate, in debug.go's order
  if (o.attach && f.has("attach") && !o.image && !o.container)
    return out
      .err("error: you must specify --container or create a new container using --image in order to attach.")
      .result(1);
  if (o.copyTo) {
    if (!o.image && o.setImages.size === 0 && o.args.length === 0)
      return out.err("error: you must specify --image, --set-image or command arguments.").result(1);
    if (o.args.length > 0 && !o.container && !o.image)
      return out
        .err("error: you must specify an existing container or a new image when specifying args.")
        .result(1);
  } else if (f.bool("replace")) return out.err("error: --replace may only be used with --copy-to.").result(1);
  else if (f.bool("same-node"))
    return out.err("error: --same-node may only be used with --copy-to.").result(1);
  else if (o.setImages.size > 0)
    return out.err("error: --set-image may only be used with --copy-to.").result(1);
  else if (!o.image) return out.err("error: you must specify --image when not using --copy-to.").result(1);
  if (targets.length === 0 && f.list("filename").length === 0)
    return out.err("error: NAME or filename is required for debug").result(1);
  if (o.pullPolicy && !["Always", "IfNotPresent", "Never"].includes(o.pullPolicy))
    return out.err(`error: invalid image pull policy: ${o.pullPolicy}`).result(1);
  if (o.target) {
    if (o.copyTo)
      return out
        .err("error: --target is incompatible with --copy-to. Use --share-processes instead.")
        .result(1);
    if (!o.quiet)
      out.out(
        `Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`,
      );
  }
  if (o.tty && !o.interactive)
    return out.err("error: -i/--stdin is required for containers with -t/--tty=true").result(1);
  const customErr = o.custom && customProfileError(o.custom);
  if (customErr) return out.err(customErr).result(1);
  if (o.profile === "legacy")
    out.err(
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".',
    );
  if (f.list("filename").length > 0)
    return out.err("k8s-node-sim: 'kubectl debug -f' is not simulated; name the pod").result(1);

  // Run: each target is a pod, or node/NAME
  let code = 0;
  for (const t of targets) {
    const node = /^(node|nodes)(\.v1)?\//.exec(t);
    const r = node ? await debugNode(k, out, o, t.slice(t.indexOf("/") + 1)) : await debugPod(k, out, o, t);
    if (r.session || r.code !== 0) return r;
    code = r.code;
  }
  return out.result(code);
}

/** computeDebugContainerName: `debugger-xxxxx` unused in the pod, announced unless --quiet. */
function debugContainerName(k: KubectlContext, out: Output, o: DebugOptions, pod: Pod): string {
  if (o.container) return o.container;
  const taken = new Set([
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => c.name),
  ]);
  let name = "";
  while (name === "" || taken.has(name)) name = `debugger-${k.node.rng.suffix(5)}`;
  if (!o.quiet) out.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

function podRef(target: string): string {
  return target.replace(/^pods?\//, "");
}

/** The profile, then the custom profile, applied to the debug container `name` of `pod` (in place). */
function applyProfiles(o: DebugOptions, style: DebugStyle, pod: Pod, name: string): void {
  applyProfile(o.profile, style, pod, name, o.keep);
  if (!o.custom || !pod.spec) return;
  const spec = pod.spec;
  const list = (style === "ephemeral" ? spec.ephemeralContainers : spec.containers) as
    | Container[]
    | undefined;
  const i = list?.findIndex((c) => c.name === name) ?? -1;
  if (list && i >= 0) list[i] = applyCustomProfile(list[i], o.custom);
}

async function debugPod(
  k: KubectlContext,
  out: Output,
  o: DebugOptions,
  target: string,
): Promise<CommandResult> {
  const name = podRef(target);
  const pod = k.node.api.tryGet<Pod>("Pod", k.namespace, name);
  if (!pod) return out.err(`Error from server (NotFound): pods "${name}" not found`).result(1);
  return o.copyTo ? debugByCopy(k, out, o, pod) : debugByEphemeralContainer(k, out, o, pod);
}

async function debugByEphemeralContainer(
  k: KubectlContext,
  out: Output,
  o: DebugOptions,
  pod: Pod,
): Promise<CommandResult> {
  const containerName = debugContainerName(k, out, o, pod);
  const proposed = structuredClone(pod);
  const base: EphemeralContainer = debugContainer(o, containerName);
  if (o.target) base.targetContainerName = o.target;
  proposed.spec!.ephemeralContainers = [...(proposed.spec?.ephemeralContainers ?? []), base];
  applyProfiles(o, "ephemeral", proposed, containerName);
  const ec = proposed.spec!.ephemeralContainers!.at(-1)!;
  const api = k.node.api;
  if (!api.updateEphemeralContainers)
    return out
      .err(
        'error: ephemeral containers are disabled for this cluster (error from server: "the server could not find the requested resource")',
      )
      .result(1);
  let updated: Pod;
  try {
    updated = api.updateEphemeralContainers(
      pod.metadata?.namespace ?? k.namespace,
      pod.metadata?.name ?? "",
      [...(pod.spec?.ephemeralContainers ?? []), ec],
    );
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  if (!o.attach) return out.result(0);
  return attachDebug(k, out, o, updated, containerName, true);
}

async function debugByCopy(
  k: KubectlContext,
  out: Output,
  o: DebugOptions,
  pod: Pod,
): Promise<CommandResult> {
  const spec = structuredClone(pod.spec ?? { containers: [] });
  delete spec.ephemeralContainers;
  if (!k.flags.bool("same-node")) delete spec.nodeName;
  // changed only when commanded explicitly (the profiles share it when unset)
  if (k.flags.has("share-processes")) spec.shareProcessNamespace = k.flags.bool("share-processes");
  for (const c of spec.containers) {
    const img = o.setImages.get(c.name) ?? o.setImages.get("*");
    if (img) c.image = img;
  }
  const copied: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: o.copyTo,
      namespace: pod.metadata?.namespace,
      ...(pod.metadata?.annotations ? { annotations: { ...pod.metadata.annotations } } : {}),
      ...(pod.metadata?.labels ? { labels: { ...pod.metadata.labels } } : {}),
    },
    spec,
  };
  let c = o.container ? spec.containers.find((x) => x.name === o.container) : undefined;
  let name = o.container ?? "";
  if (!c) {
    if (!o.image) {
      if (o.setImages.size > 0) return createCopy(k, out, o, copied, "", pod);
      return out.err("error: you must specify image when creating new container").result(1);
    }
    name = debugContainerName(k, out, o, copied);
    c = { name, terminationMessagePolicy: "File" };
    spec.containers.push(c);
  }
  if (o.args.length > 0) {
    if (o.argsOnly) c.args = o.args;
    else {
      c.command = o.args;
      delete c.args;
    }
  }
  if (o.env.length > 0) c.env = o.env;
  if (o.image) c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  c.stdin = o.interactive || undefined;
  c.tty = o.tty || undefined;
  applyProfiles(o, "podCopy", copied, name);
  return createCopy(k, out, o, copied, name, pod);
}

async function createCopy(
  k: KubectlContext,
  out: Output,
  o: DebugOptions,
  copied: Pod,
  containerName: string,
  original: Pod,
): Promise<CommandResult> {
  let created: Pod;
  try {
    created = k.node.api.create<Pod>("Pod", copied);
    if (k.flags.bool("replace"))
      k.node.api.delete("Pod", original.metadata?.namespace, original.metadata?.name ?? "", {
        gracePeriodSeconds: 0,
      });
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  if (!o.attach || !containerName) return out.result(0);
  return attachDebug(k, out, o, created, containerName, false);
}

async function debugNode(
  k: KubectlContext,
  out: Output,
  o: DebugOptions,
  nodeName: string,
): Promise<CommandResult> {
  const node = k.node.api.tryGet<Node>("Node", undefined, nodeName);
  if (!node) return out.err(`Error from server (NotFound): nodes "${nodeName}" not found`).result(1);
  const cn = o.container ?? "debugger";
  // the name is not checked for collisions: rare enough not to be worth an API round trip
  const pn = `node-debugger-${nodeName}-${k.node.rng.suffix(5)}`;
  if (!o.quiet) out.out(`Creating debugging pod ${pn} with container ${cn} on node ${nodeName}.\n`);
  const c: Container = debugContainer(o, cn);
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: pn,
      namespace: k.namespace,
      labels: { "app.kubernetes.io/managed-by": "kubectl-debug" },
    },
    spec: {
      containers: [c],
      nodeName,
      restartPolicy: "Never",
      tolerations: [{ operator: "Exists" }],
    },
  };
  // legacy, general and sysadmin: the node's namespaces and its root at /host; netadmin: the namespaces
  applyProfiles(o, "node", pod, cn);
  let created: Pod;
  try {
    created = k.node.api.create<Pod>("Pod", pod);
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  if (!o.attach) return out.result(0);
  return attachDebug(k, out, o, created, cn, false);
}

/** handleAttachPod: wait until the container runs (or has finished: then its logs), then attach. */
async function attachDebug(
  k: KubectlContext,
  out: Output,
  o: DebugOptions,
  pod: Pod,
  containerName: string,
  ephemeral: boolean,
): Promise<CommandResult> {
  const ns = pod.metadata?.namespace ?? k.namespace;
  const name = pod.metadata?.name ?? "";
  const warned = new Set<string>();
  const w = await waitForPod(
    k,
    ns,
    name,
    (p) => {
      const s = statusOf(p, containerName);
      if (!s) return false;
      if (s.state?.running || s.state?.terminated || podCompleted(p)) return true;
      // waitForContainer: a waiting container's message goes through kubectl's warning printer
      const msg = s.state?.waiting?.message;
      if (msg && !o.quiet && !warned.has(msg)) {
        warned.add(msg);
        out.err(`Warning: container ${containerName}: ${msg}`);
      }
      return false;
    },
    WAIT_FOR_CONTAINER_MS,
  );
  if ("deleted" in w) return out.err('Error from server (NotFound): pods "" not found').result(1);
  if ("timeout" in w)
    // kubectl debug waits without a timeout, until Ctrl-C
    return out
      .err("k8s-node-sim: stopped waiting after 10m of virtual time; kubectl debug waits until Ctrl-C")
      .result(1);
  const st = statusOf(w.pod, containerName);
  if (st?.state?.terminated) {
    // the container already finished: kubectl falls back to its logs
    const uid = w.pod.metadata?.uid ?? "";
    const file = `/var/log/pods/${ns}_${name}_${uid}/${containerName}/${st.restartCount ?? 0}.log`;
    for (const l of (k.node.fs.read(file) ?? "").split("\n"))
      if (l) out.out(`${l.replace(/^\S+ (stdout|stderr) [PF] ?/, "")}\n`);
    return out.result(0);
  }
  return attachTo(k, out, { pod: w.pod, container: containerName, tty: o.tty, quiet: o.quiet, ephemeral });
}

/** The debugging container as kubectl builds it from the flags (image, -i/-t, --env, --image-pull-policy, command or args). */
function debugContainer(o: DebugOptions, name: string): Container {
  const c: Container = {
    name,
    image: o.image,
    stdin: o.interactive || undefined,
    terminationMessagePolicy: "File",
    tty: o.tty || undefined,
  };
  if (o.env.length > 0) c.env = o.env;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.args.length > 0) {
    if (o.argsOnly) c.args = o.args;
    else c.command = o.args;
  }
  return c;
}
