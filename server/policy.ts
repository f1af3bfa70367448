// The backend's admission policy: this bridge creates real containers on a host, so a page may
// only ask for plain, unprivileged pods. Mirrors what Pod Security "baseline" forbids
// (privileged, host namespaces, hostPath, added capabilities), checked at the CRI level.
import type { CriMethod } from "./criClient";

/** gRPC codes used by the backend's own refusals. */
export const Code = {
  InvalidArgument: 3,
  NotFound: 5,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  Unimplemented: 12,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

export class PolicyError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const HINT = "start the backend with --allow-privileged to allow it";
/** Where the kubelet keeps pod logs; a log directory elsewhere would let a page write host files. */
export const POD_LOG_ROOT = "/var/log/pods/";

function isNode(mode: unknown): boolean {
  return mode === "NODE" || mode === 2;
}

function checkNamespaces(what: string, ns: any): void {
  if (!ns) return;
  for (const k of ["network", "pid", "ipc"] as const) {
    if (isNode(ns[k]))
      throw new PolicyError(
        Code.PermissionDenied,
        `${what}: host ${k} namespace is refused by k8s-node-sim backend (${HINT})`,
      );
  }
}

function checkLogDirectory(config: any): void {
  const dir: string | undefined = config?.logDirectory;
  if (!dir) return;
  if (!dir.startsWith(POD_LOG_ROOT) || dir.includes(".."))
    throw new PolicyError(
      Code.PermissionDenied,
      `log directory ${JSON.stringify(dir)} must be under ${POD_LOG_ROOT}`,
    );
}

/** Throws PolicyError when the request asks for host access; no-op when privileged is allowed. */
export function checkRequest(method: CriMethod, req: any, allowPrivileged: boolean): void {
  if (method === "RunPodSandbox") {
    checkLogDirectory(req?.config);
    if (allowPrivileged) return;
    const sc = req?.config?.linux?.securityContext;
    if (sc?.privileged)
      throw new PolicyError(
        Code.PermissionDenied,
        `privileged pod sandbox is refused by k8s-node-sim backend (${HINT})`,
      );
    checkNamespaces("pod sandbox", sc?.namespaceOptions);
    return;
  }
  if (method === "CreateContainer") {
    const c = req?.config ?? {};
    const logPath: string = c.logPath ?? "";
    if (logPath.startsWith("/") || logPath.includes(".."))
      throw new PolicyError(
        Code.PermissionDenied,
        `log path ${JSON.stringify(logPath)} must be relative, without ..`,
      );
    checkLogDirectory(req?.sandboxConfig);
    if (allowPrivileged) return;
    const name = c.metadata?.name ?? "?";
    const sc = c.linux?.securityContext;
    if (sc?.privileged)
      throw new PolicyError(
        Code.PermissionDenied,
        `privileged container "${name}" is refused by k8s-node-sim backend (${HINT})`,
      );
    checkNamespaces(`container "${name}"`, sc?.namespaceOptions);
    const caps: string[] = [
      ...(sc?.capabilities?.addCapabilities ?? []),
      ...(sc?.capabilities?.addAmbientCapabilities ?? []),
    ];
    if (caps.length > 0)
      throw new PolicyError(
        Code.PermissionDenied,
        `container "${name}": added capabilities ${caps.join(",")} are refused by k8s-node-sim backend (${HINT})`,
      );
    const host = (c.mounts ?? []).filter((m: any) => m?.hostPath);
    if (host.length > 0)
      throw new PolicyError(
        Code.PermissionDenied,
        `container "${name}": hostPath mount ${host[0].hostPath} is refused by k8s-node-sim backend (${HINT})`,
      );
    if ((c.devices ?? []).length > 0)
      throw new PolicyError(Code.PermissionDenied, `container "${name}": host devices are refused (${HINT})`);
    const sandboxSc = req?.sandboxConfig?.linux?.securityContext;
    if (sandboxSc?.privileged)
      throw new PolicyError(Code.PermissionDenied, `privileged pod sandbox is refused (${HINT})`);
  }
}
