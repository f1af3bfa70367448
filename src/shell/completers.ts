// Tab completion for commands registered without their own `complete` (bash-completion's scripts for
// systemctl, journalctl, service and grep): the shell uses these when the command brings none.
import type { CompletionRequest } from "./registry";

type Completer = (req: CompletionRequest) => string[];

/** The verbs the node's systemctl runs, in `systemctl --help` order. */
const SYSTEMCTL_VERBS = [
  "list-units",
  "status",
  "is-active",
  "is-failed",
  "start",
  "stop",
  "restart",
  "try-restart",
  "reload-or-restart",
  "kill",
  "is-enabled",
  "enable",
  "disable",
  "daemon-reload",
  "daemon-reexec",
];

/** Unit names as bash-completion offers them (`containerd.service`). */
function units(req: CompletionRequest): string[] {
  return Object.values(req.node.units).map((u) => `${u.name}.service`);
}

const systemctl: Completer = (req) => {
  const verbs = req.words.filter((w) => !w.startsWith("-"));
  if (req.current.startsWith("-")) return ["--no-pager", "--full", "--all", "--signal=", "--now", "--quiet"];
  if (verbs.length === 0) return SYSTEMCTL_VERBS;
  if (["list-units", "daemon-reload", "daemon-reexec"].includes(verbs[0])) return [];
  return units(req).filter((u) => !req.words.includes(u));
};

const JOURNALCTL_FLAGS = [
  "--unit=",
  "--lines=",
  "--since=",
  "--until=",
  "--follow",
  "--no-pager",
  "--reverse",
  "--grep=",
  "--pager-end",
  "--boot",
  "--output=",
];

const journalctl: Completer = (req) => {
  const prev = req.words.at(-1);
  if (prev === "-u" || prev === "--unit") return units(req);
  if (req.current.startsWith("--unit=")) return units(req).map((u) => `--unit=${u}`);
  if (prev === "-o" || prev === "--output")
    return ["short", "short-iso", "short-precise", "cat", "json", "verbose"];
  if (req.current.startsWith("-")) return JOURNALCTL_FLAGS;
  return [];
};

/** `service containerd restart`: the name first (without .service), then the action. */
const service: Completer = (req) => {
  if (req.words.length === 0) return Object.values(req.node.units).map((u) => u.name);
  if (req.words.length === 1) return ["start", "stop", "restart", "status"];
  return [];
};

const GREP_FLAGS = [
  "--after-context=",
  "--before-context=",
  "--context=",
  "--count",
  "--extended-regexp",
  "--fixed-strings",
  "--files-with-matches",
  "--ignore-case",
  "--invert-match",
  "--line-number",
  "--only-matching",
  "--quiet",
  "--recursive",
  "--regexp=",
  "--word-regexp",
  "--no-filename",
  "--with-filename",
];

const grep: Completer = (req) => (req.current.startsWith("-") ? GREP_FLAGS : []);

export const COMPLETERS: Record<string, Completer> = { systemctl, journalctl, service, grep };
