/** Injectable time. Pure modules take `now` as a parameter; processes hold a Clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => { t = new Date(d).getTime(); },
    advance: (ms) => { t += ms; },
  };
}

/** A clock that starts at `start` and runs at real speed from there (CLOCK_START: trying a scenario as of a given day). */
export function clockFrom(start: string | undefined): Clock {
  if (!start) return systemClock;
  const offset = new Date(start).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
