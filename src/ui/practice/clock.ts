// The practice timer's wall clock, injectable: tests hand in their own, Playwright's page.clock
// drives the default (Date.now and setInterval).
import { createContext, useContext, useEffect, useState } from "react";

export interface PracticeClock {
  now(): number;
}

export const ClockContext = createContext<PracticeClock>({ now: () => Date.now() });

export function useClock(): PracticeClock {
  return useContext(ClockContext);
}

/** The clock's time, re-read every `intervalMs` while `active`. */
export function useNow(active: boolean, intervalMs = 250): number {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    if (!active) return;
    setNow(clock.now());
    const id = window.setInterval(() => setNow(clock.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [active, clock, intervalMs]);
  return now;
}
