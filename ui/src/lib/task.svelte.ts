// One way for a screen to call the core and show how it went: busy while
// the call runs (the button says so and cannot be pressed twice), a refusal
// next to its fields or, when it names none, as the screen's one problem, and
// the success message. Screens hold one Task per thing they do (loading,
// saving, exporting), so each shows its own state.
import { errorMessage, fieldErrors } from './api';

export class Task {
  /** A call is running. */
  busy = $state(false);
  /** Why the last call failed, when no field was named. */
  problem = $state('');
  /** The core's general message of the last failure, fields named or not
   * (for the screens that show it above the fields: "Periksa kembali isian
   * yang ditandai."). */
  summary = $state('');
  /** The last refusal's messages, by field (shown next to each field). */
  fields = $state<Record<string, string>>({});
  /** What the last call achieved, in words for the desk. */
  done = $state('');

  /**
   * Runs `work`: clears the last outcome, is busy while it runs, and keeps
   * what it achieved (`success`'s words) or why it was refused. The result,
   * or `undefined` when refused. A call while one runs is not started.
   */
  async run<T>(work: () => Promise<T>, success?: (value: T) => string | void): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.clear();
    this.busy = true;
    try {
      const value = await work();
      this.done = success?.(value) ?? '';
      return value;
    } catch (e) {
      this.fields = fieldErrors(e);
      this.summary = errorMessage(e);
      if (Object.keys(this.fields).length === 0) this.problem = errorMessage(e);
      return undefined;
    } finally {
      this.busy = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) void next.start();
    }
  }

  /**
   * Like `run`, for loads whose question may change while one runs (a
   * filter ticked, another id opened): a call while busy waits and runs
   * once the running one ends, and only the newest waiting call runs (an
   * older waiting one gets `undefined`). What the screen shows ends as the
   * newest question's answer.
   */
  latest<T>(work: () => Promise<T>, success?: (value: T) => string | void): Promise<T | undefined> {
    if (!this.busy) return this.run(work, success);
    this.waiting?.resolve(undefined);
    return new Promise<T | undefined>((resolve) => {
      this.waiting = {
        start: () => this.run(work, success).then(resolve),
        resolve: () => resolve(undefined),
      };
    });
  }

  private waiting: { start: () => Promise<void>; resolve: (v: undefined) => void } | null = null;

  /** Forgets the last outcome (a form opened again, a dialog closed). */
  clear() {
    this.problem = '';
    this.summary = '';
    this.fields = {};
    this.done = '';
  }

  /** The message next to `field`, or ''. */
  at(field: string): string {
    return this.fields[field] ?? '';
  }
}
