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
    const errs: string[] = [];
    for (const r of this.results)
      if (r.error) errs.push(failureText(r.action, r.target, r.error, r.message ?? ""));
    if (this.syncError) errs.unshift(this.syncError);
    if (errs.length === 0) return undefined;
    return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
  }
}

/**
 * One failure's text, kept per message: a pod in back-off fails the same way on every re-sync
 * (10–15 s apart), and the kubelet logs the text each time.
 */
const failureTexts = new Map<string, { action: string; target: string; error: string; text: string }>();
function failureText(action: string, target: string, error: string, message: string): string {
  const hit = failureTexts.get(message);
  if (hit && hit.action === action && hit.target === target && hit.error === error) return hit.text;
  const text = `failed to ${JSON.stringify(action)} for ${JSON.stringify(target)} with ${error}: ${JSON.stringify(message)}`;
  if (failureTexts.size >= 2_000) failureTexts.clear();
  failureTexts.set(message, { action, target, error, text });
  return text;
}
