// k8s: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go + api/validation/objectmeta.go — simplified.
import { type FieldError, invalid, required } from "./fieldErrors";

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
const LABEL_VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const CONFIG_KEY = "[-._a-zA-Z0-9]+";

/** validation.RegexError: note the real double space before " or". */
function regexError(msg: string, re: string, ...examples: string[]): string {
  let s = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) s += " or ";
    s += `'${e}', `;
  });
  return `${s}regex used for validation is '${re}')`;
}

const maxLen = (n: number) => `must be no more than ${n} characters`;
const full = (re: string) => new RegExp(`^(?:${re})$`);

export function isDns1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!full(DNS1123_LABEL).test(v))
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL,
        "my-name",
        "123-abc",
      ),
    );
  return errs;
}

export function isDns1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!full(DNS1123_SUBDOMAIN).test(v))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN,
        "example.com",
      ),
    );
  return errs;
}

export function isDns1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!full(DNS1035_LABEL).test(v))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL,
        "my-name",
        "abc-123",
      ),
    );
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!full(LABEL_VALUE).test(v))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE,
        "MyValue",
        "my_value",
        "12345",
      ),
    );
  return errs;
}

/** IsQualifiedName: `[prefix/]name` as label and annotation keys. */
export function isQualifiedName(v: string): string[] {
  const parts = v.split("/");
  let name = v;
  const errs: string[] = [];
  if (parts.length === 2) {
    if (parts[0].length === 0) errs.push("prefix part must be non-empty");
    else errs.push(...isDns1123Subdomain(parts[0]).map((m) => `prefix part ${m}`));
    name = parts[1];
  } else if (parts.length > 2) {
    return [
      regexError(
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        QUALIFIED_NAME,
        "MyName",
        "my.name",
        "123-abc",
      ) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (name.length > 0 && !full(QUALIFIED_NAME).test(name))
    errs.push(
      `name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, "MyName", "my.name", "123-abc")}`,
    );
  return errs;
}

/** IsConfigMapKey (also Secret data keys). */
export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!full(CONFIG_KEY).test(v))
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        CONFIG_KEY,
        "key.name",
        "KEY_NAME",
        "key-name",
      ),
    );
  if (v === "." || v === "..") errs.push(`must not be '${v}'`);
  else if (v.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

export type NameRule = "subdomain" | "label" | "dns1035";
const NAME_RULES: Record<NameRule, (v: string) => string[]> = {
  subdomain: isDns1123Subdomain,
  label: isDns1123Label,
  dns1035: isDns1035Label,
};

/** ValidateObjectMeta: name/generateName, namespace, labels, annotations keys. */
export function validateObjectMeta(meta: unknown, namespaced: boolean, rule: NameRule): FieldError[] {
  const errs: FieldError[] = [];
  const m = (meta && typeof meta === "object" ? meta : {}) as Record<string, unknown>;
  const name = m.name;
  const generateName = m.generateName;
  if (typeof generateName === "string" && generateName !== "") {
    // The prefix is checked with a trailing character stripped, like maskTrailingDash.
    const prefix = generateName.endsWith("-") ? `${generateName.slice(0, -1)}a` : generateName;
    for (const msg of NAME_RULES[rule](prefix))
      errs.push(invalid("metadata.generateName", generateName, msg));
  }
  if (typeof name !== "string" || name === "") {
    if (!generateName) errs.push(required("metadata.name", "name or generateName is required"));
  } else {
    for (const msg of NAME_RULES[rule](name)) errs.push(invalid("metadata.name", name, msg));
  }
  if (namespaced) {
    const ns = m.namespace;
    if (typeof ns !== "string" || ns === "") errs.push(required("metadata.namespace"));
    else for (const msg of isDns1123Label(ns)) errs.push(invalid("metadata.namespace", ns, msg));
  }
  const labels = m.labels;
  if (labels && typeof labels === "object") {
    for (const [k, v] of Object.entries(labels)) {
      for (const msg of isQualifiedName(k)) errs.push(invalid("metadata.labels", k, msg));
      if (typeof v !== "string") errs.push(invalid(`metadata.labels`, v, "must be a string"));
      else for (const msg of isValidLabelValue(v)) errs.push(invalid("metadata.labels", v, msg));
    }
  }
  const annotations = m.annotations;
  if (annotations && typeof annotations === "object") {
    for (const k of Object.keys(annotations))
      for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid("metadata.annotations", k, msg));
  }
  return errs;
}
