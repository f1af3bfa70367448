// k8s: staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret_docker.go, create_secret.go,
// create_configmap.go, create_namespace.go — `kubectl create secret docker-registry|generic`,
// `create configmap` and `create namespace`.
import { toJson, toYaml } from "../format/objects";
import { type CommandResult, fail, ok } from "../types";
import { apiErrorText, type KubectlContext } from "./common";
import { runCreateDeployment } from "./createDeployment";
import { runCreateCronJob, runCreateJob } from "./createJob";
import { pdbObject } from "./createPdb";
import { quotaObject } from "./createQuota";
import { collectSources, type SourceKind } from "./createSources";
import { runCreateToken } from "./serviceAccounts";
import { runCreateService } from "./services";

export const CREATE_GENERATED_FLAGS = [
  { name: "docker-server", type: "string" as const },
  { name: "docker-username", type: "string" as const },
  { name: "docker-password", type: "string" as const },
  { name: "docker-email", type: "string" as const },
  { name: "from-literal", type: "strings" as const },
  { name: "from-file", type: "strings" as const },
  { name: "from-env-file", type: "strings" as const },
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
    const data = sourceData(k, "Secret", name);
    if (typeof data === "string") return fail(data);
    for (const key of Object.keys(data)) data[key] = b64(data[key]);
    return create(k, "secret", {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name, namespace: k.namespace },
      type: k.flags.str("type") ?? "Opaque",
      data,
    });
  }
  if (what === "service" || what === "svc") return runCreateService(k, sub, name);
  if (what === "token") return runCreateToken(k);
  if (what === "serviceaccount" || what === "sa") {
    if (!sub || name)
      return fail(
        `error: exactly one NAME is required, got ${sub ? k.flags.args.length - 1 : 0}\nSee 'kubectl create serviceaccount -h' for help and examples`,
      );
    return create(k, "serviceaccount", {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: sub, namespace: k.namespace },
    });
  }
  if (what === "job") return runCreateJob(k);
  if (what === "cronjob" || what === "cj") return runCreateCronJob(k);
  if (what === "deployment" || what === "deploy")
    return runCreateDeployment(k, sub, Math.max(0, k.flags.args.length - 2));
  if (what === "namespace" || what === "ns") {
    if (!sub || name)
      return fail(
        `error: exactly one NAME is required, got ${sub ? k.flags.args.length - 1 : 0}\nSee 'kubectl create namespace -h' for help and examples`,
      );
    return create(k, "namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: sub } });
  }
  if (what === "poddisruptionbudget" || what === "pdb") {
    const obj = pdbObject(
      sub,
      Math.max(0, k.flags.args.length - 2),
      k.namespace,
      k.flags.str("selector"),
      k.flags.str("min-available"),
      k.flags.str("max-unavailable"),
    );
    return typeof obj === "string" ? fail(obj) : create(k, "poddisruptionbudget.policy", obj);
  }
  if (what === "quota" || what === "resourcequota") {
    const obj = quotaObject(
      sub,
      Math.max(0, k.flags.args.length - 2),
      k.namespace,
      k.flags.str("hard"),
      k.flags.str("scopes"),
    );
    return typeof obj === "string" ? fail(obj) : create(k, "resourcequota", obj);
  }
  if (what === "configmap" || what === "cm") {
    const cmName = sub;
    if (!cmName)
      return fail(
        "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples",
      );
    const data = sourceData(k, "ConfigMap", cmName);
    if (typeof data === "string") return fail(data);
    return create(k, "configmap", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: cmName, namespace: k.namespace },
      data,
    });
  }
  return undefined;
}

export function create(
  k: KubectlContext,
  resource: string,
  obj: { kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown },
): CommandResult {
  const dry = k.flags.str("dry-run");
  const fmt = k.flags.str("output");
  if (dry === "client") {
    // the client-side object, as kubectl prints it before any server defaulting
    const { namespace: _ns, ...meta } = obj.metadata;
    const shown = { ...obj, metadata: { creationTimestamp: null, ...meta } };
    if (fmt === "yaml") return ok(toYaml(shown));
    if (fmt === "json") return ok(toJson(shown));
    if (fmt === "name") return ok(`${resource}/${obj.metadata.name}\n`);
    return ok(`${resource}/${obj.metadata.name} created (dry run)\n`);
  }
  try {
    k.node.api.create(obj.kind as "Secret", obj);
  } catch (e) {
    // create configmap / secret generic / serviceaccount wrap the API error: `failed to create configmap: …`
    if (
      obj.kind === "ConfigMap" ||
      obj.kind === "ServiceAccount" ||
      (obj.kind === "Secret" && obj.type !== "kubernetes.io/dockerconfigjson")
    )
      return fail(`error: failed to create ${resource}: ${e instanceof Error ? e.message : String(e)}`);
    return fail(apiErrorText(e));
  }
  if (fmt === "name") return ok(`${resource}/${obj.metadata.name}\n`);
  return ok(`${resource}/${obj.metadata.name} created${dry === "server" ? " (server dry run)" : ""}\n`);
}

/** The key/value pairs the --from-* flags name, or kubectl's error line. */
function sourceData(k: KubectlContext, kind: SourceKind, name: string): Record<string, string> | string {
  try {
    return collectSources(k.node, kind, name, {
      literals: k.flags.list("from-literal"),
      files: k.flags.list("from-file"),
      envFiles: k.flags.list("from-env-file"),
    });
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}
