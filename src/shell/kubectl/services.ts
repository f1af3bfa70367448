// k8s: staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go, cmd/create/create_service.go and
// describe.go (describeService, describeEndpoints, describeEndpointSlice) — Services from the command
// line and how kubectl describes them.
import type { Endpoints, Event, Pod, Service, ServicePort } from "kubernetes-types/core/v1";
import type { LabelSelector, LabelSelectorRequirement } from "../../sim/api/labelSelector";
import type { EndpointSlice } from "../../sim/controllers/endpoints";
import { type CommandResult, fail, ok } from "../types";
import { apiErrorText, type KubectlContext } from "./common";
import {
  describeEvents,
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";
import type { FlagSpec } from "./flags";

export const EXPOSE_FLAGS: FlagSpec[] = [
  { name: "port", type: "string" },
  { name: "target-port", type: "string" },
  { name: "name", type: "string" },
  { name: "protocol", type: "string" },
  { name: "type", type: "string" },
  { name: "selector", type: "string" },
  { name: "labels", short: "l", type: "string" },
  { name: "cluster-ip", type: "string" },
  { name: "external-ip", type: "string" },
  { name: "dry-run", type: "string" },
  { name: "output", short: "o", type: "string" },
  { name: "filename", short: "f", type: "strings" },
];

export const CREATE_SERVICE_FLAGS: FlagSpec[] = [
  { name: "tcp", type: "strings" },
  { name: "clusterip", type: "string" },
  { name: "node-port", type: "int" },
  { name: "external-name", type: "string" },
];

const HELP = "See 'kubectl expose -h' for help and examples";
const labelsText = (l: Record<string, string>) =>
  Object.keys(l)
    .sort()
    .map((k) => `${k}=${l[k]}`)
    .join(",");

function parseLabels(s: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const term of s.split(",")) {
    const i = term.indexOf("=");
    if (i <= 0) return undefined;
    out[term.slice(0, i)] = term.slice(i + 1);
  }
  return out;
}

const intOrString = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : s);

/** Go's %+v of []metav1.LabelSelectorRequirement: `[{Key:tier Operator:In Values:[a b]}]`. */
const goStructs = (reqs: LabelSelectorRequirement[]) =>
  `[${reqs.map((r) => `{Key:${r.key} Operator:${r.operator} Values:[${(r.values ?? []).join(" ")}]}`).join(" ")}]`;

/** `kubectl expose pod|service NAME --port=… [--target-port] [--name] [--type] [--protocol]`. */
export async function runExpose(k: KubectlContext): Promise<CommandResult> {
  const args = k.flags.args;
  let kind: string | undefined;
  let name: string | undefined;
  if (args.length === 1 && args[0].includes("/")) [kind, name] = args[0].split("/", 2);
  else [kind, name] = args;
  if (!kind)
    return fail(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const type = kind.toLowerCase();
  const isPod = ["pod", "pods", "po"].includes(type);
  const isSvc = ["service", "services", "svc"].includes(type);
  const workload = ["deployment", "deploy", "deployments", "deployments.apps"].includes(type)
    ? "Deployment"
    : ["replicaset", "rs", "replicasets", "replicasets.apps"].includes(type)
      ? "ReplicaSet"
      : undefined;
  if (!isPod && !isSvc && !workload) {
    if (["replicationcontroller", "rc"].includes(type))
      return fail(`error: the server doesn't have a resource type "${type}"`);
    return fail(`error: cannot expose a ${kind}`);
  }
  if (!name) return fail(`error: resource(s) were provided, but no name was specified\n${HELP}`);
  const srcKind = workload ?? (isPod ? "Pod" : "Service");
  const src = k.node.api.tryGet(srcKind, k.namespace, name);
  if (!src)
    return fail(
      `Error from server (NotFound): ${workload ? `${workload.toLowerCase()}s.apps` : isPod ? "pods" : "services"} "${name}" not found`,
    );
  // a Deployment or ReplicaSet exposes its pod template's ports through its selector (MapBasedSelectorForObject)
  const template = workload ? (src as { spec?: { template?: Pod } }).spec?.template : undefined;

  // selector: --selector, else the pod's labels / the service's selector
  let selector: Record<string, string> | undefined;
  const selFlag = k.flags.str("selector");
  if (selFlag) {
    selector = parseLabels(selFlag);
    if (!selector)
      return fail(
        `error: unable to parse "${selFlag}": found '${selFlag}', expected: '=', '!=', '==', 'in', notin'`,
      );
  } else if (workload) {
    const sel = (src as { spec?: { selector?: LabelSelector } }).spec?.selector ?? {};
    if ((sel.matchExpressions ?? []).length > 0)
      return fail(
        `error: couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - ${goStructs(sel.matchExpressions ?? [])} to map-based selector format\n${HELP}`,
      );
    selector = { ...(sel.matchLabels ?? {}) };
  } else if (isPod) {
    const labels = src.metadata?.labels ?? {};
    if (Object.keys(labels).length === 0)
      return fail(
        `error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n${HELP}`,
      );
    selector = { ...labels };
  } else {
    const sel = (src as Service).spec?.selector ?? {};
    if (Object.keys(sel).length === 0)
      return fail(
        `error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set\n${HELP}`,
      );
    selector = { ...sel };
  }

  // ports: --port, else the object's container ports / service ports
  let ports: ServicePort[];
  const portFlag = k.flags.str("port");
  if (portFlag) {
    if (!/^\d+$/.test(portFlag))
      return fail(
        `error: invalid argument "${portFlag}" for "--port" flag: strconv.ParseInt: parsing "${portFlag}": invalid syntax`,
      );
    ports = [{ port: Number(portFlag), protocol: (k.flags.str("protocol") ?? "TCP") as string }];
  } else {
    const podLike = template ?? (isPod ? (src as Pod) : undefined);
    const found: { port: number; protocol: string }[] = podLike
      ? (podLike.spec?.containers ?? []).flatMap((c) =>
          (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? "TCP" })),
        )
      : ((src as Service).spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? "TCP" }));
    if (found.length === 0)
      return fail(`error: couldn't find port via --port flag or introspection\n${HELP}`);
    ports = found.map((p, i) => ({
      ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
      port: p.port,
      protocol: k.flags.str("protocol") ?? p.protocol,
    }));
  }
  const target = k.flags.str("target-port");
  for (const p of ports) p.targetPort = target !== undefined ? intOrString(target) : p.port;

  const labelFlag = k.flags.str("labels");
  const labels = labelFlag ? parseLabels(labelFlag) : { ...(src.metadata?.labels ?? {}) };
  const svcName = k.flags.str("name") ?? name;
  const spec: NonNullable<Service["spec"]> = { ports, selector };
  const svcType = k.flags.str("type");
  if (svcType) {
    const t = {
      clusterip: "ClusterIP",
      nodeport: "NodePort",
      loadbalancer: "LoadBalancer",
      externalname: "ExternalName",
    }[svcType.toLowerCase()];
    spec.type = t ?? svcType;
  }
  const clusterIP = k.flags.str("cluster-ip");
  if (clusterIP) spec.clusterIP = clusterIP;
  const externalIP = k.flags.str("external-ip");
  if (externalIP) spec.externalIPs = [externalIP];
  const svc: Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: svcName,
      namespace: k.namespace,
      ...(labels && Object.keys(labels).length ? { labels } : {}),
    },
    spec,
  };
  const dry = k.flags.str("dry-run");
  if (dry === "client") return ok(`service/${svcName} exposed (dry run)\n`);
  try {
    k.node.api.create("Service", svc);
  } catch (e) {
    return fail(apiErrorText(e));
  }
  return ok(`service/${svcName} exposed\n`);
}

/** `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port:targetPort]`. */
export function runCreateService(
  k: KubectlContext,
  sub: string | undefined,
  name: string | undefined,
): CommandResult {
  const types: Record<string, string> = {
    clusterip: "ClusterIP",
    nodeport: "NodePort",
    loadbalancer: "LoadBalancer",
    externalname: "ExternalName",
  };
  const type = sub ? types[sub] : undefined;
  if (!type)
    return fail(
      sub
        ? `error: unknown command "${sub}" for "kubectl create service"`
        : "error: Create a service using a specified subcommand.\n\nAvailable Commands:\n  clusterip      Create a ClusterIP service\n  externalname   Create an ExternalName service\n  loadbalancer   Create a LoadBalancer service\n  nodeport       Create a NodePort service",
    );
  if (!name)
    return fail(
      `error: exactly one NAME is required, got 0\nSee 'kubectl create service ${sub} -h' for help and examples`,
    );
  const clusterIP = k.flags.str("clusterip");
  const tcp = k.flags.list("tcp").flatMap((t) => t.split(","));
  if (clusterIP === "None" && type !== "ClusterIP")
    return fail("error: ClusterIP=None can only be used with ClusterIP service type");
  if (clusterIP === "None" && tcp.length > 0) return fail("error: can not map ports with clusterip=None");
  if (clusterIP !== "None" && tcp.length === 0 && type !== "ExternalName")
    return fail("error: at least one tcp port specifier must be provided");
  const spec: NonNullable<Service["spec"]> = { type };
  if (type === "ExternalName") {
    const ext = k.flags.str("external-name") ?? "";
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(ext))
      return fail(
        ext
          ? `error: invalid service external name ${ext}`
          : `error: required flag(s) "external-name" not set`,
      );
    spec.externalName = ext;
  } else {
    const ports: ServicePort[] = [];
    for (const t of tcp) {
      const [p, tp] = t.split(":");
      if (!/^\d+$/.test(p)) return fail(`error: strconv.Atoi: parsing "${p}": invalid syntax`);
      const sp: ServicePort = {
        name: t.replace(/:/g, "-"),
        port: Number(p),
        protocol: "TCP",
        targetPort: tp === undefined ? Number(p) : intOrString(tp),
      };
      const nodePort = k.flags.int("node-port");
      if (nodePort) sp.nodePort = nodePort;
      ports.push(sp);
    }
    spec.ports = ports;
    spec.selector = { app: name };
    if (clusterIP) spec.clusterIP = clusterIP;
  }
  try {
    k.node.api.create("Service", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: k.namespace, labels: { app: name } },
      spec,
    });
  } catch (e) {
    return fail(apiErrorText(e));
  }
  return ok(`service/${name} created\n`);
}

export function slicesOf(
  k: KubectlContext,
  svc: { metadata?: { namespace?: string; name?: string } },
): EndpointSlice[] {
  return k.node.api.list("EndpointSlice", {
    namespace: svc.metadata?.namespace ?? k.namespace,
    labelSelector: `kubernetes.io/service-name=${svc.metadata?.name}`,
  }) as unknown as EndpointSlice[];
}

/** describe.go formatEndpointSlices: ready endpoints of one port as ip:port, 3 then `+ N more...`. */
function formatSliceEndpoints(slices: EndpointSlice[], portName: string): string {
  if (slices.length === 0) return "<none>";
  const list: string[] = [];
  let count = 0;
  for (const s of slices) {
    const ready = (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false);
    if ((s.ports ?? []).length === 0) {
      for (const e of ready) if (list.length < 3) list.push(e.addresses[0]);
      count += ready.length;
      continue;
    }
    for (const p of s.ports ?? []) {
      if ((p.name ?? "") !== portName) continue;
      for (const e of ready) if (list.length < 3) list.push(`${e.addresses[0]}:${p.port}`);
      count += ready.length;
    }
  }
  return count > 3 ? `${list.join(",")} + ${count - 3} more...` : list.join(",");
}

export function describeService(
  svc: Service,
  slices: EndpointSlice[],
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = svc.metadata ?? {};
  const spec = svc.spec ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `Selector:\t${labelsText(spec.selector ?? {}) || "<none>"}\n`);
  w.write(0, `Type:\t${spec.type ?? ""}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).join(",") || "<none>"}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ""}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? []).join(",") || "<none>"}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(0, `External IPs:\t${spec.externalIPs!.join(",")}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || "<unset>";
    w.write(0, `Port:\t${name}\t${sp.port}/${sp.protocol}\n`);
    w.write(0, `TargetPort:\t${sp.targetPort ?? sp.port}/${sp.protocol}\n`);
    if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol}\n`);
    w.write(0, `Endpoints:\t${formatSliceEndpoints(slices, sp.name ?? "")}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ""}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

export function describeEndpoints(ep: Endpoints, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const m = ep.metadata ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, "Subsets:\n");
  for (const ss of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip).join(",") || "<none>"}\n`);
    w.write(
      1,
      `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip).join(",") || "<none>"}\n`,
    );
    if ((ss.ports ?? []).length > 0) {
      w.write(1, "Ports:\n");
      w.write(2, "Name\tPort\tProtocol\n");
      w.write(2, "----\t----\t--------\n");
      for (const p of ss.ports ?? [])
        w.write(2, `${p.name || "<unset>"}\t${p.port}\t${p.protocol ?? "TCP"}\n`);
    }
    w.write(0, "\n");
  }
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

export function describeEndpointSlice(s: EndpointSlice, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const m = s.metadata ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `AddressType:\t${s.addressType}\n`);
  if ((s.ports ?? []).length === 0) w.write(0, "Ports: <unset>\n");
  else {
    w.write(0, "Ports:\n");
    w.write(1, "Name\tPort\tProtocol\n");
    w.write(1, "----\t----\t--------\n");
    for (const p of s.ports ?? [])
      w.write(1, `${p.name || "<unset>"}\t${p.port ?? "<unset>"}\t${p.protocol ?? "TCP"}\n`);
  }
  if ((s.endpoints ?? []).length === 0) w.write(0, "Endpoints: <none>\n");
  else {
    w.write(0, "Endpoints:\n");
    for (const e of s.endpoints ?? []) {
      w.write(1, `- Addresses:\t${e.addresses.join(", ") || "<none>"}\n`);
      w.write(2, "Conditions:\n");
      w.write(3, `Ready:\t${e.conditions?.ready === undefined ? "<unset>" : String(e.conditions.ready)}\n`);
      w.write(2, "Hostname:\t<unset>\n");
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? "<unset>"}\n`);
      w.write(2, "Zone:\t<unset>\n");
    }
  }
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}
