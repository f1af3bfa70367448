import type { Event, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Shell } from "../shell";
import { fakeNode } from "../testing/fakeNode";
import { at, cs, pod } from "../testing/pods";

const crashing: Pod = pod(
  "web",
  {
    phase: "Running",
    hostIP: "10.0.0.10",
    podIP: "10.244.0.12",
    podIPs: [{ ip: "10.244.0.12" }],
    startTime: at(0),
    qosClass: "Burstable",
    conditions: [
      { type: "PodReadyToStartContainers", status: "True" },
      { type: "Initialized", status: "True" },
      { type: "Ready", status: "False", reason: "ContainersNotReady" },
      { type: "ContainersReady", status: "False", reason: "ContainersNotReady" },
      { type: "PodScheduled", status: "True" },
    ],
    initContainerStatuses: [
      cs(
        "setup",
        {
          terminated: {
            exitCode: 0,
            reason: "Completed",
            startedAt: at(3),
            finishedAt: at(4),
            containerID: "containerd://1111",
          },
        },
        {
          image: "docker.io/library/busybox:1.36",
          imageID: "docker.io/library/busybox@sha256:aaaa",
          containerID: "containerd://1111",
        },
      ),
    ],
    containerStatuses: [
      cs(
        "app",
        {
          waiting: {
            reason: "CrashLoopBackOff",
            message: "back-off 40s restarting failed container=app pod=web_default(uid-web)",
          },
        },
        {
          image: "docker.io/library/nginx:1.27",
          imageID: "docker.io/library/nginx@sha256:bbbb",
          containerID: "containerd://2222",
          restartCount: 3,
          lastState: {
            terminated: {
              exitCode: 1,
              reason: "Error",
              startedAt: at(100),
              finishedAt: at(101),
              containerID: "containerd://2222",
            },
          },
        },
      ),
    ],
  },
  {
    priority: 0,
    serviceAccountName: "default",
    initContainers: [{ name: "setup", image: "busybox:1.36", command: ["sh", "-c", "echo hi"] }],
    containers: [
      {
        name: "app",
        image: "nginx:1.27",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        resources: { limits: { memory: "128Mi" }, requests: { cpu: "100m", memory: "64Mi" } },
        livenessProbe: {
          httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        env: [
          { name: "MODE", value: "prod" },
          { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
        ],
        volumeMounts: [
          {
            name: "kube-api-access-x7k2p",
            mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
            readOnly: true,
          },
        ],
      },
    ],
    volumes: [
      {
        name: "kube-api-access-x7k2p",
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { name: "kube-root-ca.crt" } },
            { downwardAPI: {} },
          ],
        },
      },
    ],
    tolerations: [
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ],
  },
);

const ev = (
  name: string,
  type: string,
  reason: string,
  first: number,
  last: number,
  count: number,
  message: string,
  component = "kubelet",
): Event => ({
  metadata: { name, namespace: "default" },
  involvedObject: {
    kind: "Pod",
    name: "web",
    namespace: "default",
    uid: "uid-web",
    fieldPath: "spec.containers{app}",
  },
  type,
  reason,
  message,
  source: { component },
  firstTimestamp: at(first),
  lastTimestamp: at(last),
  count,
});

describe("kubectl describe pod", () => {
  it("prints every section in kubectl's order and alignment, with events", async () => {
    const node = fakeNode();
    node.api.seed("Pod", crashing);
    node.api.seed(
      "Event",
      ev(
        "e1",
        "Normal",
        "Scheduled",
        0,
        0,
        1,
        "Successfully assigned default/web to node-1",
        "default-scheduler",
      ),
    );
    node.api.seed(
      "Event",
      ev(
        "e3",
        "Warning",
        "BackOff",
        110,
        290,
        7,
        "Back-off restarting failed container app in pod web_default(uid-web)",
      ),
    );
    node.api.seed(
      "Event",
      ev("e2", "Normal", "Pulled", 5, 100, 4, 'Container image "nginx:1.27" already present on machine'),
    );
    node.clock.advance(300_000);
    const r = await new Shell(node).run("kubectl describe pod web");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/10.0.0.10
Start Time:       Thu, 15 Jan 2026 09:00:00 +0000
Labels:           run=web
Annotations:      <none>
Status:           Running
IP:               10.244.0.12
IPs:
  IP:  10.244.0.12
Init Containers:
  setup:
    Container ID:  containerd://1111
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:aaaa
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      echo hi
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Thu, 15 Jan 2026 09:00:03 +0000
      Finished:     Thu, 15 Jan 2026 09:00:04 +0000
    Ready:          False
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Containers:
  app:
    Container ID:   containerd://2222
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:bbbb
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Thu, 15 Jan 2026 09:01:40 +0000
      Finished:     Thu, 15 Jan 2026 09:01:41 +0000
    Ready:          False
    Restart Count:  3
    Limits:
      memory:  128Mi
    Requests:
      cpu:     100m
      memory:  64Mi
    Liveness:  http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      MODE:      prod
      PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7k2p (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:
  kube-api-access-x7k2p:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                    From               Message
  ----     ------     ----                   ----               -------
  Normal   Scheduled  5m                     default-scheduler  Successfully assigned default/web to node-1
  Normal   Pulled     3m20s (x4 over 4m55s)  kubelet            Container image "nginx:1.27" already present on machine
  Warning  BackOff    10s (x7 over 3m10s)    kubelet            Back-off restarting failed container app in pod web_default(uid-web)
`);
  });

  it("prints Events: <none>, Terminating, and kubectl's errors", async () => {
    const node = fakeNode();
    node.api.seed(
      "Pod",
      pod("gone", { phase: "Running" }, {}, { deletionTimestamp: at(40), deletionGracePeriodSeconds: 30 }),
    );
    node.clock.advance(50_000);
    const sh = new Shell(node);
    const r = await sh.run("kubectl describe pod gone");
    expect(r.stdout).toContain(
      "Status:                    Terminating (lasts 10s)\nTermination Grace Period:  30s\n",
    );
    expect(r.stdout.endsWith("Tolerations:      <none>\nEvents:           <none>\n")).toBe(true);
    const nf = await sh.run("kubectl describe pod nope");
    expect(nf.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(nf.code).toBe(1);
  });
});

describe("kubectl describe node", () => {
  it("prints conditions, capacity, system info and the pods' requests", async () => {
    const node = fakeNode();
    node.api.seed("Node", {
      metadata: { name: "node-1", labels: { "kubernetes.io/hostname": "node-1" }, creationTimestamp: at(0) },
      spec: { podCIDR: "10.244.0.0/24" },
      status: {
        capacity: { cpu: "2", memory: "4Gi", pods: "110" },
        allocatable: { cpu: "2", memory: "4Gi", pods: "110" },
        conditions: [
          {
            type: "Ready",
            status: "True",
            lastHeartbeatTime: at(50),
            lastTransitionTime: at(10),
            reason: "KubeletReady",
            message: "kubelet is posting ready status",
          },
        ],
        addresses: [{ type: "InternalIP", address: "10.0.0.10" }],
      },
    });
    // the kubelet's heartbeat: renewed at +110 s, with MicroTime's six fractional digits
    node.api.seed("Lease", {
      metadata: { name: "node-1", namespace: "kube-node-lease", creationTimestamp: at(0) },
      spec: { holderIdentity: "node-1", leaseDurationSeconds: 40, renewTime: "2026-01-15T09:01:50.123456Z" },
    });
    node.api.seed(
      "Pod",
      pod(
        "web",
        { phase: "Running" },
        {
          containers: [
            {
              name: "app",
              image: "nginx",
              resources: { requests: { cpu: "500m", memory: "1Gi" } },
              env: [
                {
                  name: "POD_NAME",
                  valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } },
                },
              ],
            },
          ],
        },
      ),
    );
    node.clock.advance(120_000);
    const sh = new Shell(node);
    expect((await sh.run("kubectl describe no node-1")).stdout).toBe(`Name:               node-1
Roles:              <none>
Labels:             kubernetes.io/hostname=node-1
Annotations:        <none>
CreationTimestamp:  Thu, 15 Jan 2026 09:00:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  node-1
  AcquireTime:     <unset>
  RenewTime:       Thu, 15 Jan 2026 09:01:50 +0000
Conditions:
  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message
  ----    ------  -----------------                 ------------------                ------         -------
  Ready   True    Thu, 15 Jan 2026 09:00:50 +0000   Thu, 15 Jan 2026 09:00:10 +0000   KubeletReady   kubelet is posting ready status
Addresses:
  InternalIP:  10.0.0.10
Capacity:
  cpu:     2
  memory:  4Gi
  pods:    110
Allocatable:
  cpu:                2
  memory:             4Gi
  pods:               110
PodCIDR:              10.244.0.0/24
Non-terminated Pods:  (1 in total)
  Namespace           Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------           ----    ------------  ----------  ---------------  -------------  ---
  default             web     500m (25%)    0 (0%)      1Gi (25%)        0 (0%)         2m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                500m (25%)  0 (0%)
  memory             1Gi (25%)   0 (0%)
  ephemeral-storage  0 (0%)      0 (0%)
Events:              <none>
`);
    const d = await sh.run("kubectl describe pod web");
    expect(d.stderr).toBe("");
    expect(d.stdout).toContain("    Environment:\n      POD_NAME:  web (v1:metadata.name)\n");
  });

  it("says when the node has no Lease, as kubectl does when the GET fails", async () => {
    const node = fakeNode();
    node.api.seed("Node", { metadata: { name: "node-1", creationTimestamp: at(0) }, status: {} });
    const out = (await new Shell(node).run("kubectl describe node node-1")).stdout;
    expect(out).toContain(
      'Unschedulable:      false\nLease:              Failed to get lease: leases.coordination.k8s.io "node-1" not found\nAddresses:\n',
    );
  });
});
