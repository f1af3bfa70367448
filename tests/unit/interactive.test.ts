// Interactive shells on the terminal (`kubectl exec -it`, `kubectl run -it`, `crictl exec -it`) and
// `kubectl debug` (ephemeral containers, --copy-to, node/NAME), run as the Kubernetes docs pages
// tasks/debug/debug-application/get-shell-running-container and debug-running-pod describe them.
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../src/simulation";
import { EOF_INPUT, LineEditor, PROMPT } from "../../src/ui/terminal/lineEditor";

const ATTACH_WARNINGS =
  "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n" +
  "If you don't see a command prompt, try pressing enter.\n";
const LEGACY_WARNING =
  '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

/** Type a line; the prompt the terminal shows next (undefined at the node's own prompt). */
async function type(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { ...r, next: sim.shell.prompt };
}

function pod(sim: LiveSimulation, name: string): Pod {
  return sim.node.api.get<Pod>("Pod", "default", name);
}

const SHELL_DEMO = `apiVersion: v1
kind: Pod
metadata:
  name: shell-demo
spec:
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  hostNetwork: true
  dnsPolicy: Default
`;

describe("docs: get-shell-running-container (shell-demo)", () => {
  it("kubectl exec --stdin --tty opens bash in the nginx container, until exit", async () => {
    const sim = createSimulation({ seed: 1 });
    // the page's manifest without hostNetwork (a learner's node has one pod network)
    await sim.apply(SHELL_DEMO.replace("  hostNetwork: true\n  dnsPolicy: Default\n", ""));
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod shell-demo")).toMatch(/shell-demo {3}1\/1 {5}Running/);

    const open = await type(sim, "kubectl exec --stdin --tty shell-demo -- /bin/bash");
    expect(open).toMatchObject({ output: "", code: 0, next: "root@shell-demo:/# " });
    // ls on a terminal fills columns; the nginx image's root directory
    const ls = await type(sim, "ls /");
    expect(ls.output).toBe(
      "bin   dev                  etc   lib    media  opt   root  sbin  sys  usr\n" +
        "boot  docker-entrypoint.d  home  lib64  mnt    proc  run   srv   tmp  var\n",
    );
    const mounts = (await type(sim, "cat /proc/mounts")).output;
    expect(mounts).toMatch(/^overlay \/ overlay rw,relatime,lowerdir=/);
    expect(mounts).toContain("\n/dev/sda1 /usr/share/nginx/html ext4 rw,relatime 0 0\n");
    expect(mounts).toContain("\ntmpfs /var/run/secrets/kubernetes.io/serviceaccount tmpfs ro,");
    // the image has no procps: bash says so
    expect((await type(sim, "ps aux")).output).toBe("bash: ps: command not found\n");
    expect((await type(sim, "apt-get update")).output).toMatch(/^k8s-node-sim: 'apt-get' is not simulated/);

    expect((await type(sim, "echo 'Hello shell demo' > /usr/share/nginx/html/index.html")).output).toBe("");
    // curl to the terminal: the body only, no progress meter
    expect((await type(sim, "curl http://localhost/")).output).toBe("Hello shell demo\n");
    // the emptyDir lives on the node: the page served is the file written inside
    const uid = pod(sim, "shell-demo").metadata?.uid;
    expect(
      sim.node.fs.read(`/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~empty-dir/shared-data/index.html`),
    ).toBe("Hello shell demo\n");

    const cd = await type(sim, "cd /usr/share/nginx/html");
    expect(cd.next).toBe("root@shell-demo:/usr/share/nginx/html# ");
    expect((await type(sim, "ls")).output).toBe("index.html\n");
    expect((await type(sim, "cd ~")).next).toBe("root@shell-demo:~# ");

    const exit = await type(sim, "exit");
    expect(exit).toMatchObject({ output: "exit\n", code: 0, next: undefined });
    // back at the node's shell: commands run there again
    expect(await sim.exec("hostname")).toBe("node-1\n");
    expect(await sim.exec("kubectl exec shell-demo -- cat /usr/share/nginx/html/index.html")).toBe(
      "Hello shell demo\n",
    );
  });

  it("an exit status becomes kubectl's 'command terminated with exit code N' and $?", async () => {
    const sim = createSimulation({ seed: 2 });
    await sim.exec("kubectl run web --image=nginx:1.27");
    await sim.advance(20_000);
    expect((await type(sim, "kubectl exec -it web -- sh")).next).toBe("# ");
    expect((await type(sim, "nosuch")).output).toBe("sh: 1: nosuch: not found\n");
    // dash counts the lines typed
    expect((await type(sim, "nosuch")).output).toBe("sh: 2: nosuch: not found\n");
    const exit = await type(sim, "exit 3");
    expect(exit).toMatchObject({ stderr: "command terminated with exit code 3\n", code: 3, next: undefined });
    expect(await sim.exec("echo $?")).toBe("3\n");
    // bash's exit without a status returns the last command's: 127 after a command not found
    await type(sim, "kubectl exec -it web -- bash");
    await type(sim, "ifconfig");
    expect((await type(sim, "exit")).output).toBe("exit\ncommand terminated with exit code 127\n");
  });

  it("a heredoc is piped to the shell's stdin: no prompt, no session", async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.exec("kubectl run web --image=nginx:1.27");
    await sim.advance(20_000);
    const r = await type(sim, "kubectl exec -i web -- sh <<'EOF'\necho one\nls /etc/nginx\nexit 2\nEOF");
    expect(r).toMatchObject({
      output: "one\nconf.d\nnginx.conf\ncommand terminated with exit code 2\n",
      code: 2,
      next: undefined,
    });
  });

  it("Ctrl-C interrupts the foreground command, Ctrl-D ends the shell's input", async () => {
    const sim = createSimulation({ seed: 4 });
    await sim.exec("kubectl run bb --image=busybox:1.36 -- sleep 1d");
    await sim.advance(15_000);
    expect((await type(sim, "kubectl exec -it bb -- sh")).next).toBe("/ # ");
    const t0 = sim.node.clock.now();
    expect((await type(sim, "sleep 5; echo slept")).output).toBe("slept\n");
    expect(sim.node.clock.now() - t0).toBe(5_000);
    // a command that never ends holds the terminal; Ctrl-C ends it with status 130
    expect((await type(sim, "sleep infinity")).next).toBe("");
    expect((await type(sim, "\x03")).next).toBe("/ # ");
    expect((await type(sim, "echo $?")).output).toBe("130\n");
    // the exec'd shell is a process of the container's PID namespace
    expect((await type(sim, "ps")).output).toMatch(/^ {4}1 root {6}0:00 sleep 1d\n.* sh\n/m);
    const eof = await type(sim, "\x04");
    expect(eof).toMatchObject({ output: "\n", code: 0, next: undefined });
  });
});

describe("kubectl run -it", () => {
  it("--rm: warnings, busybox's prompt, and on exit the reattach line and the deletion", async () => {
    const sim = createSimulation({ seed: 5 });
    const open = await type(sim, "kubectl run bb -it --rm --image=busybox:1.36 --restart=Never -- sh");
    expect(open).toMatchObject({ stdout: "", stderr: ATTACH_WARNINGS, code: 0, next: "/ # " });
    const spec = pod(sim, "bb").spec?.containers[0];
    expect(spec).toMatchObject({ stdin: true, stdinOnce: true, tty: true, args: ["sh"] });
    expect((await type(sim, "hostname")).output).toBe("bb\n");
    expect((await type(sim, "cd /tmp")).next).toBe("/tmp # ");
    const exit = await type(sim, "exit");
    expect(exit).toMatchObject({
      output:
        "Session ended, resume using 'kubectl attach bb -c bb -n default -i -t' command\n" +
        'pod "bb" deleted from default namespace\n',
      code: 0,
      next: undefined,
    });
    await sim.advance(5_000);
    expect(sim.node.api.tryGet("Pod", "default", "bb")).toBeUndefined();
  });

  it("a failed container: the pod's exit code, after the deletion", async () => {
    const sim = createSimulation({ seed: 6 });
    await type(sim, "kubectl run bb -it --rm --image=busybox:1.36 --restart=Never -- sh");
    const exit = await type(sim, "exit 3");
    expect(exit.stdout).toBe(
      "Session ended, resume using 'kubectl attach bb -c bb -n default -i -t' command\n" +
        'pod "bb" deleted from default namespace\n',
    );
    expect(exit.stderr).toBe("pod default/bb terminated (Error)\n");
    expect(exit.code).toBe(3);
  });

  it("without --rm the pod stays (restart OnFailure by default) and its log holds the terminal", async () => {
    const sim = createSimulation({ seed: 7 });
    await type(sim, "kubectl run b2 -it --image=busybox:1.36 -- sh");
    expect(pod(sim, "b2").spec?.restartPolicy).toBe("OnFailure");
    await type(sim, "echo hello from the tty");
    const exit = await type(sim, "exit");
    expect(exit.output).toBe(
      "Session ended, resume using 'kubectl attach b2 -c b2 -n default -i -t' command\n",
    );
    expect(await sim.exec("kubectl get pod b2")).toMatch(/\nb2 +0\/1 +Completed +0 /);
    expect(await sim.exec("kubectl logs b2")).toBe(
      "/ # echo hello from the tty\nhello from the tty\n/ # exit\n",
    );
  });

  it("validates like kubectl", async () => {
    const sim = createSimulation({ seed: 8 });
    expect(await sim.exec("kubectl run x -t --image=busybox -- sh")).toBe(
      "error: -i/--stdin is required for containers with -t/--tty=true\n",
    );
    expect(await sim.exec("kubectl run x --rm --image=busybox -- sh")).toBe(
      "error: --rm should only be used for attached containers\n",
    );
  });
});

describe("kubectl attach -it", () => {
  it("joins the main process's terminal; a restarted shell can be attached again", async () => {
    const sim = createSimulation({ seed: 15 });
    expect(
      await sim.exec("kubectl run bb -i -t --attach=false --restart=Always --image=busybox:1.36 -- sh"),
    ).toBe("pod/bb created\n");
    await sim.advance(15_000);
    const open = await type(sim, "kubectl attach bb -c bb -i -t");
    expect(open).toMatchObject({ stdout: "", stderr: ATTACH_WARNINGS, next: "/ # " });
    expect((await type(sim, "echo attached")).output).toBe("attached\n");
    expect((await type(sim, "exit")).output).toBe(
      "Session ended, resume using 'kubectl attach bb -c bb -n default -i -t' command\n",
    );
    await sim.advance(15_000);
    expect(await sim.exec("kubectl get pod bb")).toMatch(/bb +1\/1 +Running +1 \(/);
    expect((await type(sim, "kubectl attach bb -it")).next).toBe("/ # ");
    expect((await type(sim, "\x04")).next).toBeUndefined();
    expect(await sim.exec("kubectl attach nope -it")).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });
});

describe("crictl exec -it", () => {
  it("opens the container's shell; a non-zero exit is crictl's FATA", async () => {
    const sim = createSimulation({ seed: 9 });
    await sim.exec("kubectl run web --image=nginx:1.27");
    await sim.advance(20_000);
    const id = (await sim.exec("crictl ps --name web -q")).trim();
    expect((await type(sim, `crictl exec -it ${id} sh`)).next).toBe("# ");
    expect((await type(sim, "cat /etc/hostname")).output).toBe("web\n");
    const exit = await type(sim, "exit 4");
    expect(exit.stderr).toBe(
      `FATA[0000] execing command in container ${id}: command terminated with exit code 4 \n`,
    );
    expect(exit.code).toBe(1);
    expect(exit.next).toBeUndefined();
  });
});

const EPHEMERAL_DEMO = "kubectl run ephemeral-demo --image=registry.k8s.io/pause:3.10 --restart=Never";

describe("docs: debug-running-pod — kubectl debug", () => {
  it("an ephemeral container targeting the pause container: messages, processes, status, describe", async () => {
    const sim = createSimulation({ seed: 10 });
    await sim.exec(EPHEMERAL_DEMO);
    await sim.advance(20_000);
    // the image has no shell
    expect(await sim.exec("kubectl exec -it ephemeral-demo -- sh")).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown\n$/,
    );

    const open = await type(
      sim,
      "kubectl debug -it ephemeral-demo --image=busybox:1.28 --target=ephemeral-demo",
    );
    const name = /Defaulting debug container name to (debugger-[a-z0-9]{5})\./.exec(open.stdout)?.[1] ?? "";
    expect(open.stdout).toBe(
      `Targeting container "ephemeral-demo". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n` +
        `Defaulting debug container name to ${name}.\n`,
    );
    expect(open.stderr).toBe(LEGACY_WARNING + ATTACH_WARNINGS);
    expect(open.next).toBe("/ # ");
    // --target: the pause container's PID namespace (pause is PID 1)
    expect((await type(sim, "ps")).output).toMatch(
      /^PID {3}USER {5}TIME {2}COMMAND\n {4}1 65535 {5}0:00 \/pause\n/,
    );

    const p = pod(sim, "ephemeral-demo");
    expect(p.spec?.ephemeralContainers).toEqual([
      expect.objectContaining({
        name,
        image: "busybox:1.28",
        stdin: true,
        tty: true,
        targetContainerName: "ephemeral-demo",
        terminationMessagePolicy: "File",
        imagePullPolicy: "IfNotPresent",
      }),
    ]);
    expect(p.status?.ephemeralContainerStatuses?.[0]).toMatchObject({
      name,
      ready: false,
      restartCount: 0,
      state: { running: {} },
    });
    // inside the session a line is the container's: kubectl is not there
    expect((await type(sim, "kubectl get pods")).output).toBe("sh: kubectl: not found\n");

    // attach reports no exit status: whatever the shell exits with, kubectl prints the reattach line
    const exit = await type(sim, "exit 0");
    expect(exit.output).toBe(
      `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ephemeral-demo -c ${name} -n default -i -t' if it is still running\n`,
    );
    await sim.advance(2_000);
    const events = await sim.exec("kubectl get events --field-selector involvedObject.name=ephemeral-demo");
    expect(events).toContain(`Started container ${name}`);
    const describe = await sim.exec("kubectl describe pod ephemeral-demo");
    expect(describe).toMatch(
      new RegExp(
        `\\nEphemeral Containers:\\n  ${name}:\\n    Container ID:   containerd://[0-9a-f]{64}\\n    Image:          busybox:1.28\\n`,
      ),
    );
    expect(describe).toMatch(/ {4}State: {10}Terminated\n {6}Reason: {7}Completed\n {6}Exit Code: {4}0\n/);
    // the pod itself is untouched: its container still runs, the ephemeral one is never restarted
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod ephemeral-demo")).toMatch(
      /ephemeral-demo {3}1\/1 {5}Running {3}0 /,
    );
    expect(
      pod(sim, "ephemeral-demo").status?.ephemeralContainerStatuses?.[0].state?.terminated?.exitCode,
    ).toBe(0);
  });

  it("the API server refuses what the ephemeralcontainers subresource does not allow", async () => {
    const sim = createSimulation({ seed: 11 });
    await sim.exec(EPHEMERAL_DEMO);
    await sim.advance(20_000);
    expect(await sim.exec("kubectl debug ephemeral-demo --image=busybox:1.28 --target=nope -c dbg")).toBe(
      `Targeting container "nope". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n` +
        LEGACY_WARNING +
        'The Pod "ephemeral-demo" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"\n',
    );
    expect(
      await sim.exec("kubectl debug ephemeral-demo --image=busybox:1.28 -c ephemeral-demo --profile=general"),
    ).toBe(
      'The Pod "ephemeral-demo" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "ephemeral-demo"\n',
    );
    expect(await sim.exec("kubectl debug ephemeral-demo")).toBe(
      "error: you must specify --image when not using --copy-to.\n",
    );
    // an update through the pod itself may not touch ephemeral containers
    const p = structuredClone(pod(sim, "ephemeral-demo"));
    p.spec!.ephemeralContainers = [{ name: "x", image: "busybox" }];
    expect(() => sim.node.api.update("Pod", p)).toThrow(/pod updates may not change fields/);
  });

  it("--copy-to with --container and a command: a copy whose container runs the shell", async () => {
    const sim = createSimulation({ seed: 12 });
    await sim.exec("kubectl run myapp --image=busybox:1.28 -- false");
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod myapp")).toMatch(
      /myapp {3}0\/1 {5}(CrashLoopBackOff|Error|Completed)/,
    );
    const open = await type(sim, "kubectl debug myapp -it --copy-to=myapp-debug --container=myapp -- sh");
    expect(open).toMatchObject({ stdout: "", stderr: LEGACY_WARNING + ATTACH_WARNINGS, next: "/ # " });
    const copy = pod(sim, "myapp-debug");
    expect(copy.spec?.containers[0]).toMatchObject({
      name: "myapp",
      command: ["sh"],
      stdin: true,
      tty: true,
    });
    expect(copy.spec?.shareProcessNamespace).toBe(true);
    // the legacy profile drops the labels, so the copy matches no selector of the original
    expect(copy.metadata?.labels).toBeUndefined();
    expect((await type(sim, "hostname")).output).toBe("myapp-debug\n");
    const exit = await type(sim, "exit");
    expect(exit.output).toBe(
      "Session ended, resume using 'kubectl attach myapp-debug -c myapp -n default -i -t' command\n",
    );
  });

  it("node/NAME: a pod in the node's namespaces with its root filesystem at /host", async () => {
    const sim = createSimulation({ seed: 13 });
    const open = await type(sim, "kubectl debug node/node-1 -it --image=busybox:1.36");
    const name = /Creating debugging pod (node-debugger-node-1-[a-z0-9]{5}) /.exec(open.stdout)?.[1] ?? "";
    expect(open.stdout).toBe(`Creating debugging pod ${name} with container debugger on node node-1.\n`);
    expect(open.stderr).toBe(LEGACY_WARNING + ATTACH_WARNINGS);
    expect(open.next).toBe("/ # ");
    const p = pod(sim, name);
    expect(p.spec).toMatchObject({
      hostIPC: true,
      hostNetwork: true,
      hostPID: true,
      nodeName: "node-1",
      restartPolicy: "Never",
      tolerations: [{ operator: "Exists" }],
    });
    expect(p.spec?.volumes?.[0]).toEqual({ name: "host-root", hostPath: { path: "/", type: "" } });
    expect(p.spec?.containers[0].volumeMounts?.[0]).toEqual({ name: "host-root", mountPath: "/host" });
    expect(p.metadata?.labels).toEqual({ "app.kubernetes.io/managed-by": "kubectl-debug" });
    // the node's UTS namespace and its files
    expect((await type(sim, "hostname")).output).toBe("node-1\n");
    expect((await type(sim, "cat /host/etc/hostname")).output).toBe("node-1\n");
    const config = sim.node.fs.read("/var/lib/kubelet/config.yaml") ?? "";
    expect(config).toContain("kind: KubeletConfiguration");
    expect((await type(sim, "cat /host/var/lib/kubelet/config.yaml")).output).toBe(config);
    const exit = await type(sim, "exit");
    expect(exit.output).toBe(
      `Session ended, resume using 'kubectl attach ${name} -c debugger -n default -i -t' command\n`,
    );
    // the debugging pod stays until deleted (the docs' clean-up step)
    await sim.advance(5_000);
    expect(await sim.exec(`kubectl get pod ${name}`)).toMatch(new RegExp(`${name} {3}0/1 {5}Completed`));
  });
});

describe("the browser terminal's line editor inside a session", () => {
  it("shows the container's prompt, submits Ctrl-D and empty lines there, and keeps the history", () => {
    const ed = new LineEditor(["kubectl exec -it web -- sh"]);
    // at the node's prompt Ctrl-D and an empty Enter do nothing
    expect(ed.feed("\x04")).toEqual({ write: "", submit: undefined, clear: false });
    expect(ed.feed("\r")).toEqual({ write: `\r\n${PROMPT}`, submit: undefined, clear: false });
    ed.basePrompt = "/ # ";
    ed.eofSubmits = true;
    expect(ed.feed("\r").submit).toBe("");
    expect(ed.feed("ls").write).toBe("ls");
    expect(ed.feed("\x03").write).toBe("^C\r\n/ # ");
    expect(ed.feed("\x1b[A").write).toContain("kubectl exec -it web -- sh");
    expect(ed.feed("\x15\x04").submit).toBe(EOF_INPUT);
  });

  it("the node's Tab completion is off while a session is open", async () => {
    const sim = createSimulation({ seed: 14 });
    await sim.exec("kubectl run bb --image=busybox:1.36 -- sleep 1d");
    await sim.advance(15_000);
    expect(sim.shell.complete("kubectl ge")).toEqual(["get"]);
    await type(sim, "kubectl exec -it bb -- sh");
    expect(sim.shell.complete("kubectl ge")).toEqual([]);
    await type(sim, "exit");
    expect(sim.shell.complete("kubectl ge")).toEqual(["get"]);
  });
});
