// k8s: staging/src/k8s.io/kubectl/pkg/explain/v2 (templates/plaintext.tmpl) — `kubectl explain` for the
// fields this simulator models. Descriptions are short summaries, not the full OpenAPI text.
import { Output } from "../registry";
import type { CommandResult } from "../types";
import type { KubectlContext } from "./common";
import type { FlagSpec } from "./flags";
import { lookupResource } from "./resources";

export const EXPLAIN_FLAGS: FlagSpec[] = [
  { name: "recursive", type: "bool" },
  { name: "api-version", type: "string" },
  { name: "output", short: "o", type: "string" },
];

interface Field {
  type: string;
  desc: string;
  required?: boolean;
  /** Sub-fields for object types. */
  of?: string;
}

type Schema = { desc: string; fields: Record<string, Field> };

const TYPES: Record<string, Schema> = {
  Pod: {
    desc: "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
    fields: {
      apiVersion: {
        type: "string",
        desc: "APIVersion defines the versioned schema of this representation of an object.",
      },
      kind: {
        type: "string",
        desc: "Kind is a string value representing the REST resource this object represents.",
      },
      metadata: { type: "ObjectMeta", of: "ObjectMeta", desc: "Standard object's metadata." },
      spec: { type: "PodSpec", of: "PodSpec", desc: "Specification of the desired behavior of the pod." },
      status: {
        type: "PodStatus",
        of: "PodStatus",
        desc: "Most recently observed status of the pod. Populated by the system. Read-only.",
      },
    },
  },
  ObjectMeta: {
    desc: "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
    fields: {
      annotations: { type: "map[string]string", desc: "Unstructured key value map stored with a resource." },
      creationTimestamp: {
        type: "string",
        desc: "Time when this object was created. Populated by the system. Read-only.",
      },
      deletionTimestamp: {
        type: "string",
        desc: "Time at which this resource will be deleted; set by the server when a graceful deletion is requested.",
      },
      labels: {
        type: "map[string]string",
        desc: "Map of string keys and values used to organize and categorize objects.",
      },
      name: { type: "string", desc: "Name must be unique within a namespace." },
      namespace: {
        type: "string",
        desc: 'The namespace this object is in. An empty namespace is equivalent to "default".',
      },
      uid: {
        type: "string",
        desc: "UID is the unique in time and space value for this object. Populated by the system.",
      },
    },
  },
  PodSpec: {
    desc: "PodSpec is a description of a pod.",
    fields: {
      containers: {
        type: "[]Container",
        of: "Container",
        required: true,
        desc: "List of containers belonging to the pod. There must be at least one container in a Pod.",
      },
      dnsPolicy: { type: "string", desc: 'Set DNS policy for the pod. Defaults to "ClusterFirst".' },
      initContainers: {
        type: "[]Container",
        of: "Container",
        desc: "List of initialization containers, run in order before the app containers start.",
      },
      nodeName: { type: "string", desc: "The node this pod is bound to, set by the scheduler." },
      restartPolicy: {
        type: "string",
        desc: "Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always.",
      },
      runtimeClassName: {
        type: "string",
        desc: "Name of the RuntimeClass used to run this pod; its handler selects the container runtime.",
      },
      serviceAccountName: { type: "string", desc: "Name of the ServiceAccount to use to run this pod." },
      terminationGracePeriodSeconds: {
        type: "integer",
        desc: "Seconds the pod needs to terminate gracefully. Defaults to 30 seconds.",
      },
      volumes: {
        type: "[]Volume",
        desc: "List of volumes that can be mounted by containers belonging to the pod.",
      },
    },
  },
  PodStatus: {
    desc: "PodStatus represents information about the status of a pod.",
    fields: {
      conditions: { type: "[]PodCondition", desc: "Current service state of pod." },
      containerStatuses: {
        type: "[]ContainerStatus",
        desc: "The status of each container, as reported by the kubelet.",
      },
      hostIP: { type: "string", desc: "IP address of the host to which the pod is assigned." },
      initContainerStatuses: { type: "[]ContainerStatus", desc: "The status of each init container." },
      phase: {
        type: "string",
        desc: "Pending, Running, Succeeded, Failed or Unknown: a simple, high-level summary of where the Pod is in its lifecycle.",
      },
      podIP: { type: "string", desc: "IP address allocated to the pod by the network plugin." },
      qosClass: {
        type: "string",
        desc: "The Quality of Service class assigned to the pod based on resource requirements.",
      },
      startTime: {
        type: "string",
        desc: "Time when the kubelet acknowledged the pod, before the first image pull.",
      },
    },
  },
  Container: {
    desc: "A single application container that you want to run within a pod.",
    fields: {
      args: {
        type: "[]string",
        desc: "Arguments to the entrypoint. The container image's CMD is used if this is not provided.",
      },
      command: {
        type: "[]string",
        desc: "Entrypoint array. The container image's ENTRYPOINT is used if this is not provided.",
      },
      env: { type: "[]EnvVar", desc: "List of environment variables to set in the container." },
      image: { type: "string", desc: "Container image name." },
      imagePullPolicy: {
        type: "string",
        desc: "Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.",
      },
      livenessProbe: {
        type: "Probe",
        desc: "Periodic probe of container liveness. Container will be restarted if the probe fails.",
      },
      name: { type: "string", required: true, desc: "Name of the container specified as a DNS_LABEL." },
      ports: { type: "[]ContainerPort", desc: "List of ports to expose from the container." },
      readinessProbe: {
        type: "Probe",
        desc: "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails.",
      },
      resources: { type: "ResourceRequirements", desc: "Compute Resources required by this container." },
      restartPolicy: {
        type: "string",
        desc: 'Only "Always" is allowed, and only for init containers: it makes a sidecar.',
      },
      startupProbe: {
        type: "Probe",
        desc: "StartupProbe indicates that the Pod has successfully initialized.",
      },
      volumeMounts: { type: "[]VolumeMount", desc: "Pod volumes to mount into the container's filesystem." },
    },
  },
  // apps/v1 (k8s.io/api/apps/v1 types.go doc comments, shortened)
  Deployment: {
    desc: "Deployment enables declarative updates for Pods and ReplicaSets.",
    fields: {
      apiVersion: {
        type: "string",
        desc: "APIVersion defines the versioned schema of this representation of an object.",
      },
      kind: {
        type: "string",
        desc: "Kind is a string value representing the REST resource this object represents.",
      },
      metadata: { type: "ObjectMeta", of: "ObjectMeta", desc: "Standard object's metadata." },
      spec: {
        type: "DeploymentSpec",
        of: "DeploymentSpec",
        desc: "Specification of the desired behavior of the Deployment.",
      },
      status: {
        type: "DeploymentStatus",
        of: "DeploymentStatus",
        desc: "Most recently observed status of the Deployment.",
      },
    },
  },
  DeploymentSpec: {
    desc: "DeploymentSpec is the specification of the desired behavior of the Deployment.",
    fields: {
      minReadySeconds: {
        type: "integer",
        desc: "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)",
      },
      paused: { type: "boolean", desc: "Indicates that the deployment is paused." },
      progressDeadlineSeconds: {
        type: "integer",
        desc: "The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.",
      },
      replicas: {
        type: "integer",
        desc: "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.",
      },
      revisionHistoryLimit: {
        type: "integer",
        desc: "The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.",
      },
      selector: {
        type: "LabelSelector",
        required: true,
        desc: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
      },
      strategy: {
        type: "DeploymentStrategy",
        of: "DeploymentStrategy",
        desc: "The deployment strategy to use to replace existing pods with new ones.",
      },
      template: {
        type: "PodTemplateSpec",
        of: "PodTemplateSpec",
        required: true,
        desc: 'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
      },
    },
  },
  DeploymentStrategy: {
    desc: "DeploymentStrategy describes how to replace existing pods with new ones.",
    fields: {
      rollingUpdate: {
        type: "RollingUpdateDeployment",
        desc: "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.",
      },
      type: {
        type: "string",
        desc: 'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.',
      },
    },
  },
  DeploymentStatus: {
    desc: "DeploymentStatus is the most recently observed status of the Deployment.",
    fields: {
      availableReplicas: {
        type: "integer",
        desc: "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.",
      },
      collisionCount: {
        type: "integer",
        desc: "Count of hash collisions for the Deployment. The Deployment controller uses this field as a collision avoidance mechanism when it needs to create the name for the newest ReplicaSet.",
      },
      conditions: {
        type: "[]DeploymentCondition",
        desc: "Represents the latest available observations of a deployment's current state.",
      },
      observedGeneration: { type: "integer", desc: "The generation observed by the deployment controller." },
      readyReplicas: {
        type: "integer",
        desc: "Total number of non-terminating pods targeted by this Deployment with a Ready Condition.",
      },
      replicas: {
        type: "integer",
        desc: "Total number of non-terminating pods targeted by this deployment (their labels match the selector).",
      },
      unavailableReplicas: {
        type: "integer",
        desc: "Total number of unavailable pods targeted by this deployment. This is the total number of pods that are still required for the deployment to have 100% available capacity.",
      },
      updatedReplicas: {
        type: "integer",
        desc: "Total number of non-terminating pods targeted by this deployment that have the desired template spec.",
      },
    },
  },
  ReplicaSet: {
    desc: "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
    fields: {
      apiVersion: {
        type: "string",
        desc: "APIVersion defines the versioned schema of this representation of an object.",
      },
      kind: {
        type: "string",
        desc: "Kind is a string value representing the REST resource this object represents.",
      },
      metadata: {
        type: "ObjectMeta",
        of: "ObjectMeta",
        desc: "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages.",
      },
      spec: {
        type: "ReplicaSetSpec",
        of: "ReplicaSetSpec",
        desc: "Spec defines the specification of the desired behavior of the ReplicaSet.",
      },
      status: {
        type: "ReplicaSetStatus",
        desc: "Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only.",
      },
    },
  },
  ReplicaSetSpec: {
    desc: "ReplicaSetSpec is the specification of a ReplicaSet.",
    fields: {
      minReadySeconds: {
        type: "integer",
        desc: "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)",
      },
      replicas: {
        type: "integer",
        desc: "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.",
      },
      selector: {
        type: "LabelSelector",
        required: true,
        desc: "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels.",
      },
      template: {
        type: "PodTemplateSpec",
        of: "PodTemplateSpec",
        desc: "Template is the object that describes the pod that will be created if insufficient replicas are detected.",
      },
    },
  },
  DaemonSet: {
    desc: "DaemonSet represents the configuration of a daemon set.",
    fields: {
      apiVersion: {
        type: "string",
        desc: "APIVersion defines the versioned schema of this representation of an object.",
      },
      kind: {
        type: "string",
        desc: "Kind is a string value representing the REST resource this object represents.",
      },
      metadata: { type: "ObjectMeta", of: "ObjectMeta", desc: "Standard object's metadata." },
      spec: {
        type: "DaemonSetSpec",
        of: "DaemonSetSpec",
        desc: "The desired behavior of this daemon set.",
      },
      status: {
        type: "DaemonSetStatus",
        desc: "The current status of this daemon set. This data may be out of date by some window of time. Populated by the system. Read-only.",
      },
    },
  },
  DaemonSetSpec: {
    desc: "DaemonSetSpec is the specification of a daemon set.",
    fields: {
      minReadySeconds: {
        type: "integer",
        desc: "The minimum number of seconds for which a newly created DaemonSet pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready).",
      },
      revisionHistoryLimit: {
        type: "integer",
        desc: "The number of old history to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.",
      },
      selector: {
        type: "LabelSelector",
        required: true,
        desc: "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels.",
      },
      template: {
        type: "PodTemplateSpec",
        of: "PodTemplateSpec",
        required: true,
        desc: 'An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template\'s node selector (or on every node if no node selector is specified). The only allowed template.spec.restartPolicy value is "Always".',
      },
      updateStrategy: {
        type: "DaemonSetUpdateStrategy",
        of: "DaemonSetUpdateStrategy",
        desc: "An update strategy to replace existing DaemonSet pods with new pods.",
      },
    },
  },
  DaemonSetUpdateStrategy: {
    desc: "DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet.",
    fields: {
      rollingUpdate: {
        type: "RollingUpdateDaemonSet",
        desc: 'Rolling update config params. Present only if type = "RollingUpdate".',
      },
      type: {
        type: "string",
        desc: 'Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is RollingUpdate.',
      },
    },
  },
  PodTemplateSpec: {
    desc: "PodTemplateSpec describes the data a pod should have when created from a template",
    fields: {
      metadata: { type: "ObjectMeta", of: "ObjectMeta", desc: "Standard object's metadata." },
      spec: {
        type: "PodSpec",
        of: "PodSpec",
        desc: "Specification of the desired behavior of the pod.",
      },
    },
  },
};

function wrap(text: string, indent: number, width = 80): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur && indent + cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => `${" ".repeat(indent)}${l}\n`).join("");
}

export async function runExplain(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const [arg] = k.flags.args;
  if (!arg) {
    return out
      .err(
        "You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples",
      )
      .result(1);
  }
  const [res, ...path] = arg.split(".");
  const rt = lookupResource(res);
  if (!rt) return out.err(`error: the server doesn't have a resource type "${res}"`).result(1);
  let schemaName: string = rt.kind;
  let field: { name: string; f: Field } | undefined;
  for (const p of path) {
    const schema = TYPES[schemaName];
    const f = schema?.fields[p];
    if (!f) return out.err(`error: field "${p}" does not exist`).result(1);
    field = { name: p, f };
    schemaName = f.of ?? "";
  }
  if (!TYPES[rt.kind]) {
    return out
      .out(
        `KIND:       ${rt.kind}\nVERSION:    ${rt.apiVersion}\n\nDESCRIPTION:\n    <not simulated in detail>\n`,
      )
      .result(0);
  }
  let text = `GROUP:      ${rt.apiVersion.includes("/") ? rt.apiVersion.split("/")[0] : ""}\n`;
  if (!rt.apiVersion.includes("/")) text = "";
  text += `KIND:       ${rt.kind}\nVERSION:    ${rt.apiVersion.split("/").pop()}\n\n`;
  if (field) text += `FIELD: ${field.name} <${field.f.type}>\n\n`;
  const schema = TYPES[schemaName];
  text += "DESCRIPTION:\n";
  text += field ? wrap(field.f.desc, 4) : wrap(schema.desc, 4);
  if (field && schema) text += wrap(schema.desc, 4);
  if (schema) {
    text += "    \nFIELDS:\n";
    for (const name of Object.keys(schema.fields).sort()) {
      const f = schema.fields[name];
      text += `  ${name}\t<${f.type}>${f.required ? " -required-" : ""}\n`;
      text += `${wrap(f.desc, 4)}\n`;
    }
  }
  return out.out(text).result(0);
}
