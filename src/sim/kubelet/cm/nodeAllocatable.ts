// k8s: pkg/kubelet/cm/node_container_manager_linux.go GetNodeAllocatableReservation + hardEvictionReservation,
// pkg/kubelet/eviction/helpers.go (parsePercentage, GetThresholdQuantity) and nodestatus/setters.go MachineInfo:
// allocatable = capacity − (systemReserved + kubeReserved + the hard eviction thresholds for memory and nodefs).
import { formatQuantity, parseQuantity, type Quantity } from "../../api/quantity";
import { addQuantity, subQuantity } from "../../api/resourceList";

/** The kubelet's DefaultEvictionHard (Linux): used only when the config sets no evictionHard at all. */
export const DEFAULT_EVICTION_HARD: Readonly<Record<string, string>> = {
  "imagefs.available": "15%",
  "imagefs.inodesFree": "5%",
  "memory.available": "100Mi",
  "nodefs.available": "10%",
  "nodefs.inodesFree": "5%",
};

/** The reservations that shape Node Allocatable (KubeletConfiguration fields). */
export interface AllocatableConfig {
  kubeReserved?: Record<string, string>;
  systemReserved?: Record<string, string>;
  evictionHard?: Record<string, string>;
}

/** `--kube-reserved=cpu=100m,memory=100Mi` → { cpu: "100m", memory: "100Mi" } (a map flag). */
export function parseMapFlag(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** `--eviction-hard=memory.available<500Mi,nodefs.available<10%` → { "memory.available": "500Mi", … }. */
export function parseEvictionFlag(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const i = part.indexOf("<");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** GetThresholdQuantity: a quantity as is, a percentage (float32, as the kubelet parses it) of the capacity. */
function thresholdQuantity(value: string, capacity: Quantity): Quantity | undefined {
  if (value.endsWith("%")) {
    const pct = Math.fround(Math.fround(Number.parseFloat(value.slice(0, -1))) / 100);
    if (!Number.isFinite(pct)) return undefined;
    const cap = Number(capacity.num / capacity.den);
    return { num: BigInt(Math.trunc(cap * pct)), den: 1n, format: "BinarySI" };
  }
  try {
    return parseQuantity(value);
  } catch {
    return undefined;
  }
}

function tryParse(v: string | undefined): Quantity | undefined {
  if (v === undefined) return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

/** GetNodeAllocatableReservation: per capacity resource, the sum of what is held back (absent when zero). */
export function allocatableReservation(
  capacity: Record<string, string>,
  cfg: AllocatableConfig,
): Map<string, Quantity> {
  const hard = cfg.evictionHard ?? DEFAULT_EVICTION_HARD;
  const eviction = new Map<string, Quantity>();
  const signals: [string, string][] = [
    ["memory.available", "memory"],
    ["nodefs.available", "ephemeral-storage"],
  ];
  for (const [signal, resource] of signals) {
    const cap = tryParse(capacity[resource]);
    const v = hard[signal];
    if (!cap || v === undefined) continue;
    const q = thresholdQuantity(v, cap);
    if (q) eviction.set(resource, q);
  }
  const out = new Map<string, Quantity>();
  for (const k of Object.keys(capacity)) {
    let sum: Quantity = { num: 0n, den: 1n, format: "DecimalSI" };
    for (const q of [tryParse(cfg.systemReserved?.[k]), tryParse(cfg.kubeReserved?.[k]), eviction.get(k)])
      if (q) sum = addQuantity(sum, q);
    if (sum.num !== 0n) out.set(k, sum);
  }
  return out;
}

/** MachineInfo's allocatable: capacity minus the reservation, never below zero; kept in the capacity's format. */
/** The node status update asks every 10 s with the same (frozen) capacity and config: the last answer. */
let last: { capacity: object; cfg: object; out: Readonly<Record<string, string>> } | undefined;

export function nodeAllocatable(
  capacity: Record<string, string>,
  cfg: AllocatableConfig,
): Readonly<Record<string, string>> {
  if (last && last.capacity === capacity && last.cfg === cfg) return last.out;
  const out = computeAllocatable(capacity, cfg);
  if (Object.isFrozen(capacity)) last = { capacity, cfg, out: Object.freeze(out) };
  return out;
}

function computeAllocatable(
  capacity: Record<string, string>,
  cfg: AllocatableConfig,
): Record<string, string> {
  const reserved = allocatableReservation(capacity, cfg);
  const out: Record<string, string> = {};
  for (const [k, text] of Object.entries(capacity)) {
    const cap = tryParse(text);
    const r = reserved.get(k);
    if (!cap || !r) {
      out[k] = text;
      continue;
    }
    const v = subQuantity(cap, r);
    out[k] = v.num < 0n ? "0" : formatQuantity(v);
  }
  return out;
}
