// File and text commands over the node's NodeFs (ls, cat, grep, sed -i, tail -f, ...).
import type { Command } from "../types";
import { fileCommands } from "./fileCommands";
import { textCommands } from "./textCommands";

export { getCwd, HOME, resolvePath, setCwd } from "./cwd";
export { applySed, breToJs, gnuDate, parseSedScript } from "./textCommands";

export const filesCommands: Command[] = [...fileCommands, ...textCommands];
