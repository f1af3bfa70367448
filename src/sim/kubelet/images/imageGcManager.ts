// k8s: pkg/kubelet/images/image_gc_manager.go — simplified: capacity from config, LRU by last seen in use.
import { errorText } from "../../cri/errors";
import { settle, type Task } from "../../task";
import { EventReason } from "../events/reasons";
import type { KubeletDeps } from "../types";

interface ImageRecord {
  firstDetected: number;
  lastUsed: number;
  size: number;
  pinned: boolean;
  tags: string[];
}

export const IMAGE_GC_PERIOD_MS = 300_000;

export class ImageGCManager {
  private readonly records = new Map<string, ImageRecord>();
  private initialized = false;

  constructor(private readonly deps: KubeletDeps) {}

  /** detectImages: first seen time and last time a container used each image. */
  private *detectImages(detectTime: number): Task<Set<string>> {
    const imgs = yield* settle(this.deps.images.listImages({}));
    const ctrs = yield* settle(this.deps.runtime.listContainers({}));
    if (!imgs.ok) throw imgs.error;
    const inUse = new Set<string>();
    if (ctrs.ok) for (const c of ctrs.value.containers) inUse.add(c.imageRef || c.image.image);
    const seen = new Set<string>();
    for (const im of imgs.value.images) {
      seen.add(im.id);
      let r = this.records.get(im.id);
      if (!r) {
        // Images present when the kubelet started count as old (firstDetected = zero time).
        r = {
          firstDetected: this.initialized ? detectTime : Number.NEGATIVE_INFINITY,
          lastUsed: Number.NEGATIVE_INFINITY,
          size: im.size,
          pinned: im.pinned,
          tags: im.repoTags,
        };
        this.records.set(im.id, r);
      }
      r.size = im.size;
      r.pinned = im.pinned;
      if (
        inUse.has(im.id) ||
        im.repoTags.some((t) => inUse.has(t)) ||
        im.repoDigests.some((d) => inUse.has(d))
      )
        r.lastUsed = detectTime;
    }
    for (const id of [...this.records.keys()]) if (!seen.has(id)) this.records.delete(id);
    this.initialized = true;
    const used = new Set<string>();
    for (const [id, r] of this.records) if (r.lastUsed === detectTime) used.add(id);
    return used;
  }

  start(): void {
    this.initialized = false;
  }

  /** GarbageCollect: above the high threshold, free down to the low one (least recently used first). */
  *garbageCollect(): Task<void> {
    const { config, clock, log } = this.deps;
    const fs = yield* settle(this.deps.images.imageFsInfo({}));
    if (!fs.ok) {
      log("E", "image_gc_manager.go:326", "Image garbage collection failed", [["err", errorText(fs.error)]]);
      return;
    }
    const used = fs.value.imageFilesystems.reduce((s, f) => s + f.usedBytes.value, 0);
    const capacity = config.imageFsCapacityBytes;
    const available = Math.max(0, capacity - used);
    const usagePercent = 100 - Math.floor((available * 100) / capacity);
    if (usagePercent < config.imageGCHighThresholdPercent) {
      yield* this.detectImages(clock.now());
      return;
    }
    const amountToFree = Math.floor((capacity * (100 - config.imageGCLowThresholdPercent)) / 100) - available;
    log(
      "I",
      "image_gc_manager.go:391",
      "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold",
      [
        ["usage", usagePercent],
        ["highThreshold", config.imageGCHighThresholdPercent],
        ["amountToFree", amountToFree],
        ["lowThreshold", config.imageGCLowThresholdPercent],
      ],
    );
    const freed = yield* this.freeSpace(amountToFree, clock.now());
    if (freed < amountToFree) {
      const msg = `Failed to garbage collect required amount of images. Attempted to free ${amountToFree} bytes, but only found ${freed} bytes eligible to free.`;
      this.deps.recorder.event(
        { kind: "Node", name: this.deps.nodeName, uid: this.deps.nodeName, apiVersion: "v1" },
        "Warning",
        EventReason.FreeDiskSpaceFailed,
        msg,
      );
      log("E", "kubelet.go:1598", "Image garbage collection failed multiple times in a row", [["err", msg]]);
    }
  }

  private *freeSpace(bytesToFree: number, freeTime: number): Task<number> {
    const inUse = yield* this.detectImages(freeTime);
    const candidates = [...this.records]
      .filter(([id, r]) => !inUse.has(id) && !r.pinned)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed || a[1].firstDetected - b[1].firstDetected);
    let freed = 0;
    for (const [id, r] of candidates) {
      if (freeTime - r.firstDetected < this.deps.config.imageMinimumGCAgeMs) continue;
      this.deps.log("I", "image_gc_manager.go:487", "Removing image to free bytes", [
        ["imageID", id],
        ["size", r.size],
        ["runtimeHandler", ""],
      ]);
      const rm = yield* settle(this.deps.images.removeImage({ image: { image: id } }));
      if (!rm.ok) continue;
      this.records.delete(id);
      freed += r.size;
      if (freed >= bytesToFree) break;
    }
    return freed;
  }
}
