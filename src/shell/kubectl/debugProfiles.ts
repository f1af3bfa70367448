// k8s: staging/src/k8s.io/kubectl/pkg/cmd/debug/profiles.go — what each --profile changes in the
// debugging pod (a copy, a node pod) or in the ephemeral container, and debug.go's --custom profile:
// a partial container spec strategic-merged into the debug container after the profile.
import type { Container, Pod, SecurityContext } from "kubernetes-types/core/v1";
import YAML from "yaml";
import { strategicMergePatch } from "../../sim/api/patches";
import type { SimNode } from "../../sim/node/types";
import { resolvePath } from "../files/cwd";
import { goYamlError } from "./manifest";

export const PROFILES = ["legacy", "general", "baseline", "netadmin", "restricted", "sysadmin"];

export type DebugStyle = "ephemeral" | "podCopy" | "node";

/** --keep-labels, --keep-annotations, --keep-liveness/readiness/startup, --keep-init-containers. */
export interface KeepFlags {
  labels: boolean;
  annotations: boolean;
  liveness: boolean;
  readiness: boolean;
  startup: boolean;
  initContainers: boolean;
}

/** The debug container of the pod (visitContainers over all kinds): the one the profile changes. */
function debugContainerOf(pod: Pod, name: string): Container | undefined {
  const spec = pod.spec;
  if (!spec) return undefined;
  return [
    ...(spec.initContainers ?? []),
    ...spec.containers,
    ...((spec.ephemeralContainers ?? []) as Container[]),
  ].find((c) => c.name === name);
}

function securityContext(c: Container): SecurityContext {
  c.securityContext ??= {};
  return c.securityContext;
}

function addCapability(c: Container, cap: string): void {
  const sc = securityContext(c);
  sc.capabilities ??= {};
  sc.capabilities.add = [...(sc.capabilities.add ?? []), cap];
}

/** mountRootPartition: the node's `/` as hostPath volume host-root, at /host in the debug container. */
function mountRootPartition(pod: Pod, c: Container): void {
  const spec = pod.spec!;
  spec.volumes = [...(spec.volumes ?? []), { name: "host-root", hostPath: { path: "/" } }];
  c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: "/host", name: "host-root" }];
}

function hostNamespaces(pod: Pod): void {
  Object.assign(pod.spec!, { hostNetwork: true, hostPID: true, hostIPC: true });
}

function shareProcessNamespace(pod: Pod): void {
  pod.spec!.shareProcessNamespace ??= true;
}

/** RemoveLabels, RemoveAnnotations, RemoveProbes, RemoveInitContainers — each unless its --keep-* flag. */
function trimCopy(pod: Pod, keep: KeepFlags): void {
  const md = pod.metadata!;
  if (!keep.labels) delete md.labels;
  if (!keep.annotations) delete md.annotations;
  for (const c of pod.spec!.containers) {
    if (!keep.liveness) delete c.livenessProbe;
    if (!keep.readiness) delete c.readinessProbe;
    if (!keep.startup) delete c.startupProbe;
  }
  if (!keep.initContainers) delete pod.spec!.initContainers;
}

/** ProfileApplier.Apply: the profile's changes to `pod` and its debug container `name`. */
export function applyProfile(
  profile: string,
  style: DebugStyle,
  pod: Pod,
  name: string,
  keep: KeepFlags,
): void {
  const c = debugContainerOf(pod, name);
  const md = pod.metadata!;
  const onContainer = (f: (c: Container) => void) => {
    if (c) f(c);
  };
  switch (profile) {
    case "legacy":
      // 1.23 behaviour: a copy drops the labels (unless kept) and shares the process namespace
      if (style === "node") {
        onContainer((x) => mountRootPartition(pod, x));
        hostNamespaces(pod);
      } else if (style === "podCopy") {
        if (!keep.labels) delete md.labels;
        shareProcessNamespace(pod);
      }
      return;
    case "general":
      if (style === "node") {
        onContainer((x) => {
          mountRootPartition(pod, x);
          delete x.securityContext;
        });
        hostNamespaces(pod);
      } else if (style === "podCopy") {
        trimCopy(pod, keep);
        onContainer((x) => addCapability(x, "SYS_PTRACE"));
        shareProcessNamespace(pod);
      } else onContainer((x) => addCapability(x, "SYS_PTRACE"));
      return;
    case "baseline":
    case "restricted":
      onContainer((x) => {
        delete x.securityContext;
        if (profile === "restricted") {
          const sc = securityContext(x);
          sc.capabilities = { drop: ["ALL"] };
          sc.runAsNonRoot = true;
          sc.allowPrivilegeEscalation = false;
          sc.seccompProfile = { type: "RuntimeDefault" };
        }
      });
      if (style === "podCopy") {
        trimCopy(pod, keep);
        shareProcessNamespace(pod);
      }
      return;
    case "netadmin":
      onContainer((x) => {
        addCapability(x, "NET_ADMIN");
        addCapability(x, "NET_RAW");
      });
      if (style === "node") hostNamespaces(pod);
      else if (style === "podCopy") {
        trimCopy(pod, keep);
        shareProcessNamespace(pod);
      }
      return;
    case "sysadmin":
      onContainer((x) => {
        securityContext(x).privileged = true;
      });
      if (style === "node") {
        hostNamespaces(pod);
        onContainer((x) => mountRootPartition(pod, x));
      } else if (style === "podCopy") {
        trimCopy(pod, keep);
        shareProcessNamespace(pod);
      }
      return;
  }
}

/** --custom FILE as debug.go's Complete reads it (JSON, else YAML); a string is kubectl's error. */
export function readCustomProfile(node: SimNode, file: string): Record<string, unknown> | string {
  const text = node.fs.read(resolvePath(node, file));
  if (text === undefined || node.fs.isDir(resolvePath(node, file)))
    return `error: must pass a container spec json file for custom profile: open ${file}: ${
      text === undefined ? "no such file or directory" : "is a directory"
    }`;
  const doc = YAML.parseDocument(text, { version: "1.1" });
  if (doc.errors.length > 0) {
    const { line, message } = goYamlError(doc.errors);
    return `error: ${file} does not contain a valid container spec: error converting YAML to JSON: yaml: line ${line}: ${message}`;
  }
  const v = doc.toJS() as unknown;
  if (v === null || v === undefined) return {};
  if (typeof v !== "object" || Array.isArray(v))
    return `error: ${file} does not contain a valid container spec: error unmarshaling JSON: json: cannot unmarshal ${
      Array.isArray(v) ? "array" : typeof v === "string" ? "string" : "number"
    } into Go value of type v1.Container`;
  return v as Record<string, unknown>;
}

/** Validate: the fields a custom profile may not set. */
export function customProfileError(custom: Record<string, unknown>): string | undefined {
  const set = (k: string) => {
    const v = custom[k];
    return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
  };
  if (["name", "command", "image", "lifecycle", "volumeDevices"].some(set))
    return "error: name, command, image, lifecycle and volume devices are not modifiable via custom profile";
  return undefined;
}

/** applyCustomProfile(Ephemeral): StrategicMergePatch(container, custom with the container's name). */
export function applyCustomProfile(c: Container, custom: Record<string, unknown>): Container {
  return strategicMergePatch(c, { ...custom, name: c.name }, "Container") as unknown as Container;
}
