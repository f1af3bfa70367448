// k8s: staging/src/k8s.io/kubectl/pkg/cmd/create/create_configmap.go, create_secret.go,
// pkg/util (ParseFileSource, ParseLiteralSource), pkg/cmd/util/env_file.go (AddFromEnvFile) and
// apimachinery validation (IsConfigMapKey, IsEnvVarName): the data of `kubectl create configmap`
// and `kubectl create secret generic` from --from-literal, --from-file and --from-env-file.
import type { SimNode } from "../../sim/node/types";
import { resolvePath } from "../files/cwd";

const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** validation.IsConfigMapKey: the messages for a key a ConfigMap or Secret may not hold. */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) errs.push(CONFIG_KEY_MSG);
  if (key === ".") errs.push("must not be '.'");
  else if (key === "..") errs.push("must not be '..'");
  else if (key.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

export type SourceKind = "ConfigMap" | "Secret";

/** The flags' sources, read from the node's files in kubectl's order; throws kubectl's error text. */
export function collectSources(
  node: SimNode,
  kind: SourceKind,
  name: string,
  sources: { literals: string[]; files: string[]; envFiles: string[] },
): Record<string, string> {
  const { literals, files, envFiles } = sources;
  if (envFiles.length > 0 && (files.length > 0 || literals.length > 0))
    throw new Error("from-env-file cannot be combined with from-file or from-literal");
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    const errs = configMapKeyErrors(key);
    if (kind === "ConfigMap") {
      if (errs.length > 0)
        throw new Error(`"${key}" is not a valid key name for a ConfigMap: ${errs.join(",")}`);
      if (key in data)
        throw new Error(
          `cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`,
        );
    } else {
      if (errs.length > 0) throw new Error(`"${key}" is not valid key name for a Secret ${errs.join(";")}`);
      if (key in data) throw new Error(`cannot add key ${key}, another key by that name already exists`);
    }
    data[key] = value;
  };
  const stat = (p: string): { abs: string; dir: boolean } => {
    const abs = resolvePath(node, p);
    if (node.fs.isDir(abs)) return { abs, dir: true };
    if (node.fs.read(abs) === undefined) throw new Error(`error reading ${p}: no such file or directory`);
    return { abs, dir: false };
  };
  // create_secret.go reads literals first, create_configmap.go files first
  const fromLiterals = () => {
    for (const lit of literals) {
      const i = lit.indexOf("=");
      if (i <= 0) throw new Error(`invalid literal source ${lit}, expected key=value`);
      add(lit.slice(0, i), lit.slice(i + 1));
    }
  };
  const fromFiles = () => {
    for (const src of files) {
      const [key, path] = parseFileSource(src);
      const { abs, dir } = stat(path);
      if (!dir) {
        add(key, node.fs.read(abs) ?? "");
        continue;
      }
      if (src.includes("=")) throw new Error("cannot give a key name for a directory path");
      // os.ReadDir: regular files only, sorted by name
      for (const entry of node.fs.readdir(abs))
        if (!entry.endsWith("/")) add(entry, node.fs.read(`${abs}/${entry}`) ?? "");
    }
  };
  if (kind === "Secret") {
    fromLiterals();
    fromFiles();
  } else {
    fromFiles();
    fromLiterals();
  }
  for (const src of envFiles) {
    const { abs, dir } = stat(src);
    if (dir)
      throw new Error(
        kind === "Secret" ? "env secret file cannot be a directory" : "env config file cannot be a directory",
      );
    for (const [key, value] of parseEnvFile(node.fs.read(abs) ?? "")) add(key, value);
  }
  return data;
}

/** util.ParseFileSource: `path` (key = its base name) or `key=path`. */
function parseFileSource(src: string): [string, string] {
  const n = src.split("=").length - 1;
  if (n === 0) return [src.replace(/\/+$/, "").split("/").pop() ?? src, src];
  if (n === 1 && src.startsWith("=")) throw new Error(`key name for file path ${src.slice(1)} missing`);
  if (n === 1 && src.endsWith("=")) throw new Error(`file path for key name ${src.slice(0, -1)} missing`);
  if (n > 1) throw new Error("key names or file paths cannot contain '='");
  const [key, path] = src.split("=");
  return [key, path];
}

/** cmdutil.AddFromEnvFile: `KEY=value` lines; blank lines and `#` comments skipped, quotes kept. */
function parseEnvFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const raw of lines) {
    const line = raw.replace(/^\s+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key))
      throw new Error(`"${key}" is not a valid key name: ${ENV_NAME_MSG}`);
    // no `=`: kubectl takes the value from its own environment (empty here)
    out.push([key, eq < 0 ? "" : line.slice(eq + 1)]);
  }
  return out;
}
