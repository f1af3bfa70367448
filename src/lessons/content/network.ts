// Seed section 3 ("Kube-Proxy → handles networking rules"): pod IPs from the CNI bridge, a Service's
// ClusterIP, the Endpoints controller, kube-proxy's iptables chains, and a connection DNAT'ed to a
// ready pod — then two endpoints with a probability rule, and an unready pod leaving them.
import type { EndpointSlice } from "../../sim/controllers/endpoints";
import type { Rule } from "../../sim/kubeproxy";
import { all, podRunningReady } from "../checks";
import type { Check, CheckResult, Lesson } from "../types";
import type { LessonView } from "../view";
import { applyYaml } from "./yaml";

const res = (ok: boolean, why: string): CheckResult => (ok ? { ok } : { ok, why });

/** The nat rules of default/web's KUBE-SVC chain (the chain KUBE-SERVICES jumps to for its ClusterIP). */
function webServiceRules(v: LessonView): Rule[] | undefined {
  const nf = v.sim.node.netfilter;
  const entry = nf
    ?.getChain("nat", "KUBE-SERVICES")
    ?.rules.find((r) => r.matches.some((m) => m.m === "comment" && m.comment === "default/web cluster IP"));
  return entry ? nf?.getChain("nat", entry.jump)?.rules : undefined;
}

/** How many endpoints kube-proxy load-balances default/web over (rules jumping to a KUBE-SEP chain). */
function webEndpointRules(v: LessonView): Rule[] {
  return (webServiceRules(v) ?? []).filter((r) => r.jump.startsWith("KUBE-SEP-"));
}

const serviceHasClusterIP: Check = (v) => {
  const svc = v.sim.node.api.tryGet<{ spec?: { clusterIP?: string } }>("Service", "default", "web");
  if (!svc) return { ok: false, why: 'no Service "web" yet' };
  return res(!!svc.spec?.clusterIP, "the Service has no ClusterIP");
};

/** default/web's EndpointSlices list `pod` with the given readiness. */
function sliceLists(pod: string, ready: boolean): Check {
  return (v) => {
    const slices = v.sim.node.api.list<EndpointSlice>("EndpointSlice", {
      namespace: "default",
      labelSelector: "kubernetes.io/service-name=web",
    });
    const ep = slices.flatMap((s) => s.endpoints ?? []).find((e) => e.targetRef?.name === pod);
    if (!ep) return { ok: false, why: `pod "${pod}" is not in the EndpointSlice of Service web` };
    return res(
      ep.conditions.ready === ready,
      `pod "${pod}" is in the EndpointSlice with ready=${ep.conditions.ready}, expected ${ready}`,
    );
  };
}

const reachedThroughService: Check = (v) =>
  res(
    v.trace({ kind: "net", summary: /→ DNAT 10\.244\.\d+\.\d+:80/ }).some((e) => e.pod === "default/client"),
    "no connection from pod client through the Service's DNAT rule yet",
  );

const twoEndpoints: Check = (v) => {
  const eps = webEndpointRules(v);
  return res(
    eps.length === 2 && eps[0].matches.some((m) => m.m === "statistic"),
    `kube-proxy balances default/web over ${eps.length} endpoint(s), expected 2 with a probability rule`,
  );
};

const oneEndpointLeft: Check = (v) => {
  const eps = webEndpointRules(v);
  return res(
    eps.length === 1 && !eps[0].matches.some((m) => m.m === "statistic"),
    `kube-proxy still balances default/web over ${eps.length} endpoints`,
  );
};

const WEB_2 = `apiVersion: v1
kind: Pod
metadata:
  name: web-2
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      exec:
        command: ["test", "!", "-e", "/tmp/drain"]
      periodSeconds: 2
`;

export const lessonServices: Lesson = {
  id: "lesson-3-services",
  title: "Pod IPs, Services and kube-proxy",
  section: 3,
  kind: "lesson",
  intro: `Each pod gets its own IP from the **CNI** plugin (here the bridge \`cni0\` on 10.244.0.0/24).
Pod IPs change whenever pods come and go, so clients use a **Service**: the API server gives it a stable
**ClusterIP** from 10.96.0.0/12, the controller manager keeps its **Endpoints** (the ready pods its
selector matches), and **kube-proxy** on every node turns them into iptables rules in the kernel. A
connection to the ClusterIP is rewritten (DNAT) to one ready pod; kube-proxy itself is not in the path.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "pod-ip",
      text: "Run a pod labelled `app=web` and find its IP: the CNI bridge plugin gave it one when containerd created the sandbox.",
      hint: "kubectl run web --image=nginx:1.27 --labels=app=web; sim advance 20s; kubectl get pods -o wide",
      check: all(podRunningReady("web"), (v) => res(!!v.pod("web")?.ip, "pod web has no IP yet")),
      showMe: [
        "kubectl run web --image=nginx:1.27 --labels=app=web",
        "sim advance 20s",
        "kubectl get pods -o wide",
      ],
    },
    {
      id: "expose",
      text: "Expose the pod as a Service. It gets a ClusterIP and an EndpointSlice listing the pod's IP, and kube-proxy writes its rules: KUBE-SERVICES matches the ClusterIP and jumps to the Service's KUBE-SVC chain, which jumps to one KUBE-SEP chain per endpoint; that one DNATs to the pod.",
      hint: "kubectl expose pod web --port=80; kubectl get svc,endpointslices; iptables -t nat -L KUBE-SERVICES -n",
      check: all(serviceHasClusterIP, sliceLists("web", true), (v) =>
        res(webEndpointRules(v).length === 1, "kube-proxy has no rules for default/web yet"),
      ),
      showMe: [
        "kubectl expose pod web --port=80",
        "sim advance 1s",
        "kubectl get svc web",
        "kubectl get endpointslices -l kubernetes.io/service-name=web",
        "iptables -t nat -L KUBE-SERVICES -n",
        "iptables-save -t nat | grep default/web",
      ],
      predict: {
        question: "A connection to the ClusterIP will reach the pod. Which program forwards its packets?",
        choices: [
          "kube-proxy, which listens on the ClusterIP and proxies each connection",
          "The kernel: kube-proxy only writes iptables rules; netfilter DNATs the packets",
          "CoreDNS, which answers with the pod's IP",
          "containerd, through the pod's sandbox",
        ],
        answer: 1,
        explanation:
          "In iptables mode kube-proxy is not in the data path: it watches Services and EndpointSlices and rewrites the nat table. The kernel matches each new connection against KUBE-SERVICES and rewrites its destination to a pod IP (DNAT).",
      },
    },
    {
      id: "wget",
      text: "From another pod, fetch the Service by name: cluster DNS answers with the ClusterIP, and the kernel's rules send the connection to the web pod.",
      hint: "kubectl run client --image=busybox:1.37 -- sleep 3600; sim advance 15s; kubectl exec client -- wget -qO- http://web",
      check: reachedThroughService,
      showMe: [
        "kubectl run client --image=busybox:1.37 -- sleep 3600",
        "sim advance 15s",
        "kubectl exec client -- nslookup web.default.svc.cluster.local",
        "kubectl exec client -- wget -qO- http://web",
      ],
    },
    {
      id: "two-pods",
      text: "Start a second pod with the same label. kube-proxy now picks between two endpoints: the first KUBE-SEP rule matches with probability 0.5, the last one takes the rest.",
      hint: "apply the web-2 pod (label app=web); sim advance 20s; iptables -t nat -L <the KUBE-SVC chain>",
      check: twoEndpoints,
      showMe: [
        applyYaml(WEB_2),
        "sim advance 20s",
        "kubectl get endpoints web",
        "iptables-save -t nat | grep 'default/web ->'",
      ],
    },
    {
      id: "unready",
      text: "Make web-2 fail its readiness probe. It keeps running, but the Endpoints controller moves it to notReadyAddresses and kube-proxy drops its rule.",
      hint: "kubectl exec web-2 -- touch /tmp/drain; sim advance 10s; kubectl describe endpoints web",
      check: all(sliceLists("web-2", false), oneEndpointLeft),
      showMe: [
        "kubectl exec web-2 -- touch /tmp/drain",
        "sim advance 10s",
        "kubectl get pods",
        "kubectl describe endpoints web",
        "iptables-save -t nat | grep 'default/web ->'",
      ],
    },
  ],
  outro: `A Service is three cooperating loops: the API server allocates the ClusterIP, the controller
manager writes Endpoints and EndpointSlices from the ready pods, and kube-proxy on every node writes the
iptables rules. A Service with no ready endpoints gets a REJECT rule in the filter table instead, so
clients see "Connection refused". On a real cluster CoreDNS pods behind the kube-dns Service answer DNS
at 10.96.0.10; the simulator keeps kubeadm's kube-dns Service but runs no CoreDNS pods (so it has no
endpoints) and answers there itself, and CNI's own masquerade chains are left out.`,
};
