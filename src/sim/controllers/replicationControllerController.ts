// k8s: pkg/controller/replication (replication_controller.go, conversion.go) — kube-controller-manager's
// replicationcontroller controller: the ReplicaSet controller run over ReplicationControllers (an
// equality-based selector), with its own component name in the events, as the real ReplicationManager
// wraps the ReplicaSet controller's code.
import type { ReplicationController } from "kubernetes-types/core/v1";
import type { ObjectReference } from "../apiserver/types";
import { objectRef } from "./controllerUtils";
import {
  type ReplicaKind,
  ReplicaSetController,
  type ReplicaSetControllerOptions,
} from "./replicaSetController";

/** names.ReplicationControllerController: its Events' source component. */
export const REPLICATION_CONTROLLER = "replication-controller";

export function replicationControllerRef(rc: ReplicationController): ObjectReference {
  return objectRef("ReplicationController", "v1", rc);
}

/** labels.SelectorFromSet: every key=value of the map; an empty map selects nothing here. */
export function rcSelects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

const REPLICATION_CONTROLLER_KIND: ReplicaKind = {
  kind: "ReplicationController",
  apiVersion: "v1",
  name: "replication controller",
  selects: (selector, labels) => rcSelects(selector as Record<string, string> | undefined, labels),
};

export type ReplicationControllerOptions = Omit<ReplicaSetControllerOptions, "kind">;

/** NewReplicationManager: the ReplicaSet controller over ReplicationControllers. */
export class ReplicationManager extends ReplicaSetController {
  constructor(o: ReplicationControllerOptions) {
    super({ ...o, kind: REPLICATION_CONTROLLER_KIND });
  }
}
