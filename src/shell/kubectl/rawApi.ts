// k8s: what the API server answers a plain GET on its URL paths (kubectl get --raw, kubectl proxy):
// /healthz /livez /readyz, /version, discovery (/api, /api/v1, /apis, /apis/G/V), objects and lists,
// and the node proxy to the kubelet's own server (/api/v1/nodes/NAME/proxy/configz, /pods, /healthz).
// Bodies as the apiserver's JSON serializer writes them: compact with a newline, indented when the
// client is curl or asks ?pretty=true (apiserver negotiation's pretty-print check on the User-Agent).
import type { Pod } from "kubernetes-types/core/v1";
import { ApiError, type KubeObject, type ObjectKind } from "../../sim/apiserver/types";
import type { SimNode } from "../../sim/node/types";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { byName } from "./common";
import { kubeletConfigz, kubeletOf } from "./configz";
import { CLIENT_VERSION } from "./misc";
import { RESOURCES, type ResourceType } from "./resources";

export interface RawResponse {
  status: number;
  body: string;
  /** For kubectl's error line: the Status reason and message (or client-go's generic one). */
  reason?: string;
  message?: string;
}

const NOT_FOUND_MSG = "the server could not find the requested resource";

// kube-apiserver's group discovery order (the aggregator's priority list), filtered to what is served
const GROUP_ORDER = [
  "apiregistration.k8s.io",
  "apps",
  "events.k8s.io",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "networking.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "storage.k8s.io",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "scheduling.k8s.io",
  "coordination.k8s.io",
  "node.k8s.io",
  "discovery.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "resource.k8s.io",
];

/** The Go field order of ObjectMeta: JSON from the apiserver follows the struct, not the alphabet. */
const META_ORDER = [
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
];

function ordered(o: Record<string, unknown>, first: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of first) if (o[k] !== undefined) out[k] = o[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

/** One object as the apiserver serializes it: kind, apiVersion, metadata (Go order), spec, status, rest. */
function wireObject(o: KubeObject, rt: ResourceType | undefined, typed: boolean): Record<string, unknown> {
  const meta = ordered((o.metadata ?? {}) as Record<string, unknown>, META_ORDER);
  const { kind: _k, apiVersion: _v, ...rest } = o as Record<string, unknown>;
  const body = ordered({ ...rest, metadata: meta }, ["metadata", "spec", "status"]);
  return typed ? { kind: o.kind ?? rt?.kind, apiVersion: o.apiVersion ?? rt?.apiVersion, ...body } : body;
}

function serialize(v: unknown, pretty: boolean): string {
  return `${pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v)}\n`;
}

function status(
  code: number,
  reason: string,
  message: string,
  pretty: boolean,
  details?: unknown,
): RawResponse {
  const s: Record<string, unknown> = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
  };
  if (details) s.details = details;
  s.code = code;
  return { status: code, body: serialize(s, pretty), reason, message };
}

const notFound = (pretty: boolean) => status(404, "NotFound", NOT_FOUND_MSG, pretty);

function resourceVersion(node: SimNode): string {
  const rv = (node.api as unknown as { resourceVersion?: number }).resourceVersion;
  return rv === undefined ? "" : String(rv);
}

function splitGv(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  return i === -1
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function groups(): { name: string; versions: string[] }[] {
  const byGroup = new Map<string, string[]>();
  for (const r of RESOURCES) {
    const { group, version } = splitGv(r.apiVersion);
    if (!group) continue;
    const vs = byGroup.get(group) ?? [];
    if (!vs.includes(version)) vs.push(version);
    byGroup.set(group, vs);
  }
  const rank = (g: string) => {
    const i = GROUP_ORDER.indexOf(g);
    return i === -1 ? GROUP_ORDER.length : i;
  };
  return [...byGroup.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map(([name, versions]) => ({ name, versions }));
}

const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function resourceList(groupVersion: string): Record<string, unknown> {
  const resources = RESOURCES.filter((r) => r.apiVersion === groupVersion)
    .sort((a, b) => (a.plural < b.plural ? -1 : 1))
    .map((r) => {
      const e: Record<string, unknown> = {
        name: r.plural,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs:
          r.kind === "Event" || r.namespaced
            ? VERBS
            : VERBS.filter((v) => v !== "deletecollection" || r.kind !== "Namespace"),
      };
      if (r.shortNames.length > 0) e.shortNames = r.shortNames;
      return e;
    });
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources };
}

/** The kubelet's own server behind /api/v1/nodes/NAME/proxy/…: what it answers on `path`. */
function kubeletGet(node: SimNode, nodeName: string, path: string): RawResponse {
  const kubelet = kubeletOf(node);
  const running = kubelet ? kubelet.running : node.units.kubelet.active;
  if (!running) {
    // the apiserver cannot dial the kubelet's port: a 503 with a plain-text body
    const ip = kubelet?.config.nodeIP ?? "192.168.49.2";
    return {
      status: 503,
      body: `Error trying to reach service: 'dial tcp ${ip}:10250: connect: connection refused'`,
      reason: "ServiceUnavailable",
      message: "the server is currently unable to handle the request",
    };
  }
  const p = path.replace(/\/+$/, "") || "/";
  if (p === "/healthz") return { status: 200, body: "ok" };
  if (p === "/configz" && kubelet) return { status: 200, body: JSON.stringify(kubeletConfigz(kubelet)) };
  if (p === "/pods") {
    const pods = node.api
      .list<Pod>("Pod")
      .filter((x) => x.spec?.nodeName === nodeName)
      .map((x) => wireObject(x as unknown as KubeObject, undefined, false));
    return {
      status: 200,
      body: JSON.stringify({ kind: "PodList", apiVersion: "v1", metadata: {}, items: pods }),
    };
  }
  return { status: 404, body: "404 page not found\n", reason: "NotFound", message: NOT_FOUND_MSG };
}

/** GET `url` (path and query) on the simulated API server. `pretty`: the client is curl (or ?pretty=true). */
export function rawGet(node: SimNode, url: string, opts: { curl?: boolean } = {}): RawResponse {
  const q = url.indexOf("?");
  const path = (q === -1 ? url : url.slice(0, q)).replace(/\/+$/, "") || "/";
  const query = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
  const pretty = opts.curl === true || query.get("pretty") === "true" || query.get("pretty") === "1";
  if (path === "/healthz" || path === "/livez" || path === "/readyz") return { status: 200, body: "ok" };
  if (path === "/version") {
    const v =
      (
        node.api.tryGet("Node", undefined, node.nodeName) as
          | { status?: { nodeInfo?: { kubeletVersion?: string } } }
          | undefined
      )?.status?.nodeInfo?.kubeletVersion || CLIENT_VERSION;
    const minor = v.split(".")[1] ?? "34";
    const info = {
      major: "1",
      minor,
      emulationMajor: "1",
      emulationMinor: minor,
      minCompatibilityMajor: "1",
      minCompatibilityMinor: String(Number(minor) - 1),
      gitVersion: v,
      gitCommit: "93248f9ae092f571eb870b7664c534bfc7d00f03",
      gitTreeState: "clean",
      buildDate: "2025-09-09T19:37:52Z",
      goVersion: "go1.24.6",
      compiler: "gc",
      platform: "linux/amd64",
    };
    // the /version handler writes json.MarshalIndent(info, "", "  ") with no newline
    return { status: 200, body: JSON.stringify(info, null, 2) };
  }
  if (path === "/api") {
    const ip = kubeletOf(node)?.config.nodeIP ?? "192.168.49.2";
    return {
      status: 200,
      body: serialize(
        {
          kind: "APIVersions",
          versions: ["v1"],
          serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: `${ip}:6443` }],
        },
        pretty,
      ),
    };
  }
  if (path === "/apis") {
    const list = groups().map((g) => {
      const versions = g.versions.map((version) => ({ groupVersion: `${g.name}/${version}`, version }));
      return { name: g.name, versions, preferredVersion: versions[0] };
    });
    return { status: 200, body: serialize({ kind: "APIGroupList", apiVersion: "v1", groups: list }, pretty) };
  }
  const segs = path.split("/").filter(Boolean);
  let gv: string;
  let rest: string[];
  if (segs[0] === "api" && segs[1] === "v1") {
    gv = "v1";
    rest = segs.slice(2);
  } else if (segs[0] === "apis" && segs.length >= 3) {
    gv = `${segs[1]}/${segs[2]}`;
    rest = segs.slice(3);
  } else if (segs[0] === "apis" && segs.length === 2) {
    const g = groups().find((x) => x.name === segs[1]);
    if (!g) return notFound(pretty);
    const versions = g.versions.map((version) => ({ groupVersion: `${g.name}/${version}`, version }));
    return {
      status: 200,
      body: serialize(
        { kind: "APIGroup", apiVersion: "v1", name: g.name, versions, preferredVersion: versions[0] },
        pretty,
      ),
    };
  } else return notFound(pretty);
  if (!RESOURCES.some((r) => r.apiVersion === gv)) return notFound(pretty);
  if (rest.length === 0) return { status: 200, body: serialize(resourceList(gv), pretty) };
  // /namespaces/NS/PLURAL[/NAME] or /PLURAL[/NAME]; /namespaces/NS alone is the Namespace object
  let ns: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    ns = rest[1];
    rest = rest.slice(2);
  }
  const rt = RESOURCES.find((r) => r.apiVersion === gv && r.plural === rest[0]);
  if (!rt || rest.length > 4) return notFound(pretty);
  if (ns !== undefined && !rt.namespaced) return notFound(pretty);
  const [, name, sub, ...subPath] = rest;
  if (rt.kind === "Node" && name && sub === "proxy")
    return nodeProxy(node, name, `/${subPath.join("/")}`, pretty);
  if (sub !== undefined) return notFound(pretty);
  const kind = rt.kind as ObjectKind;
  if (name !== undefined) {
    try {
      const obj = node.api.get(kind, rt.namespaced ? (ns ?? "") : undefined, name);
      return { status: 200, body: serialize(wireObject(obj, rt, true), pretty) };
    } catch (e) {
      if (e instanceof ApiError)
        return status(e.code, e.reason, e.message, pretty, { name, kind: rt.plural });
      throw e;
    }
  }
  let items: KubeObject[];
  try {
    items = node.api.list(kind, {
      namespace: ns,
      labelSelector: query.get("labelSelector") ?? undefined,
      fieldSelector: query.get("fieldSelector") ?? undefined,
    });
  } catch (e) {
    if (e instanceof ApiError) return status(e.code, e.reason, e.message, pretty);
    throw e;
  }
  const list = {
    kind: `${rt.kind}List`,
    apiVersion: rt.apiVersion,
    metadata: { resourceVersion: resourceVersion(node) },
    items: [...items].sort(byName).map((o) => wireObject(o, rt, false)),
  };
  return { status: 200, body: serialize(list, pretty) };
}

function nodeProxy(node: SimNode, name: string, sub: string, pretty: boolean): RawResponse {
  if (!node.api.tryGet("Node", undefined, name))
    return status(404, "NotFound", `nodes "${name}" not found`, pretty, { name, kind: "nodes" });
  return kubeletGet(node, name, sub);
}

/** `kubectl get --raw PATH`: the body as the server sent it, or kubectl's error line. */
export function runRawGet(node: SimNode, path: string): CommandResult {
  const out = new Output();
  const r = rawGet(node, path.startsWith("/") ? path : `/${path}`);
  if (r.status >= 200 && r.status < 300) return out.out(r.body).result(0);
  return out.err(`Error from server (${r.reason ?? "NotFound"}): ${r.message ?? NOT_FOUND_MSG}`).result(1);
}
