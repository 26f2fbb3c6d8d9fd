import { describe, expect, it } from "vitest";
import { History } from "../src/history";

describe("History", () => {
  it("undoes and redoes every edit in order, with labels", () => {
    const h = new History({ n: 0 });
    h.apply({ n: 1 }, "one");
    h.apply({ n: 2 }, "two");
    expect(h.doc.n).toBe(2);
    expect(h.undoLabel).toBe("two");
    expect(h.undo()).toBe("two");
    expect(h.doc.n).toBe(1);
    expect(h.undo()).toBe("one");
    expect(h.doc.n).toBe(0);
    expect(h.undo()).toBeUndefined();
    expect(h.redo()).toBe("one");
    expect(h.redo()).toBe("two");
    expect(h.doc.n).toBe(2);
    expect(h.canRedo).toBe(false);
  });

  it("drops the redo branch after a new edit", () => {
    const h = new History({ n: 0 });
    h.apply({ n: 1 }, "a");
    h.undo();
    h.apply({ n: 5 }, "b");
    expect(h.canRedo).toBe(false);
    expect(h.doc.n).toBe(5);
  });

  it("tracks the saved state through undo and redo", () => {
    const h = new History({ n: 0 });
    expect(h.isDirty).toBe(false);
    h.apply({ n: 1 }, "a");
    expect(h.isDirty).toBe(true);
    h.markSaved();
    expect(h.isDirty).toBe(false);
    h.undo();
    expect(h.isDirty).toBe(true);
    h.redo();
    expect(h.isDirty).toBe(false);
  });

  it("a new unsaved document is dirty; a reset clears history", () => {
    const h = new History({ n: 0 });
    h.apply({ n: 1 }, "a");
    h.reset({ n: 9 }, false);
    expect(h.isDirty).toBe(true);
    expect(h.canUndo).toBe(false);
  });

  it("ignores a no-op edit and bounds the history", () => {
    const h = new History({ n: 0 }, 3);
    const same = h.doc;
    h.apply(same, "noop");
    expect(h.canUndo).toBe(false);
    for (let i = 1; i <= 10; i++) h.apply({ n: i }, `e${i}`);
    let undone = 0;
    while (h.undo()) undone++;
    expect(undone).toBe(3);
    expect(h.doc.n).toBe(7);
  });

  it("revision increases on every change", () => {
    const h = new History({ n: 0 });
    const r0 = h.revision;
    h.apply({ n: 1 }, "a");
    h.undo();
    h.redo();
    expect(h.revision).toBe(r0 + 3);
  });
});
