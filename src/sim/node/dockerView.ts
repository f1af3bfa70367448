// What dockerd knows of the kubelet's containers on a Docker node (`docker ps`): every sandbox is a
// `k8s_POD_…` pause container and every container a `k8s_<c>_<pod>_<ns>_<uid>_<attempt>` one.
import { ContainerState, PodSandboxState } from "../cri/types";
import { dockerContainerName } from "../runtime/flavours/spec";
import { argvFor } from "../runtime/programs/programs";
import type { SimRuntime } from "../runtime/simRuntime";

export interface DockerContainerRow {
  id: string;
  image: string;
  command: string;
  /** Wall ms. */
  created: number;
  started: number;
  finished: number;
  state: "created" | "running" | "exited";
  exitCode: number;
  name: string;
}

export function dockerContainers(rt: SimRuntime): DockerContainerRow[] {
  const rows: DockerContainerRow[] = [];
  for (const sb of rt.sandboxes.values()) {
    const md = sb.config.metadata;
    const t = sb.createdAt / 1e6;
    rows.push({
      id: sb.id,
      image: rt.config.sandboxImage,
      command: "/pause",
      created: t,
      started: t,
      finished: t,
      state: sb.state === PodSandboxState.SANDBOX_READY ? "running" : "exited",
      exitCode: 0,
      name: dockerContainerName("POD", md, md.attempt),
    });
    for (const id of sb.containers) {
      const c = rt.containers.get(id);
      if (!c) continue;
      rows.push({
        id: c.id,
        // the kubelet hands dockershim the image ID, so docker shows its short form
        image: c.image.id.replace(/^sha256:/, "").slice(0, 12),
        command: argvFor(c.image.catalog, c.config.command, c.config.args).join(" "),
        created: c.createdAt / 1e6,
        started: c.startedAt / 1e6,
        finished: c.finishedAt / 1e6,
        state:
          c.state === ContainerState.CONTAINER_RUNNING
            ? "running"
            : c.state === ContainerState.CONTAINER_CREATED
              ? "created"
              : "exited",
        exitCode: c.exitCode,
        name: dockerContainerName(c.config.metadata.name, md, c.config.metadata.attempt),
      });
    }
  }
  return rows.sort((a, b) => b.created - a.created);
}
