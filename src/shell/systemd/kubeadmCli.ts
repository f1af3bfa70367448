// The binaries a kubeadm worker node's admin runs beside the daemons (tasks/administer-cluster/kubeadm/
// upgrading-linux-nodes, kubeadm-reconfigure): `kubeadm version`, `kubeadm upgrade node [phase kubelet-config]`
// (rewrites /var/lib/kubelet/config.yaml from the kube-system/kubelet-config ConfigMap), `kubelet --version`,
// and apt-mark's hold marks on the kube packages.
import type { ConfigMap, Node } from "kubernetes-types/core/v1";
import { parseKubeadmFlags } from "../../sim/kubelet/config";
import type { SimNode } from "../../sim/node/types";
import { Output } from "../registry";
import type { Command, CommandContext, CommandResult } from "../types";

const res = (stdout: string, stderr = "", code = 0): CommandResult => ({ stdout, stderr, code });

const KUBELET_CONFIG = "/var/lib/kubelet/config.yaml";
const FLAGS_ENV = "/var/lib/kubelet/kubeadm-flags.env";
const INSTANCE_CONFIG = "/var/lib/kubelet/instance-config.yaml";

/** kubeadm v1.34.1 as released (k8s.io/component-base/version.Info printed with %#v). */
const KUBEADM_134 = {
  gitVersion: "v1.34.1",
  gitCommit: "93248f9ae092f571eb870b7664c534bfc7d00f03",
  buildDate: "2025-09-09T19:43:15Z",
  goVersion: "go1.24.6",
};

function kubeletVersion(node: SimNode): string {
  const n = node.api.tryGet<Node>("Node", undefined, node.nodeName);
  return n?.status?.nodeInfo?.kubeletVersion || KUBEADM_134.gitVersion;
}

/** A number drawn from the wall clock (the node's RNG stream is left alone: kubeadm is a separate process). */
const runs = new WeakMap<SimNode, number>();
function draw(node: SimNode, salt: number, mod: number): number {
  let h = (0x811c9dc5 ^ salt ^ ((runs.get(node) ?? 0) << 8)) >>> 0;
  for (const c of String(node.clock.wallMs())) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h % mod;
}

/** klog's header: Lmmdd hh:mm:ss.uuuuuu PID file:line] */
function klogHeader(node: SimNode, level: string, pid: number, at: string): string {
  const d = new Date(node.clock.wallMs());
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const us = p(d.getUTCMilliseconds(), 3) + p(draw(node, 3, 1000), 3);
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${us}`;
  return `${level}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${time} ${String(pid).padStart(7)} ${at}] `;
}

/** WriteKubeletConfigFiles: the ConfigMap's KubeletConfiguration, patched with this node's instance config. */
function writeKubeletConfig(node: SimNode, out: string[]): string | undefined {
  const cm = node.api.tryGet<ConfigMap>("ConfigMap", "kube-system", "kubelet-config");
  const text = cm?.data?.kubelet;
  if (text === undefined)
    return 'error execution phase kubelet-config: failed to get config map: configmaps "kubelet-config" not found';
  runs.set(node, (runs.get(node) ?? 0) + 1);
  const pid = 1000 + draw(node, 1, 60000);
  const dir = `/etc/kubernetes/tmp/kubeadm-kubelet-config${draw(node, 2, 4_000_000_000)}`;
  out.push(
    `${STDERR}${klogHeader(node, "W", pid, "postupgrade.go:116")}Using temporary directory ${dir} for kubelet config. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR`,
  );
  const old = node.fs.read(KUBELET_CONFIG);
  out.push(`[upgrade] Backing up kubelet config file to ${dir}/config.yaml`);
  node.fs.write(`${dir}/config.yaml`, old ?? "");
  // NodeLocalCRISocket (beta, on in 1.34): the endpoint moves from the flags into instance-config.yaml once
  let endpoint = /^containerRuntimeEndpoint: (.+)$/m.exec(node.fs.read(INSTANCE_CONFIG) ?? "")?.[1];
  if (endpoint === undefined) {
    const flagsText = node.fs.read(FLAGS_ENV) ?? "";
    const flags = parseKubeadmFlags(flagsText);
    endpoint = flags["container-runtime-endpoint"] ?? "";
    if (endpoint) {
      const rest = Object.entries(flags)
        .filter(([k]) => k !== "container-runtime-endpoint")
        .map(([k, v]) => `--${k}=${v}`)
        .join(" ");
      out.push(
        '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
      );
      node.fs.write(FLAGS_ENV, `KUBELET_KUBEADM_ARGS="${rest}"\n`);
    }
    out.push('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/instance-config.yaml"');
    node.fs.write(
      INSTANCE_CONFIG,
      `apiVersion: kubelet.config.k8s.io/v1beta1\ncontainerRuntimeEndpoint: ${endpoint}\nkind: KubeletConfiguration\n`,
    );
  }
  out.push(
    '[patches] Applied patch of type "application/strategic-merge-patch+json" to target "kubeletconfiguration"',
  );
  out.push(`[kubelet-start] Writing kubelet configuration to file "${KUBELET_CONFIG}"`);
  const patched = /^containerRuntimeEndpoint: .*$/m.test(text)
    ? text.replace(/^containerRuntimeEndpoint: .*$/m, `containerRuntimeEndpoint: ${endpoint}`)
    : text;
  node.fs.write(KUBELET_CONFIG, patched.endsWith("\n") ? patched : `${patched}\n`);
  out.push("[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!");
  return undefined;
}

/** A line klog writes to stderr (kubeadm's own "[phase]" lines go to stdout). */
const STDERR = "\u0000";

/** The lines in the order kubeadm wrote them, each to its stream. */
function ordered(lines: string[], code = 0, error?: string): CommandResult {
  const o = new Output();
  for (const l of lines) {
    if (l.startsWith(STDERR)) o.err(l.slice(1));
    else o.out(`${l}\n`);
  }
  if (error) o.err(error);
  return o.result(code);
}

const READING = [
  '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
  "[upgrade] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.",
];

function upgradeNode(ctx: CommandContext, rest: string[]): CommandResult {
  const out: string[] = [...READING];
  const phase = rest[0] === "phase" ? rest[1] : undefined;
  if (rest[0] === "phase" && phase !== "kubelet-config")
    return res(
      "",
      `k8s-node-sim: 'kubeadm upgrade node phase ${phase ?? ""}' is not simulated (a worker node has only the kubelet-config phase to do)\n`,
      1,
    );
  if (!phase) {
    out.push("[upgrade/preflight] Running pre-flight checks");
    out.push("[upgrade/preflight] Skipping prepull. Not a control plane node.");
    out.push("[upgrade/control-plane] Skipping phase. Not a control plane node.");
    out.push("[upgrade/kubeconfig] Skipping phase. Not a control plane node.");
  }
  const err = writeKubeletConfig(ctx.node, out);
  if (err)
    return ordered(out, 1, `${err}\nTo see the stack trace of this error execute with --v=5 or higher`);
  if (!phase) {
    out.push("[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.");
    out.push("[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.");
  }
  return ordered(out);
}

async function kubeadm(ctx: CommandContext): Promise<CommandResult> {
  const [first, ...rest] = ctx.args;
  if (first === "version") {
    const o = rest.join(" ").replace(/^-o\s*|^--output[= ]/, "");
    const v = KUBEADM_134;
    if (o === "short") return res(`${v.gitVersion}\n`);
    return res(
      `kubeadm version: &version.Info{Major:"1", Minor:"34", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${v.gitVersion}", GitCommit:"${v.gitCommit}", GitTreeState:"clean", BuildDate:"${v.buildDate}", GoVersion:"${v.goVersion}", Compiler:"gc", Platform:"linux/amd64"}\n`,
    );
  }
  if (first === "upgrade" && rest[0] === "node") return upgradeNode(ctx, rest.slice(1));
  return res(
    "",
    `k8s-node-sim: 'kubeadm ${ctx.args.join(" ")}' is not simulated on this worker node (kubeadm version, kubeadm upgrade node [phase kubelet-config] are)\n`,
    1,
  );
}

async function kubelet(ctx: CommandContext): Promise<CommandResult> {
  if (ctx.args[0] === "--version" || ctx.args[0] === "version")
    return res(`Kubernetes ${kubeletVersion(ctx.node)}\n`);
  return res(
    "",
    "k8s-node-sim: the kubelet runs as kubelet.service here; use systemctl status kubelet or journalctl -u kubelet\n",
    1,
  );
}

/** Packages apt-mark knows on this node; kubeadm's install guide holds the three kube ones. */
const PACKAGES = ["kubeadm", "kubelet", "kubectl", "containerd", "cri-tools", "kubernetes-cni"];
const held = new WeakMap<SimNode, Set<string>>();

async function aptMark(ctx: CommandContext): Promise<CommandResult> {
  const [verb, ...pkgs] = ctx.args;
  let marks = held.get(ctx.node);
  if (!marks) {
    marks = new Set(["kubeadm", "kubectl", "kubelet"]);
    held.set(ctx.node, marks);
  }
  if (verb === "showhold")
    return res(
      [...marks]
        .sort()
        .map((p) => `${p}\n`)
        .join(""),
    );
  if (verb !== "hold" && verb !== "unhold")
    return res(
      "",
      `k8s-node-sim: 'apt-mark ${ctx.args.join(" ")}' is not simulated (hold, unhold, showhold are)\n`,
      1,
    );
  const unknown = pkgs.find((p) => !PACKAGES.includes(p));
  if (unknown) return res("", `E: Unable to locate package ${unknown}\n`, 100);
  let out = "";
  for (const p of pkgs) {
    if (verb === "hold") out += marks.has(p) ? `${p} was already set on hold.\n` : `${p} set on hold.\n`;
    else out += marks.has(p) ? `Canceled hold on ${p}.\n` : `${p} was already not on hold.\n`;
    if (verb === "hold") marks.add(p);
    else marks.delete(p);
  }
  return res(out);
}

export const kubeadmCommand: Command = {
  name: "kubeadm",
  summary: "kubeadm on a worker node: kubeadm version, kubeadm upgrade node [phase kubelet-config]",
  run: kubeadm,
};

export const kubeletCliCommand: Command = {
  name: "kubelet",
  summary: "The kubelet binary: kubelet --version",
  run: kubelet,
};

export const aptMarkCommand: Command = {
  name: "apt-mark",
  summary: "apt-mark hold / unhold / showhold on the kube packages",
  run: aptMark,
};
