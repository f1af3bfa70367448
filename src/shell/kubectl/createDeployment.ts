// k8s: staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go — `kubectl create deployment
// NAME --image=IMAGE [--replicas=N] [--port=N] [-- COMMAND args…]`: labels and selector app=NAME, one
// container per image named after the image.
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Container } from "kubernetes-types/core/v1";
import { toJson, toYaml } from "../format/objects";
import { type CommandResult, fail, ok } from "../types";
import { apiErrorText, type KubectlContext } from "./common";

export const CREATE_DEPLOYMENT_FLAGS = [
  { name: "image", type: "strings" as const },
  { name: "replicas", short: "r", type: "int" as const },
  { name: "port", type: "int" as const },
];

/** buildPodSpec's container name: the image's last path part without tag or digest, DNS-1123-sanitized. */
function containerName(k: KubectlContext, image: string): string {
  let name = image.split("/").pop() ?? image;
  if (name.includes(":")) name = name.split(":")[0];
  if (name.includes("@")) name = name.split("@")[0];
  // sanitizeAndUniquify: "_" and "." become "-" and a random suffix keeps names unique
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, "-")}-${k.node.rng.suffix(5)}`;
  return name;
}

export function runCreateDeployment(
  k: KubectlContext,
  name: string | undefined,
  extra: number,
): CommandResult {
  if (!name || extra > 0)
    return fail(
      `error: exactly one NAME is required, got ${name ? extra + 1 : 0}\nSee 'kubectl create deployment -h' for help and examples`,
    );
  const images = k.flags.list("image");
  if (images.length === 0) return fail(`error: required flag(s) "image" not set`);
  const replicas = k.flags.int("replicas") ?? 1;
  const port = k.flags.int("port") ?? -1;
  const command = k.flags.parsed.dashArgs;
  if (command && command.length > 0 && images.length > 1)
    return fail("error: cannot specify multiple --image options and command");
  const labels = { app: name };
  const containers: Container[] = images.map((image) => ({
    name: containerName(k, image),
    image,
    ...(command && command.length > 0 ? { command } : {}),
    resources: {},
  }));
  if (port >= 0) containers[0].ports = [{ containerPort: port }];
  const deploy: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { ...labels } },
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
  };
  const dry = k.flags.str("dry-run");
  const fmt = k.flags.str("output");
  if (dry === "client") {
    // the client-side object, as kubectl prints it before any server defaulting
    const shown = {
      ...deploy,
      metadata: { creationTimestamp: null, ...deploy.metadata },
      spec: {
        ...deploy.spec,
        template: { ...deploy.spec!.template, metadata: { creationTimestamp: null, labels } },
      },
      status: {},
    };
    if (fmt === "yaml") return ok(toYaml(shown));
    if (fmt === "json") return ok(toJson(shown));
    if (fmt === "name") return ok(`deployment.apps/${name}\n`);
    return ok(`deployment.apps/${name} created (dry run)\n`);
  }
  const body = structuredClone(deploy);
  body.metadata!.namespace = k.namespace;
  delete body.spec!.strategy;
  for (const c of body.spec!.template.spec!.containers) delete (c as { resources?: unknown }).resources;
  try {
    k.node.api.create("Deployment", body);
  } catch (e) {
    return fail(apiErrorText(e));
  }
  if (fmt === "name") return ok(`deployment.apps/${name}\n`);
  return ok(`deployment.apps/${name} created${dry === "server" ? " (server dry run)" : ""}\n`);
}
