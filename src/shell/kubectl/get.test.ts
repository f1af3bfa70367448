import type { Event, Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Shell } from "../shell";
import { type FakeNode, fakeNode } from "../testing/fakeNode";
import { at, cs, pod } from "../testing/pods";

function k8sNode(
  name: string,
  ready: "True" | "False" | "Unknown" | undefined,
  extra: Partial<Node["spec"]> = {},
): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      creationTimestamp: at(0),
      labels: { "kubernetes.io/hostname": name, "node-role.kubernetes.io/control-plane": "" },
    },
    spec: { podCIDR: "10.244.0.0/24", ...extra },
    status: {
      conditions: ready
        ? [
            {
              type: "Ready",
              status: ready,
              reason: "KubeletReady",
              message: "kubelet is posting ready status",
            },
          ]
        : [],
      addresses: [
        { type: "InternalIP", address: "10.0.0.10" },
        { type: "Hostname", address: name },
      ],
      nodeInfo: {
        architecture: "amd64",
        bootID: "b",
        containerRuntimeVersion: "containerd://2.1.4",
        kernelVersion: "6.8.0-45-generic",
        kubeProxyVersion: "",
        kubeletVersion: "v1.34.1",
        machineID: "m",
        operatingSystem: "linux",
        osImage: "Ubuntu 24.04.1 LTS",
        systemUUID: "u",
      },
    },
  };
}

function event(
  name: string,
  reason: string,
  type: string,
  firstS: number,
  lastS: number,
  count: number,
  message: string,
  obj = "web",
): Event {
  return {
    metadata: { name, namespace: "default" },
    involvedObject: { kind: "Pod", name: obj, namespace: "default", uid: `uid-${obj}` },
    reason,
    type,
    message,
    source: { component: reason === "Scheduled" ? "default-scheduler" : "kubelet" },
    firstTimestamp: at(firstS),
    lastTimestamp: at(lastS),
    count,
  };
}

async function run(node: FakeNode, line: string) {
  return new Shell(node).run(line);
}

describe("kubectl get nodes", () => {
  it("prints STATUS from the Ready condition, ROLES from labels, and wide columns", async () => {
    const node = fakeNode();
    node.api.seed("Node", k8sNode("node-1", "True"));
    node.api.seed("Node", k8sNode("node-2", "False", { unschedulable: true }));
    node.api.seed("Node", k8sNode("node-3", "Unknown"));
    node.api.seed("Node", k8sNode("node-4", undefined));
    node.clock.advance(3 * 86_400_000 + 4 * 3_600_000);
    expect((await run(node, "kubectl get nodes")).stdout).toBe(
      `NAME     STATUS                        ROLES           AGE    VERSION
node-1   Ready                         control-plane   3d4h   v1.34.1
node-2   NotReady,SchedulingDisabled   control-plane   3d4h   v1.34.1
node-3   NotReady                      control-plane   3d4h   v1.34.1
node-4   Unknown                       control-plane   3d4h   v1.34.1
`,
    );
    expect((await run(node, "kubectl get node node-1 -o wide")).stdout).toBe(
      `NAME     STATUS   ROLES           AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME
node-1   Ready    control-plane   3d4h   v1.34.1   10.0.0.10     <none>        Ubuntu 24.04.1 LTS   6.8.0-45-generic   containerd://2.1.4
`,
    );
  });
});

describe("kubectl get events", () => {
  it("sorts by last timestamp and names the object kind/name", async () => {
    const node = fakeNode();
    node.api.seed("Event", event("web.b", "Pulling", "Normal", 2, 2, 1, 'Pulling image "nginx"'));
    node.api.seed(
      "Event",
      event("web.a", "Scheduled", "Normal", 0, 0, 1, "Successfully assigned default/web to node-1"),
    );
    node.api.seed(
      "Event",
      event(
        "web.c",
        "BackOff",
        "Warning",
        30,
        290,
        5,
        "Back-off restarting failed container app in pod web_default(uid-web)",
      ),
    );
    node.clock.advance(300_000);
    expect((await run(node, "kubectl get events")).stdout).toBe(
      `LAST SEEN   TYPE      REASON      OBJECT    MESSAGE
5m          Normal    Scheduled   pod/web   Successfully assigned default/web to node-1
4m58s       Normal    Pulling     pod/web   Pulling image "nginx"
10s         Warning   BackOff     pod/web   Back-off restarting failed container app in pod web_default(uid-web)
`,
    );
  });
});

describe("kubectl get: forms, output formats and errors", () => {
  const setup = () => {
    const node = fakeNode();
    node.api.seed(
      "Pod",
      pod("web", {
        phase: "Running",
        containerStatuses: [cs("app", { running: { startedAt: at(1) } }, { ready: true })],
      }),
    );
    node.api.seed("Pod", pod("db", { phase: "Pending" }, {}, { namespace: "data", labels: { app: "db" } }));
    node.api.seed("Node", k8sNode("node-1", "True"));
    node.clock.advance(65_000);
    return node;
  };

  it("-A adds NAMESPACE; -l filters; --show-labels adds LABELS", async () => {
    const node = setup();
    expect((await run(node, "kubectl get pods -A")).stdout).toBe(
      `NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE
data        db     0/1     Pending   0          65s
default     web    1/1     Running   0          65s
`,
    );
    expect((await run(node, "kubectl get po --all-namespaces -l app=db --show-labels")).stdout).toBe(
      `NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE   LABELS
data        db     0/1     Pending   0          65s   app=db
`,
    );
    expect((await run(node, "kubectl -n data get pods --no-headers")).stdout).toBe(
      "db   0/1   Pending   0   65s\n",
    );
  });

  it("several types print one table each with kind/name", async () => {
    const node = setup();
    expect((await run(node, "kubectl get pods,nodes")).stdout).toBe(
      `NAME      READY   STATUS    RESTARTS   AGE
pod/web   1/1     Running   0          65s

NAME          STATUS   ROLES           AGE   VERSION
node/node-1   Ready    control-plane   65s   v1.34.1
`,
    );
  });

  it("prints -o name, jsonpath and custom-columns", async () => {
    const node = setup();
    expect((await run(node, "kubectl get pods -A -o name")).stdout).toBe("pod/db\npod/web\n");
    expect((await run(node, "kubectl get pod/web -o jsonpath='{.status.phase}'")).stdout).toBe("Running");
    expect(
      (
        await run(
          node,
          `kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}'`,
        )
      ).stdout,
    ).toBe("data/db\ndefault/web\n");
    expect(
      (await run(node, "kubectl get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase")).stdout,
    ).toBe("NAME   PHASE\nweb    Running\n");
  });

  it("-o yaml of one object is the object; of a list a v1 List", async () => {
    const node = setup();
    const one = (await run(node, "kubectl get pod web -o yaml")).stdout;
    expect(one.startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n")).toBe(true);
    const list = (await run(node, "kubectl get pods -o yaml")).stdout;
    expect(list.startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n")).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    const json = JSON.parse((await run(node, "kubectl get pod web -ojson")).stdout);
    expect(json.metadata.name).toBe("web");
  });

  it("answers in kubectl's words when something is wrong", async () => {
    const node = setup();
    const cases: [string, string, number][] = [
      ["kubectl get pod nope", 'Error from server (NotFound): pods "nope" not found\n', 1],
      ["kubectl get foo", 'error: the server doesn\'t have a resource type "foo"\n', 1],
      ["kubectl get configmaps", "No resources found in default namespace.\n", 0],
      ["kubectl get pods -n empty", "No resources found in empty namespace.\n", 0],
      ["kubectl get runtimeclasses", "No resources found\n", 0],
      ["kubectl get pods --foo", "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", 1],
      [
        "kubectl get pods -z",
        "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n",
        1,
      ],
      [
        "kubectl get pods -n",
        "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
        1,
      ],
      [
        "kubectl get pods -o wat",
        'error: unable to match a printer suitable for the output format "wat", allowed formats are: custom-columns, custom-columns-file, go-template, go-template-file, json, jsonpath, jsonpath-as-json, jsonpath-file, name, template, templatefile, wide, yaml\n',
        1,
      ],
      ["kubectl frobnicate", 'error: unknown command "frobnicate" for "kubectl"\n', 1],
      ["kubectl gte pods", 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n', 1],
      ["kubectl port-forward web 8080:80", "k8s-node-sim: 'kubectl port-forward' is not simulated yet\n", 1],
    ];
    for (const [line, stderr, code] of cases) {
      const r = await run(node, line);
      expect(r.stderr, line).toBe(stderr);
      expect(r.code, line).toBe(code);
    }
    const r = await run(node, "kubectl get pods web nope");
    expect(r.output).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          65s\nError from server (NotFound): pods "nope" not found\n',
    );
  });

  it("--sort-by orders by a jsonpath field", async () => {
    const node = setup();
    node.api.seed("Pod", pod("aaa", { phase: "Pending" }, {}, { creationTimestamp: at(30) }));
    expect((await run(node, "kubectl get pods --sort-by=.metadata.creationTimestamp -o name")).stdout).toBe(
      "pod/web\npod/aaa\n",
    );
    expect((await run(node, "kubectl get pods --sort-by={.metadata.name} -o name")).stdout).toBe(
      "pod/aaa\npod/web\n",
    );
  });

  it("-w prints the table, then a row per change until interrupted", async () => {
    const node = setup();
    let written = "";
    let stop!: () => void;
    const interrupted = new Promise<void>((res) => {
      stop = res;
    });
    const done = new Shell(node).run("kubectl get pods -w", {
      follow: { write: (c) => (written += c), interrupted },
    });
    await Promise.resolve();
    const p = node.api.get("Pod", "default", "web");
    node.api.update("Pod", {
      ...p,
      status: {
        ...(p.status as object),
        phase: "Succeeded",
        containerStatuses: [cs("app", { terminated: { exitCode: 0, reason: "Completed" } })],
      },
    });
    stop();
    const r = await done;
    expect(r.code).toBe(0);
    expect(written).toBe(
      "NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          65s\nweb   0/1   Completed   0   65s\n",
    );
  });
});
