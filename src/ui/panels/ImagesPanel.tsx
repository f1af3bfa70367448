// The node's image store (crictl images), the image filesystem's fill against the GC thresholds,
// and pulls in flight.
import type { NodeSnapshot } from "../../sim/node/types";
import { useSim } from "../../store";
import { humanSize } from "../format";

/** kubelet imageGCHighThresholdPercent / imageGCLowThresholdPercent defaults. */
const GC_HIGH = 85;
const GC_LOW = 80;
/** Stable empty lists: a fresh `[]` from a selector re-renders forever (React error #185). */
const NO_IMAGES: NodeSnapshot["images"] = [];
const NO_PULLS: NonNullable<NodeSnapshot["pulls"]> = [];

export default function ImagesPanel() {
  const images = useSim((s) => s.snapshot?.images ?? NO_IMAGES);
  const pulls = useSim((s) => s.snapshot?.pulls ?? NO_PULLS);
  const fs = useSim((s) => s.snapshot?.imageFs);
  const pct = fs && fs.capacityBytes > 0 ? (100 * fs.usedBytes) / fs.capacityBytes : 0;
  return (
    <div className="images-panel">
      <section aria-label="Image filesystem">
        <h3>
          Image filesystem{" "}
          {fs ? `${humanSize(fs.usedBytes)} of ${humanSize(fs.capacityBytes)} (${pct.toFixed(0)}%)` : ""}
        </h3>
        <div className="disk-bar" aria-hidden="true">
          <div
            className={`disk-fill ${pct >= GC_HIGH ? "over" : ""}`}
            style={{ width: `${Math.min(100, pct)}%` }}
          />
          <div
            className="disk-mark low"
            style={{ left: `${GC_LOW}%` }}
            title="imageGCLowThresholdPercent 80%: GC frees down to here"
          />
          <div
            className="disk-mark high"
            style={{ left: `${GC_HIGH}%` }}
            title="imageGCHighThresholdPercent 85%: image GC starts above this"
          />
        </div>
        <meter
          className="visually-hidden"
          min={0}
          max={100}
          low={80}
          high={85}
          value={pct}
          aria-label="Image filesystem usage, percent"
        />
        <p className="hint">
          Image GC starts above {GC_HIGH}% and deletes unused images until usage is under {GC_LOW}%.
        </p>
      </section>
      {pulls.length > 0 && (
        <section aria-label="Pulls in progress">
          <h3>Pulling</h3>
          {pulls.map((p) => {
            const frac =
              p.bytesTotal > 0
                ? p.bytesDone / p.bytesTotal
                : p.layersTotal > 0
                  ? p.layersDone / p.layersTotal
                  : 0;
            return (
              <div key={p.image} className="pull">
                <div className="pull-label">
                  {p.image} — layers {p.layersDone}/{p.layersTotal}, {humanSize(p.bytesDone)} /{" "}
                  {humanSize(p.bytesTotal)}
                </div>
                <progress max={1} value={frac} aria-label={`Pull of ${p.image}`} />
              </div>
            );
          })}
        </section>
      )}
      <table className="images">
        <thead>
          <tr>
            <th>IMAGE:TAG</th>
            <th>SIZE</th>
            <th>IMAGE ID</th>
          </tr>
        </thead>
        <tbody>
          {images.map((img) => (
            <tr key={img.id}>
              <td>
                {img.repoTags.length > 0 ? img.repoTags.join(", ") : "<none>"}
                {img.pinned && (
                  <span className="tag" title="pinned: never garbage-collected (the sandbox image)">
                    pinned
                  </span>
                )}
              </td>
              <td>{humanSize(img.size)}</td>
              <td className="mono">{img.id.replace(/^sha256:/, "").slice(0, 13)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
