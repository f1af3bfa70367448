// The page: header, the node diagram over the terminal and narrator, and the side panels.
import { lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { useSim } from "../store";
import Drawer from "./Drawer";
import { ErrorBoundary } from "./ErrorBoundary";
import Header from "./Header";
import LiveRegion from "./LiveRegion";
import EventsPanel from "./panels/EventsPanel";
import ImagesPanel from "./panels/ImagesPanel";
import NarratorPanel from "./panels/NarratorPanel";
import PodsPanel from "./panels/PodsPanel";
import TerminalPanel from "./terminal/TerminalPanel";

// The heavy parts (React Flow, the editor, the simulation) load after the first paint.
const loadDiagram = () => import("./diagram/NodeDiagram");
const loadEditor = () => import("./editor/YamlEditor");
const loadNode = () => import("./panels/NodePanel");
const NodePanel = lazy(loadNode);
const NodeDiagram = lazy(loadDiagram);
const YamlEditor = lazy(loadEditor);

/**
 * The terminal is the first thing a learner can use: it is in the main bundle. The diagram follows
 * once the node is up, the editor's CodeMirror and the Node panel when their tab opens.
 */
export function preloadPanels(): void {
  void loadDiagram();
}

function Section({
  name,
  title,
  children,
  className,
}: {
  name: string;
  title?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel ${className ?? ""}`} aria-label={title ?? name}>
      {title && <h2 className="panel-title">{title}</h2>}
      <div className="panel-body">
        <ErrorBoundary name={name}>
          <Suspense fallback={<p className="empty">Loading {name}…</p>}>{children}</Suspense>
        </ErrorBoundary>
      </div>
    </section>
  );
}

const TABS: { id: string; label: string; render: () => ReactNode }[] = [
  { id: "pods", label: "Pods", render: () => <PodsPanel /> },
  { id: "events", label: "Events", render: () => <EventsPanel /> },
  { id: "images", label: "Images", render: () => <ImagesPanel /> },
  { id: "node", label: "Node", render: () => <NodePanel /> },
  { id: "yaml", label: "YAML", render: () => <YamlEditor /> },
];

function Tabs({ ids }: { ids: string[] }) {
  const layout = useSim((s) => s.layout);
  const setLayout = useSim((s) => s.setLayout);
  const tabs = TABS.filter((t) => ids.includes(t.id));
  const active = tabs.find((t) => t.id === layout.sideTab) ?? tabs[0];
  return (
    <section className="panel tabs">
      <div role="tablist" className="tablist" aria-label="Node panels">
        {tabs.map((t) => (
          <button
            type="button"
            role="tab"
            key={t.id}
            id={`tab-${t.id}`}
            aria-selected={t.id === active.id}
            aria-controls={`tabpanel-${t.id}`}
            className={t.id === active.id ? "selected" : undefined}
            onClick={() => setLayout({ sideTab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`tabpanel-${active.id}`}
        aria-labelledby={`tab-${active.id}`}
        className="panel-body"
      >
        <ErrorBoundary name={active.label} key={active.id}>
          <Suspense fallback={<p className="empty">Loading…</p>}>{active.render()}</Suspense>
        </ErrorBoundary>
      </div>
    </section>
  );
}

function useWide(): boolean {
  const q = "(min-width: 1600px)";
  const [wide, setWide] = useState(() => window.matchMedia?.(q).matches ?? false);
  useEffect(() => {
    const m = window.matchMedia?.(q);
    if (!m) return;
    const on = () => setWide(m.matches);
    m.addEventListener("change", on);
    return () => m.removeEventListener("change", on);
  }, []);
  return wide;
}

function Notice() {
  const notice = useSim((s) => s.notice);
  const dismiss = useSim((s) => s.dismissNotice);
  // "Restored …" is good news: it fades after a while; problems stay until dismissed.
  useEffect(() => {
    if (!notice?.startsWith("Restored")) return;
    const id = window.setTimeout(dismiss, 8000);
    return () => window.clearTimeout(id);
  }, [notice, dismiss]);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      {notice}
      <button type="button" onClick={dismiss} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

export default function App() {
  const ready = useSim((s) => s.ready);
  const theme = useSim((s) => s.theme);
  const wide = useWide();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={`app${wide ? " wide" : ""}`}>
      <Header />
      <Notice />
      {
        <main className="layout">
          <div className="main-col">
            <Section name="diagram" className="diagram-panel">
              {ready ? <NodeDiagram /> : <p className="empty loading">Starting the node…</p>}
            </Section>
            <div className="bottom-row">
              <Section name="terminal" title="Terminal — root@node-1" className="terminal-panel">
                <TerminalPanel />
              </Section>
              <Section name="narrator" title="What is happening" className="narrator-panel">
                <NarratorPanel />
              </Section>
            </div>
          </div>
          {wide ? (
            <div className="side wide-side">
              <div className="side-col">
                <Section name="pods" title="Pods">
                  <PodsPanel />
                </Section>
                <Section name="events" title="Events">
                  <EventsPanel />
                </Section>
              </div>
              <Tabs ids={["yaml", "images", "node"]} />
            </div>
          ) : (
            <div className="side">
              <Tabs ids={["pods", "events", "images", "node", "yaml"]} />
            </div>
          )}
          <Drawer />
        </main>
      }
      <LiveRegion />
    </div>
  );
}
