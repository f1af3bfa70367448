// k8s: pkg/kubelet/images/puller.go — simplified: one queue (serializeImagePulls) or unbounded parallel pulls.
import type { ImageService } from "../../cri/services";
import type { AuthConfig, ImageSpec, PodSandboxConfig } from "../../cri/types";
import { Deferred } from "../../task";

export interface PullResult {
  imageRef: string;
  imageSize: number;
  error?: unknown;
  /** ms spent in PullImage + ImageStatus (excludes waiting in the queue). */
  pullDuration: number;
}

interface PullRequest {
  spec: ImageSpec;
  sandboxConfig?: PodSandboxConfig;
  auth?: AuthConfig;
  done: Deferred<PullResult>;
}

/** serialImagePuller / parallelImagePuller: PullImage, then ImageStatus for the size (best effort). */
export class ImagePuller {
  private readonly queue: PullRequest[] = [];
  private busy = false;

  constructor(
    private readonly images: ImageService,
    private readonly now: () => number,
    private readonly serialize: boolean,
  ) {}

  get queued(): number {
    return this.queue.length + (this.busy ? 1 : 0);
  }

  pull(spec: ImageSpec, sandboxConfig?: PodSandboxConfig, auth?: AuthConfig): Deferred<PullResult> {
    const done = new Deferred<PullResult>();
    const req = { spec, sandboxConfig, auth, done };
    if (!this.serialize) {
      this.run(req, () => {});
      return done;
    }
    this.queue.push(req);
    this.pump();
    return done;
  }

  private pump(): void {
    if (this.busy) return;
    const next = this.queue.shift();
    if (!next) return;
    this.busy = true;
    this.run(next, () => {
      this.busy = false;
      this.pump();
    });
  }

  private run(req: PullRequest, after: () => void): void {
    const start = this.now();
    this.images
      .pullImage({ image: req.spec, auth: req.auth, sandboxConfig: req.sandboxConfig })
      .onSettle((r) => {
        if (!r.ok) {
          req.done.resolve({ imageRef: "", imageSize: 0, error: r.error, pullDuration: this.now() - start });
          after();
          return;
        }
        const imageRef = r.value.imageRef;
        // Getting the image size with best effort, ignoring the error (puller.go).
        this.images.imageStatus({ image: req.spec }).onSettle((s) => {
          const size = s.ok ? (s.value.image?.size ?? 0) : 0;
          req.done.resolve({ imageRef, imageSize: size, pullDuration: this.now() - start });
          after();
        });
      });
  }
}
