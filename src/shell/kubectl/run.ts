// k8s: staging/src/k8s.io/kubectl/pkg/cmd/run/run.go + generate/versioned/run.go — build a Pod from
// flags (label run=NAME), create it, print `pod/NAME created`; --dry-run=client -o yaml prints it.
import type { Container, EnvVar, Pod } from "kubernetes-types/core/v1";
import { toJson, toYaml } from "../format/objects";
import { Output } from "../registry";
import type { CommandResult } from "../types";
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
  { name: "privileged", type: "bool" },
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
  const restart = k.flags.str("restart") ?? "Always";
  if (!["Always", "OnFailure", "Never"].includes(restart)) {
    return out.err(`error: invalid restart policy: ${restart}`).result(1);
  }
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
  if (k.flags.bool("stdin")) container.stdin = true;
  if (k.flags.bool("tty")) container.tty = true;
  // kubectl run --privileged (1.26+): the container's securityContext.privileged.
  if (k.flags.bool("privileged")) container.securityContext = { privileged: true };
  const annotations: Record<string, string> = {};
  for (const a of k.flags.list("annotations")) {
    const eq = a.indexOf("=");
    if (eq > 0) annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const pod: Pod = {
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
  if (fmt === "name") out.out(`pod/${name}\n`);
  else out.out(`pod/${name} created${dry === "server" ? " (server dry run)" : ""}\n`);
  return out.result(0);
}
