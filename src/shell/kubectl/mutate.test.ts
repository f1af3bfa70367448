import { describe, expect, it } from "vitest";
import { ApiError } from "../../sim/apiserver/types";
import { Shell } from "../shell";
import { fakeNode } from "../testing/fakeNode";
import { at, cs, pod } from "../testing/pods";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  nodeName: node-1
  containers:
  - name: app
    image: nginx
`;

describe("kubectl apply / create", () => {
  it("creates, reports unchanged, then configured, from a heredoc", async () => {
    const node = fakeNode();
    const sh = new Shell(node);
    expect((await sh.run(`kubectl apply -f - <<EOF\n${POD}EOF`)).output).toBe("pod/web created\n");
    const stored = node.api.get("Pod", "default", "web");
    expect(
      JSON.parse(stored.metadata?.annotations?.["kubectl.kubernetes.io/last-applied-configuration"] ?? ""),
    ).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { annotations: {}, name: "web", namespace: "default" },
      spec: { containers: [{ image: "nginx", name: "app" }], nodeName: "node-1" },
    });
    expect((await sh.run(`kubectl apply -f - <<EOF\n${POD}EOF`)).output).toBe("pod/web unchanged\n");
    const changed = POD.replace("image: nginx", "image: nginx:1.27");
    expect((await sh.run(`kubectl apply -f - <<'EOF'\n${changed}EOF`)).output).toBe("pod/web configured\n");
    expect(
      (node.api.get("Pod", "default", "web").spec as { containers: { image: string }[] }).containers[0].image,
    ).toBe("nginx:1.27");
  });

  it("reads files, multi-document streams and group-qualified kinds", async () => {
    const node = fakeNode();
    node.fs.write(
      "/root/all.yaml",
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\napiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: team\ndata:\n  a: "1"\n',
    );
    const sh = new Shell(node);
    expect((await sh.run("kubectl apply -f all.yaml")).output).toBe(
      "namespace/team created\nruntimeclass.node.k8s.io/gvisor created\nconfigmap/cfg created\n",
    );
    expect((await sh.run("kubectl get runtimeclass")).stdout).toBe(
      "NAME     HANDLER   AGE\ngvisor   runsc     0s\n",
    );
    expect((await sh.run("kubectl create -f /root/all.yaml")).stderr).toBe(
      'Error from server (AlreadyExists): error when creating "/root/all.yaml": namespaces "team" already exists\n' +
        'Error from server (AlreadyExists): error when creating "/root/all.yaml": runtimeclasses "gvisor" already exists\n' +
        'Error from server (AlreadyExists): error when creating "/root/all.yaml": configmaps "cfg" already exists\n',
    );
  });

  it("prints kubectl's errors for bad input", async () => {
    const node = fakeNode();
    const sh = new Shell(node);
    const cases: [string, string][] = [
      [
        // go-yaml: a parser error ("did not find expected key") reports the 0-based line of " spec:"
        "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n spec:\nEOF",
        "error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: did not find expected key\n",
      ],
      [
        "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Foo\nmetadata:\n  name: x\nEOF",
        'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
      ],
      [
        "kubectl apply -f - <<'EOF'\napiVersion: v1\nmetadata:\n  name: x\nEOF",
        'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
      ],
      ["kubectl apply -f web.yaml", 'error: the path "web.yaml" does not exist\n'],
      ["kubectl apply", "error: must specify one of -f and -k\n"],
    ];
    for (const [line, err] of cases) {
      const r = await sh.run(line);
      expect(r.stderr, line).toBe(err);
      expect(r.code, line).toBe(1);
    }
    node.api.failNextCreate = new ApiError(
      422,
      "Invalid",
      'Pod "web" is invalid: spec.containers[0].image: Required value',
    );
    expect((await sh.run(`kubectl create -f - <<EOF\n${POD}EOF`)).stderr).toBe(
      'The Pod "web" is invalid: spec.containers[0].image: Required value\n',
    );
    node.api.failNextCreate = new ApiError(
      403,
      "Forbidden",
      'pods "web" is forbidden: pod rejected: RuntimeClass "foo" not found',
    );
    expect((await sh.run(`kubectl apply -f - <<EOF\n${POD}EOF`)).stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "web" is forbidden: pod rejected: RuntimeClass "foo" not found\n',
    );
  });
});

describe("kubectl delete", () => {
  it("waits out the grace period on the virtual clock", async () => {
    const node = fakeNode();
    node.api.seed("Pod", pod("web", { phase: "Running" }, { terminationGracePeriodSeconds: 30 }));
    const r = await new Shell(node).run("kubectl delete pod web");
    expect(r.output).toBe('pod "web" deleted from default namespace\n');
    expect(node.clock.now()).toBe(30_000);
    expect(node.api.tryGet("Pod", "default", "web")).toBeUndefined();
  });

  it("--force --grace-period=0 warns first and does not wait", async () => {
    const node = fakeNode();
    node.api.seed("Pod", pod("web", { phase: "Running" }));
    const r = await new Shell(node).run("kubectl delete pod/web --force --grace-period=0");
    expect(r.output).toBe(
      "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n" +
        'pod "web" force deleted from default namespace\n',
    );
    expect(node.clock.now()).toBe(0);
  });

  it("errors like kubectl", async () => {
    const sh = new Shell(fakeNode());
    expect((await sh.run("kubectl delete pod nope")).stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect((await sh.run("kubectl delete pods")).stderr).toBe(
      "error: resource(s) were provided, but no name was specified\n",
    );
    expect((await sh.run("kubectl delete")).stderr).toMatch(
      /^error: You must provide one or more resources by argument or filename\.\n/,
    );
    expect((await sh.run("kubectl delete pod x --force --grace-period=5")).stderr).toBe(
      "error: --force and --grace-period greater than 0 cannot be specified together\n",
    );
  });
});

describe("kubectl run and exec", () => {
  it("creates a pod labelled run=NAME with args after --", async () => {
    const node = fakeNode();
    const sh = new Shell(node);
    expect(
      (
        await sh.run(
          "kubectl run web --image=nginx --restart=Never --env=A=1 --port 80 -- nginx -g 'daemon off;'",
        )
      ).output,
    ).toBe("pod/web created\n");
    const p = node.api.get("Pod", "default", "web") as {
      metadata: { labels: object };
      spec: { restartPolicy: string; containers: object[] };
    };
    expect(p.metadata.labels).toEqual({ run: "web" });
    expect(p.spec.restartPolicy).toBe("Never");
    expect(p.spec.containers[0]).toEqual({
      name: "web",
      image: "nginx",
      args: ["nginx", "-g", "daemon off;"],
      env: [{ name: "A", value: "1" }],
      ports: [{ containerPort: 80 }],
      resources: {},
    });
    expect((await sh.run("kubectl run web --image=nginx")).stderr).toBe(
      'Error from server (AlreadyExists): pods "web" already exists\n',
    );
    expect((await sh.run("kubectl run x")).stderr).toBe("error: --image is required\n");
  });

  it("exec runs through the CRI ExecSync and reports the exit code", async () => {
    const node = fakeNode();
    node.api.seed(
      "Pod",
      pod("web", {
        phase: "Running",
        containerStatuses: [
          cs("app", { running: { startedAt: at(1) } }, { containerID: "containerd://abc" }),
        ],
      }),
    );
    node.execAnswers.set("cat /etc/hostname", { stdout: "web\n", stderr: "", exitCode: 0 });
    node.execAnswers.set("false", { stdout: "", stderr: "", exitCode: 1 });
    const sh = new Shell(node);
    expect((await sh.run("kubectl exec web -- cat /etc/hostname")).output).toBe("web\n");
    const f = await sh.run("kubectl exec web -- false");
    expect(f.stderr).toBe("command terminated with exit code 1\n");
    expect(f.code).toBe(1);
    expect((await sh.run("kubectl exec web")).stderr).toBe(
      "error: you must specify at least one command for the container\n",
    );
  });
});

describe("kubectl delete -f and get all", () => {
  it("deletes what a manifest names and lists pods and services for `all`", async () => {
    const node = fakeNode();
    node.api.seed("Service", {
      metadata: { name: "kubernetes" },
      spec: { type: "ClusterIP", clusterIP: "10.96.0.1", ports: [{ port: 443, protocol: "TCP" }] },
    });
    node.fs.write("/root/pod.yaml", POD);
    const sh = new Shell(node);
    await sh.run("kubectl apply -f pod.yaml");
    expect((await sh.run("kubectl get all")).stdout).toBe(
      "NAME      READY   STATUS    RESTARTS   AGE\npod/web   0/1     Pending   0          0s\n\n" +
        "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n",
    );
    expect((await sh.run("kubectl delete -f pod.yaml")).output).toBe(
      'pod "web" deleted from default namespace\n',
    );
    expect((await sh.run("kubectl get pods")).stderr).toBe("No resources found in default namespace.\n");
  });
});
