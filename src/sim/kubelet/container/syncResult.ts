// k8s: pkg/kubelet/container/sync_result.go — the outcome of one SyncPod, per action and target.

export interface SyncResult {
  action: string;
  target: string;
  /** An error name: CrashLoopBackOff, ErrImagePull, CreatePodSandboxError… */
  error?: string;
  message?: string;
}

export class PodSyncResult {
  readonly results: SyncResult[] = [];
  syncError?: string;

  add(action: string, target: string): SyncResult {
    const r: SyncResult = { action, target };
    this.results.push(r);
    return r;
  }

  static fail(r: SyncResult, error: string, message: string): void {
    r.error = error;
    r.message = message;
  }

  /** PodSyncResult.Error(): `failed to "StartContainer" for "app" with CrashLoopBackOff: "back-off …"`, aggregated. */
  error(): string | undefined {
    const errs = this.results
      .filter((r) => r.error)
      .map(
        (r) =>
          `failed to ${JSON.stringify(r.action)} for ${JSON.stringify(r.target)} with ${r.error}: ${JSON.stringify(r.message ?? "")}`,
      );
    if (this.syncError) errs.unshift(this.syncError);
    if (errs.length === 0) return undefined;
    return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
  }
}
