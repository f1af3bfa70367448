// "Share": copies a link whose #share= code holds the lesson, the seed and every command at its
// virtual time; opening it in another browser rebuilds the same node. The link is also shown, so it
// can be copied by hand where the clipboard is not allowed.
import { useEffect, useRef, useState } from "react";
import { shareUrl, simStore } from "../../store";

type Shared = { url: string; copied: boolean } | { error: string };

export default function ShareButton() {
  const [shared, setShared] = useState<Shared | undefined>();
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (shared && "url" in shared) {
      field.current?.focus();
      field.current?.select();
    }
  }, [shared]);

  useEffect(() => {
    if (!shared) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setShared(undefined);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shared]);

  const share = async () => {
    let url: string;
    try {
      url = shareUrl(simStore().getState().shareCode(), window.location);
    } catch (e) {
      setShared({ error: `This session cannot be shared: ${(e as Error).message}` });
      return;
    }
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    setShared({ url, copied });
  };

  return (
    <div className="share">
      <button
        type="button"
        onClick={() => void share()}
        aria-expanded={shared !== undefined}
        aria-controls="share-box"
        title="Copy a link that opens this exact state in another browser"
        data-testid="share"
      >
        Share
      </button>
      {shared && (
        <div className="share-box" id="share-box" role="dialog" aria-label="Share this state">
          {"error" in shared ? (
            <p className="import-error" role="alert">
              {shared.error}
            </p>
          ) : (
            <>
              <p role="status">
                {shared.copied ? "Link copied to the clipboard." : "Copy this link."} It rebuilds this node:
                the same lesson, seed and commands, each at its time.
              </p>
              <input
                ref={field}
                readOnly
                value={shared.url}
                aria-label="Share link"
                data-testid="share-url"
                onFocus={(e) => e.currentTarget.select()}
              />
            </>
          )}
          <button type="button" onClick={() => setShared(undefined)} aria-label="Close">
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
