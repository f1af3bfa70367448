// k8s: cli-runtime resource.Builder + sigs.k8s.io/yaml — read `-f file|-` into objects, with
// kubectl's error words for malformed YAML, missing kind, and kinds the server doesn't know.
import YAML from "yaml";
import type { KubeObject } from "../../sim/apiserver/types";
import type { SimNode } from "../../sim/node/types";
import { resolvePath } from "../files/cwd";
import { KubectlError } from "./common";
import { docsExample, isUrl } from "./docsExamples";
import { type ResourceType, resourceByKind } from "./resources";

export interface ManifestObject {
  obj: KubeObject;
  type: ResourceType;
  source: string;
}

/** The name kubectl prints for a source: STDIN for `-`, else the path as typed. */
export function readSources(
  node: SimNode,
  files: string[],
  stdin: string | undefined,
): { text: string; source: string }[] {
  if (files.length === 0) throw new KubectlError("error: must specify one of -f and -k");
  return files.map((f) => {
    if (f === "-") return { text: stdin ?? "", source: "STDIN" };
    if (isUrl(f)) {
      // kubectl GETs the URL; offline, only the docs' built-in examples answer
      const text = docsExample(f);
      if (text === undefined)
        throw new KubectlError(
          `k8s-node-sim: ${f} cannot be fetched: the simulated node has no Internet access (built in: the Kubernetes docs' examples under https://k8s.io/examples/ that the task pages apply)`,
        );
      return { text, source: f };
    }
    const path = resolvePath(node, f);
    if (node.fs.isDir(path)) {
      const files = node.fs
        .readdir(path)
        .filter((n) => /\.(ya?ml|json)$/.test(n))
        .map((n) => `${path}/${n}`);
      return { text: files.map((p) => node.fs.read(p) ?? "").join("\n---\n"), source: f };
    }
    const text = node.fs.read(path);
    if (text === undefined) throw new KubectlError(`error: the path "${f}" does not exist`);
    return { text, source: f };
  });
}

/**
 * Map the JS YAML parser's errors onto go-yaml's (sigs.k8s.io/yaml → yaml.v2) line and message.
 * go-yaml reports scanner errors at the 1-based line of the problem, but parser errors at the
 * 0-based one (its `fail()` only adds 1 for scanner errors) — so a mis-indented key on line 4 is
 * `yaml: line 3: did not find expected key`, exactly as kubectl prints it.
 */
export function goYamlError(errors: { code: string; message: string; linePos?: { line: number }[] }[]): {
  line: number;
  message: string;
} {
  // `kind: Pod\n metadata:` — the scanner meets a ':' inside a multi-line plain scalar
  const multiline = errors.find((e) => e.code === "MULTILINE_IMPLICIT_KEY");
  if (multiline)
    return {
      line: multiline.linePos?.[1]?.line ?? multiline.linePos?.[0]?.line ?? 1,
      message: "mapping values are not allowed in this context",
    };
  const err = errors[0];
  const line = err.linePos?.[0]?.line ?? 1;
  const parserError = (message: string) => ({ line: Math.max(1, line - 1), message });
  switch (err.code) {
    case "TAB_AS_INDENT":
      return { line, message: "found character that cannot start any token" };
    case "MISSING_CHAR":
      if (err.message.startsWith("Sequence item without - indicator"))
        return parserError("did not find expected '-' indicator");
      return {
        line,
        message: err.message.includes("quote")
          ? "found unexpected end of stream"
          : "did not find expected node content",
      };
    case "BAD_INDENT":
      if (err.message.startsWith("All mapping items must start at the same column"))
        return parserError("did not find expected key");
      // an unclosed `[`: the parser reaches the end of the stream inside the flow sequence
      if (err.message.startsWith("Flow sequence")) return parserError("did not find expected ',' or ']'");
      if (err.message.startsWith("Flow mapping")) return parserError("did not find expected ',' or '}'");
      return { line, message: "mapping values are not allowed in this context" };
    case "BLOCK_AS_IMPLICIT_KEY":
      return { line, message: "mapping values are not allowed in this context" };
    case "DUPLICATE_KEY":
      return { line, message: `key ${err.message.match(/"[^"]*"/)?.[0] ?? '""'} already set in map` };
    default:
      return parserError("did not find expected key");
  }
}

/** Parse a multi-document YAML/JSON stream; per-object problems come back as errors in place. */
export function parseManifests(text: string, source: string): (ManifestObject | KubectlError)[] {
  const out: (ManifestObject | KubectlError)[] = [];
  const docs = YAML.parseAllDocuments(text, { version: "1.1", uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      const { line, message } = goYamlError(doc.errors);
      throw new KubectlError(
        `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${message}`,
      );
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new KubectlError(
        `error: error parsing ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? "array" : typeof value === "string" ? "string" : "number"} into Go value of type map[string]interface {}`,
      );
    }
    const obj = value as KubeObject;
    if (obj.kind === "List" && Array.isArray(obj.items)) {
      for (const item of obj.items as KubeObject[]) out.push(typed(item, source));
      continue;
    }
    out.push(typed(obj, source));
  }
  return out;
}

function typed(obj: KubeObject, source: string): ManifestObject | KubectlError {
  try {
    return typedOrThrow(obj, source);
  } catch (e) {
    if (e instanceof KubectlError) return e;
    throw e;
  }
}

function typedOrThrow(obj: KubeObject, source: string): ManifestObject {
  if (!obj.apiVersion) {
    throw new KubectlError(
      `error: error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  if (!obj.kind) {
    throw new KubectlError(
      `error: error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  const type = resourceByKind(obj.kind);
  if (!type || type.apiVersion !== obj.apiVersion) {
    throw new KubectlError(
      `error: resource mapping not found for name: "${obj.metadata?.name ?? ""}" namespace: "${obj.metadata?.namespace ?? ""}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  return { obj, type, source };
}

/** `pod/web`, `runtimeclass.node.k8s.io/gvisor`: how kubectl names an object in its messages. */
export function qualifiedName(type: ResourceType, name: string): string {
  const group = type.apiVersion.includes("/") ? `.${type.apiVersion.split("/")[0]}` : "";
  return `${type.singular}${group}/${name}`;
}
