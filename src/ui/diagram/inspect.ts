// What a click on the diagram asks the drawer to show live (the drawer reads the current snapshot,
// so memory in use or kube-proxy's rules stay current while the drawer is open).
export type ServiceFocus = "kube-proxy" | "netfilter" | "dns" | "controller-manager";

export type InspectTarget =
  | { inspect: "container"; containerId: string }
  | { inspect: "sandbox"; sandboxId: string }
  | { inspect: "services"; focus: ServiceFocus };

const FOCI: readonly string[] = ["kube-proxy", "netfilter", "dns", "controller-manager"];

/** The drawer's selection data, when it is one of these targets. */
export function asInspect(data: unknown): InspectTarget | undefined {
  if (!data || typeof data !== "object") return undefined;
  const d = data as Record<string, unknown>;
  if (d.inspect === "container" && typeof d.containerId === "string")
    return { inspect: "container", containerId: d.containerId };
  if (d.inspect === "sandbox" && typeof d.sandboxId === "string")
    return { inspect: "sandbox", sandboxId: d.sandboxId };
  if (d.inspect === "services" && typeof d.focus === "string" && FOCI.includes(d.focus))
    return { inspect: "services", focus: d.focus as ServiceFocus };
  return undefined;
}
