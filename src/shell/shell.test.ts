import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Shell } from "./shell";
import { fakeNode } from "./testing/fakeNode";
import { at, cs, pod } from "./testing/pods";

function setup() {
  const node = fakeNode();
  node.api.seed("Namespace", { metadata: { name: "default" } });
  node.api.seed("Namespace", { metadata: { name: "kube-system" } });
  node.api.seed(
    "Pod",
    pod("web", {
      phase: "Running",
      containerStatuses: [cs("app", { running: { startedAt: at(1) } }, { ready: true })],
    }),
  );
  node.api.seed(
    "Pod",
    pod("worker", { phase: "Pending" }, { containers: [{ name: "main" }, { name: "side" }] }),
  );
  return { node, sh: new Shell(node) };
}

describe("Shell.run", () => {
  it("answers unknown commands like bash (exit 127)", async () => {
    const { sh } = setup();
    expect(await sh.run("frobnicate --now")).toEqual({
      stdout: "",
      stderr: "bash: frobnicate: command not found\n",
      output: "bash: frobnicate: command not found\n",
      code: 127,
    });
  });

  it("pipes stdout through filters; stderr bypasses the pipe", async () => {
    const { sh } = setup();
    expect((await sh.run("kubectl get pods | grep -v NAME | awk '{print $1, $3}'")).stdout).toBe(
      "web Running\nworker Pending\n",
    );
    expect((await sh.run("kubectl get pods --no-headers | wc -l")).stdout).toBe("2\n");
    expect((await sh.run("kubectl get pods | tail -n 1 | cut -c1-6")).stdout).toBe("worker\n");
    const r = await sh.run("kubectl get pod nope | grep x");
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.code).toBe(1);
    expect((await sh.run("kubectl get pod nope 2>&1 | grep -c NotFound")).stdout).toBe("1\n");
  });

  it("redirects into the node's files and runs && / || / ; lists", async () => {
    const { sh, node } = setup();
    await sh.run("kubectl get pod web -o name > /root/names.txt; echo more >> names.txt");
    expect(node.fs.read("/root/names.txt")).toBe("pod/web\nmore\n");
    expect((await sh.run("kubectl get pod nope 2>/dev/null || echo missing")).output).toBe("missing\n");
    expect((await sh.run("false && echo no; echo $?")).output).toBe("1\n");
    expect((await sh.run("export NS=kube-system; echo $NS")).output).toBe("kube-system\n");
  });

  it("lists every registered command in help, including ones registered later", async () => {
    const { sh } = setup();
    sh.register({
      name: "crictl",
      summary: "CRI client",
      run: async () => ({ stdout: "ok\n", stderr: "", code: 0 }),
    });
    const help = (await sh.run("help")).stdout;
    expect(help).toMatch(/^ {2}crictl +CRI client$/m);
    expect(help).toMatch(/^ {2}kubectl +/m);
    expect((await sh.run("crictl ps")).stdout).toBe("ok\n");
  });

  it("keeps stdout/stderr interleaving in output", async () => {
    const { sh } = setup();
    const r = await sh.run("echo one; kubectl get pod nope; echo two");
    expect(r.output).toBe('one\nError from server (NotFound): pods "nope" not found\ntwo\n');
    expect(r.code).toBe(0);
  });
});

describe("command substitution", () => {
  it("runs $(...) and backticks, splits unquoted results, strips trailing newlines", async () => {
    const { sh } = setup();
    const out = async (l: string) => (await sh.run(l)).stdout;
    expect(await out("kubectl get $(kubectl get pods -o name) -o name")).toBe("pod/web\npod/worker\n");
    expect(await out('echo "[$(kubectl get pod web -o name)]"')).toBe("[pod/web]\n");
    expect(await out("echo `echo a    b`x")).toBe("a bx\n");
    expect(await out(`echo "$(echo 'a    b')"`)).toBe("a    b\n");
    expect(await out("echo $(echo 'a    b')")).toBe("a b\n");
    expect(await out('echo "outer $(echo "inner $(echo deepest)")"')).toBe("outer inner deepest\n");
    expect(await out("echo ip: $(kubectl get pod web -o jsonpath='{.metadata.name}')")).toBe("ip: web\n");
  });

  it("is a subshell: its variables stay inside, its stderr reaches the terminal, $? is its status", async () => {
    const { sh } = setup();
    expect((await sh.run("echo $(export Z=1; echo in) $Z")).stdout).toBe("in\n");
    const r = await sh.run('echo "x$(kubectl get pod nope)y"');
    expect(r.output).toBe('Error from server (NotFound): pods "nope" not found\nxy\n');
    expect(r.code).toBe(0);
    expect((await sh.run("X=$(kubectl get pod nope 2>/dev/null); echo $?")).stdout).toBe("1\n");
    expect((await sh.run(`X=$(echo 'a   b'); echo "$X"`)).stdout).toBe("a   b\n");
    // An unquoted expansion that produced nothing is no argument at all.
    expect((await sh.run("kubectl get pods $(kubectl get pods -l none=x -o name) --no-headers")).stdout).toBe(
      (await sh.run("kubectl get pods --no-headers")).stdout,
    );
  });

  it("an unterminated one gets bash's error and exit status 2", async () => {
    const { sh } = setup();
    expect(await sh.run("echo $(kubectl get pods")).toMatchObject({
      stderr: "bash: unexpected EOF while looking for matching `)'\n",
      code: 2,
    });
    expect((await sh.run("echo `hostname")).stderr).toBe(
      "bash: unexpected EOF while looking for matching ``'\n",
    );
  });
});

describe("sim command", () => {
  it("advances virtual time, prints it, and maps faults", async () => {
    const { sh, node } = setup();
    expect((await sh.run("sim advance 1m30s")).output).toBe("");
    expect(node.clock.now()).toBe(90_000);
    expect((await sh.run("sim time")).stdout).toBe("1m30s since start (2026-01-15T09:01:30Z)\n");
    await sh.run("sim fault crash-container app 137");
    await sh.run("sim fault memory-pressure 1Gi");
    expect(node.faultCalls).toEqual([
      { name: "crashContainer", args: ["app", 137] },
      { name: "memoryPressure", args: [1024 ** 3] },
    ]);
    expect((await sh.run("sim advance soon")).stderr).toBe(
      'sim: invalid duration "soon" (try 30s, 1m30s, 500ms)\n',
    );
    expect((await sh.run("sim reset")).stderr).toBe("sim: reset is not available in this session\n");
  });

  it("prints the trace one event per line and calls the reset hook", async () => {
    const node = fakeNode();
    let reset: number | undefined | "none" = "none";
    const sh = new Shell(node, { onReset: (s) => (reset = s) });
    node.trace.record({ from: "kubelet", to: "cri", kind: "cri.request", summary: "RunPodSandbox(web)" });
    node.trace.record({
      from: "cri",
      to: "kubelet",
      kind: "cri.response",
      summary: "RunPodSandbox ok",
      causeId: 1,
    });
    expect((await sh.run("sim trace --last 1")).stdout).toBe(
      "#2     0.000s cri -> kubelet [cri.response] RunPodSandbox ok <-#1\n",
    );
    expect((await sh.run("sim trace --since 1")).stdout.split("\n")).toHaveLength(2);
    await sh.run("sim seed 42");
    expect(reset).toBe(42);
  });
});

describe("Shell.complete", () => {
  it("completes commands, verbs, resource types, names, flags and namespaces", () => {
    const { sh } = setup();
    expect(sh.complete("kub")).toEqual(["kubectl"]);
    expect(sh.complete("kubectl ge")).toEqual(["get"]);
    expect(sh.complete("kubectl get po")).toEqual([
      "po",
      "pod",
      "poddisruptionbudget",
      "poddisruptionbudgets",
      "pods",
    ]);
    expect(sh.complete("kubectl describe pod w")).toEqual(["web", "worker"]);
    expect(sh.complete("kubectl logs wo")).toEqual(["worker"]);
    expect(sh.complete("kubectl logs worker -c ")).toEqual(["main", "side"]);
    expect(sh.complete("kubectl get pods --sh")).toEqual(["--show-kind", "--show-labels"]);
    expect(sh.complete("kubectl get pods -n kube")).toEqual(["kube-system"]);
    expect(sh.complete("kubectl get pods | gr")).toEqual(["grep"]);
    expect(sh.complete("sim fault reg")).toEqual(["registry-down", "registry-slow", "registry-up"]);
  });

  it("falls back to the node's files, as bash does", () => {
    const { sh, node } = setup();
    node.fs.write("/root/web.yaml", "");
    node.fs.write("/etc/containerd/config.toml", "");
    expect(sh.complete("kubectl apply -f we")).toEqual(["web.yaml"]);
    expect(sh.complete("grep x /etc/cont")).toEqual(["/etc/containerd/"]);
    expect(sh.complete("kubectl get pods", 9)).toEqual(["get"]);
  });
});

const TOOL_WORDING =
  /^(error: |Error from server \(|bash: |k8s-node-sim: |The [A-Z]\w+ "|No resources found|sim: |Warning: |Defaulted container|You must specify|command terminated|(grep|head|tail|cut|wc|sort|uniq|awk|cat): |Usage: |usage: )/;

describe("property: random command lines", () => {
  it("never throw and fail in the tool's own words", async () => {
    const word = fc.oneof(
      fc.constantFrom(
        "kubectl",
        "get",
        "describe",
        "logs",
        "delete",
        "apply",
        "create",
        "run",
        "exec",
        "explain",
        "version",
        "pods",
        "pod/web",
        "nodes",
        "events",
        "web",
        "worker",
        "nope",
        "-n",
        "kube-system",
        "-A",
        "-o",
        "yaml",
        "json",
        "wide",
        "name",
        "-ojsonpath={.items[*]}",
        "-w",
        "-l",
        "app=x",
        "--show-labels",
        "-f",
        "-",
        "--tail",
        "3",
        "-p",
        "-c",
        "main",
        "--",
        "echo",
        "sim",
        "advance",
        "1s",
        "fault",
        "grep",
        "-v",
        "head",
        "-n",
        "|",
        "&&",
        "||",
        ";",
        ">",
        "/tmp/o",
        "'",
        '"',
        "\\",
        "$HOME",
        "<<EOF",
        "--force",
        "--grace-period=0",
        "--image=nginx",
        "--dry-run=client",
        "-it",
        "--foo",
        "-Z",
        "=",
        "{",
        "}",
        "jsonpath={",
        "port-forward",
        "2>&1",
      ),
      fc.string({ maxLength: 6 }),
    );
    const sh = setup().sh;
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 8 }), async (words) => {
        const r = await sh.run(words.join(" "));
        expect(typeof r.code).toBe("number");
        expect(r.output).not.toMatch(/internal error|undefined|\[object Object\]|NaN/);
        if (r.code !== 0 && r.stderr !== "") {
          // bash's `[1] 4107` for a `CMD &` job comes before any tool's words
          const first = r.stderr.split("\n").find((l) => l !== "" && !/^\[\d+\] \d+$/.test(l)) ?? "";
          expect(first, words.join(" ")).toMatch(TOOL_WORDING);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
