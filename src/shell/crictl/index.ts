// crictl for the simulated node: one Command, verbs in container.ts, sandbox.ts, image.ts, logs.ts, info.ts.
import type { Command } from "../types";
import { crictlCommand } from "./main";

export { goFormatG, humanDuration, humanSize, humanSizeWithPrecision, truncatedId } from "./goFormat";
export { parseCriLog } from "./logs";
export { appHelp, CRICTL_VERSION, crictlCommand, runCrictl, verbHelp } from "./main";

export const crictlCommands: Command[] = [crictlCommand];
