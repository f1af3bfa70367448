// k8s: staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go + api/errors NewInvalid — simplified.
import { ApiError } from "../apiserver/types";

export type FieldErrorType =
  | "Required"
  | "Invalid"
  | "Duplicate"
  | "Unsupported"
  | "Forbidden"
  | "TooLong"
  | "NotFound";

export interface FieldError {
  type: FieldErrorType;
  /** `spec.containers[0].image` */
  field: string;
  value?: unknown;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: "Required value",
  Invalid: "Invalid value",
  Duplicate: "Duplicate value",
  Unsupported: "Unsupported value",
  Forbidden: "Forbidden",
  TooLong: "Too long",
  NotFound: "Not found",
};

/** Go's %q for the strings we meet (JSON escaping is the same for printable ASCII). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** A value Go prints with %#v (a slice, a struct): kept as the text Go would print. */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** Go's %#v of a []string: `[]string{"10.96.0.10"}`. */
export const goStringSlice = (v: string[]): GoLiteral =>
  new GoLiteral(`[]string{${v.map(goQuote).join(", ")}}`);

function valueText(v: unknown): string {
  if (v instanceof GoLiteral) return v.text;
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v === null || v === undefined) return "null";
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** field.Error.ErrorBody(): `Required value`, `Invalid value: "x": detail`, `Unsupported value: "x": supported values: …`. */
export function fieldErrorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (e.type !== "Required" && e.type !== "Forbidden" && e.type !== "TooLong") s += `: ${valueText(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `spec.containers[0].image: Required value` */
export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

export const required = (field: string, detail?: string): FieldError => ({ type: "Required", field, detail });
export const invalid = (field: string, value: unknown, detail?: string): FieldError => ({
  type: "Invalid",
  field,
  value,
  detail,
});
export const duplicate = (field: string, value: unknown): FieldError => ({ type: "Duplicate", field, value });
export const notFoundField = (field: string, value: unknown): FieldError => ({
  type: "NotFound",
  field,
  value,
});
export const forbidden = (field: string, detail: string): FieldError => ({
  type: "Forbidden",
  field,
  detail,
});
export const notSupported = (field: string, value: unknown, supported: readonly string[]): FieldError => ({
  type: "Unsupported",
  field,
  value,
  detail: `supported values: ${supported.map(goQuote).join(", ")}`,
});

/**
 * A 422 Invalid error. `message` is what kubectl prints (cmdutil checkErr + MultilineError):
 * one cause ⇒ `The Pod "web" is invalid: spec.containers[0].image: Required value`;
 * several ⇒ `The Pod "web" is invalid: \n* a\n* b`. `serverMessage` is the Status message the
 * API server itself returns (`Pod "web" is invalid: [a, b]`).
 */
export class InvalidError extends ApiError {
  readonly causes: FieldError[];
  readonly kind: string;
  readonly objectName: string;
  readonly serverMessage: string;

  constructor(kind: string, name: string, causes: FieldError[]) {
    const texts = [...new Set(causes.map(fieldErrorText))];
    const prefix = `The ${kind} ${goQuote(name)} is invalid: `;
    const message =
      texts.length === 1 ? prefix + texts[0] : `${prefix}\n${texts.map((t) => `* ${t}`).join("\n")}`;
    super(422, "Invalid", message);
    this.name = "InvalidError";
    this.causes = causes;
    this.kind = kind;
    this.objectName = name;
    const agg = texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`;
    this.serverMessage = `${kind} ${goQuote(name)} is invalid: ${agg}`;
  }
}
