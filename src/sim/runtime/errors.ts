// containerd's CRI error wording (internal/cri/server/*.go), in one place.
import { CriError } from "../cri/errors";
import { CONTAINERD_SOCKET } from "./daemon";

export const unavailable = (): CriError =>
  new CriError(
    "Unavailable",
    `connection error: desc = "transport: Error while dialing: dial unix ${CONTAINERD_SOCKET}: connect: connection refused"`,
  );

export const containerNotFound = (id: string): CriError =>
  new CriError("NotFound", `an error occurred when try to find container "${id}": not found`);

export const sandboxNotFound = (id: string): CriError =>
  new CriError("NotFound", `an error occurred when try to find sandbox "${id}": not found`);

export const noRuntime = (sandboxId: string, handler: string): CriError =>
  new CriError(
    "Unknown",
    `unable to get OCI runtime for sandbox "${sandboxId}": no runtime for "${handler}" is configured`,
  );

/** runc 1.2 wording as containerd 2.1 relays it when the container's process cannot start. */
export const startFailed = (execError: string): string =>
  `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${execError}: unknown`;

export const execStartFailed = (execId: string, execError: string): string =>
  `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${execError}: unknown`;

/**
 * runc with the systemd cgroup driver needs a "slice:prefix:name" cgroupsPath; containerd builds one
 * only from a `*.slice` cgroup_parent, else the sandbox gets filepath.Join(parent, id) or the
 * default "/k8s.io/<id>" (cri-tools#1696: `crictl runp` of the docs' pod-config.json on a kubeadm node).
 */
export function systemdCgroupsPathError(
  sandboxId: string,
  cgroupParent: string | undefined,
): CriError | undefined {
  const parent = cgroupParent ?? "";
  if ((parent.split("/").pop() ?? "").endsWith(".slice")) return undefined;
  const got = parent ? `${parent.replace(/\/+$/, "")}/${sandboxId}` : `/k8s.io/${sandboxId}`;
  return new CriError(
    "Unknown",
    `failed to start sandbox "${sandboxId}": failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: expected cgroupsPath to be of format "slice:prefix:name" for systemd cgroups, got "${got}" instead: unknown`,
  );
}
