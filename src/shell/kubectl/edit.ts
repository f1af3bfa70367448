// k8s: staging/src/k8s.io/kubectl/pkg/cmd/util/editor/{editoptions,editor}.go — `kubectl edit`: GET the
// objects, write them (YAML under a header, or -o json) to /tmp/kubectl-edit-XXXXX.yaml, run the editor
// ($KUBE_EDITOR, $EDITOR, vi) on it, and PATCH what changed; a refused edit reopens the file with the
// errors on top. The editor is a command run by the node's shell (`KUBE_EDITOR='sed -i …'`) or, in the
// browser, the editor panel: kubectl then waits in a terminal session until the panel's Save or Cancel.
import YAML from "yaml";
import { fieldErrorBody, InvalidError } from "../../sim/api/fieldErrors";
import { jsonMergePatch, PatchError, strategicMergePatch } from "../../sim/api/patches";
import { editPatch, goJsonMarshal } from "../../sim/api/twoWayPatch";
import { ApiError, type KubeObject } from "../../sim/apiserver/types";
import { sortKeys, toJson, toYaml } from "../format/objects";
import { Output } from "../registry";
import type { CommandResult, SessionResult, TerminalSession } from "../types";
import { apiErrorText, type KubectlContext, KubectlError } from "./common";
import type { FlagSpec } from "./flags";
import { parseManifests, qualifiedName, readSources } from "./manifest";
import { withTypeMeta } from "./output";
import { NO_RESOURCES } from "./patch";
import { type ResourceType, resourceArgs } from "./resources";

export const EDIT_FLAGS: FlagSpec[] = [
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "output", short: "o", type: "string" },
  { name: "output-patch", type: "bool" },
  { name: "save-config", type: "bool" },
  { name: "subresource", type: "string" },
  { name: "windows-line-endings", type: "bool" },
  { name: "validate", type: "string" },
  { name: "field-manager", type: "string" },
  { name: "record", type: "bool" },
  { name: "allow-missing-template-keys", type: "bool" },
  { name: "show-managed-fields", type: "bool" },
  { name: "template", type: "string" },
];

/** editHeader.writeTo in NormalEditMode. */
const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Reopenings after which the simulator stops an editor command that never makes the file valid. */
const MAX_PASSES = 20;

/** The node commands that only open the browser's editor panel (src/shell/files/edit.ts). */
const PANEL_EDITORS = new Set(["vi", "vim", "nano", "edit"]);

interface EditReason {
  head: string;
  other: string[];
}

/** hashOnLineBreak: a multi-line message stays inside the comment. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, "\n# ");
}

function headerText(reasons: EditReason[]): string {
  let s = HEADER;
  for (const r of reasons) {
    s += `# ${hashOnLineBreak(r.head)}${r.other.length > 0 ? ":" : ""}\n`;
    for (const o of r.other) s += `# * ${hashOnLineBreak(o)}\n`;
    s += "#\n";
  }
  return s;
}

/** cmdutil.ManualStrip: drop the comment lines (not `#!`). */
function manualStrip(text: string): string {
  return text
    .split("\n")
    .filter((l) => {
      const t = l.trim();
      return !(t.startsWith("#") && !t.startsWith("#!"));
    })
    .join("\n");
}

/** cmdutil.StripComments: the first document as JSON (comments and layout gone), or the text without comment lines. */
function stripComments(text: string): string {
  const docs = YAML.parseAllDocuments(text, { version: "1.1" });
  const first = Array.isArray(docs) ? docs[0] : docs;
  if (!first) return "null";
  if (first.errors.length > 0) return manualStrip(text);
  return JSON.stringify(sortKeys(first.toJS({ maxAliasCount: 100 }) ?? null));
}

/** hasLines: a line that is neither blank nor a comment. */
function hasLines(text: string): boolean {
  return text.split("\n").some((l) => {
    const t = l.trim();
    return t.length > 0 && t[0] !== "#";
  });
}

/** Go's %#v of a decoded JSON value (for "no original object found for …"). */
function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(", ")}}`;
  if (typeof v === "object")
    return `map[string]interface {}{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSyntax((v as Record<string, unknown>)[k])}`)
      .join(", ")}}`;
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

/** `deployments.apps`, `pods`: the resource as editResults.addError names it. */
function resourceString(t: ResourceType): string {
  const slash = t.apiVersion.indexOf("/");
  return slash >= 0 ? `${t.plural}.${t.apiVersion.slice(0, slash)}` : t.plural;
}

/** Single-quote a word for the node's shell. */
function shQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** defaultEnvEditor: $KUBE_EDITOR, then $EDITOR, else vi; with spaces and no quotes split on spaces, else `$SHELL -c`. */
function editorArgs(env: Readonly<Record<string, string>>): { args: string[]; shell: boolean } {
  let editor = "";
  for (const name of ["KUBE_EDITOR", "EDITOR"]) {
    editor = env[name] ?? "";
    if (editor) break;
  }
  if (!editor) editor = "vi";
  if (!editor.includes(" ")) return { args: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { args: editor.split(" "), shell: false };
  return { args: [env.SHELL || "/bin/bash", "-c", editor], shell: true };
}

/** The program the editor command starts: its first word without quotes or directory. */
function programOf(e: { args: string[]; shell: boolean }): string {
  const first = e.shell ? (e.args[2].trim().split(/\s+/)[0] ?? "") : e.args[0];
  return first.replace(/["']/g, "").split("/").pop() ?? "";
}

/** What the editor did: nothing to say, or kubectl's error about it. */
type Launch = (path: string) => Promise<string | undefined>;

interface Original {
  type: ResourceType;
  obj: KubeObject;
}

/** The edit loop of EditOptions.Run (NormalEditMode), with the editor as a function that may wait. */
class EditRun {
  out = new Output();
  /** The file the editor panel shows while kubectl waits for it. */
  waiting: { path: string; text: string; resume: () => void } | undefined;
  private parkedSignal!: Promise<void>;
  private signalParked!: () => void;

  constructor(
    private readonly k: KubectlContext,
    private readonly originals: Original[],
    private readonly json: boolean,
    private readonly printFmt: "name" | "yaml" | "json",
  ) {
    this.rearm();
  }

  private rearm(): void {
    this.parkedSignal = new Promise<void>((r) => {
      this.signalParked = r;
    });
  }

  get parked(): Promise<void> {
    return this.parkedSignal;
  }

  /** The editor panel: kubectl waits until the session hears Save or Cancel. */
  panelLaunch: Launch = (path) =>
    new Promise<string | undefined>((resolve) => {
      this.waiting = {
        path,
        text: this.k.node.fs.read(path) ?? "",
        resume: () => {
          this.waiting = undefined;
          this.rearm();
          resolve(undefined);
        },
      };
      this.signalParked();
    });

  private tempFile(): string {
    const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    const fs = this.k.node.fs;
    for (;;) {
      let seq = "";
      for (let i = 0; i < 5; i++) seq += letters[this.k.node.rng.int(0, letters.length - 1)];
      const path = `/tmp/kubectl-edit-${seq}${this.json ? ".json" : ".yaml"}`;
      if (!fs.exists(path)) return path;
    }
  }

  /** preservedFile: say where the edits are kept, then the error (exit 1). */
  private preserved(err: string, file: string | undefined): number {
    if (file && this.k.node.fs.exists(file))
      this.out.err(`A copy of your changes has been stored to "${file}"`);
    this.out.err(err.startsWith("error: ") ? err : `error: ${err}`);
    return 1;
  }

  private printOriginal(): string {
    // (the simulator's API server keeps no managedFields, which kubectl would take out here)
    const objs = this.originals.map((o) => withTypeMeta(o.obj));
    const data = objs.length === 1 ? objs[0] : { apiVersion: "v1", items: objs, kind: "List", metadata: {} };
    return this.json ? toJson(data) : toYaml(data);
  }

  async loop(launch: Launch): Promise<number> {
    const fs = this.k.node.fs;
    let reasons: EditReason[] = [];
    let resultsFile: string | undefined;
    let original = "";
    let edited = "";
    let containsError = false;
    for (let pass = 1; ; pass++) {
      // an editor command that changes the file on every pass would reopen it forever (and hang the page)
      if (pass > MAX_PASSES) {
        if (resultsFile) this.out.err(`A copy of your changes has been stored to "${resultsFile}"`);
        this.out.err(
          `k8s-node-sim: the editor changed the file ${MAX_PASSES} times and it is still refused; kubectl edit stops here (a real one would reopen it forever)`,
        );
        return 1;
      }
      let buf = this.json ? "" : headerText(reasons);
      if (!containsError) {
        buf += this.printOriginal();
        original = buf;
      } else buf += manualStrip(edited);
      const editedDiff = edited;
      const file = this.tempFile();
      fs.write(file, buf);
      const launchError = await launch(file);
      if (launchError) return this.preserved(launchError, resultsFile);
      edited = fs.read(file) ?? "";
      if (containsError && stripComments(editedDiff) === stripComments(edited))
        return this.preserved("Edit cancelled, no valid changes were saved.", file);
      if (resultsFile) fs.remove(resultsFile);
      if (stripComments(original) === stripComments(edited)) {
        fs.remove(file);
        this.out.err("Edit cancelled, no changes made.");
        return 0;
      }
      if (!hasLines(edited)) {
        fs.remove(file);
        this.out.err("Edit cancelled, saved file was empty.");
        return 0;
      }
      reasons = [];
      resultsFile = file;
      const parsed = this.parse(edited);
      if (typeof parsed === "string") {
        containsError = true;
        reasons.push({ head: `The edited file had a syntax error: ${parsed}`, other: [] });
        continue;
      }
      containsError = false;
      const nsError = this.namespaceCheck(parsed);
      if (nsError) return this.preserved(nsError, file);
      if (this.k.flags.bool("save-config")) for (const p of parsed) setLastApplied(p.obj);
      const results = { retryable: 0, notfound: 0, edit: 0 };
      for (const p of parsed) {
        const err = this.patchOne(p, reasons, results);
        if (err) return this.preserved(err, file);
      }
      if (results.retryable > 0) {
        this.out.err(`You can run \`kubectl replace -f ${file}\` to try this update again.`);
        return 1;
      }
      if (results.notfound > 0) {
        this.out.err(`The edits you made on deleted resources have been saved to "${file}"`);
        return 1;
      }
      if (results.edit === 0) {
        fs.remove(file);
        return 0;
      }
      if (reasons.length > 0) containsError = true;
    }
  }

  /** The builder over the edited stream ("edited-file"): objects, or the error text. */
  private parse(text: string): Original[] | string {
    try {
      const out: Original[] = [];
      for (const m of parseManifests(text, "edited-file")) {
        if (m instanceof KubectlError) return m.message.replace(/^error: /, "");
        out.push({ type: m.type, obj: m.obj });
      }
      return out;
    } catch (e) {
      if (e instanceof KubectlError) return e.message.replace(/^error: /, "");
      throw e;
    }
  }

  /** resource.RequireNamespace(cmdNamespace) over the edited objects. */
  private namespaceCheck(objs: Original[]): string | undefined {
    for (const { type, obj } of objs) {
      if (!type.namespaced) continue;
      const ns = obj.metadata?.namespace;
      obj.metadata = { ...(obj.metadata ?? {}) };
      if (!ns) obj.metadata.namespace = this.k.namespace;
      else if (ns !== this.k.namespace)
        return `the namespace from the provided object "${ns}" does not match the namespace "${this.k.namespace}". You must pass '--namespace=${ns}' to perform this operation.`;
    }
    return undefined;
  }

  /** visitToPatch for one edited object; a returned text ends the edit (preservedFile). */
  private patchOne(
    p: Original,
    reasons: EditReason[],
    results: { retryable: number; notfound: number; edit: number },
  ): string | undefined {
    const uid = p.obj.metadata?.uid;
    const orig = this.originals.find((o) => uid !== undefined && o.obj.metadata?.uid === uid);
    if (!orig) return `no original object found for &unstructured.Unstructured{Object:${goSyntax(p.obj)}}`;
    const origJs = withTypeMeta(orig.obj);
    const name = orig.obj.metadata?.name ?? "";
    const label = qualifiedName(orig.type, name);
    const { type, patch } = editPatch(origJs, p.obj, orig.type.kind);
    const pm = patch as Record<string, unknown>;
    if (Object.keys(pm).length === 0) {
      this.print(orig.obj, `${label} skipped`);
      return undefined;
    }
    const meta = pm.metadata as Record<string, unknown> | undefined;
    if ("apiVersion" in pm || "kind" in pm || "managedFields" in pm || (meta && "name" in meta))
      return "At least one of apiVersion, kind and name was changed";
    if (this.k.flags.bool("output-patch")) this.out.out(`Patch: ${goJsonMarshal(patch)}\n`);
    const api = this.k.node.api;
    const kind = orig.type.kind;
    const ns = orig.type.namespaced ? (orig.obj.metadata?.namespace ?? this.k.namespace) : undefined;
    try {
      const current = api.get<KubeObject>(kind, ns, name);
      const patched = (
        type === "strategic" ? strategicMergePatch(current, patch, kind) : jsonMergePatch(current, patch)
      ) as KubeObject;
      patched.apiVersion = current.apiVersion;
      patched.kind = current.kind;
      const stored =
        this.k.flags.str("subresource") === "status"
          ? api.updateStatus<KubeObject>(kind, ns, name, patched.status)
          : api.update<KubeObject>(kind, patched);
      this.print(stored, `${label} edited`);
    } catch (e) {
      this.out.err(this.addError(e, orig.type, name, reasons, results));
    }
    return undefined;
  }

  /** editResults.addError: invalid edits are reopened, a missing object or any other refusal ends the edit. */
  private addError(
    e: unknown,
    t: ResourceType,
    name: string,
    reasons: EditReason[],
    results: { retryable: number; notfound: number; edit: number },
  ): string {
    const rs = resourceString(t);
    if (e instanceof ApiError && e.reason === "Invalid") {
      results.edit++;
      const other = e instanceof InvalidError ? e.causes.map((c) => `${c.field}: ${fieldErrorBody(c)}`) : [];
      reasons.push({ head: `${rs} ${JSON.stringify(name)} was not valid`, other });
      return `error: ${rs} ${JSON.stringify(name)} is invalid`;
    }
    if (e instanceof ApiError && e.reason === "NotFound") {
      results.notfound++;
      return `error: ${rs} ${JSON.stringify(name)} could not be found on the server`;
    }
    results.retryable++;
    const msg =
      e instanceof ApiError || e instanceof PatchError ? e.message : apiErrorText(e).replace(/^error: /, "");
    return `error: ${rs} ${JSON.stringify(name)} could not be patched: ${msg}`;
  }

  private print(obj: KubeObject, line: string): void {
    if (this.printFmt === "name") this.out.out(`${line}\n`);
    else this.out.out(this.printFmt === "json" ? toJson(withTypeMeta(obj)) : toYaml(withTypeMeta(obj)));
  }

  /** What was printed since the last call. */
  take(): Output {
    const o = this.out;
    this.out = new Output();
    return o;
  }
}

/** CreateOrUpdateAnnotation: the object's own JSON (without the annotation) under last-applied-configuration. */
function setLastApplied(obj: KubeObject): void {
  const copy = structuredClone(obj);
  const ann = { ...(copy.metadata?.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  copy.metadata = { ...copy.metadata, annotations: ann };
  obj.metadata = {
    ...obj.metadata,
    annotations: { ...ann, [LAST_APPLIED]: `${JSON.stringify(sortKeys(copy))}\n` },
  };
}

/** The objects to edit, fetched from the server in argument (or file) order. */
function originalsOf(k: KubectlContext): Original[] | CommandResult {
  const out = new Output();
  const targets: { type: ResourceType; name?: string; namespace?: string }[] = [];
  const files = k.flags.list("filename");
  if (files.length > 0) {
    for (const { text, source } of readSources(k.node, files, k.stdin))
      for (const m of parseManifests(text, source)) {
        if (m instanceof KubectlError) return out.err(m.message).result(1);
        targets.push({
          type: m.type,
          name: m.obj.metadata?.name ?? "",
          namespace: m.obj.metadata?.namespace,
        });
      }
  } else {
    const refs = resourceArgs(k.flags.args);
    if ("error" in refs) return out.err(refs.error).result(1);
    if (refs.length === 0) return out.err(NO_RESOURCES).result(1);
    for (const ref of refs)
      if (ref.names.length === 0) targets.push({ type: ref.type });
      else for (const name of ref.names) targets.push({ type: ref.type, name });
  }
  const found: Original[] = [];
  for (const t of targets) {
    const ns = t.type.namespaced ? t.namespace || k.namespace : undefined;
    try {
      if (t.name === undefined) {
        const all = k.node.api.list<KubeObject>(t.type.kind, { namespace: ns });
        const sorted = [...all].sort((a, b) =>
          (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""),
        );
        for (const obj of sorted) found.push({ type: t.type, obj });
      } else found.push({ type: t.type, obj: k.node.api.get<KubeObject>(t.type.kind, ns, t.name) });
    } catch (e) {
      return out.err(apiErrorText(e)).result(1);
    }
  }
  return found;
}

export async function runEdit(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const sub = k.flags.str("subresource") ?? "";
  if (sub && sub !== "status")
    return out
      .err(`error: invalid subresource value: ${JSON.stringify(sub)}. Must be one of [status]`)
      .result(1);
  const o = k.flags.str("output") ?? "";
  if (o !== "" && o !== "yaml" && o !== "json")
    return out
      .err(
        `error: unable to match a printer suitable for the output format ${JSON.stringify(o)}, allowed formats are: json,yaml`,
      )
      .result(1);
  const originals = originalsOf(k);
  if (!Array.isArray(originals)) return originals;
  if (originals.length === 0) return out.err("error: edit cancelled, no objects found").result(1);

  const run = new EditRun(k, originals, o === "json", o === "" ? "name" : (o as "yaml" | "json"));
  const editor = editorArgs(k.env ?? {});
  const shown = editor.args.join(" ");
  const panel = !PANEL_EDITORS.has(programOf(editor)) ? undefined : k.editorPanel ? run.panelLaunch : null;
  const launch: Launch =
    panel ??
    (async (path) => {
      if (panel === null) {
        run.out.err(
          `k8s-node-sim: "${programOf(editor)}" has no terminal here: kubectl edit opens its file in the browser's editor panel; headless, give it an editor command, e.g. KUBE_EDITOR='sed -i "s/replicas: 1/replicas: 3/"' kubectl edit deployment/web`,
        );
        return `unable to launch the editor ${JSON.stringify(shown)}`;
      }
      if (!k.sh) return `unable to launch the editor ${JSON.stringify(shown)}`;
      // Editor.Launch: `$SHELL -c 'EDITOR "path"'`, or the words themselves with the path last
      const script = editor.shell
        ? `${editor.args[2]} ${JSON.stringify(path)}`
        : [...editor.args, path].map(shQuote).join(" ");
      const r = await k.sh(script, k.env);
      if (!editor.shell && r.code === 127 && /command not found/.test(r.stderr))
        return `unable to launch the editor ${JSON.stringify(shown)}`;
      run.out.out(r.stdout);
      run.out.err(r.stderr);
      if (r.code !== 0) return `there was a problem with the editor ${JSON.stringify(shown)}`;
      return undefined;
    });

  const done = run.loop(launch);
  let finished: number | undefined;
  // (a failure inside the loop reaches the shell through step's await)
  done.then(
    (c) => {
      finished = c;
    },
    () => {},
  );
  /** Run the loop until it ends or waits for the panel; what it printed meanwhile. */
  const step = async (): Promise<SessionResult> => {
    await Promise.race([done, run.parked]);
    const r = run.take().result(finished ?? 0);
    const waiting = run.waiting;
    if (finished !== undefined || !waiting) return { ...r, code: (await done) ?? 0, ended: true };
    return { ...r, ended: false, open: { path: waiting.path, text: waiting.text, waits: true } };
  };

  const first = await step();
  if (first.ended) return first;
  const session: TerminalSession = {
    prompt: "",
    async input(line) {
      const waiting = run.waiting;
      if (!waiting) return { stdout: "", stderr: "", code: finished ?? 0, ended: true };
      if (line === "\x04" || line === "\x03") {
        // the editor quits: kubectl reads the file as it is
      } else if (isSaveOf(line, waiting.path) && k.sh) {
        const saved = await k.sh(line);
        run.out.out(saved.stdout).err(saved.stderr);
      } else {
        return {
          stdout: "",
          stderr: `k8s-node-sim: kubectl edit is waiting for its editor: Save in the editor panel applies ${waiting.path}, Cancel (or Ctrl-D here) quits the editor\n`,
          code: 1,
          ended: false,
        };
      }
      waiting.resume();
      return step();
    },
  };
  return { ...first, session };
}

/** The editor panel's Save: `cat > PATH <<'EOF'` with the file's new text (src/ui/editor/fileEdit.ts). */
function isSaveOf(line: string, path: string): boolean {
  return line.startsWith(`cat > ${path} <<'`) && line.includes("\n");
}
