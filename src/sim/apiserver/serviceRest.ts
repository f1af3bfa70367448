// k8s: pkg/registry/core/service/storage (alloc.go, storage.go) — what the Service REST storage adds
// around validation: ClusterIP and NodePort allocation on create, keeping them on update, release on
// delete, and the IP-family fields a single-stack IPv4 cluster fills in.
import type { Service } from "kubernetes-types/core/v1";
import { type FieldError, goStringSlice, InvalidError, invalid } from "../api/fieldErrors";
import {
  AllocationError,
  isIPv4,
  type NodePortAllocator,
  type ServiceIpAllocator,
} from "./serviceIpAllocator";

export interface ServiceAllocators {
  ips: ServiceIpAllocator;
  nodePorts: NodePortAllocator;
}

const usesNodePorts = (s: Service) => s.spec?.type === "NodePort" || s.spec?.type === "LoadBalancer";

/** Normalize clusterIP/clusterIPs the way the API server's defaulting does (clusterIPs[0] == clusterIP). */
function normalizeClusterIPs(svc: Service): void {
  const spec = svc.spec!;
  if (spec.clusterIP && (!spec.clusterIPs || spec.clusterIPs.length === 0))
    spec.clusterIPs = [spec.clusterIP];
  else if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
}

/** Create: allocate (or claim) the ClusterIP and NodePorts; throws the 422 the API server returns. */
export function allocateServiceCreate(svc: Service, alloc: ServiceAllocators): void {
  const name = svc.metadata?.name ?? "";
  svc.spec ??= {};
  const spec = svc.spec;
  normalizeClusterIPs(svc);
  const claimed: { ip?: string; ports: number[] } = { ports: [] };
  try {
    if (spec.type !== "ExternalName") {
      spec.ipFamilies ??= ["IPv4"];
      spec.ipFamilyPolicy ??= "SingleStack";
      const ip = spec.clusterIP;
      if (ip === "None") spec.clusterIPs = ["None"];
      else if (ip) {
        const errs: FieldError[] = [];
        if (!isIPv4(ip))
          errs.push(
            invalid(
              "spec.clusterIPs[0]",
              ip,
              "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ),
          );
        else {
          try {
            alloc.ips.allocate(ip);
            claimed.ip = ip;
          } catch (e) {
            if (!(e instanceof AllocationError)) throw e;
            errs.push(
              invalid("spec.clusterIPs", goStringSlice([ip]), `failed to allocate IP ${ip}: ${e.message}`),
            );
          }
        }
        if (errs.length > 0) throw new InvalidError("Service", name, errs);
        spec.clusterIPs = [ip];
      } else {
        claimed.ip = alloc.ips.allocateNext();
        spec.clusterIP = claimed.ip;
        spec.clusterIPs = [claimed.ip];
      }
    }
    if (usesNodePorts(svc)) {
      (spec.ports ?? []).forEach((p, i) => {
        try {
          if (p.nodePort) alloc.nodePorts.allocate(p.nodePort);
          else p.nodePort = alloc.nodePorts.allocateNext();
          claimed.ports.push(p.nodePort);
        } catch (e) {
          if (!(e instanceof AllocationError)) throw e;
          throw new InvalidError("Service", name, [
            invalid(`spec.ports[${i}].nodePort`, p.nodePort, e.message),
          ]);
        }
      });
    }
  } catch (e) {
    // a failed create gives back what it took
    alloc.ips.release(claimed.ip);
    for (const p of claimed.ports) alloc.nodePorts.release(p);
    throw e;
  }
}

/** Update: allocated values survive a manifest that omits them; a set ClusterIP may not change. */
export function keepServiceAllocations(svc: Service, old: Service): void {
  svc.spec ??= {};
  const spec = svc.spec;
  const was = old.spec ?? {};
  if (spec.type === "ExternalName" || was.type === "ExternalName") return;
  if (!spec.clusterIP && !spec.clusterIPs?.length) {
    spec.clusterIP = was.clusterIP;
    spec.clusterIPs = was.clusterIPs ? [...was.clusterIPs] : undefined;
  } else if (spec.clusterIP && spec.clusterIPs?.[0] !== spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  spec.ipFamilies ??= was.ipFamilies ? [...was.ipFamilies] : undefined;
  spec.ipFamilyPolicy ??= was.ipFamilyPolicy;
  const oldIps = was.clusterIPs ?? [];
  const newIps = spec.clusterIPs ?? [];
  oldIps.forEach((ip, i) => {
    if (newIps[i] !== undefined && newIps[i] !== ip)
      throw new InvalidError("Service", svc.metadata?.name ?? "", [
        invalid(`spec.clusterIPs[${i}]`, goStringSlice(newIps), "may not change once set"),
      ]);
  });
  if (usesNodePorts(svc))
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const same = (was.ports ?? []).find((q) => q.port === p.port && q.protocol === p.protocol);
      if (same?.nodePort) p.nodePort = same.nodePort;
    }
}

/** Delete: the ClusterIP and NodePorts go back to their ranges. */
export function releaseService(svc: Service, alloc: ServiceAllocators): void {
  const ip = svc.spec?.clusterIP;
  if (ip && ip !== "None") alloc.ips.release(ip);
  for (const p of svc.spec?.ports ?? []) alloc.nodePorts.release(p.nodePort);
}
