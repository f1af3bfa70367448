// Tab completion for crictl: subcommands, each subcommand's flags, and the IDs it takes — containers,
// pods and images as 13-character prefixes (what `crictl ps`/`pods`/`images` print, and containerd
// resolves unique prefixes), image tags for rmi/inspecti, names for --name. Reads the runtime's
// state without a CRI call (CompletionRequest.view), so pressing Tab never moves the clock.
import { ContainerState, PodSandboxState } from "../../sim/cri";
import type { CompletionRequest } from "../registry";
import type { RuntimeView } from "../types";
import type { FlagSpec } from "./flags";
import { truncatedId } from "./goFormat";
import type { Verb } from "./verb";

/** What a verb's operands are. */
type Operand = "container" | "running" | "created" | "stopped" | "pod" | "readyPod" | "image" | "none";

const OPERANDS: Record<string, { kind: Operand; many: boolean }> = {
  logs: { kind: "container", many: false },
  inspect: { kind: "container", many: true },
  exec: { kind: "running", many: false },
  attach: { kind: "running", many: false },
  stats: { kind: "running", many: false },
  stop: { kind: "running", many: true },
  start: { kind: "created", many: true },
  rm: { kind: "stopped", many: true },
  inspectp: { kind: "pod", many: true },
  rmp: { kind: "pod", many: true },
  stopp: { kind: "readyPod", many: true },
  "port-forward": { kind: "readyPod", many: false },
  create: { kind: "readyPod", many: false },
  rmi: { kind: "image", many: true },
  inspecti: { kind: "image", many: true },
};

/** A full ID the user pasted keeps completing; otherwise the short form crictl prints. */
function ids(full: string[], current: string, strip = ""): string[] {
  return current.length > 13 ? full : full.map((id) => truncatedId(id, strip));
}

function containerIds(view: RuntimeView, current: string, keep: (s: ContainerState) => boolean): string[] {
  return ids(
    view.containers.filter((c) => keep(c.state)).map((c) => c.id),
    current,
  );
}

function podIds(view: RuntimeView, current: string, readyOnly: boolean): string[] {
  return ids(
    view.sandboxes
      .filter((s) => !readyOnly || s.sandbox.state === PodSandboxState.SANDBOX_READY)
      .map((s) => s.sandbox.id),
    current,
  );
}

/** Image IDs (after `sha256:`) and every repo tag: rmi and inspecti take either. */
function images(view: RuntimeView, current: string): string[] {
  const tags = view.images.flatMap((i) => i.repoTags);
  const idList = view.images.map((i) => i.id);
  const shown = current.startsWith("sha256:") ? idList : ids(idList, current, "sha256:");
  return [...tags, ...shown];
}

function operands(kind: Operand, view: RuntimeView, current: string): string[] {
  switch (kind) {
    case "container":
      return containerIds(view, current, () => true);
    case "running":
      return containerIds(view, current, (s) => s === ContainerState.CONTAINER_RUNNING);
    case "created":
      return containerIds(view, current, (s) => s === ContainerState.CONTAINER_CREATED);
    case "stopped":
      return containerIds(view, current, (s) => s !== ContainerState.CONTAINER_RUNNING);
    case "pod":
      return podIds(view, current, false);
    case "readyPod":
      return podIds(view, current, true);
    case "image":
      return images(view, current);
    case "none":
      return [];
  }
}

/** Values of a flag that takes one: names, namespaces, states, output formats, IDs. */
function flagValues(verb: string, spec: FlagSpec, view: RuntimeView, current: string): string[] {
  const formats = /One of: ([\w|-]+)/.exec(spec.usage);
  if (formats) return formats[1].split("|");
  const podsVerb = verb === "pods";
  switch (spec.name) {
    case "name":
      return podsVerb
        ? view.sandboxes.map((s) => s.sandbox.metadata.name)
        : view.containers.map((c) => c.metadata.name);
    case "namespace":
      return view.sandboxes.map((s) => s.sandbox.metadata.namespace);
    case "state":
      return podsVerb ? ["ready", "notready"] : ["created", "running", "exited", "unknown"];
    case "pod":
      return podIds(view, current, false);
    case "id":
      return podsVerb ? podIds(view, current, false) : containerIds(view, current, () => true);
    case "image":
      return images(view, current);
    default:
      return [];
  }
}

const flagNames = (flags: FlagSpec[]) => [...flags.map((f) => `--${f.name}`), "--help"];

function findSpec(flags: FlagSpec[], word: string): FlagSpec | undefined {
  if (!word.startsWith("-") || word.includes("=")) return undefined;
  const name = word.replace(/^--?/, "");
  return flags.find((f) => f.name === name || f.aliases?.includes(name));
}

const EMPTY: RuntimeView = {
  containers: [],
  sandboxes: [],
  images: [],
  imageFs: { usedBytes: 0, capacityBytes: 0 },
};

/** Completion for `crictl …`: `verbs` and `globals` are crictl's own tables (main.ts). */
export function completeCrictl(
  req: CompletionRequest,
  verbs: Verb[],
  globals: FlagSpec[],
  otherVerbs: string[],
): string[] {
  const { words, current } = req;
  const view = req.view ?? EMPTY;
  // Global options come before the subcommand.
  let i = 0;
  while (i < words.length && words[i].startsWith("-")) {
    const spec = findSpec(globals, words[i]);
    i += spec && spec.kind !== "bool" ? 2 : 1;
  }
  if (i >= words.length) {
    if (i > words.length) return []; // the value of a global option
    if (current.startsWith("-")) return [...flagNames(globals), "--version"];
    return [...verbs.map((v) => v.name), ...otherVerbs, "help"];
  }
  const verb = verbs.find((v) => v.name === words[i] || v.aliases?.includes(words[i]));
  if (!verb) return [];
  const rest = words.slice(i + 1);
  const prevSpec = findSpec(verb.flags, rest.at(-1) ?? "");
  if (prevSpec && prevSpec.kind !== "bool") return flagValues(verb.name, prevSpec, view, current);
  if (current.startsWith("-")) return flagNames(verb.flags);
  const given: string[] = [];
  for (let k = 0; k < rest.length; k++) {
    const spec = findSpec(verb.flags, rest[k]);
    if (spec) k += spec.kind === "bool" ? 0 : 1;
    else if (!rest[k].startsWith("-")) given.push(rest[k]);
  }
  const op = OPERANDS[verb.name];
  if (!op || (!op.many && given.length > 0)) return [];
  return operands(op.kind, view, current).filter((c) => !given.includes(c));
}
