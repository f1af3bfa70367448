// k8s: the discovery data kubectl's RESTMapper resolves `po`, `pods`, `pod/web`, `svc` against
// (kubectl api-resources), limited to the kinds the simulated API server stores.
import type { ObjectKind } from "../../sim/apiserver/types";

export interface ResourceType {
  kind: ObjectKind;
  /** Plural resource name: pods */
  plural: string;
  singular: string;
  shortNames: string[];
  apiVersion: string;
  namespaced: boolean;
}

export const RESOURCES: ResourceType[] = [
  {
    kind: "ConfigMap",
    plural: "configmaps",
    singular: "configmap",
    shortNames: ["cm"],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "Endpoints",
    plural: "endpoints",
    singular: "endpoints",
    shortNames: ["ep"],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "EndpointSlice",
    plural: "endpointslices",
    singular: "endpointslice",
    shortNames: [],
    apiVersion: "discovery.k8s.io/v1",
    namespaced: true,
  },
  {
    kind: "Event",
    plural: "events",
    singular: "event",
    shortNames: ["ev"],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "Namespace",
    plural: "namespaces",
    singular: "namespace",
    shortNames: ["ns"],
    apiVersion: "v1",
    namespaced: false,
  },
  {
    kind: "Node",
    plural: "nodes",
    singular: "node",
    shortNames: ["no"],
    apiVersion: "v1",
    namespaced: false,
  },
  {
    kind: "LimitRange",
    plural: "limitranges",
    singular: "limitrange",
    shortNames: ["limits"],
    apiVersion: "v1",
    namespaced: true,
  },
  { kind: "Pod", plural: "pods", singular: "pod", shortNames: ["po"], apiVersion: "v1", namespaced: true },
  {
    kind: "PodDisruptionBudget",
    plural: "poddisruptionbudgets",
    singular: "poddisruptionbudget",
    shortNames: ["pdb"],
    apiVersion: "policy/v1",
    namespaced: true,
  },
  {
    kind: "ResourceQuota",
    plural: "resourcequotas",
    singular: "resourcequota",
    shortNames: ["quota"],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "Secret",
    plural: "secrets",
    singular: "secret",
    shortNames: [],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "ServiceAccount",
    plural: "serviceaccounts",
    singular: "serviceaccount",
    shortNames: ["sa"],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "Service",
    plural: "services",
    singular: "service",
    shortNames: ["svc"],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "RuntimeClass",
    plural: "runtimeclasses",
    singular: "runtimeclass",
    shortNames: [],
    apiVersion: "node.k8s.io/v1",
    namespaced: false,
  },
  {
    kind: "Lease",
    plural: "leases",
    singular: "lease",
    shortNames: [],
    apiVersion: "coordination.k8s.io/v1",
    namespaced: true,
  },
  {
    kind: "Deployment",
    plural: "deployments",
    singular: "deployment",
    shortNames: ["deploy"],
    apiVersion: "apps/v1",
    namespaced: true,
  },
  {
    kind: "ReplicaSet",
    plural: "replicasets",
    singular: "replicaset",
    shortNames: ["rs"],
    apiVersion: "apps/v1",
    namespaced: true,
  },
  {
    kind: "DaemonSet",
    plural: "daemonsets",
    singular: "daemonset",
    shortNames: ["ds"],
    apiVersion: "apps/v1",
    namespaced: true,
  },
  {
    kind: "StatefulSet",
    plural: "statefulsets",
    singular: "statefulset",
    shortNames: ["sts"],
    apiVersion: "apps/v1",
    namespaced: true,
  },
  {
    kind: "ReplicationController",
    plural: "replicationcontrollers",
    singular: "replicationcontroller",
    shortNames: ["rc"],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "ControllerRevision",
    plural: "controllerrevisions",
    singular: "controllerrevision",
    shortNames: [],
    apiVersion: "apps/v1",
    namespaced: true,
  },
  {
    kind: "CronJob",
    plural: "cronjobs",
    singular: "cronjob",
    shortNames: ["cj"],
    apiVersion: "batch/v1",
    namespaced: true,
  },
  {
    kind: "Job",
    plural: "jobs",
    singular: "job",
    shortNames: [],
    apiVersion: "batch/v1",
    namespaced: true,
  },
  {
    kind: "PersistentVolume",
    plural: "persistentvolumes",
    singular: "persistentvolume",
    shortNames: ["pv"],
    apiVersion: "v1",
    namespaced: false,
  },
  {
    kind: "PersistentVolumeClaim",
    plural: "persistentvolumeclaims",
    singular: "persistentvolumeclaim",
    shortNames: ["pvc"],
    apiVersion: "v1",
    namespaced: true,
  },
  {
    kind: "StorageClass",
    plural: "storageclasses",
    singular: "storageclass",
    shortNames: ["sc"],
    apiVersion: "storage.k8s.io/v1",
    namespaced: false,
  },
  {
    kind: "ClusterRoleBinding",
    plural: "clusterrolebindings",
    singular: "clusterrolebinding",
    shortNames: [],
    apiVersion: "rbac.authorization.k8s.io/v1",
    namespaced: false,
  },
  {
    kind: "ClusterRole",
    plural: "clusterroles",
    singular: "clusterrole",
    shortNames: [],
    apiVersion: "rbac.authorization.k8s.io/v1",
    namespaced: false,
  },
  {
    kind: "RoleBinding",
    plural: "rolebindings",
    singular: "rolebinding",
    shortNames: [],
    apiVersion: "rbac.authorization.k8s.io/v1",
    namespaced: true,
  },
  {
    kind: "Role",
    plural: "roles",
    singular: "role",
    shortNames: [],
    apiVersion: "rbac.authorization.k8s.io/v1",
    namespaced: true,
  },
];

/** Resolve `po`, `pods`, `Pod`, `pods.v1`, `runtimeclasses.node.k8s.io`, `leases.coordination.k8s.io`, `deploy`, `deployments.apps`. */
export function lookupResource(name: string): ResourceType | undefined {
  const n = name
    .toLowerCase()
    .replace(
      /\.(v1|node\.k8s\.io(\/v1)?|v1\.node\.k8s\.io|discovery\.k8s\.io(\/v1)?|v1\.discovery\.k8s\.io|coordination\.k8s\.io(\/v1)?|v1\.coordination\.k8s\.io|apps(\/v1)?|v1\.apps|batch(\/v1)?|v1\.batch|storage\.k8s\.io(\/v1)?|v1\.storage\.k8s\.io|rbac\.authorization\.k8s\.io(\/v1)?|v1\.rbac\.authorization\.k8s\.io)$/,
      "",
    );
  return RESOURCES.find(
    (r) => r.plural === n || r.singular === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n,
  );
}

/** How kubectl names a kind in `kind/name` output: `service`, `endpointslice.discovery.k8s.io`. */
export function kindQualifier(r: ResourceType): string {
  const slash = r.apiVersion.indexOf("/");
  return slash >= 0 ? `${r.singular}.${r.apiVersion.slice(0, slash)}` : r.singular;
}

export function resourceByKind(kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

export const allResourceNames = (): string[] =>
  RESOURCES.flatMap((r) => [r.plural, r.singular, ...r.shortNames]);

export interface ResourceRef {
  type: ResourceType;
  /** Empty: all of that type. */
  names: string[];
}

export class ResourceArgError extends Error {}

/**
 * kubectl's resource.Builder argument forms: `pods`, `pods web db`, `pod/web node/node-1`, `pods,nodes`.
 */
/** parseResourceArgs, or kubectl's `error: …` text for arguments it cannot read. */
export function resourceArgs(args: string[]): ResourceRef[] | { error: string } {
  try {
    return parseResourceArgs(args);
  } catch (e) {
    if (e instanceof ResourceArgError) return { error: `error: ${e.message}` };
    throw e;
  }
}

export function parseResourceArgs(args: string[]): ResourceRef[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes("/"))) {
    const refs: ResourceRef[] = [];
    for (const a of args) {
      const slash = a.indexOf("/");
      if (slash === -1) {
        throw new ResourceArgError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      }
      const type = lookupResource(a.slice(0, slash));
      if (!type) throw new ResourceArgError(`the server doesn't have a resource type "${a.slice(0, slash)}"`);
      const name = a.slice(slash + 1);
      if (name === "")
        throw new ResourceArgError(`arguments in resource/name form must have a single resource and name`);
      refs.push({ type, names: [name] });
    }
    return refs;
  }
  const [types, ...names] = args;
  return (
    types
      .split(",")
      .filter(Boolean)
      // `all` is kubectl's category alias; of its members the simulator stores pods,
      // replicationcontrollers, services, daemonsets, deployments, replicasets, statefulsets, cronjobs
      // and jobs (in discovery order)
      .flatMap((t) =>
        t === "all"
          ? [
              "pods",
              "replicationcontrollers",
              "services",
              "daemonsets",
              "deployments",
              "replicasets",
              "statefulsets",
              "cronjobs",
              "jobs",
            ]
          : [t],
      )
      .map((t) => {
        const type = lookupResource(t);
        if (!type) throw new ResourceArgError(`the server doesn't have a resource type "${t}"`);
        return { type, names };
      })
  );
}
