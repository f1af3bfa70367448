// k8s: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables — simplified: only the kubernetes service's links.
import type { ConfigMap, Container, Node, Pod, Secret } from "kubernetes-types/core/v1";
import type { KeyValue } from "../../cri/types";
import type { KubeletDeps } from "../types";
import { containerResourceValue } from "./resourceFieldRef";

/** The `kubernetes` Service's docker-link variables every pod gets (enableServiceLinks). */
const KUBERNETES_SERVICE_ENV: KeyValue[] = [
  { key: "KUBERNETES_SERVICE_HOST", value: "10.96.0.1" },
  { key: "KUBERNETES_SERVICE_PORT", value: "443" },
  { key: "KUBERNETES_SERVICE_PORT_HTTPS", value: "443" },
  { key: "KUBERNETES_PORT", value: "tcp://10.96.0.1:443" },
  { key: "KUBERNETES_PORT_443_TCP", value: "tcp://10.96.0.1:443" },
  { key: "KUBERNETES_PORT_443_TCP_PROTO", value: "tcp" },
  { key: "KUBERNETES_PORT_443_TCP_PORT", value: "443" },
  { key: "KUBERNETES_PORT_443_TCP_ADDR", value: "10.96.0.1" },
];

function decode(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return b64;
  }
}

/** $(VAR) expansion against the variables defined so far ($$ escapes); third_party/forked/golang/expansion. */
export function expand(s: string, vars: Map<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name?: string) => {
    if (m === "$$") return "$";
    return name !== undefined && vars.has(name) ? vars.get(name)! : m;
  });
}

/** Env as the container will see it; throws `configmap "x" not found` etc. (CreateContainerConfigError). */
export function makeEnvironmentVariables(
  deps: KubeletDeps,
  pod: Pod,
  c: Container,
  podIPs: string[],
): KeyValue[] {
  const ns = pod.metadata?.namespace ?? "default";
  const vars = new Map<string, string>();
  const getCm = (name: string, optional: boolean): ConfigMap | undefined => {
    const cm = deps.api.tryGet<ConfigMap & { metadata?: { name?: string } }>("ConfigMap", ns, name);
    if (!cm && !optional) throw new Error(`configmap ${JSON.stringify(name)} not found`);
    return cm as ConfigMap | undefined;
  };
  const getSecret = (name: string, optional: boolean): Secret | undefined => {
    const s = deps.api.tryGet<Secret & { metadata?: { name?: string } }>("Secret", ns, name);
    if (!s && !optional) throw new Error(`secret ${JSON.stringify(name)} not found`);
    return s as Secret | undefined;
  };
  for (const from of c.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    if (from.configMapRef) {
      const cm = getCm(from.configMapRef.name ?? "", !!from.configMapRef.optional);
      for (const [k, v] of Object.entries(cm?.data ?? {})) vars.set(prefix + k, v);
    }
    if (from.secretRef) {
      const s = getSecret(from.secretRef.name ?? "", !!from.secretRef.optional);
      for (const [k, v] of Object.entries(s?.data ?? {})) vars.set(prefix + k, decode(v));
      for (const [k, v] of Object.entries(s?.stringData ?? {})) vars.set(prefix + k, v);
    }
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) {
      vars.set(e.name, expand(e.value, vars));
      continue;
    }
    const vf = e.valueFrom;
    if (!vf) {
      vars.set(e.name, "");
      continue;
    }
    if (vf.fieldRef) {
      const p = vf.fieldRef.fieldPath;
      const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(p);
      const v =
        p === "metadata.name"
          ? pod.metadata?.name
          : p === "metadata.namespace"
            ? ns
            : p === "metadata.uid"
              ? pod.metadata?.uid
              : p === "spec.nodeName"
                ? deps.nodeName
                : p === "spec.serviceAccountName"
                  ? pod.spec?.serviceAccountName
                  : p === "status.podIP"
                    ? podIPs[0]
                    : p === "status.podIPs"
                      ? podIPs.join(",")
                      : p === "status.hostIP" || p === "status.hostIPs"
                        ? deps.config.nodeIP
                        : label
                          ? (label[1] === "labels" ? pod.metadata?.labels : pod.metadata?.annotations)?.[
                              label[2]
                            ]
                          : undefined;
      vars.set(e.name, v ?? "");
    } else if (vf.resourceFieldRef) {
      const alloc = deps.api.tryGet<Node>("Node", undefined, deps.nodeName)?.status?.allocatable;
      vars.set(e.name, containerResourceValue(vf.resourceFieldRef, pod, c, alloc));
    } else if (vf.configMapKeyRef) {
      const ref = vf.configMapKeyRef;
      const cm = getCm(ref.name ?? "", !!ref.optional);
      if (cm) {
        const v = cm.data?.[ref.key];
        if (v === undefined && !ref.optional)
          throw new Error(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
        if (v !== undefined) vars.set(e.name, v);
      }
    } else if (vf.secretKeyRef) {
      const ref = vf.secretKeyRef;
      const s = getSecret(ref.name ?? "", !!ref.optional);
      if (s) {
        const raw = s.data?.[ref.key];
        if (raw === undefined && !ref.optional)
          throw new Error(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
        if (raw !== undefined) vars.set(e.name, decode(raw));
      }
    }
  }
  const out: KeyValue[] = [...vars].map(([key, value]) => ({ key, value }));
  // The master service variables are added whatever enableServiceLinks says.
  out.push(...KUBERNETES_SERVICE_ENV.filter((kv) => !vars.has(kv.key)));
  return out;
}
