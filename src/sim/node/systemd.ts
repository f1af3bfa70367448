// A tiny systemd: units with an active state, a main PID, and a journal, so that
// `systemctl stop containerd` and `journalctl -u kubelet` behave like on a real node.
import type { Clock, TimerHandle } from "../clock";

/** A message the journal renders when someone reads it (a klog line from its parts). */
export interface LazyMessage {
  render(): string;
}

export class JournalEntry {
  constructor(
    /** Virtual ms. */
    readonly t: number,
    readonly unit: string,
    /** Process name as journald shows it: `containerd[812]`, `kubelet[1043]`, `systemd[1]`. */
    readonly ident: string,
    private body: string | LazyMessage,
  ) {}

  /**
   * The line's text. A busy kubelet logs a line every few milliseconds of wall time, mostly never read:
   * kept as its parts (shared strings) until asked for, then as text.
   */
  get message(): string {
    const b = this.body;
    if (typeof b === "string") return b;
    const text = b.render();
    this.body = text;
    return text;
  }
}

export class Journal {
  private entries: JournalEntry[] = [];
  private listeners = new Set<(e: JournalEntry) => void>();
  private readonly max: number;

  constructor(
    private readonly clock: Clock,
    max = 20_000,
  ) {
    this.max = max;
  }

  append(unit: string, ident: string, message: string | LazyMessage): void {
    const e = new JournalEntry(this.clock.now(), unit, ident, message);
    this.entries.push(e);
    // Trim in batches: splicing the head on every append would make each append O(n).
    if (this.entries.length > this.max + (this.max >> 2))
      this.entries.splice(0, this.entries.length - this.max);
    for (const l of this.listeners) l(e);
  }

  query(unit?: string): JournalEntry[] {
    return unit ? this.entries.filter((e) => e.unit === unit) : this.entries.slice();
  }

  subscribe(l: (e: JournalEntry) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export type ActiveState = "active" | "inactive" | "failed" | "activating";

export interface UnitHooks {
  /** Start the daemon. Return an error message to fail the start (unit goes "failed"). */
  start(): string | undefined;
  /** Stop the daemon (SIGTERM). */
  stop(): void;
}

export class Unit {
  state: ActiveState = "inactive";
  /** Virtual ms when the state last changed. */
  since = 0;
  mainPid = 0;
  /** The PID the unit had when it last stopped or failed (systemctl prints it for dead units). */
  lastPid = 0;
  /** exit status text for failed units: `status=1/FAILURE` */
  result = "";
  /** `Restart=always` with RestartSec (ms): systemd brings a failed unit back; a manual stop does not. */
  restartSecMs = 0;
  restarts = 0;
  /** `systemctl is-enabled`: a unit installed but not enabled starts only by hand. */
  enabled = true;
  private restartTimer: TimerHandle | undefined;
  constructor(
    readonly name: string,
    readonly description: string,
    /** e.g. /lib/systemd/system/containerd.service */
    readonly fragmentPath: string,
    readonly execStart: string,
    private readonly clock: Clock,
    private readonly journal: Journal,
    private readonly nextPid: () => number,
    private readonly hooks: UnitHooks,
  ) {}

  get active(): boolean {
    return this.state === "active";
  }

  start(): void {
    this.clock.cancel(this.restartTimer);
    this.restartTimer = undefined;
    if (this.state === "active") return;
    this.journal.append(this.name, "systemd[1]", `Starting ${this.description}...`);
    this.mainPid = this.nextPid();
    const err = this.hooks.start();
    if (err !== undefined) {
      this.setState("failed");
      this.result = "status=1/FAILURE";
      this.journal.append(
        this.name,
        "systemd[1]",
        `${this.name}.service: Main process exited, code=exited, status=1/FAILURE`,
      );
      this.journal.append(this.name, "systemd[1]", `${this.name}.service: Failed with result 'exit-code'.`);
      this.journal.append(this.name, "systemd[1]", `Failed to start ${this.description}.`);
      this.lastPid = this.mainPid;
      this.mainPid = 0;
      this.scheduleRestart();
      return;
    }
    this.result = "";
    this.setState("active");
    this.journal.append(this.name, "systemd[1]", `Started ${this.description}.`);
  }

  stop(): void {
    this.clock.cancel(this.restartTimer);
    this.restartTimer = undefined;
    if (this.state !== "active") {
      this.setState("inactive");
      return;
    }
    this.journal.append(this.name, "systemd[1]", `Stopping ${this.description}...`);
    this.hooks.stop();
    this.journal.append(this.name, "systemd[1]", `${this.name}.service: Deactivated successfully.`);
    this.journal.append(this.name, "systemd[1]", `Stopped ${this.description}.`);
    this.lastPid = this.mainPid;
    this.mainPid = 0;
    this.setState("inactive");
  }

  restart(): void {
    this.stop();
    this.start();
  }

  /** The daemon died on its own (a fault): systemd records the failure. */
  crash(signal = "KILL"): void {
    if (this.state !== "active") return;
    this.hooks.stop();
    this.journal.append(
      this.name,
      "systemd[1]",
      `${this.name}.service: Main process exited, code=killed, status=9/${signal}`,
    );
    this.journal.append(this.name, "systemd[1]", `${this.name}.service: Failed with result 'signal'.`);
    this.result = `status=9/${signal}`;
    this.lastPid = this.mainPid;
    this.mainPid = 0;
    this.setState("failed");
    this.scheduleRestart();
  }

  /** systemd's Restart=always: after RestartSec, "Scheduled restart job, restart counter is at N." */
  private scheduleRestart(): void {
    if (this.restartSecMs <= 0) return;
    this.restartTimer = this.clock.setTimer(
      this.restartSecMs,
      () => {
        this.restartTimer = undefined;
        if (this.state !== "failed") return;
        this.restarts++;
        this.journal.append(
          this.name,
          "systemd[1]",
          `${this.name}.service: Scheduled restart job, restart counter is at ${this.restarts}.`,
        );
        this.journal.append(this.name, "systemd[1]", `Stopped ${this.description}.`);
        this.start();
      },
      `systemd restart ${this.name}`,
    );
  }

  private setState(s: ActiveState): void {
    this.state = s;
    this.since = this.clock.now();
  }
}
