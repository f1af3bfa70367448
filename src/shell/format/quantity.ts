// k8s: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go — just enough to sum cpu and
// memory requests for `describe node` (milli-units in, canonical-ish string out).

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/** Parse `100m`, `1.5`, `128Mi`, `1e3` into a number of base units (NaN when malformed). */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === "number") return q;
  const m = q.trim().match(/^([+-]?\d*\.?\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/);
  if (!m) return Number.NaN;
  const base = Number.parseFloat(m[1] + (m[2] ?? ""));
  return base * SUFFIX[m[3] ?? ""];
}

/** CPU as Kubernetes prints a sum: `250m`, `1`, `0`. */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  if (milli === 0) return "0";
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes in the largest binary suffix that divides exactly (Quantity's BinarySI canonical form). */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return "0";
  for (const s of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
    const f = SUFFIX[s];
    if (bytes % f === 0) return `${bytes / f}${s}`;
  }
  return String(Math.round(bytes));
}
