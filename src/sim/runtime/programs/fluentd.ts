// quay.io/fluentd_elasticsearch/fluentd (the fluentd-elasticsearch addon image the DaemonSet docs run):
// /entrypoint.sh execs fluentd, whose supervisor (PID 1) spawns one worker. The image's
// /etc/fluent/fluent.conf drops fluentd's own logs and includes /etc/fluent/config.d/*.conf, empty
// without the addon's ConfigMap: the worker starts and idles. Gem versions and the worker's PID are
// illustrative; the line format is fluentd's (`%Y-%m-%d %H:%M:%S %z [level]: …`).
import { rfc3339 } from "../../clock/time";
import type { ProcessContext, ProgramTask } from "./types";

const MiB = 1024 * 1024;

/** The Ruby each image's Debian ships (stretch: 2.3, bookworm: 3.1). */
function rubyOf(fluentdVersion: string): { version: string; bin: string } {
  return fluentdVersion.startsWith("1.16")
    ? { version: "3.1.2", bin: "/usr/bin/ruby3.1" }
    : { version: "2.3.3", bin: "/usr/bin/ruby2.3" };
}

/** fluentd's default time format, in UTC. */
function stamp(ms: number): string {
  const iso = rfc3339(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000`;
}

export function* fluentd(ctx: ProcessContext): ProgramTask {
  const ruby = rubyOf(ctx.version);
  const log = (msg: string) => ctx.stdout(`${stamp(ctx.wallMs())} [info]: ${msg}\n`);
  ctx.setMemory(48 * MiB);
  log('parsing config file is succeeded path="/etc/fluent/fluent.conf"');
  log("using configuration file: <ROOT>\n  <match fluent.**>\n    @type null\n  </match>\n</ROOT>");
  log(`starting fluentd-${ctx.version} pid=1 ruby="${ruby.version}"`);
  log(
    `spawn command to main:  cmdline=["${ruby.bin}", "-Eascii-8bit:ascii-8bit", "/usr/local/bin/fluentd", "--under-supervisor"]`,
  );
  // the worker loads the gems and the plugins the config names
  yield { kind: "sleep", ms: 900 };
  ctx.setWorkers?.([12]);
  ctx.setMemory(72 * MiB);
  log(`gem 'fluent-plugin-elasticsearch' version '${ctx.version.startsWith("1.16") ? "5.3.0" : "3.5.2"}'`);
  log(`gem 'fluentd' version '${ctx.version}'`);
  log('adding match pattern="fluent.**" type="null"');
  log("#0 starting fluentd worker pid=12 ppid=1 worker=0");
  log("#0 fluentd worker is now running worker=0");
  // SIGTERM: the supervisor stops the worker gracefully and exits 0
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    log("Received graceful stop");
    log("#0 fluentd worker is now stopping worker=0");
    log("#0 shutting down fluentd worker worker=0");
    log("Worker 0 finished with status 0");
    ctx.exit(0, 400);
  };
  ctx.trap("SIGTERM", stop);
  ctx.trap("SIGINT", stop);
  yield { kind: "forever" };
  return 0;
}
