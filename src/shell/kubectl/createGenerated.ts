// k8s: staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret_docker.go, create_secret.go,
// create_configmap.go, create_namespace.go — `kubectl create secret docker-registry|generic`,
// `create configmap` and `create namespace`.
import { type CommandResult, fail, ok } from "../types";
import { apiErrorText, type KubectlContext } from "./common";
import { runCreateService } from "./services";

export const CREATE_GENERATED_FLAGS = [
  { name: "docker-server", type: "string" as const },
  { name: "docker-username", type: "string" as const },
  { name: "docker-password", type: "string" as const },
  { name: "docker-email", type: "string" as const },
  { name: "from-literal", type: "strings" as const },
  { name: "type", type: "string" as const },
];

const b64 = (s: string) => btoa(unescape(encodeURIComponent(s)));

/** `kubectl create secret …` / `kubectl create configmap …`; undefined when the args name neither. */
export function runCreateGenerated(k: KubectlContext): CommandResult | undefined {
  const [what, sub, name] = k.flags.args;
  if (what === "secret" || what === "secrets") {
    if (sub !== "docker-registry" && sub !== "generic")
      return fail(
        sub
          ? `error: unknown command "${sub}" for "kubectl create secret"`
          : "error: Create a secret with specified type.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret",
      );
    if (!name)
      return fail(
        `error: exactly one NAME is required, got 0\nSee 'kubectl create secret ${sub} -h' for help and examples`,
      );
    if (sub === "docker-registry") {
      const server = k.flags.str("docker-server") ?? "https://index.docker.io/v1/";
      const username = k.flags.str("docker-username");
      const password = k.flags.str("docker-password");
      if (!username || !password)
        return fail(
          "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required",
        );
      const email = k.flags.str("docker-email");
      const entry: Record<string, string> = { username, password };
      if (email) entry.email = email;
      entry.auth = b64(`${username}:${password}`);
      const config = JSON.stringify({ auths: { [server]: entry } });
      return create(k, "secret", {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name, namespace: k.namespace },
        type: "kubernetes.io/dockerconfigjson",
        data: { ".dockerconfigjson": b64(config) },
      });
    }
    const data: Record<string, string> = {};
    for (const lit of k.flags.list("from-literal")) {
      const i = lit.indexOf("=");
      if (i <= 0) return fail(`error: invalid literal source ${lit}, expected key=value`);
      data[lit.slice(0, i)] = b64(lit.slice(i + 1));
    }
    return create(k, "secret", {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name, namespace: k.namespace },
      type: k.flags.str("type") ?? "Opaque",
      data,
    });
  }
  if (what === "service" || what === "svc") return runCreateService(k, sub, name);
  if (what === "namespace" || what === "ns") {
    if (!sub || name)
      return fail(
        `error: exactly one NAME is required, got ${sub ? k.flags.args.length - 1 : 0}\nSee 'kubectl create namespace -h' for help and examples`,
      );
    return create(k, "namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: sub } });
  }
  if (what === "configmap" || what === "cm") {
    const cmName = sub;
    if (!cmName)
      return fail(
        "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples",
      );
    const data: Record<string, string> = {};
    for (const lit of k.flags.list("from-literal")) {
      const i = lit.indexOf("=");
      if (i <= 0) return fail(`error: invalid literal source ${lit}, expected key=value`);
      data[lit.slice(0, i)] = lit.slice(i + 1);
    }
    return create(k, "configmap", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: cmName, namespace: k.namespace },
      data,
    });
  }
  return undefined;
}

function create(
  k: KubectlContext,
  resource: string,
  obj: { kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown },
): CommandResult {
  try {
    k.node.api.create(obj.kind as "Secret", obj);
  } catch (e) {
    return fail(apiErrorText(e));
  }
  return ok(`${resource}/${obj.metadata.name} created\n`);
}
