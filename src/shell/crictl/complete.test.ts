import { beforeAll, describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../simulation";

let sim: LiveSimulation;
const complete = (line: string) => sim.shell.complete(line);
const out = async (line: string) => (await sim.run(line)).stdout;
/** What crictl itself prints with -q, cut to the 13 characters its tables show. */
const short = async (line: string) =>
  (await out(line))
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((id) => id.replace(/^sha256:/, "").slice(0, 13))
    .sort();

beforeAll(async () => {
  sim = createSimulation({ seed: 7 });
  await sim.run("kubectl run app --image=nginx:1.27");
  await sim.run("kubectl run job --image=busybox:1.36 --restart=Never -- sh -c 'echo done'");
  await sim.advance(60_000);
});

describe("crictl completion", () => {
  it("offers subcommands, global flags and each subcommand's flags", () => {
    expect(complete("crictl ins")).toEqual(["inspect", "inspecti", "inspectp"]);
    expect(complete("crictl st")).toEqual(["start", "stats", "statsp", "stop", "stopp"]);
    expect(complete("crictl --ti")).toEqual(["--timeout"]);
    expect(complete("crictl logs --t")).toEqual(["--tail", "--timestamps"]);
    expect(complete("crictl ps --st")).toEqual(["--state"]);
    expect(complete("crictl ps --state ")).toEqual(["created", "exited", "running", "unknown"]);
    expect(complete("crictl pods --state ")).toEqual(["notready", "ready"]);
    expect(complete("crictl inspect -o ")).toEqual(["go-template", "json", "table", "yaml"]);
  });

  it("completes container IDs as the 13-character prefixes crictl prints", async () => {
    const all = await short("crictl ps -aq");
    const running = await short("crictl ps -q");
    expect(all.length).toBeGreaterThan(running.length);
    expect(complete("crictl logs ")).toEqual(all);
    expect(complete("crictl inspect ")).toEqual(all);
    expect(complete("crictl stop ")).toEqual(running);
    expect(complete("crictl exec ")).toEqual(running);
    expect(complete("crictl rm ")).toEqual(all.filter((id) => !running.includes(id)));
    // One ID per `logs`; `inspect` takes several but not the same twice.
    expect(complete(`crictl logs ${all[0]} `)).not.toContain(all[0]);
    expect(complete(`crictl inspect ${all[0]} `)).toEqual(all.slice(1));
    // The unique prefix typed so far completes to the one ID.
    const [app] = await short("crictl ps -q --name app");
    expect(complete(`crictl logs ${app.slice(0, 4)}`)).toEqual([app]);
  });

  it("completes pod IDs for stopp/inspectp and image IDs and tags for rmi", async () => {
    expect(complete("crictl stopp ")).toEqual(await short("crictl pods -q --state ready"));
    expect(complete("crictl inspectp ")).toEqual(await short("crictl pods -q"));
    const ids = await short("crictl images -q");
    const tags = (await out("crictl images"))
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(/\s+/))
      .map(([repo, tag]) => `${repo}:${tag}`);
    expect(complete("crictl rmi ")).toEqual([...ids, ...tags].sort());
    expect(complete("crictl rmi docker.io/library/n")).toEqual(["docker.io/library/nginx:1.27"]);
  });

  it("completes names for --name and works inside $(...)", () => {
    expect(complete("crictl ps --name ")).toEqual(["app", "job"]);
    expect(complete("crictl pods --name a")).toEqual(["app"]);
    expect(complete("crictl logs $(crictl ps -q --name a")).toEqual(["app"]);
    expect(complete('echo "$(crictl pod')).toEqual(["pods"]);
  });

  it("reads the runtime without a CRI call: Tab never moves the clock or the trace", () => {
    const t = sim.node.clock.now();
    const last = sim.trace.lastId;
    for (const l of ["crictl logs ", "crictl rmi ", "crictl stopp ", "crictl ps --name "]) complete(l);
    expect(sim.node.clock.now()).toBe(t);
    expect(sim.trace.lastId).toBe(last);
  });
});

describe("systemctl, journalctl and file completion", () => {
  it("completes systemctl verbs and unit names, journalctl -u", () => {
    expect(complete("systemctl res")).toEqual(["restart"]);
    expect(complete("systemctl restart ")).toEqual(["containerd.service", "kubelet.service"]);
    expect(complete("systemctl status k")).toEqual(["kubelet.service"]);
    expect(complete("journalctl -u c")).toEqual(["containerd.service"]);
    expect(complete("journalctl --unit=k")).toEqual(["--unit=kubelet.service"]);
    expect(complete("service con")).toEqual(["containerd"]);
  });

  it("completes node paths for cat/less/tail/grep/ls/edit, relative to the directory cd chose", async () => {
    for (const cmd of ["cat", "less", "tail -n 5", "grep -n x", "ls", "edit", "vi"])
      expect(complete(`${cmd} /etc/containerd/`), cmd).toEqual(["/etc/containerd/config.toml"]);
    expect(complete("grep --ignore")).toEqual(["--ignore-case"]);
    await sim.run("cd /etc/containerd");
    expect(complete("cat con")).toEqual(["config.toml"]);
    await sim.run("cd");
  });
});
