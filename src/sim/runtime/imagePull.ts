// containerd: internal/cri/server/images/image_pull.go — simplified: resolve the manifest, then fetch
// missing layers max_concurrent_downloads at a time, each taking size/bandwidth of virtual time.
import type { Clock } from "../clock";
import type { AuthConfig } from "../cri/types";
import { familiarName } from "../registry/reference";
import type { RegistryHub, ResolvedImage, ResolvedLayer } from "../registry/registryHub";
import { Deferred } from "../task";
import type { TraceLog } from "../trace";
import type { ImageStore, StoredImage } from "./imageStore";

export interface PullProgress {
  image: string;
  layersDone: number;
  layersTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export class PullError extends Error {
  constructor(
    readonly code: "NotFound" | "Unknown",
    message: string,
  ) {
    super(message);
  }
}

interface LayerJob {
  layer: ResolvedLayer;
  start?: number;
  end?: number;
  done: boolean;
}

interface InFlight {
  image: string;
  jobs: LayerJob[];
  result: Deferred<StoredImage>;
}

export interface PullerDeps {
  clock: Clock;
  trace: TraceLog;
  registry: RegistryHub;
  store: ImageStore;
  maxConcurrentDownloads: () => number;
  capacityBytes: () => number;
  isPinned: (r: ResolvedImage) => boolean;
  pod?: string;
  /** Image verifiers (containerd 2.x bindir plugin): a rejection message blocks the pull, after resolve. */
  verify?: (r: ResolvedImage) => string | undefined;
}

export class ImagePuller {
  private inflight = new Map<string, InFlight>();

  constructor(private readonly d: PullerDeps) {}

  progress(): PullProgress[] {
    const now = this.d.clock.now();
    return [...this.inflight.values()].map((p) => {
      let bytesDone = 0;
      for (const j of p.jobs) {
        if (j.done) bytesDone += j.layer.size;
        else if (j.start !== undefined && j.end !== undefined && j.end > j.start)
          bytesDone += Math.floor((j.layer.size * (now - j.start)) / (j.end - j.start));
      }
      return {
        image: p.image,
        layersDone: p.jobs.filter((j) => j.done).length,
        layersTotal: p.jobs.length,
        bytesDone,
        bytesTotal: p.jobs.reduce((n, j) => n + j.layer.size, 0),
      };
    });
  }

  /** Pull `ref` (as the caller wrote it); settles with the stored image or a PullError. */
  pull(ref: string, auth: AuthConfig | undefined, pod?: string): Deferred<StoredImage> {
    const existing = this.inflight.get(ref);
    if (existing) return existing.result;
    const result = new Deferred<StoredImage>();
    const { clock, trace, registry } = this.d;
    const res = registry.resolve(ref, auth);
    const short = shortName(ref);
    const resolveMs = res.ok ? registry.resolveLatencyMs(res.image) : 150;
    const ev = trace.record({
      from: "containerd",
      to: "registry",
      kind: "pull",
      summary: `resolve ${res.ok ? res.image.reference : ref}`,
      pod,
    });
    const flight: InFlight = { image: ref, jobs: [], result };
    this.inflight.set(ref, flight);
    const fail = (code: "NotFound" | "Unknown", message: string) => {
      this.inflight.delete(ref);
      trace.record({
        from: "registry",
        to: "containerd",
        kind: "pull",
        summary: `PullImage ${short} failed`,
        detail: { error: message },
        causeId: ev.id,
        pod,
      });
      result.reject(new PullError(code, message));
    };
    clock.setTimer(resolveMs, () => {
      if (!res.ok) return fail(res.code, res.message);
      const img = res.image;
      trace.record({
        from: "registry",
        to: "containerd",
        kind: "pull",
        summary: `manifest ${img.manifestDigest.slice(7, 19)} · ${img.layers.length} layers · ${(img.size / 1e6).toFixed(1)} MB`,
        detail: {
          reference: img.reference,
          digest: img.manifestDigest,
          layers: img.layers.length,
          size: img.size,
        },
        causeId: ev.id,
        pod,
      });
      // transfer service: the verifiers judge the resolved name and digest before any layer is fetched
      const blocked = this.d.verify?.(img);
      if (blocked) return fail("Unknown", blocked);
      // layers already in the content store are not fetched again ("already exists")
      const missing = img.layers.filter(
        (l, i) => !this.d.store.has(l.digest) && img.layers.findIndex((m) => m.digest === l.digest) === i,
      );
      const need = missing.reduce((n, l) => n + l.size, 0);
      if (this.d.store.usedBytes() + need > this.d.capacityBytes()) {
        return fail(
          "Unknown",
          `failed to pull and unpack image "${img.reference}": failed to extract layer ${missing[0]?.digest ?? img.configDigest}: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/${100 + this.d.store.blobs.size}/fs/usr/lib/x86_64-linux-gnu/libc.so.6: no space left on device: unknown`,
        );
      }
      flight.jobs = missing.map((layer) => ({ layer, done: false }));
      const total = img.layers.length;
      const present = total - missing.length;
      let next = 0;
      let active = 0;
      let finished = false;
      const bytesTotal = need;
      let bytesDone = 0;
      let lastPct = -1;
      const launch = () => {
        if (finished) return;
        while (active < Math.max(1, this.d.maxConcurrentDownloads()) && next < flight.jobs.length) {
          const job = flight.jobs[next++];
          active++;
          const ms = registry.layerDurationMs(img.registry, job.layer.size);
          job.start = clock.now();
          job.end = job.start + ms;
          clock.setTimer(ms, () => {
            if (finished) return;
            const err = registry.fetchLayerError(img, job.layer);
            if (err) {
              finished = true;
              return fail("Unknown", err);
            }
            job.done = true;
            active--;
            bytesDone += job.layer.size;
            const done = present + flight.jobs.filter((j) => j.done).length;
            const pct = bytesTotal === 0 ? 100 : Math.floor((bytesDone * 100) / bytesTotal);
            // one event per finished layer keeps the trace small while showing progress
            if (pct !== lastPct || done === total) {
              lastPct = pct;
              trace.record({
                from: "registry",
                to: "containerd",
                kind: "pull",
                summary: `PullImage ${short} · ${done}/${total} layers · ${pct}%`,
                detail: { layer: job.layer.digest, bytes: job.layer.size, bytesDone, bytesTotal },
                causeId: ev.id,
                pod,
              });
            }
            if (flight.jobs.every((j) => j.done)) {
              finished = true;
              this.inflight.delete(ref);
              const stored = this.d.store.add(img, clock.now(), this.d.isPinned(img));
              result.resolve(stored);
            } else launch();
          });
        }
      };
      if (flight.jobs.length === 0) {
        // everything present: containerd only re-checks the manifest and updates the tag
        this.inflight.delete(ref);
        trace.record({
          from: "registry",
          to: "containerd",
          kind: "pull",
          summary: `PullImage ${short} · ${total}/${total} layers · already exists`,
          causeId: ev.id,
          pod,
        });
        result.resolve(this.d.store.add(img, clock.now(), this.d.isPinned(img)));
        return;
      }
      launch();
    });
    return result;
  }
}

function shortName(ref: string): string {
  try {
    return familiarName(ref);
  } catch {
    return ref;
  }
}
