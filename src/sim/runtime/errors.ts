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
