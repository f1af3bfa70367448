// k8s: plugin/pkg/admission/serviceaccount/admission.go — what the ServiceAccount admission plugin
// takes from the pod's ServiceAccount: whether to mount the API token and its imagePullSecrets.
import type { PodSpec, ServiceAccount } from "kubernetes-types/core/v1";

/** DefaultServiceAccountName: set on pods that name none; the serviceaccount controller keeps one per namespace. */
export const DEFAULT_SERVICE_ACCOUNT = "default";

/** shouldAutomount: the pod's preference wins, then the ServiceAccount's, else true. */
export function shouldAutomount(sa: ServiceAccount | undefined, spec: PodSpec): boolean {
  if (typeof spec.automountServiceAccountToken === "boolean") return spec.automountServiceAccountToken;
  if (typeof sa?.automountServiceAccountToken === "boolean") return sa.automountServiceAccountToken;
  return true;
}

/** A pod without imagePullSecrets of its own gets its ServiceAccount's (names only). */
export function addServiceAccountPullSecrets(sa: ServiceAccount | undefined, spec: PodSpec): void {
  if ((spec.imagePullSecrets?.length ?? 0) > 0) return;
  const names = (sa?.imagePullSecrets ?? []).map((s) => ({ name: s.name }));
  if (names.length > 0) spec.imagePullSecrets = names;
}

/** admission.NewForbidden's reason when the named ServiceAccount is missing (getServiceAccount's NotFound). */
export const serviceAccountNotFound = (namespace: string, name: string): string =>
  `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`;
