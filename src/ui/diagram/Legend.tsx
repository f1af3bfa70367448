// What the colours of the diagram mean.
const ITEMS: [string, string][] = [
  ["ctr created", "container Created"],
  ["ctr running", "Running"],
  ["ctr exited", "Exited"],
  ["ctr unknown", "Unknown"],
  ["chip kind-cri-request", "CRI request"],
  ["chip kind-cri-response", "CRI response"],
  ["chip error", "error"],
  ["chip kind-watch", "API / watch / status"],
  ["chip kind-pull", "image pull"],
  ["chip kind-kernel", "kernel / CNI / logs"],
  ["chip kind-net", "Service traffic / DNS"],
  ["chip kind-iptables", "kube-proxy rules"],
];

export default function Legend() {
  return (
    <div className="legend" role="note" aria-label="Legend">
      <ul>
        <li>
          <strong>Legend:</strong>
        </li>
        {ITEMS.map(([cls, label]) => (
          <li key={cls}>
            <span className={`swatch ${cls}`} aria-hidden="true" /> {label}
          </li>
        ))}
        <li>
          <span className="swatch active-swatch" aria-hidden="true" /> current step
        </li>
      </ul>
    </div>
  );
}
