// kubelet: kuberuntime_container.go — after StartContainer the kubelet links
// /var/log/containers/<pod>_<namespace>_<container>-<containerID>.log to the container's CRI log
// file (the path log collectors such as Fluent Bit tail), and removes the link with the container.
import { ContainerState } from "../cri/types";
import type { SimRuntime } from "../runtime/simRuntime";
import type { FileProvider, NodeFs } from "./fs";

export const CONTAINER_LOGS_DIR = "/var/log/containers";

/** logSymlink: `<pod>_<namespace>_<container>-<id>`, cut to 251 characters, then `.log`. */
export function legacyLogSymlink(pod: string, namespace: string, container: string, id: string): string {
  return `${CONTAINER_LOGS_DIR}/${`${pod}_${namespace}_${container}-${id}`.slice(0, 251)}.log`;
}

/** Links for the containers the kubelet started (crictl-made ones carry no pod labels and get none). */
export function containerLogLinks(runtime: SimRuntime, fs: NodeFs): FileProvider {
  const links = (): Map<string, string> => {
    const out = new Map<string, string>();
    for (const c of runtime.listContainersNow()) {
      const pod = c.labels["io.kubernetes.pod.name"];
      const ns = c.labels["io.kubernetes.pod.namespace"];
      if (!pod || !ns || c.state === ContainerState.CONTAINER_CREATED) continue;
      const target = runtime.containers.get(c.id)?.logPath;
      if (target) out.set(legacyLogSymlink(pod, ns, c.metadata.name, c.id), target);
    }
    return out;
  };
  return {
    list: () => [...links().keys()],
    read: (path) => {
      const target = links().get(path);
      return target === undefined ? undefined : (fs.read(target) ?? "");
    },
    link: (path) => links().get(path),
  };
}
