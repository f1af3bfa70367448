// The node's process table as `ps` and `systemctl status` show it: systemd, the daemons, and per pod
// the runtime's helper processes — containerd's one shim per pod, CRI-O's conmon per container,
// Docker's shim per container, gVisor's runsc-sandbox/runsc-gofer, Kata's QEMU VM — with the
// containers' own processes (invisible on the host under gVisor and Kata: they live in the Sentry or the VM).
import { ContainerState, PodSandboxState } from "../cri/types";
import { dockerContainerName } from "../runtime/flavours/spec";
import { argvFor } from "../runtime/programs/programs";
import type { BuiltNode } from "./createNode";
import type { NodeFs } from "./fs";
import type { Unit } from "./systemd";

export interface HostProcess {
  pid: number;
  ppid: number;
  user: string;
  /** Full command line. */
  cmd: string;
  /** systemd unit whose cgroup holds it (its CGroup tree in `systemctl status`). */
  unit?: string;
  /** Wall ms it started. */
  startMs: number;
}

const CONTAINERD_SOCKET = "/run/containerd/containerd.sock";

/** The command line each kubelet start ran with: flags edited later wait for a restart. */
const startedWith = new WeakMap<Unit, string>();

/**
 * kubeadm's drop-in: `ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS
 * $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS`, the last two from kubeadm-flags.env and /etc/default/kubelet.
 */
export function kubeletCommandLine(fs: NodeFs): string {
  const envVar = (path: string, name: string) =>
    new RegExp(`^${name}=(?:"([^"]*)"|(\\S*))`, "m")
      .exec(fs.read(path) ?? "")
      ?.slice(1)
      .join("") ?? "";
  const words = [
    "/usr/bin/kubelet",
    "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
    "--kubeconfig=/etc/kubernetes/kubelet.conf",
    "--config=/var/lib/kubelet/config.yaml",
    envVar("/var/lib/kubelet/kubeadm-flags.env", "KUBELET_KUBEADM_ARGS"),
    envVar("/etc/default/kubelet", "KUBELET_EXTRA_ARGS"),
  ];
  return words.join(" ").split(/\s+/).filter(Boolean).join(" ");
}

/** systemd starts the kubelet: remember the command line it got. */
export function noteKubeletStart(unit: Unit, fs: NodeFs): void {
  startedWith.set(unit, kubeletCommandLine(fs));
}

/** Every process on the node, PID order. Helper PIDs sit just below the process they serve. */
export function hostProcesses(node: BuiltNode): HostProcess[] {
  const out: HostProcess[] = [];
  const boot = node.clock.wallMs(0);
  out.push({ pid: 1, ppid: 0, user: "root", cmd: "/sbin/init", startMs: boot });
  for (const u of new Set(Object.values(node.units))) {
    if (!u.active || u.mainPid <= 0) continue;
    const cmd = u.name === "kubelet" ? (startedWith.get(u) ?? kubeletCommandLine(node.fs)) : u.execStart;
    out.push({
      pid: u.mainPid,
      ppid: 1,
      user: "root",
      cmd,
      unit: u.name,
      startMs: node.clock.wallMs(u.since),
    });
  }
  const rt = node.runtime;
  const flavour = node.flavourSpec.name;
  for (const sb of rt.sandboxes.values()) {
    const md = sb.config.metadata;
    const start = sb.createdAt / 1e6;
    const live = [...sb.containers]
      .map((id) => rt.containers.get(id))
      .filter((c) => c?.state === ContainerState.CONTAINER_RUNNING);
    const ready = sb.state === PodSandboxState.SANDBOX_READY;
    if (!ready && live.length === 0) continue;
    const kind = sb.kind ?? "runc";
    const task = `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${sb.id}`;
    /** A sandbox whose helpers sit at pid-2, pid-1 and pid (the containers live inside it). */
    const trio = (shim: [string, string], helper: [string, string], main: [string, string]) => {
      const base = { unit: "containerd", startMs: start };
      out.push({ ...base, pid: sb.pid - 2, ppid: 1, user: shim[0], cmd: shim[1] });
      out.push({ ...base, pid: sb.pid - 1, ppid: sb.pid - 2, user: helper[0], cmd: helper[1] });
      out.push({ ...base, pid: sb.pid, ppid: sb.pid - 2, user: main[0], cmd: main[1] });
    };
    if (kind === "runsc") {
      // containerd-shim-runsc-v1 starts runsc: the Sentry (runsc-sandbox) and a Gofer for file access
      const runsc = `--root=/run/containerd/runsc/k8s.io --log=${task}/log.json --log-format=json`;
      trio(
        [
          "root",
          `/usr/local/bin/containerd-shim-runsc-v1 -namespace k8s.io -address ${CONTAINERD_SOCKET} -publish-binary /usr/bin/containerd -id ${sb.id}`,
        ],
        ["root", `runsc-gofer ${runsc} gofer --bundle=${task}`],
        ["nobody", `runsc-sandbox ${runsc} boot --bundle=${task} ${sb.id}`],
      );
      continue;
    }
    if (kind === "kata") {
      trio(
        [
          "root",
          `/opt/kata/bin/containerd-shim-kata-v2 -namespace k8s.io -address ${CONTAINERD_SOCKET} -publish-binary /usr/bin/containerd -id ${sb.id}`,
        ],
        [
          "root",
          `/opt/kata/libexec/virtiofsd --syslog --cache=auto --shared-dir=/run/kata-containers/shared/sandboxes/${sb.id}/shared --fd=3 --thread-pool-size=1 --announce-submounts`,
        ],
        [
          "root",
          `/opt/kata/bin/qemu-system-x86_64 -name sandbox-${sb.id},debug-threads=on -uuid ${md.uid} -machine q35,accel=kvm -cpu host,pmu=off -m 2048M,slots=10,maxmem=9005M -kernel /opt/kata/share/kata-containers/vmlinux.container -smp 1,cores=1,threads=1,sockets=12,maxcpus=12`,
        ],
      );
      continue;
    }
    if (flavour === "containerd") {
      // one shim per pod, parent of the pause process and every container of the pod
      const shimPid = sb.pid - 2;
      out.push({
        pid: shimPid,
        ppid: 1,
        user: "root",
        cmd: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sb.id} -address ${CONTAINERD_SOCKET}`,
        unit: "containerd",
        startMs: start,
      });
      if (ready) out.push({ pid: sb.pid, ppid: shimPid, user: "65535", cmd: "/pause", startMs: start });
      for (const c of live)
        if (c)
          out.push({
            pid: c.hostPid,
            ppid: shimPid,
            user: "root",
            cmd: mainCmd(c),
            startMs: c.startedAt / 1e6,
          });
      continue;
    }
    // CRI-O: a conmon per container (pause included), reparented to init; Docker knows no pods:
    // a shim per container in namespace "moby", in containerd's cgroup
    const crio = flavour === "crio";
    const offset = crio ? 1 : 2;
    const monitor = (id: string, name: string) =>
      crio
        ? `/usr/libexec/crio/conmon -b /run/containers/storage/overlay-containers/${id}/userdata -c ${id} --exit-dir /var/run/crio/exits -l /var/log/pods/${md.namespace}_${md.name}_${md.uid}/${id}.log --log-level info -n ${name} -P /run/containers/storage/overlay-containers/${id}/userdata/conmon-pidfile -p /run/containers/storage/overlay-containers/${id}/userdata/pidfile --persist-dir /var/lib/containers/storage/overlay-containers/${id}/userdata -r /usr/libexec/crio/crun --runtime-arg --root=/run/crun --socket-dir-path /var/run/crio -u ${id} -s`
        : `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${id} -address ${CONTAINERD_SOCKET}`;
    const add = (id: string, pid: number, startMs: number, name: string, user: string, cmd: string) => {
      out.push({
        pid: pid - offset,
        ppid: 1,
        user: "root",
        cmd: monitor(id, name),
        unit: crio ? undefined : "containerd",
        startMs,
      });
      out.push({ pid, ppid: pid - offset, user, cmd, startMs });
    };
    if (ready) add(sb.id, sb.pid, start, dockerContainerName("POD", md, md.attempt), "65535", "/pause");
    for (const c of live)
      if (c)
        add(
          c.id,
          c.hostPid,
          c.startedAt / 1e6,
          dockerContainerName(c.config.metadata.name, md, c.config.metadata.attempt),
          "root",
          mainCmd(c),
        );
  }
  return out.sort((a, b) => a.pid - b.pid);
}

function mainCmd(c: {
  config: { command?: string[]; args?: string[] };
  image: { catalog: Parameters<typeof argvFor>[0] };
}): string {
  const argv = argvFor(c.image.catalog, c.config.command, c.config.args);
  // nginx's master renames itself, as `ps` shows it
  if (argv.includes("nginx")) return "nginx: master process nginx -g daemon off;";
  return argv.join(" ");
}
