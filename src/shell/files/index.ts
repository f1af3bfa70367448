// File and text commands over the node's NodeFs (ls, cat, grep, sed -i, tail -f, edit, df, du, ...).
import type { Command } from "../types";
import { curlCommand } from "./curl";
import { diskCommands } from "./disk";
import { editCommands } from "./edit";
import { fileCommands } from "./fileCommands";
import { jqCommand } from "./jq";
import { statCommand } from "./stat";
import { textCommands } from "./textCommands";

export { getCwd, HOME, resolvePath, setCwd } from "./cwd";
export { applySed, breToJs, gnuDate, parseSedScript } from "./textCommands";

export const filesCommands: Command[] = [
  ...fileCommands,
  ...textCommands,
  ...diskCommands,
  ...editCommands,
  curlCommand,
  statCommand,
  jqCommand,
];
