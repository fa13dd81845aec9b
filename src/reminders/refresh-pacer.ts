// When the reminders are computed again after changes of the register. Normally 1 s after a burst of
// changes (an import, an edit). While a bulk job runs, its clients' statuses change one after the
// other for as long as it lasts: once every 30 s then, and 1 s after the job stops running — the
// computation grows with the register (about 100 ms at 10,000 clients) and would otherwise run after
// every client of the job.
export interface RefreshPacer {
  /** Something the reminders read has changed. */
  changed(): void;
  /** A bulk job started or stopped running. */
  jobRunning(running: boolean): void;
}

export function createRefreshPacer(refresh: () => void, quietMs = 1_000, busyMs = 30_000): RefreshPacer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  let busy = false;
  const fire = () => {
    timer = undefined;
    pending = false;
    refresh();
  };
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(fire, ms);
  };
  return {
    changed() {
      // During a job the first change sets the time; later ones ride along.
      if (busy && pending) return;
      pending = true;
      schedule(busy ? busyMs : quietMs);
    },
    jobRunning(running) {
      if (running === busy) return;
      busy = running;
      if (!running && pending) schedule(quietMs);
    },
  };
}
