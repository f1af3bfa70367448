// k8s: staging/src/k8s.io/kubectl/pkg/cmd/util/podcmd/podcmd.go — which container `logs`/`exec`
// use when -c is missing: the default-container annotation, else the first, with a note on stderr.
import type { Container, Pod } from "kubernetes-types/core/v1";
import { KubectlError } from "./common";

const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

export interface ContainerChoice {
  container: Container;
  init: boolean;
  /** `Defaulted container "a" out of: a, b, init (init)` when kubectl picked for the user. */
  note?: string;
}

export function allContainerNames(pod: Pod): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  for (const c of pod.spec?.initContainers ?? []) names.push(`${c.name} (init)`);
  for (const c of pod.spec?.ephemeralContainers ?? []) names.push(`${c.name} (ephem)`);
  return names.join(", ");
}

export function findContainer(pod: Pod, name: string | undefined, quiet = false): ContainerChoice {
  const spec = pod.spec ?? { containers: [] };
  if (name) {
    const c = spec.containers?.find((x) => x.name === name);
    if (c) return { container: c, init: false };
    const i = spec.initContainers?.find((x) => x.name === name);
    if (i) return { container: i, init: true };
    const e = spec.ephemeralContainers?.find((x) => x.name === name);
    if (e) return { container: e as Container, init: false };
    throw new KubectlError(`error: container ${name} is not valid for pod ${pod.metadata?.name}`);
  }
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    const c = spec.containers?.find((x) => x.name === annotated);
    if (c) return { container: c, init: false };
  }
  const first = spec.containers?.[0];
  if (!first) throw new KubectlError(`error: pod ${pod.metadata?.name} does not have any containers`);
  const several = (spec.containers?.length ?? 0) + (spec.initContainers?.length ?? 0) > 1;
  return {
    container: first,
    init: false,
    note:
      several && !quiet ? `Defaulted container "${first.name}" out of: ${allContainerNames(pod)}` : undefined,
  };
}
