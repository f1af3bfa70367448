// The page: header, the node diagram over the terminal and narrator, and the side panels.
import { type CSSProperties, lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { type PaneSizes, useSim } from "../store";
import Drawer from "./Drawer";
import { ErrorBoundary } from "./ErrorBoundary";
import Header from "./Header";
import LiveRegion from "./LiveRegion";
import EventsPanel from "./panels/EventsPanel";
import ImagesPanel from "./panels/ImagesPanel";
import NarratorPanel from "./panels/NarratorPanel";
import PodsPanel from "./panels/PodsPanel";
import { RuntimeBar } from "./RuntimeSwitch";
import Splitter from "./Splitter";
import TerminalPanel from "./terminal/TerminalPanel";

// The heavy parts (React Flow, the editor, the simulation) load after the first paint.
const loadDiagram = () => import("./diagram/NodeDiagram");
const loadEditor = () => import("./editor/YamlEditor");
const loadNode = () => import("./panels/NodePanel");
const NodePanel = lazy(loadNode);
const LessonPanel = lazy(() => import("./lessons/LessonPanel"));
const LessonStrip = lazy(() => import("./lessons/LessonStrip"));
const PracticePanel = lazy(() => import("./practice/PracticePanel"));
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
  { id: "lesson", label: "Learn", render: () => <LessonPanel /> },
  { id: "practice", label: "Practice", render: () => <PracticePanel /> },
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

/** The stylesheet's pane sizes (px) at 1280 and 1920 px wide, and how far each may be dragged. */
const PANES = {
  side: { normal: 430, wide: 940, min: 280, max: 1400, label: "Resize the side panels", css: "--side-w" },
  bottom: { normal: 250, wide: 380, min: 120, max: 800, label: "Resize the terminal", css: "--bottom-h" },
  narrator: { normal: 300, wide: 340, min: 180, max: 900, label: "Resize the narrator", css: "--narrator-w" },
} as const;

/** Dragged sizes live here while the pointer moves; they are saved to the store's layout on release. */
function usePaneSizes(wide: boolean) {
  const saved = useSim((s) => s.layout.sizes);
  const setLayout = useSim((s) => s.setLayout);
  const [live, setLive] = useState<PaneSizes>({});
  const size = (k: keyof typeof PANES) => live[k] ?? saved?.[k] ?? PANES[k][wide ? "wide" : "normal"];
  const style: Record<string, string> = {};
  for (const k of Object.keys(PANES) as (keyof typeof PANES)[]) {
    const v = live[k] ?? saved?.[k];
    if (v !== undefined) style[PANES[k].css] = `${v}px`;
  }
  const handle = (k: keyof typeof PANES, orientation: "vertical" | "horizontal") => (
    <Splitter
      label={PANES[k].label}
      orientation={orientation}
      value={size(k)}
      min={PANES[k].min}
      max={PANES[k].max}
      direction={-1}
      testId={`splitter-${k}`}
      onChange={(v) => setLive((l) => ({ ...l, [k]: v }))}
      onCommit={(v) => {
        setLayout({ sizes: { ...saved, ...live, [k]: v } });
        setLive({});
      }}
    />
  );
  return { style: style as CSSProperties, handle };
}

export default function App() {
  const ready = useSim((s) => s.ready);
  const theme = useSim((s) => s.theme);
  // Presenter mode: large type, the narration beside the diagram, no side tabs (see app.css).
  const presenter = useSim((s) => s.layout.presenter === true);
  const inLesson = useSim((s) => s.lesson !== undefined);
  const wide = useWide();
  const panes = usePaneSizes(wide);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={`app${wide ? " wide" : ""}${presenter ? " presenter" : ""}`}>
      <Header />
      <RuntimeBar />
      <Notice />
      {
        <main className="layout" style={panes.style}>
          <div className="main-col">
            <Section name="diagram" className="diagram-panel">
              {ready ? <NodeDiagram /> : <p className="empty loading">Starting the node…</p>}
            </Section>
            {panes.handle("bottom", "horizontal")}
            <div className="bottom-row">
              <Section name="terminal" title="Terminal — root@node-1" className="terminal-panel">
                <TerminalPanel />
              </Section>
              {panes.handle("narrator", "vertical")}
              <Section name="narrator" title="What is happening" className="narrator-panel">
                <NarratorPanel />
              </Section>
            </div>
            {presenter && inLesson && (
              <Section name="lesson" title="Lesson" className="presenter-lesson">
                <LessonStrip />
              </Section>
            )}
          </div>
          {!presenter && panes.handle("side", "vertical")}
          {presenter ? null : wide ? (
            <div className="side wide-side">
              <div className="side-col">
                <Section name="pods" title="Pods">
                  <PodsPanel />
                </Section>
                <Section name="events" title="Events">
                  <EventsPanel />
                </Section>
              </div>
              <Tabs ids={["lesson", "practice", "yaml", "images", "node"]} />
            </div>
          ) : (
            <div className="side">
              <Tabs ids={["lesson", "practice", "pods", "events", "images", "node", "yaml"]} />
            </div>
          )}
          <Drawer />
        </main>
      }
      <LiveRegion />
    </div>
  );
}
