// k8s: pkg/api/v1/resource/helpers.go ExtractContainerResourceValue (+ kubelet_resources.go
// defaultPodLimitsForDownwardAPI): a container's requests/limits as the downward API writes them —
// divided by the divisor (default 1) and rounded up; a limit the container does not set is the
// node's allocatable.
import type { Container, Pod, ResourceFieldSelector } from "kubernetes-types/core/v1";
import { parseQuantity, quantityMilliValue, quantityValue } from "../../api/quantity";

export function containerResourceValue(
  fs: ResourceFieldSelector,
  pod: Pod,
  self: Container | undefined,
  allocatable: Record<string, string> | undefined,
): string {
  const c = fs.containerName
    ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
        (x) => x.name === fs.containerName,
      )
    : self;
  if (!c) throw new Error(`container ${fs.containerName} not found`);
  const [kind, resource] = fs.resource.split(/\.(.*)/s, 2);
  if ((kind !== "limits" && kind !== "requests") || !resource)
    throw new Error(`unsupported container resource : ${fs.resource}`);
  const set = (kind === "limits" ? c.resources?.limits : c.resources?.requests)?.[resource];
  const value = set ?? (kind === "limits" ? allocatable?.[resource] : undefined) ?? "0";
  const divisor = fs.divisor === undefined || String(fs.divisor) === "0" ? "1" : String(fs.divisor);
  if (resource === "cpu")
    return String(
      Math.ceil(quantityMilliValue(parseQuantity(value)) / quantityMilliValue(parseQuantity(divisor))),
    );
  if (resource === "memory" || resource === "ephemeral-storage" || resource.startsWith("hugepages-"))
    return String(Math.ceil(quantityValue(parseQuantity(value)) / quantityValue(parseQuantity(divisor))));
  throw new Error(`unsupported container resource : ${fs.resource}`);
}
