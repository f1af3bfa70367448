// Browser entry: the React app paints first; the simulation's code loads next, then the store
// restores the saved session (seed + commands) from localStorage.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserStore, runtimeFromSearch } from "./store";
import App, { preloadPanels } from "./ui/App";
import "./ui/app.css";

const store = createBrowserStore();
// Tests and the dev console reach the store here (never the simulation directly).
(window as unknown as { __k8sNodeSim?: unknown }).__k8sNodeSim = store;

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

async function start(): Promise<void> {
  // The terminal accepts input at once (typed commands wait for the node). Let the terminal mount and show its prompt before the node's code competes for the CPU.
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    window.addEventListener("k8s-node-sim:terminal-ready", done, { once: true });
    window.setTimeout(done, 1500);
  });
  const { createSimulation } = await import("./simulation");
  // The page has the editor panel: `kubectl edit` opens its temp file there.
  await store.init(1, (o) => createSimulation({ ...o, editorPanel: true }));
  preloadPanels();
  // `?runtime=ws://…&token=…` (printed by the backend) attaches the real runtime at once.
  const real = runtimeFromSearch(window.location.search);
  if (real) await store.getState().setRuntime(real);
}

start().catch((e: unknown) => {
  const el = document.createElement("p");
  el.className = "fatal";
  el.setAttribute("role", "alert");
  el.textContent = `The simulation could not start: ${(e as Error).message}`;
  document.body.prepend(el);
});
