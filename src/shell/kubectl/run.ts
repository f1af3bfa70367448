// k8s: staging/src/k8s.io/kubectl/pkg/cmd/run/run.go + generate/versioned/run.go — build a Pod from
// flags (label run=NAME), create it, print `pod/NAME created`; --dry-run=client -o yaml prints it.
import type { Container, EnvVar, Pod } from "kubernetes-types/core/v1";
import { applyJsonPatch, decodeJsonPatch, jsonMergePatch, strategicMergePatch } from "../../sim/api/patches";
import { parseDuration } from "../../sim/clock/time";
import { toJson, toYaml } from "../format/objects";
import { chunksOf, type OrderedResult, Output } from "../registry";
import type { CommandResult } from "../types";
import { attachTo, POD_RUNNING_TIMEOUT_MS, podCompleted, podRunningAndReady, waitForPod } from "./attach";
import { apiErrorText, type KubectlContext } from "./common";
import type { FlagSpec } from "./flags";

export const RUN_FLAGS: FlagSpec[] = [
  { name: "image", type: "string" },
  { name: "restart", type: "string" },
  { name: "env", type: "strings" },
  { name: "labels", short: "l", type: "string" },
  { name: "port", type: "string" },
  { name: "command", type: "bool" },
  { name: "dry-run", type: "string" },
  { name: "output", short: "o", type: "string" },
  { name: "image-pull-policy", type: "string" },
  { name: "annotations", type: "strings" },
  { name: "stdin", short: "i", type: "bool" },
  { name: "tty", short: "t", type: "bool" },
  { name: "rm", type: "bool" },
  { name: "overrides", type: "string" },
  { name: "override-type", type: "string" },
  { name: "privileged", type: "bool" },
  { name: "attach", type: "bool" },
  { name: "leave-stdin-open", type: "bool" },
  { name: "quiet", short: "q", type: "bool" },
  { name: "pod-running-timeout", type: "string" },
];

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export async function runRun(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const [name] = k.flags.args;
  if (!name)
    return out.err("error: NAME is required for run\nSee 'kubectl run -h' for help and examples").result(1);
  const image = k.flags.str("image");
  if (!image) return out.err("error: --image is required").result(1);
  if (!DNS1123.test(name) || name.length > 253) {
    return out
      .err(
        `The Pod "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      )
      .result(1);
  }
  const interactive = k.flags.bool("stdin");
  // getRestartPolicy: an interactive pod restarts only on failure unless told otherwise
  const restart = k.flags.str("restart") || (interactive ? "OnFailure" : "Always");
  if (!["Always", "OnFailure", "Never"].includes(restart)) {
    return out
      .err(`error: invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never`)
      .result(1);
  }
  const attach = k.flags.has("attach") ? k.flags.bool("attach") : interactive;
  const dryRun = k.flags.str("dry-run");
  if (k.flags.bool("tty") && !interactive)
    return out.err("error: -i/--stdin is required for containers with -t/--tty=true").result(1);
  if (!attach && k.flags.bool("rm"))
    return out.err("error: --rm should only be used for attached containers").result(1);
  if (attach && dryRun && dryRun !== "none")
    return out
      .err(
        "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
      )
      .result(1);
  const labels: Record<string, string> = {};
  const labelFlag = k.flags.str("labels");
  if (labelFlag) {
    for (const kv of labelFlag.split(",")) {
      const [lk, lv] = kv.split("=");
      if (lv === undefined) return out.err(`error: invalid label spec: ${kv}`).result(1);
      labels[lk] = lv;
    }
  } else labels.run = name;
  const env: EnvVar[] = [];
  for (const e of k.flags.list("env")) {
    const eq = e.indexOf("=");
    if (eq <= 0) return out.err(`error: invalid env: ${e}`).result(1);
    env.push({ name: e.slice(0, eq), value: e.slice(eq + 1) });
  }
  const container: Container = { name, image, resources: {} };
  const rest = k.flags.parsed.dashArgs ?? k.flags.args.slice(1);
  if (rest.length > 0) {
    if (k.flags.bool("command")) container.command = rest;
    else container.args = rest;
  }
  if (env.length > 0) container.env = env;
  const port = k.flags.str("port");
  if (port) container.ports = [{ containerPort: Number(port) }];
  const pull = k.flags.str("image-pull-policy");
  if (pull) container.imagePullPolicy = pull;
  if (interactive) container.stdin = true;
  if (interactive && !k.flags.bool("leave-stdin-open")) container.stdinOnce = true;
  if (k.flags.bool("tty")) container.tty = true;
  // kubectl run --privileged (1.26+): the container's securityContext.privileged.
  if (k.flags.bool("privileged")) container.securityContext = { privileged: true };
  const annotations: Record<string, string> = {};
  for (const a of k.flags.list("annotations")) {
    const eq = a.indexOf("=");
    if (eq > 0) annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  let pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      labels,
      name,
    },
    spec: { containers: [container], dnsPolicy: "ClusterFirst", restartPolicy: restart },
    status: {},
  };
  // --overrides: JSON laid over the generated object (--override-type merge, the default; strategic; json)
  const overrides = k.flags.str("overrides");
  if (overrides) {
    const type = k.flags.str("override-type") || "merge";
    if (!["json", "merge", "strategic"].includes(type))
      return out.err(`error: invalid override-type: ${type}`).result(1);
    let patchDoc: unknown;
    try {
      patchDoc = JSON.parse(overrides);
    } catch {
      return out
        .err(type === "merge" ? "error: Invalid JSON Document" : "error: invalid JSON Patch")
        .result(1);
    }
    try {
      const merged =
        type === "merge"
          ? jsonMergePatch(pod, patchDoc)
          : type === "strategic"
            ? strategicMergePatch(pod, patchDoc, "Pod")
            : applyJsonPatch(pod, decodeJsonPatch(patchDoc));
      pod = { status: {}, ...(merged as Pod) };
    } catch (e) {
      return out.err(`error: ${(e as Error).message}`).result(1);
    }
  }
  const dry = k.flags.str("dry-run");
  const fmt = k.flags.str("output");
  if (dry === "client") {
    // The client-side object kubectl prints still carries the zero creationTimestamp.
    const shown = { ...pod, metadata: { creationTimestamp: null, ...pod.metadata } };
    if (fmt === "yaml") return out.out(toYaml(shown)).result(0);
    if (fmt === "json") return out.out(toJson(shown)).result(0);
    if (fmt === "name") return out.out(`pod/${name}\n`).result(0);
    return out.out(`pod/${name} created (dry run)\n`).result(0);
  }
  try {
    const { status: _s, ...toCreate } = pod;
    k.node.api.create("Pod", { ...toCreate, metadata: { ...toCreate.metadata, namespace: k.namespace } });
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  if (attach) return runAttached(k, out, name, restart);
  if (fmt === "name") out.out(`pod/${name}\n`);
  else out.out(`pod/${name} created${dry === "server" ? " (server dry run)" : ""}\n`);
  return out.result(0);
}

/**
 * run.go with --attach (-i): wait for the pod to run, attach to its container, and when the session
 * ends wait for the exit code (restart Never/OnFailure), delete the pod with --rm, and exit with the
 * container's code if it failed.
 */
async function runAttached(
  k: KubectlContext,
  out: Output,
  name: string,
  restart: string,
): Promise<CommandResult> {
  const ns = k.namespace;
  const timeoutText = k.flags.str("pod-running-timeout");
  const timeoutMs = (timeoutText && parseDuration(timeoutText)) || POD_RUNNING_TIMEOUT_MS;
  const quiet = k.flags.bool("quiet");
  const remove = async (end: Output) => {
    if (!k.flags.bool("rm")) return;
    try {
      // DeleteResult with IgnoreNotFound and no wait for the deletion
      if (k.node.api.tryGet("Pod", ns, name)) {
        k.node.api.delete("Pod", ns, name);
        if (!quiet) end.out(`pod "${name}" deleted from ${ns} namespace\n`);
      }
    } catch (e) {
      end.err(apiErrorText(e));
    }
  };
  /** After the attach: the exit code (Never/OnFailure), then the deferred --rm, then the error. */
  const after = async (): Promise<OrderedResult> => {
    const end = new Output();
    const waitForExit = !k.flags.bool("leave-stdin-open") && (restart === "Never" || restart === "OnFailure");
    if (!waitForExit) {
      await remove(end);
      return end.result(0);
    }
    const cond = restart === "OnFailure" ? (p: Pod) => p.status?.phase === "Succeeded" : podCompleted;
    const w = await waitForPod(k, ns, name, cond, timeoutMs);
    await remove(end);
    if ("timeout" in w) return end.err("error: timed out waiting for the condition").result(1);
    if ("deleted" in w) return end.err(`Error from server (NotFound): pods "${name}" not found`).result(1);
    const pod = w.pod;
    if (pod.status?.phase === "Succeeded") return end.result(0);
    const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
    if (!term || term.exitCode === 0)
      return end.err(`error: pod ${ns}/${name} failed with unknown exit code`).result(1);
    return end
      .err(`pod ${ns}/${name} terminated (${term.reason ?? ""})\n${term.message ?? ""}`)
      .result(term.exitCode);
  };
  // handleAttachPod: wait until the pod runs (a pod that already finished shows its logs instead)
  const w = await waitForPod(k, ns, name, podRunningAndReady, timeoutMs);
  if ("timeout" in w || "deleted" in w) {
    const end = new Output();
    await remove(end);
    for (const c of chunksOf(end.result())) out.out(c.text);
    return out
      .err(
        "timeout" in w
          ? "error: timed out waiting for the condition"
          : `Error from server (NotFound): pods "${name}" not found`,
      )
      .result(1);
  }
  if (podCompleted(w.pod)) {
    out.out(containerLog(k, w.pod, name));
    const end = await after();
    for (const c of chunksOf(end)) {
      if (c.fd === 1) out.out(c.text);
      else out.err(c.text);
    }
    return out.result(end.code);
  }
  return attachTo(k, out, {
    pod: w.pod,
    container: name,
    tty: k.flags.bool("tty"),
    quiet,
    after,
  });
}

/** What the container wrote (kubectl logs' text), for a pod that finished before kubectl could attach. */
function containerLog(k: KubectlContext, pod: Pod, container: string): string {
  const uid = pod.metadata?.uid ?? "";
  const st = pod.status?.containerStatuses?.find((s) => s.name === container);
  const file = `/var/log/pods/${pod.metadata?.namespace}_${pod.metadata?.name}_${uid}/${container}/${st?.restartCount ?? 0}.log`;
  const raw = k.node.fs.read(file) ?? "";
  return raw
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => `${l.replace(/^\S+ (stdout|stderr) [PF] ?/, "")}\n`)
    .join("");
}
