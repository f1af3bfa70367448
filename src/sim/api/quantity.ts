// k8s: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go — simplified: exact rationals in BigInt, canonical String().

/** The regular expression the API server quotes when a quantity does not parse. */
export const QUANTITY_REGEX_TEXT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

/** The decoder's error text (the object is rejected before validation runs). */
export const QUANTITY_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;

export type QuantityFormat = "BinarySI" | "DecimalSI" | "DecimalExponent";

/** A parsed quantity: value = num / den, exactly (den is a power of ten). */
export interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
  readonly format: QuantityFormat;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export class QuantityError extends Error {
  constructor() {
    super(QUANTITY_ERROR);
    this.name = "QuantityError";
  }
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Parse `100Mi`, `250m`, `0.5`, `1e3`, `128974848`, `129M`, `2k` (also JSON numbers). Throws QuantityError. */
export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === "number" ? numberText(input) : input.trim();
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new QuantityError();
  const [, sign, whole, frac = "", suffix] = m;
  let num = BigInt((whole || "0") + frac);
  let den = pow10(frac.length);
  let format: QuantityFormat;
  if (suffix in BINARY) {
    num *= 1n << BigInt(BINARY[suffix]);
    format = "BinarySI";
  } else if (suffix in DECIMAL) {
    const e = DECIMAL[suffix];
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
    format = "DecimalSI";
  } else {
    const exp = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
    if (!exp) throw new QuantityError();
    const e = Number.parseInt(exp[1], 10);
    if (Math.abs(e) > 64) throw new QuantityError();
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
    format = "DecimalExponent";
  }
  if (sign === "-") num = -num;
  return { num, den, format };
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return "NaN";
  // JSON numbers in manifests (cpu: 0.5, memory: 1e9) decode like the same text would.
  return String(n).replace("e+", "e");
}

/** True when `input` parses as a quantity. */
export function isQuantity(input: unknown): boolean {
  if (typeof input !== "string" && typeof input !== "number") return false;
  try {
    parseQuantity(input);
    return true;
  } catch {
    return false;
  }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** Value rounded up to an integer (bytes, cores): Quantity.Value(). */
export function quantityValue(q: Quantity): number {
  return Number(ceilDiv(q.num, q.den));
}

/** Value × 1000 rounded up (millicores): Quantity.MilliValue(). */
export function quantityMilliValue(q: Quantity): number {
  return Number(ceilDiv(q.num * 1000n, q.den));
}

/** Exact value as a float (for arithmetic the UI shows). */
export function quantityFloat(q: Quantity): number {
  return Number(q.num) / Number(q.den);
}

/** `100Mi` → 104857600 bytes (rounded up). Throws QuantityError. */
export function toBytes(input: string | number): number {
  return quantityValue(parseQuantity(input));
}

/** `250m` → 250, `0.5` → 500, `2` → 2000 millicores (rounded up). Throws QuantityError. */
export function toMillicores(input: string | number): number {
  return quantityMilliValue(parseQuantity(input));
}

/** -1, 0 or 1 as a < b, a = b, a > b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The canonical form the API server prints back: 0.5 → 500m, 1536Mi → 1536Mi, 2000 → 2k, 0.5Gi → 512Mi. */
export function formatQuantity(q: Quantity): string {
  if (q.num === 0n) return "0";
  const neg = q.num < 0n;
  const num = neg ? -q.num : q.num;
  const sign = neg ? "-" : "";
  // BinarySI applies only to whole values of at least 1024; smaller ones print as DecimalSI.
  if (q.format === "BinarySI" && num % q.den === 0n && num / q.den >= 1024n) {
    const v = num / q.den;
    for (const [suffix, shift] of Object.entries(BINARY).reverse()) {
      const unit = 1n << BigInt(shift);
      if (v % unit === 0n) return `${sign}${v / unit}${suffix}`;
    }
    return `${sign}${v}`;
  }
  // Largest power of 1000 that leaves an integer mantissa; anything below nano rounds up to nano.
  for (const e of [18, 15, 12, 9, 6, 3, 0, -3, -6, -9]) {
    const n = e < 0 ? num * pow10(-e) : num;
    const d = e > 0 ? q.den * pow10(e) : q.den;
    if (n % d === 0n || e === -9) {
      const mant = ceilDiv(n, d);
      if (q.format === "DecimalExponent") return e === 0 ? `${sign}${mant}` : `${sign}${mant}e${e}`;
      const suffix = Object.keys(DECIMAL).find((k) => DECIMAL[k] === e) ?? "";
      return `${sign}${mant}${suffix}`;
    }
  }
  return `${sign}${num / q.den}`;
}

/** Parse then print canonically; returns the input unchanged when it does not parse. */
export function canonicalQuantity(input: string | number): string {
  try {
    return formatQuantity(parseQuantity(input));
  } catch {
    return String(input);
  }
}

/** Bytes as the largest exact binary unit (`104857600` → `100Mi`), for printers. */
export function formatBytes(bytes: number): string {
  return formatQuantity({ num: BigInt(Math.ceil(bytes)), den: 1n, format: "BinarySI" });
}

/** Millicores as the API server prints cpu (`500` → `500m`, `2000` → `2`). */
export function formatMillicores(milli: number): string {
  return formatQuantity({ num: BigInt(Math.ceil(milli)), den: 1000n, format: "DecimalSI" });
}
