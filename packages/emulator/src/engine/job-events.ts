/** What changed about a job; `closed`: the emulator stopped, nothing more will happen to it. */
export type JobChange = "status" | "logs" | "output" | "terminal" | "closed";

type Listener = (change: JobChange) => void;

/** Listeners for changes to jobs, by job id (server-sent event streams, `Prefer: wait`). */
export class JobEvents {
  #listeners = new Map<string, Set<Listener>>();

  /** Calls `listener` on every change to the job until the returned function is called. */
  subscribe(jobId: string, listener: Listener): () => void {
    let listeners = this.#listeners.get(jobId);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(jobId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      // After closeAll() the set is no longer the registered one; leave a newer one alone.
      if (listeners.size === 0 && this.#listeners.get(jobId) === listeners) {
        this.#listeners.delete(jobId);
      }
    };
  }

  publish(jobId: string, change: JobChange): void {
    for (const listener of [...(this.#listeners.get(jobId) ?? [])]) listener(change);
  }

  /** Tells every listener `closed` and forgets them all (the emulator is closing or resetting). */
  closeAll(): void {
    const all = [...this.#listeners.values()].flatMap((listeners) => [...listeners]);
    this.#listeners.clear();
    for (const listener of all) listener("closed");
  }
}
