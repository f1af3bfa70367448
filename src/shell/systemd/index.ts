// systemctl, journalctl and service over the node's units and journal.
import type { Command } from "../types";
import { apparmorCommands } from "./apparmor";
import { containerdCliCommand } from "./containerdCli";
import { journalctlCommand } from "./journal";
import { kernelCommands } from "./kernel";
import { aptMarkCommand, kubeadmCommand, kubeletCliCommand } from "./kubeadmCli";
import { pgrepCommand, pidofCommand, psCommand } from "./ps";
import { serviceCommand, systemctlCommand } from "./systemctl";

export { journalctlCommand, journalLine, queryJournal, runJournalctl } from "./journal";
export { pgrepCommand, pidofCommand, psCommand, runPgrep, runPidof, runPs } from "./ps";
export { runSystemctl, serviceCommand, statusBlock, systemctlCommand } from "./systemctl";
export { parseSystemdTime, systemdRelative, systemdTimespan, systemdTimestamp } from "./time";

export const systemdCommands: Command[] = [
  systemctlCommand,
  journalctlCommand,
  serviceCommand,
  psCommand,
  pgrepCommand,
  pidofCommand,
  ...kernelCommands,
  ...apparmorCommands,
  containerdCliCommand,
  kubeadmCommand,
  kubeletCliCommand,
  aptMarkCommand,
];
