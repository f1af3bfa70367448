// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go describePodDisruptionBudgetV1 — `kubectl
// describe pdb`: the budget (min available, else max unavailable), the selector, the status counts
// and the budget's events.
import type { Event } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { formatLabelSelector } from "../../sim/api/labelSelector";
import { intOrStringText, statusOf } from "../../sim/api/policy";
import { describeEvents, describeTabwrite, PrefixWriter } from "./describePod";

export function describePodDisruptionBudget(
  pdb: PodDisruptionBudget,
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pdb.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${pdb.metadata?.namespace ?? ""}\n`);
  const spec = pdb.spec ?? {};
  if (spec.minAvailable !== undefined && spec.minAvailable !== null)
    w.write(0, `Min available:\t${intOrStringText(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null)
    w.write(0, `Max unavailable:\t${intOrStringText(spec.maxUnavailable)}\n`);
  // metav1.FormatLabelSelector (`<none>` for an empty one); a nil selector is <unset>
  w.write(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : "<unset>"}\n`);
  const s = statusOf(pdb);
  w.write(0, "Status:\n");
  w.write(2, `Allowed disruptions:\t${s.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${s.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${s.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${s.expectedPods ?? 0}\n`);
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}
