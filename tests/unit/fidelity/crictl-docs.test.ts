// The Kubernetes task page "Debugging Kubernetes nodes with crictl" (tasks/debug/debug-cluster/crictl)
// and cri-tools' user guide (docs/crictl.md), run at the node's prompt: the commands as the pages give
// them, the tables' headers and column layout, and what a kubeadm node with containerd 2.1 and crictl
// 1.34 answers where the pages' (older, dockershim-era) sample output differs.
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

/** crictl's tabwriter (minwidth 20, padding 3): each cell but the last padded to its column. */
function row(...cells: string[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(Math.max(20, c.length + 3)))).join("");
}

/** Go's tabwriter over whole rows: each column as wide as its widest cell + 3, at least 20. */
function table(...rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(20, ...rows.map((r) => (r[i] ?? "").length + 3)));
  return (
    rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]))).join("")).join("\n") + "\n"
  );
}

/** logrus on a terminal: `LEVEL[0000] message` with the message padded to 44 columns. */
const logrus = (level: string, msg: string) => `${level}[0000] ${msg.padEnd(44)} \n`;

const POD_HEADER = row("POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME");
const PS_HEADER = row(
  "CONTAINER",
  "IMAGE",
  "CREATED",
  "STATE",
  "NAME",
  "ATTEMPT",
  "POD ID",
  "POD",
  "NAMESPACE",
);
const CLEAR = "\x1b[2J\x1b[H";

async function run(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { stdout: r.stdout, stderr: r.stderr, code: r.code };
}

/** The page's examples: an nginx Deployment-like pod labelled run=nginx and a busybox `sh` pod. */
async function nodeWithPods(): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 1 });
  await sim.exec("kubectl run nginx --image=nginx");
  await sim.exec("kubectl run sh --image=busybox -- sleep 3600");
  await sim.advance(30_000);
  return sim;
}

/** The page's pod-config.json ("Run a pod sandbox"), optionally with the cgroup_parent crictl.md adds for systemd. */
function podConfig(cgroupParent?: string): string {
  const linux = cgroupParent ? `{\n    "cgroup_parent": "${cgroupParent}"\n  }` : "{\n  }";
  return `cat > pod-config.json <<EOF
{
  "metadata": {
    "name": "nginx-sandbox",
    "namespace": "default",
    "attempt": 1,
    "uid": "hdishd83djaidwnduwk28bcsb"
  },
  "log_directory": "/tmp",
  "linux": ${linux}
}
EOF`;
}

/** The page's container-config.json ("Create a container"). */
const CONTAINER_CONFIG = `cat > container-config.json <<EOF
{
  "metadata": {
    "name": "busybox"
  },
  "image":{
    "image": "busybox"
  },
  "command": [
    "top"
  ],
  "log_path":"busybox.log",
  "linux": {
  }
}
EOF`;

describe("crictl docs: General usage (/etc/crictl.yaml, crictl config)", () => {
  it("the endpoints come from /etc/crictl.yaml; config --get/--set/--list read and write it", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("cat /etc/crictl.yaml")).toBe(
      "runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\ntimeout: 10\ndebug: false\n",
    );
    expect(await sim.exec("crictl config --get runtime-endpoint")).toBe(
      "unix:///run/containerd/containerd.sock\n",
    );
    expect(await sim.exec("crictl config --get timeout")).toBe("10\n");
    // --set rewrites the file: existing keys in place, the options it lacked appended.
    expect(await run(sim, "crictl config --set debug=true,timeout=2")).toEqual({
      stdout: "",
      stderr: "",
      code: 0,
    });
    expect(await sim.exec("cat /etc/crictl.yaml")).toBe(
      "runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\ntimeout: 2\ndebug: true\npull-image-on-create: false\ndisable-pull-on-run: false\n",
    );
    expect(await sim.exec("crictl config --list")).toBe(
      `${CLEAR}${[
        row("KEY", "VALUE"),
        row("runtime-endpoint", "unix:///run/containerd/containerd.sock"),
        row("image-endpoint", "unix:///run/containerd/containerd.sock"),
        row("timeout", "2"),
        row("debug", "true"),
        row("pull-image-on-create", "false"),
        row("disable-pull-on-run", "false"),
      ]
        .map((l) => l.replace(/^(\S+)\s+/, (_m, k: string) => k.padEnd(23)))
        .join("\n")}\n`,
    );
    const bad = await run(sim, "crictl config --get nope");
    expect(bad.stderr).toBe(logrus("FATA", "no configuration option named nope"));
    expect(bad.code).toBe(1);
  });

  it("crictl --help lists the commands sorted by name and the flags sorted, help last", async () => {
    const sim = createSimulation({ seed: 1 });
    const help = await sim.exec("crictl --help");
    const commands = help
      .slice(help.indexOf("COMMANDS:\n") + 10, help.indexOf("\n\nGLOBAL OPTIONS:"))
      .split("\n")
      .map((l) => l.trim().split(/[ ,]/)[0]);
    expect(commands.slice(0, 8)).toEqual([
      "attach",
      "checkpoint",
      "completion",
      "config",
      "create",
      "events",
      "exec",
      "imagefsinfo",
    ]);
    expect(commands.at(-1)).toBe("help");
    expect(help).toContain("\n   images, image, img     List images\n");
    const options = help.slice(help.indexOf("GLOBAL OPTIONS:\n") + 16).split("\n");
    expect(options[0]).toMatch(/^ {3}--config value, -c value +Location of the client config file/);
    expect(options.slice(-3, -1).map((l) => l.trim().split(/\s+/)[0])).toEqual(["--help,", "--version,"]);
  });
});

describe("crictl docs: List pods", () => {
  it("crictl pods: POD ID, CREATED, STATE, NAME, NAMESPACE, ATTEMPT, RUNTIME; newest first", async () => {
    const sim = await nodeWithPods();
    const out = (await sim.exec("crictl pods")).split("\n");
    expect(out[0]).toBe(POD_HEADER);
    for (const name of ["nginx", "sh"])
      expect(out).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^[0-9a-f]{13} {7}\\d\\d seconds ago {6}Ready {15}${name} +default {13}0 {19}\\(default\\)$`,
          ),
        ),
      );
  });

  it("--name, --label, -q, --state, --latest and --last filter the list", async () => {
    const sim = await nodeWithPods();
    const nginx = (await sim.exec("crictl pods --name nginx")).trimEnd().split("\n");
    expect(nginx).toHaveLength(2);
    expect(nginx[1]).toMatch(/^[0-9a-f]{13} {7}\d\d seconds ago {6}Ready {15}nginx {15}default/);
    // kubectl run labels its pod run=<name>; ListPodSandbox filters on the sandbox's labels.
    expect(await sim.exec("crictl pods --label run=nginx")).toBe(await sim.exec("crictl pods --name nginx"));
    const ids = (await sim.exec("crictl pods -q")).trimEnd().split("\n");
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await sim.exec("crictl pods --state notready")).toBe(`${POD_HEADER}\n`);
    expect((await sim.exec("crictl pods --latest -q")).trim()).toBe(ids[0]);
    expect((await sim.exec("crictl pods --last 1")).trimEnd().split("\n")).toHaveLength(2);
    const bad = await run(sim, "crictl pods --state bogus");
    // sandbox.go uses the standard library's log.Fatalf here, not logrus.
    expect(bad.stderr).toMatch(/^2026\/01\/15 09:01:\d\d --state should be ready or notready\n$/);
    expect(bad.code).toBe(1);
  });

  it("-o json|yaml print the ListPodSandboxResponse; -v prints one block per pod", async () => {
    const sim = await nodeWithPods();
    const json = JSON.parse(await sim.exec("crictl pods -o json --name nginx"));
    expect(Object.keys(json.items[0])).toEqual([
      "id",
      "metadata",
      "state",
      "createdAt",
      "labels",
      "annotations",
      "runtimeHandler",
    ]);
    expect(json.items[0].state).toBe("SANDBOX_READY");
    expect(json.items[0].labels.run).toBe("nginx");
    expect(await sim.exec("crictl pods -o yaml --name nginx")).toMatch(/^items:\n- annotations:\n/);
    const v = await sim.exec("crictl pods -v --name nginx");
    expect(v).toMatch(
      /^ID: [0-9a-f]{64}\nName: nginx\nUID: [0-9a-f-]{36}\nNamespace: default\nStatus: Ready\nCreated: 2026-01-15 09:01:0\d\.\d+ \+0000 UTC\nLabels:\n/,
    );
    expect(v).toContain("\trun -> nginx\n");
    expect(v).toMatch(/Runtime: \(default\)\n\n$/);
    const bad = await run(sim, "crictl pods -o wide");
    expect(bad.stderr).toBe('FATA[0000] listing pod sandboxes: unsupported output format "wide" \n');
  });
});

describe("crictl docs: List images", () => {
  it("crictl images: IMAGE, TAG, IMAGE ID, SIZE; -q prints full IDs; --digests adds DIGEST", async () => {
    const sim = await nodeWithPods();
    expect(await sim.exec("crictl images")).toMatch(
      new RegExp(
        `^${"IMAGE".padEnd(28)}${row("TAG", "IMAGE ID", "SIZE")}\n` +
          "docker\\.io/library/busybox {3}latest {14}[0-9a-f]{13} {7}[\\d.]+MB\n" +
          "docker\\.io/library/nginx {5}latest {14}[0-9a-f]{13} {7}[\\d.]+MB\n" +
          "registry\\.k8s\\.io/pause {7}3\\.10 {16}[0-9a-f]{13} {7}\\d+kB\n$",
      ),
    );
    const ids = (await sim.exec("crictl images -q")).trimEnd().split("\n");
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await sim.exec("crictl images --digests")).split("\n")[0]).toBe(
      `${"IMAGE".padEnd(28)}${row("TAG", "DIGEST", "IMAGE ID", "SIZE")}`,
    );
    expect(await sim.exec("crictl images -v")).toMatch(
      /^ID: sha256:[0-9a-f]{64}\nRepoTags: docker\.io\/library\/busybox:latest\nRepoDigests: docker\.io\/library\/busybox@sha256:[0-9a-f]{64}\nSize: \d+\n\n/,
    );
  });

  it("crictl images nginx: containerd ignores ListImages' filter, so every image is listed", async () => {
    const sim = await nodeWithPods();
    expect(await sim.exec("crictl images nginx")).toBe(await sim.exec("crictl images"));
    // --filter is applied by crictl itself
    expect((await sim.exec("crictl images --filter reference=nginx")).trimEnd().split("\n")).toEqual([
      `${"IMAGE".padEnd(26)}${row("TAG", "IMAGE ID", "SIZE")}`,
      expect.stringMatching(/^docker\.io\/library\/nginx {3}latest /),
    ]);
  });
});

describe("crictl docs: List containers", () => {
  it("crictl ps -a / crictl ps: the nine columns, kubelet containers show the truncated image ID", async () => {
    const sim = await nodeWithPods();
    const all = (await sim.exec("crictl ps -a")).trimEnd().split("\n");
    expect(all[0]).toBe(PS_HEADER);
    expect(all.slice(1)).toContainEqual(
      expect.stringMatching(
        /^[0-9a-f]{13} {7}[0-9a-f]{13} {7}\d\d seconds ago {6}Running {13}sh {18}0 {19}[0-9a-f]{13} {7}sh {18}default$/,
      ),
    );
    expect(await sim.exec("crictl ps")).toBe(await sim.exec("crictl ps -a"));
    expect(await sim.exec("crictl ps --state exited")).toBe(`${PS_HEADER}\n`);
    const nginxPod = (await sim.exec("crictl pods -q --name nginx")).trim();
    for (const filter of [
      "--name nginx",
      `--pod ${nginxPod}`,
      "--image nginx",
      "--label io.kubernetes.pod.name=nginx",
    ]) {
      const lines = (await sim.exec(`crictl ps ${filter}`)).trimEnd().split("\n");
      expect(lines, filter).toHaveLength(2);
      expect(lines[1], filter).toMatch(/ nginx {15}0 {19}[0-9a-f]{13} {7}nginx {15}default$/);
    }
    expect((await sim.exec("crictl ps --latest -q")).trim()).toMatch(/^[0-9a-f]{64}$/);
    expect((await sim.exec("crictl ps --last 2 -q")).trim().split("\n")).toHaveLength(2);
    expect(JSON.parse(await sim.exec("crictl ps -o json --name sh")).containers[0].metadata).toEqual({
      name: "sh",
      attempt: 0,
    });
    expect(await sim.exec("crictl ps -o yaml --name sh")).toMatch(/^containers:\n- annotations:\n/);
  });
});

describe("crictl docs: Execute a command in a running container", () => {
  it("crictl exec ID ls prints the listing; a non-zero exit is crictl's fatal error", async () => {
    const sim = await nodeWithPods();
    const id = (await sim.exec("crictl ps -q --name sh")).trim();
    expect(await sim.exec(`crictl exec ${id.slice(0, 13)} ls`)).toBe(
      "bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n",
    );
    const fail = await run(sim, `crictl exec ${id} ls /nope`);
    expect(fail.stderr).toBe(
      `ls: /nope: No such file or directory\nFATA[0000] execing command in container ${id}: command terminated with exit code 1 \n`,
    );
    expect(fail.code).toBe(1);
    // -s: ExecSync; a non-zero exit is an error that carries stderr
    expect((await run(sim, `crictl exec -s ${id} echo hi`)).stdout).toBe("hi\n\n\n");
    const missing = await run(sim, "crictl exec 0123456789ab ls");
    expect(missing.stderr).toMatch(
      /FATA\[0000\] execing command in container 0123456789ab: rpc error: code = NotFound desc = failed to find container "0123456789ab" in store: not found \n$/,
    );
  });
});

describe("crictl docs: Get a container's logs", () => {
  it("crictl logs, --tail=1, -t, --since and --previous", async () => {
    const sim = await nodeWithPods();
    const id = (await sim.exec("crictl ps -q --name nginx")).trim();
    const all = await sim.exec(`crictl logs ${id}`);
    expect(all).toMatch(/^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty/);
    const last = all.trimEnd().split("\n").at(-1);
    expect(await sim.exec(`crictl logs --tail=1 ${id}`)).toBe(`${last}\n`);
    expect(await sim.exec(`crictl logs -t --tail=1 ${id}`)).toMatch(
      /^2026-01-15T09:01:0\d\.\d{9}Z \d{4}\/\d\d\/\d\d /,
    );
    expect(await sim.exec(`crictl logs --since 5s ${id}`)).toBe("");
    expect(await sim.exec(`crictl logs --since 1m ${id}`)).toBe(all);
    expect((await run(sim, `crictl logs --previous ${id}`)).stderr).toBe(
      "FATA[0000] previous terminated container nginx not found \n",
    );
    // No streaming terminal here (a script): -f prints what is there and returns.
    expect(await sim.exec(`crictl logs -f ${id}`)).toBe(all);
    expect((await run(sim, `crictl logs --tail 1 --stream stdout ${id}`)).stderr).toBe(
      logrus("FATA", "--tail and --stream are mutually exclusive"),
    );
    expect((await run(sim, "crictl logs")).stderr).toBe(logrus("FATA", "ID cannot be empty"));
  });
});

describe("crictl inspect / inspectp / inspecti / info", () => {
  it("-o go-template --template runs text/template over the JSON (missingkey=error)", async () => {
    const sim = await nodeWithPods();
    const c = (await sim.exec("crictl ps -q --name nginx")).trim();
    const p = (await sim.exec("crictl pods -q --name nginx")).trim();
    expect(
      await sim.exec(
        `crictl inspect -o go-template --template '{{.status.state}} {{.status.metadata.name}}' ${c}`,
      ),
    ).toBe("CONTAINER_RUNNING nginx\n");
    expect(await sim.exec(`crictl inspectp -o go-template --template '{{.status.network.ip}}' ${p}`)).toMatch(
      /^10\.244\.0\.\d+\n$/,
    );
    expect(
      await sim.exec("crictl inspecti -o go-template --template '{{index .status.repoTags 0}}' nginx"),
    ).toBe("docker.io/library/nginx:latest\n");
    expect(
      await sim.exec(
        "crictl info -o go-template --template '{{range .status.conditions}}{{.type}}={{.status}} {{end}}'",
      ),
    ).toBe("RuntimeReady=true NetworkReady=true ContainerdHasNoDeprecationWarnings=true \n");
    expect(await sim.exec("crictl info -o go-template --template '{{json .status.conditions}}'")).toMatch(
      /^\[\{"message":"","reason":"","status":true,"type":"RuntimeReady"\},/,
    );
    expect((await run(sim, `crictl inspect -o go-template --template '{{.status.nope}}' ${c}`)).stderr).toBe(
      'FATA[0000] get the status of containers: execute template: failed to template data: template: tmplExecuteRawJSON:1:2: executing "tmplExecuteRawJSON" at <.status.nope>: map has no entry for key "nope" \n',
    );
  });

  it("-o json is {info, status}; inspectp -o table prints Go's time and the labels", async () => {
    const sim = await nodeWithPods();
    const c = (await sim.exec("crictl ps -q --name nginx")).trim();
    const j = JSON.parse(await sim.exec(`crictl inspect -o json ${c}`));
    expect(Object.keys(j)).toEqual(["info", "status"]);
    expect(j.status.image.image).toBe("docker.io/library/nginx:latest");
    const p = (await sim.exec("crictl pods -q --name nginx")).trim();
    expect(await sim.exec(`crictl inspectp -o table -q ${p}`)).toMatch(
      new RegExp(
        `^ID: ${p}\nName: nginx\nUID: [0-9a-f-]{36}\nNamespace: default\nAttempt: 0\nStatus: SANDBOX_READY\nCreated: 2026-01-15 09:01:0\\d\\.\\d+ \\+0000 UTC\nIP Addresses: 10\\.244\\.0\\.\\d+\nLabels:\n`,
      ),
    );
    expect((await run(sim, "crictl inspect nope")).stderr).toMatch(
      /FATA\[0000\] get the status of containers: get container status: rpc error: code = NotFound desc = an error occurred when try to find container "nope": not found \n$/,
    );
    expect((await run(sim, "crictl inspecti nope:1")).stderr).toBe(
      logrus("FATA", 'no such image "nope:1" present'),
    );
  });
});

describe("crictl docs: version, stats, statsp, pull/rmi, stop/rm, stopp/rmp, port-forward", () => {
  it("version; stats and statsp clear the screen and sample twice", async () => {
    const sim = await nodeWithPods();
    expect(await sim.exec("crictl version")).toBe(
      "Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v2.1.4\nRuntimeApiVersion:  v1\n",
    );
    const stats = (await sim.exec("crictl stats")).split("\n");
    expect(stats[0]).toBe(`${CLEAR}${row("CONTAINER", "NAME", "CPU %", "MEM", "DISK", "INODES", "SWAP")}`);
    const statsp = (await sim.exec("crictl statsp")).split("\n");
    expect(statsp[0]).toBe(`${CLEAR}${row("POD", "POD ID", "CPU %", "MEM")}`);
    expect(statsp.slice(1)).toContainEqual(
      expect.stringMatching(/^nginx {15}[0-9a-f]{13} {7}\d+\.\d\d {16}[\d.]+[kM]B$/),
    );
  });

  it("pull, rmi, rmi --prune", async () => {
    const sim = await nodeWithPods();
    expect(await sim.exec("crictl pull busybox:1.36")).toMatch(
      /^Image is up to date for sha256:[0-9a-f]{64}\n$/,
    );
    expect(await sim.exec("crictl rmi busybox:1.36")).toBe("Deleted: docker.io/library/busybox:1.36\n");
    expect((await run(sim, "crictl rmi busybox:1.36")).stderr).toBe(
      logrus("FATA", "no such image busybox:1.36"),
    );
    expect((await run(sim, "crictl pull")).stderr).toBe(logrus("FATA", "image name cannot be empty"));
    // Every image is in use by a container, and the pause image is pinned: nothing to prune.
    expect(await run(sim, "crictl rmi --prune")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("stop / rm (-f) and stopp / rmp (-f, -a) print the IDs they were given", async () => {
    const sim = await nodeWithPods();
    const c = (await sim.exec("crictl ps -q --name sh")).trim();
    expect((await run(sim, `crictl rm ${c.slice(0, 13)}`)).stderr).toBe(
      `FATA[0000] container "${c.slice(0, 13)}" is running, please stop it first \n`,
    );
    expect(await sim.exec(`crictl stop ${c}`)).toBe(`${c}\n`);
    expect(await sim.exec(`crictl rm ${c}`)).toBe(`${c}\n`);
    const p = (await sim.exec("crictl pods -q --name sh")).trim();
    expect(await sim.exec(`crictl stopp ${p}`)).toBe(`Stopped sandbox ${p}\n`);
    expect(await sim.exec(`crictl rmp ${p}`)).toBe(`Removed sandbox ${p}\n`);
    const n = (await sim.exec("crictl pods -q --name nginx")).trim();
    expect(await sim.exec(`crictl rmp -f ${n}`)).toBe(`Stopped sandbox ${n}\nRemoved sandbox ${n}\n`);
    expect((await run(sim, "crictl stop nope")).stderr).toMatch(
      /FATA\[0000\] stopping the container "nope": rpc error: code = NotFound desc = an error occurred when try to find container "nope": not found \n$/,
    );
    expect(await run(sim, "crictl port-forward x 8080:80")).toEqual({
      stdout: "",
      stderr: "k8s-node-sim: 'crictl port-forward' is not simulated\n",
      code: 1,
    });
  });

  it("unknown flags: urfave/cli prints the usage error and help on stdout, crictl the FATA line", async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await run(sim, "crictl pods -x");
    expect(r.stdout).toMatch(
      /^Incorrect Usage: flag provided but not defined: -x\n\nNAME:\n {3}crictl pods - List pods\n/,
    );
    // the command's flags are listed sorted by name, --help last
    expect(r.stdout).toContain("OPTIONS:\n   --id value ");
    expect(r.stdout).toMatch(
      / {3}--verbose, -v +Show verbose info for pods \(default: false\)\n {3}--help, -h +show help\n$/,
    );
    expect(r.stderr).toBe(logrus("FATA", "flag provided but not defined: -x"));
    expect(r.code).toBe(1);
  });
});

describe("crictl docs: Run a pod sandbox / Create a container", () => {
  it("on a kubeadm node (systemd cgroup driver) the page's pod-config.json fails in runc", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(podConfig());
    const r = await run(sim, "crictl runp pod-config.json");
    expect(r.stdout).toBe("");
    // crictl 1.34 warns first (cri-tools#1872), then containerd's task creation fails (cri-tools#1696).
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe(
      "WARN[0000] cgroup_parent is not set. Use `runtime-config` to get the runtime cgroup driver ",
    );
    expect(lines[1]).toMatch(
      /^E0115 09:01:00\.\d{6} +\d+ log\.go:32\] "RunPodSandbox from runtime service failed" err="rpc error: code = Unknown desc = failed to start sandbox \\"[0-9a-f]{64}\\": failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: expected cgroupsPath to be of format \\"slice:prefix:name\\" for systemd cgroups, got \\"\/k8s\.io\/[0-9a-f]{64}\\" instead: unknown"$/,
    );
    expect(lines[2]).toMatch(
      /^FATA\[0000\] run pod sandbox: rpc error: code = Unknown desc = failed to start sandbox "[0-9a-f]{64}": failed to create containerd task: .* got "\/k8s\.io\/[0-9a-f]{64}" instead: unknown $/,
    );
    expect(r.code).toBe(1);
    expect(await sim.exec("crictl pods")).toBe(`${POD_HEADER}\n`);
  });

  it("with a *.slice cgroup_parent the sandbox runs; the kubelet stops it (not its pod) and GC removes it", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(podConfig("/test.slice"));
    const r = await run(sim, "crictl runp pod-config.json");
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const id = r.stdout.trim();
    expect(await sim.exec("crictl pods")).toBe(
      table(
        ["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"],
        [id.slice(0, 13), "Less than a second ago", "Ready", "nginx-sandbox", "default", "1", "(default)"],
      ),
    );
    // housekeeping (every 2 s): a runtime pod no pod worker owns is killed; container GC (every minute) removes it
    await sim.advance(2_500);
    expect(await sim.exec("crictl pods")).toMatch(
      / NotReady {12}nginx-sandbox {7}default {13}1 {19}\(default\)\n$/,
    );
    await sim.advance(60_000);
    expect(await sim.exec("crictl pods")).toBe(`${POD_HEADER}\n`);
  });

  it("the page's flow with the kubelet stopped: runp, pull, create, ps -a, start, ps, exec, logs, run", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("systemctl stop kubelet");
    await sim.exec(podConfig("/test.slice"));
    await sim.exec(CONTAINER_CONFIG);
    const pod = (await sim.exec("crictl runp pod-config.json")).trim();
    expect(await sim.exec("crictl pull busybox")).toMatch(/^Image is up to date for sha256:[0-9a-f]{64}\n$/);
    const create = await run(sim, `crictl create ${pod} container-config.json pod-config.json`);
    expect(create.stderr).toBe("");
    expect(create.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const ctr = create.stdout.trim();
    // Not a kubelet container: IMAGE is the name in the config; POD and NAMESPACE come from labels it lacks.
    expect(await sim.exec("crictl ps -a")).toBe(
      table(
        ["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"],
        [
          ctr.slice(0, 13),
          "busybox",
          "Less than a second ago",
          "Created",
          "busybox",
          "0",
          pod.slice(0, 13),
          "unknown",
          "unknown",
        ],
      ),
    );
    expect(await sim.exec(`crictl start ${ctr}`)).toBe(`${ctr}\n`);
    expect((await sim.exec("crictl ps")).split("\n")[1]).toMatch(
      new RegExp(`^${ctr.slice(0, 13)} {7}busybox {13}Less than a second ago {3}Running {13}busybox `),
    );
    expect(await sim.exec(`crictl exec ${ctr} ls`)).toContain("bin\ndev\netc\n");
    // containerd writes the CRI log to log_directory/log_path
    expect(await sim.exec("ls /tmp")).toBe("busybox.log\n");
    expect(await sim.exec(`crictl logs ${ctr}`)).toMatch(/^\x1b\[H\x1b\[JMem: \d+K used/);
    // containerd reserves the sandbox name <name>_<namespace>_<uid>_<attempt>: remove the first sandbox before reusing the config.
    expect(await sim.exec(`crictl rmp -f ${pod}`)).toBe(`Stopped sandbox ${pod}\nRemoved sandbox ${pod}\n`);
    // crictl run: the sandbox, a pull, CreateContainer and StartContainer in one; only the container ID is printed.
    const runIt = await run(sim, "crictl run container-config.json pod-config.json");
    expect(runIt.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(runIt.stderr).toBe(logrus("INFO", "Pulling container image: busybox"));
    expect((await sim.exec("crictl ps -q")).trim()).toBe(runIt.stdout.trim());
  });

  it("error wording: missing files, invalid JSON, a config without metadata, a wrong pod ID", async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await run(sim, "crictl runp nope.json")).stderr).toBe(
      "FATA[0000] load podSandboxConfig: config at nope.json not found \n",
    );
    await sim.exec(
      `cat > bad.json <<EOF\n{\n  "metadata": {\n    "name": "x"\n    "namespace": "default"\n  }\n}\nEOF`,
    );
    expect((await run(sim, "crictl runp bad.json")).stderr).toBe(
      "FATA[0000] load podSandboxConfig: json: offset 39: invalid character '\"' after object key:value pair \n",
    );
    await sim.exec(`cat > cut.json <<EOF\n{"metadata": {"name": "x"\nEOF`);
    expect((await run(sim, "crictl runp cut.json")).stderr).toBe(
      logrus("FATA", "load podSandboxConfig: unexpected EOF"),
    );
    await sim.exec(`cat > nometa.json <<EOF\n{"log_directory": "/tmp"}\nEOF`);
    expect((await run(sim, "crictl runp nometa.json")).stderr).toBe(
      logrus("FATA", "load podSandboxConfig: metadata is not set"),
    );
    await sim.exec(podConfig("/test.slice"));
    await sim.exec(CONTAINER_CONFIG);
    expect((await run(sim, "crictl create feedbeef container-config.json missing.json")).stderr).toBe(
      "FATA[0000] creating container: config at missing.json not found \n",
    );
    const wrongPod = await run(sim, "crictl create feedbeef container-config.json pod-config.json");
    expect(wrongPod.stderr).toMatch(
      /FATA\[0000\] creating container: rpc error: code = NotFound desc = .*"feedbeef".*\n$/,
    );
    expect(wrongPod.code).toBe(1);
  });
});

describe("the node shell's printf builtin", () => {
  it("%s %d %5s %-10s %%, escapes, and the format reused for extra arguments", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("printf '%s\\n' a b c")).toBe("a\nb\nc\n");
    expect(await sim.exec("printf '%d|%5s|%-10s|%%\\n' 42 ab cd")).toBe("42|   ab|cd        |%\n");
    expect(await sim.exec("printf '%s=%s\\t' x 1 y")).toBe("x=1\ty=\t");
    expect(await sim.exec("printf '%x %X %o %#x %05d %+d %.2f\\n' 255 255 8 255 42 5 3.14159")).toBe(
      "ff FF 10 0xff 00042 +5 3.14\n",
    );
    expect(await sim.exec("printf '%q\\n' 'a b'")).toBe("a\\ b\n");
    expect(await sim.exec("printf '%b' 'one\\ntwo\\n'")).toBe("one\ntwo\n");
    const bad = await run(sim, "printf '%d\\n' abc");
    expect(bad).toEqual({ stdout: "0\n", stderr: "bash: printf: abc: invalid number\n", code: 1 });
    expect(await run(sim, "printf")).toEqual({
      stdout: "",
      stderr: "bash: printf: usage: printf [-v var] format [arguments]\n",
      code: 2,
    });
    expect(await sim.exec(`printf '%s\\n' "$(crictl pods -q | wc -l)"`)).toBe("0\n");
  });
});
