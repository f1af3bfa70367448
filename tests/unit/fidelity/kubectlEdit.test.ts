// kubectl edit as kubectl 1.34 runs it (staging/src/k8s.io/kubectl/pkg/cmd/util/editor): the objects
// written to /tmp/kubectl-edit-XXXXX.yaml under the header, the editor from $KUBE_EDITOR / $EDITOR run
// on it by the node's shell, then a patch to the API server — or the file reopened with the errors.
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

async function withDeployments(
  names = ["web"],
  opts: { editorPanel?: boolean } = {},
): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 1, ...opts });
  for (const n of names)
    expect(await sim.exec(`kubectl create deployment ${n} --image=nginx`)).toBe(
      `deployment.apps/${n} created\n`,
    );
  await sim.advance(10_000);
  return sim;
}

const replicas = (sim: LiveSimulation, name = "web") =>
  sim.node.api.get<Deployment>("Deployment", "default", name).spec?.replicas;
const tmpFiles = (sim: LiveSimulation) =>
  sim.node.fs.readdir("/tmp").filter((f) => f.startsWith("kubectl-edit-"));

describe("kubectl edit with $KUBE_EDITOR (headless)", () => {
  it("patches what the editor changed and prints `edited`; the temp file is removed", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/replicas: 1/replicas: 3/"' kubectl edit deployment/web`,
    );
    expect(r.output).toBe("deployment.apps/web edited\n");
    expect(r.code).toBe(0);
    expect(replicas(sim)).toBe(3);
    expect(tmpFiles(sim)).toEqual([]);
    // the deployment controller acts on the new spec
    await sim.advance(30_000);
    expect(sim.node.api.list<Pod>("Pod", { namespace: "default" }).length).toBe(3);
  });

  it("shows the editor the object as `kubectl get -o yaml` has it, under the header; unchanged cancels", async () => {
    const sim = await withDeployments();
    const yaml = await sim.exec("kubectl get deploy web -o yaml");
    // cat is an editor that changes nothing: what it prints is the file kubectl wrote
    const r = await sim.shell.run("KUBE_EDITOR=cat kubectl edit deploy web");
    expect(r.stdout).toBe(HEADER + yaml);
    expect(r.stderr).toBe("Edit cancelled, no changes made.\n");
    expect(r.code).toBe(0);
    expect(tmpFiles(sim)).toEqual([]);
  });

  it("the editor runs on /tmp/kubectl-edit-<5 random letters or digits>.yaml", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run(`KUBE_EDITOR=echo kubectl edit deploy/web`);
    expect(r.stdout).toMatch(/^\/tmp\/kubectl-edit-[a-z0-9]{5}\.yaml\n$/);
    expect(r.stderr).toBe("Edit cancelled, no changes made.\n");
  });

  it("only whitespace and comments left: `Edit cancelled, saved file was empty.`", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run(`KUBE_EDITOR='sed -i "/^[^#]/d"' kubectl edit deploy/web`);
    expect(r.output).toBe("Edit cancelled, saved file was empty.\n");
    expect(r.code).toBe(0);
    expect(replicas(sim)).toBe(1);
  });

  it("an invalid edit is reopened with the API server's causes; unchanged again, kubectl gives up", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/replicas: 1/replicas: -1/"' kubectl edit deploy/web`,
    );
    const files = tmpFiles(sim);
    expect(files.length).toBe(2);
    const m = /A copy of your changes has been stored to "(\/tmp\/kubectl-edit-[a-z0-9]{5}\.yaml)"/.exec(
      r.output,
    );
    expect(m).not.toBeNull();
    expect(r.output).toBe(
      `error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "${m?.[1]}"\nerror: Edit cancelled, no valid changes were saved.\n`,
    );
    expect(r.code).toBe(1);
    expect(replicas(sim)).toBe(1);
    // the reopened file: the header, the reason, then the edit as it was (comments stripped)
    const reopened = sim.node.fs.read(m?.[1] ?? "") ?? "";
    const top = `${HEADER}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\nkind: Deployment\n`;
    expect(reopened.slice(0, top.length)).toBe(top);
    expect(reopened).toContain("\n  replicas: -1\n");
  });

  it("an invalid edit fixed in the reopened file is applied", async () => {
    const sim = await withDeployments();
    // first pass: replicas 1 → -1 (refused); second pass: -1 → 2
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i -e "s/replicas: -1/replicas: 2/" -e "s/replicas: 1$/replicas: -1/"' kubectl edit deploy/web`,
    );
    expect(r.output).toBe('error: deployments.apps "web" is invalid\ndeployment.apps/web edited\n');
    expect(r.code).toBe(0);
    expect(replicas(sim)).toBe(2);
  });

  it("an editor command that changes the refused file on every pass is stopped after 20 reopenings", async () => {
    const sim = await withDeployments();
    // the selector is immutable, and sed renames the label again on each pass
    const r = await sim.shell.run(`KUBE_EDITOR='sed -i "s/app: web/app: web2/"' kubectl edit deploy/web`);
    expect(r.stderr.split("\n").filter((l) => l === 'error: deployments.apps "web" is invalid').length).toBe(
      20,
    );
    expect(r.stderr).toMatch(/k8s-node-sim: the editor changed the file 20 times and it is still refused/);
    expect(r.code).toBe(1);
  });

  it("a Pod's immutable field: the apiserver's Forbidden cause, the file reopened", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(20_000);
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/restartPolicy: Always/restartPolicy: Never/"' kubectl edit pod web`,
    );
    expect(r.stderr.split("\n")[0]).toBe('error: pods "web" is invalid');
    expect(r.stderr).toContain("error: Edit cancelled, no valid changes were saved.\n");
    const path = /stored to "([^"]+)"/.exec(r.stderr)?.[1] ?? "";
    expect(sim.node.fs.read(path)).toContain(
      '# pods "web" was not valid:\n# * spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,',
    );
    expect(sim.node.api.get<Pod>("Pod", "default", "web").spec?.restartPolicy).toBe("Always");
  });

  it("a Pod's image may change", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/image: nginx/image: nginx:1.27/"' kubectl edit pod/web`,
    );
    expect(r.output).toBe("pod/web edited\n");
    expect(sim.node.api.get<Pod>("Pod", "default", "web").spec?.containers[0].image).toBe("nginx:1.27");
  });

  it("-o json: the file is JSON with no header (.json), and the edited object is printed as JSON", async () => {
    const sim = await withDeployments();
    const json = await sim.exec("kubectl get deploy web -o json");
    const shown = await sim.shell.run("KUBE_EDITOR=cat kubectl edit deploy/web -o json");
    expect(shown.stdout).toBe(json);
    const named = await sim.shell.run(`KUBE_EDITOR=echo kubectl edit deploy/web -o json`);
    expect(named.stdout).toMatch(/^\/tmp\/kubectl-edit-[a-z0-9]{5}\.json\n$/);
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/\\"replicas\\": 1,/\\"replicas\\": 4,/"' kubectl edit deploy/web -o json`,
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).spec.replicas).toBe(4);
    expect(replicas(sim)).toBe(4);
  });

  it("several objects are edited as one List; each is patched (or skipped) in turn", async () => {
    const sim = await withDeployments(["db", "web"]);
    const list = await sim.shell.run("KUBE_EDITOR=cat kubectl edit deploy/web deploy/db");
    expect(
      list.stdout.startsWith(`${HEADER}apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n`),
    ).toBe(true);
    expect(list.stdout.endsWith("kind: List\nmetadata: {}\n")).toBe(true);
    expect(list.stdout.indexOf("name: web")).toBeLessThan(list.stdout.indexOf("name: db"));
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/replicas: 1/replicas: 2/"' kubectl edit deployments`,
    );
    expect(r.output).toBe("deployment.apps/db edited\ndeployment.apps/web edited\n");
    expect([replicas(sim, "db"), replicas(sim, "web")]).toEqual([2, 2]);
    // one changed, one not: the other is skipped
    await sim.exec("kubectl set image deployment/db nginx=redis");
    const one = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/image: nginx/image: nginx:1.27/"' kubectl edit deploy db web`,
    );
    expect(one.output).toBe("deployment.apps/db skipped\ndeployment.apps/web edited\n");
  });

  it("--output-patch prints the strategic merge patch kubectl sends", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/image: nginx/image: nginx:1.27/"' kubectl edit deploy/web --output-patch`,
    );
    expect(r.output).toBe(
      'Patch: {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\ndeployment.apps/web edited\n',
    );
  });

  it("--save-config records the edited object as last-applied-configuration", async () => {
    const sim = await withDeployments();
    await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/replicas: 1/replicas: 2/"' kubectl edit deploy/web --save-config`,
    );
    const ann =
      sim.node.api.get<Deployment>("Deployment", "default", "web").metadata?.annotations?.[
        "kubectl.kubernetes.io/last-applied-configuration"
      ] ?? "";
    expect(JSON.parse(ann).spec.replicas).toBe(2);
  });

  it("changing the name is refused before any request", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/  name: web/  name: other/"' kubectl edit deploy/web`,
    );
    expect(r.stderr).toMatch(
      /^A copy of your changes has been stored to "\/tmp\/kubectl-edit-[a-z0-9]{5}\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/,
    );
    expect(r.code).toBe(1);
  });

  it("objects that do not exist, and no objects at all", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run("KUBE_EDITOR=cat kubectl edit deploy/nope");
    expect(r.output).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect((await sim.shell.run("KUBE_EDITOR=cat kubectl edit jobs")).output).toBe(
      "error: edit cancelled, no objects found\n",
    );
    expect((await sim.shell.run("kubectl edit")).output).toMatch(
      /^error: You must provide one or more resources by argument or filename\./,
    );
  });
});

describe("which editor kubectl edit runs", () => {
  it("$KUBE_EDITOR before $EDITOR; `export` passes a variable on, a plain assignment does not", async () => {
    const sim = await withDeployments();
    await sim.shell.run(`EDITOR='sed -i "s/replicas: 1/replicas: 5/"'`);
    // not exported: kubectl sees no editor and falls back to vi, which headless has no terminal
    const plain = await sim.shell.run("kubectl edit deploy/web");
    expect(plain.stderr).toContain('error: unable to launch the editor "vi"\n');
    expect(plain.code).toBe(1);
    await sim.shell.run("export EDITOR");
    expect((await sim.shell.run("KUBE_EDITOR=cat kubectl edit deploy/web")).stderr).toBe(
      "Edit cancelled, no changes made.\n",
    );
    expect((await sim.shell.run("kubectl edit deploy/web")).output).toBe("deployment.apps/web edited\n");
    expect(replicas(sim)).toBe(5);
  });

  it("headless with no editor: says so and how to give one in KUBE_EDITOR", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run("kubectl edit deploy/web");
    expect(r.stderr).toMatch(/KUBE_EDITOR=/);
    expect(r.stderr.endsWith('error: unable to launch the editor "vi"\n')).toBe(true);
    expect(r.code).toBe(1);
  });

  it("an editor with spaces and no quotes is split on spaces, as kubectl does (sed then fails)", async () => {
    const sim = await withDeployments();
    const r = await sim.shell.run('KUBE_EDITOR="sed -i s/replicas: 1/replicas: 3/" kubectl edit deploy/web');
    expect(r.stderr).toBe(
      'sed: -e expression #1, char 11: unterminated `s\' command\nerror: there was a problem with the editor "sed -i s/replicas: 1/replicas: 3/"\n',
    );
    expect(r.code).toBe(1);
    expect((await sim.shell.run("KUBE_EDITOR=nosuch kubectl edit deploy/web")).output).toBe(
      'error: unable to launch the editor "nosuch"\n',
    );
  });
});

describe("kubectl edit in the browser: the editor panel", () => {
  async function opened(sim: LiveSimulation, line = "kubectl edit deployment/web") {
    const r = await sim.shell.run(line);
    expect(r.open?.waits).toBe(true);
    expect(r.open?.path).toMatch(/^\/tmp\/kubectl-edit-[a-z0-9]{5}\.yaml$/);
    expect(r.open?.text.startsWith(HEADER)).toBe(true);
    expect(sim.shell.prompt).toBe("");
    return r.open!;
  }
  /** What the panel's Save runs (src/ui/editor/fileEdit.ts saveCommand). */
  const save = (path: string, text: string) => `cat > ${path} <<'EOF'\n${text}EOF`;

  it("Save writes the file and kubectl applies it", async () => {
    const sim = await withDeployments(["web"], { editorPanel: true });
    const file = await opened(sim);
    const r = await sim.shell.run(save(file.path, file.text.replace("replicas: 1", "replicas: 3")));
    expect(r.output).toBe("deployment.apps/web edited\n");
    expect(r.open).toBeUndefined();
    expect(sim.shell.inSession).toBe(false);
    expect(replicas(sim)).toBe(3);
  });

  it("Cancel (Ctrl-D to the session): `Edit cancelled, no changes made.`", async () => {
    const sim = await withDeployments(["web"], { editorPanel: true });
    await opened(sim);
    const typed = await sim.shell.run("kubectl get pods");
    expect(typed.output).toMatch(/^k8s-node-sim: kubectl edit is waiting for its editor/);
    expect(sim.shell.inSession).toBe(true);
    const r = await sim.shell.run("\x04");
    expect(r.output).toBe("Edit cancelled, no changes made.\n");
    expect(sim.shell.inSession).toBe(false);
    expect(tmpFiles(sim)).toEqual([]);
  });

  it("an invalid Save reopens the file with the errors; Cancel then gives up", async () => {
    const sim = await withDeployments(["web"], { editorPanel: true });
    const file = await opened(sim);
    const r = await sim.shell.run(save(file.path, file.text.replace("replicas: 1", "replicas: -1")));
    expect(r.output).toBe('error: deployments.apps "web" is invalid\n');
    expect(r.open?.path).not.toBe(file.path);
    expect(r.open?.text).toContain(
      '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n',
    );
    const end = await sim.shell.run("\x04");
    expect(end.output).toBe(
      `A copy of your changes has been stored to "${r.open?.path}"\nerror: Edit cancelled, no valid changes were saved.\n`,
    );
    expect(end.code).toBe(1);
    expect(sim.shell.inSession).toBe(false);
  });

  it("KUBE_EDITOR still wins in the browser", async () => {
    const sim = await withDeployments(["web"], { editorPanel: true });
    const r = await sim.shell.run(
      `KUBE_EDITOR='sed -i "s/replicas: 1/replicas: 2/"' kubectl edit deploy/web`,
    );
    expect(r.output).toBe("deployment.apps/web edited\n");
    expect(r.open).toBeUndefined();
  });

  it("a replay of the recorded lines ends in the same state", async () => {
    const lines: string[] = [];
    const sim = await withDeployments(["web"], { editorPanel: true });
    const file = await opened(sim);
    lines.push(
      "kubectl edit deployment/web",
      save(file.path, file.text.replace("replicas: 1", "replicas: 2")),
    );
    await sim.shell.run(lines[1]);
    const again = await withDeployments(["web"], { editorPanel: true });
    for (const l of lines) await again.exec(l);
    expect(replicas(again)).toBe(2);
    expect(again.shell.inSession).toBe(false);
  });
});
