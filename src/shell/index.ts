// The command layer's public surface: the browser terminal and `npm run shell` import from here.
export { FILTER_COMMANDS } from "./filters";
export { humanDuration } from "./format/duration";
export { helpCommand } from "./help";
export { kubectlCommand } from "./kubectl";
export { DEFAULT_ENV, isComplete, parse, ShellSyntaxError, splitScript } from "./parse";
export type { Chunk, CompletableCommand, CompletionRequest, OrderedResult } from "./registry";
export { chunksOf, Output, Registry } from "./registry";
export type { RunIo, ShellOptions, ShellResult } from "./shell";
export { Shell } from "./shell";
export { simCommand } from "./sim/simCommand";
export type { Command, CommandContext, CommandResult, FollowHost } from "./types";
export { fail, ok } from "./types";
