// k8s: pkg/registry/core/pod/strategy.go (ResizeStrategy: dropNonResizeUpdates) and
// pkg/apis/core/validation ValidatePodResize — the pods/resize subresource of in-place pod resize
// (1.33+): only the containers' resources and resizePolicy are taken from the request.
import type { Container, Pod } from "kubernetes-types/core/v1";
import { podQosClass } from "./defaults";
import { jsonEqual, plainClone } from "./equality";
import { type FieldError, forbidden, invalid } from "./fieldErrors";

/** dropNonResizeUpdates: the old pod with each same-named container's resources and resizePolicy. */
export function resizedPod(old: Pod, requested: Pod): Pod {
  const pod = plainClone(old) as Pod;
  const wanted = new Map((requested.spec?.containers ?? []).map((c) => [c.name, c]));
  for (const c of pod.spec?.containers ?? []) {
    const w = wanted.get(c.name);
    if (!w) continue;
    if (w.resources === undefined) delete c.resources;
    else c.resources = plainClone(w.resources);
    if (w.resizePolicy === undefined) delete c.resizePolicy;
    else c.resizePolicy = plainClone(w.resizePolicy);
  }
  return pod;
}

const RESIZABLE = new Set(["cpu", "memory"]);

function withoutCpuMemory(c: Container): unknown {
  const strip = (l: Record<string, unknown> | undefined) =>
    Object.fromEntries(Object.entries(l ?? {}).filter(([k]) => !RESIZABLE.has(k)));
  return {
    ...c,
    resizePolicy: undefined,
    resources: { requests: strip(c.resources?.requests), limits: strip(c.resources?.limits) },
  };
}

/** ValidatePodResize: the QoS class stays, nothing is removed, and only cpu and memory change. */
export function validatePodResize(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  if (old.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined)
    return [forbidden("", "static pods cannot be resized")];
  if (podQosClass(old.spec) !== podQosClass(pod.spec))
    errs.push(
      invalid(
        "spec",
        old.status?.qosClass ?? podQosClass(old.spec),
        "Pod QOS Class may not change as a result of resizing",
      ),
    );
  const before = old.spec?.containers ?? [];
  (pod.spec?.containers ?? []).forEach((c, i) => {
    const o = before[i];
    for (const kind of ["requests", "limits"] as const)
      for (const r of Object.keys(o?.resources?.[kind] ?? {}))
        if (c.resources?.[kind]?.[r] === undefined)
          errs.push(
            forbidden(`spec.containers[${i}].resources.${kind}[${r}]`, "resource removal is not allowed"),
          );
  });
  const same = (pod.spec?.containers ?? []).every((c, i) =>
    jsonEqual(withoutCpuMemory(c), withoutCpuMemory(before[i])),
  );
  if (!same) errs.push(forbidden("spec", "only cpu and memory resources are mutable"));
  return errs;
}
