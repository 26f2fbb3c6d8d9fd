// Undo/redo over immutable snapshots of the document. Every edit goes through `apply`, so
// every edit can be undone; `isDirty` compares with the last saved snapshot.

export interface Entry<T> {
  doc: T;
  label: string;
}

export class History<T> {
  private past: Entry<T>[] = [];
  private future: Entry<T>[] = [];
  private saved: T;
  private revisionCounter = 0;

  constructor(
    private present: T,
    private readonly limit = 200,
  ) {
    this.saved = present;
  }

  get doc(): T {
    return this.present;
  }
  /** Increases with every change of `doc` (edits, undo, redo, reset). */
  get revision(): number {
    return this.revisionCounter;
  }
  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
  get undoLabel(): string | undefined {
    return this.past.at(-1)?.label;
  }
  get redoLabel(): string | undefined {
    return this.future.at(-1)?.label;
  }
  get isDirty(): boolean {
    return this.present !== this.saved;
  }

  /** Record an edit. `next` must be a new object (never a mutated `doc`). */
  apply(next: T, label: string): void {
    if (next === this.present) return;
    this.past.push({ doc: this.present, label });
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
    this.present = next;
    this.revisionCounter++;
  }

  undo(): string | undefined {
    const e = this.past.pop();
    if (!e) return undefined;
    this.future.push({ doc: this.present, label: e.label });
    this.present = e.doc;
    this.revisionCounter++;
    return e.label;
  }

  redo(): string | undefined {
    const e = this.future.pop();
    if (!e) return undefined;
    this.past.push({ doc: this.present, label: e.label });
    this.present = e.doc;
    this.revisionCounter++;
    return e.label;
  }

  markSaved(): void {
    this.saved = this.present;
  }

  /** A new document (open, new): history starts over. */
  reset(doc: T, saved = true): void {
    this.past = [];
    this.future = [];
    this.present = doc;
    this.saved = saved ? doc : (undefined as unknown as T);
    this.revisionCounter++;
  }
}
