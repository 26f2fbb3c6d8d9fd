// A multi-line cell editor (rationale, detail, policy) that behaves like a spreadsheet cell:
// Enter commits, Alt+Enter or Shift+Enter starts a new line (Excel's Alt+Enter), Tab commits
// and moves on, Escape cancels. (Tabulator's textarea kept Tab inside the field and made
// Enter a new line.)
import type { CellComponent } from "tabulator-tables";
import { composing, editNext } from "./choice-editor";

type Success = (value: unknown) => void;
type Cancel = (value?: unknown) => void;
type OnRendered = (f: () => void) => void;

export function multilineEditor(maxLength = 20000) {
  return (cell: CellComponent, onRendered: OnRendered, success: Success, cancel: Cancel): HTMLElement => {
    const area = document.createElement("textarea");
    const initial = String(cell.getValue() ?? "");
    area.value = initial;
    area.maxLength = maxLength;
    area.className = "cell-textarea";
    area.rows = Math.min(8, Math.max(2, initial.split("\n").length + 1));
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (area.value === initial) cancel();
      else success(area.value);
    };
    area.addEventListener("keydown", (e) => {
      if (composing(e)) return;
      if (e.key === "Enter" && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        e.stopPropagation();
        finish();
      } else if (e.key === "Enter" && e.altKey) {
        // Alt+Enter is a new line, as in Excel (Shift+Enter is the textarea's own).
        e.preventDefault();
        const at = area.selectionStart;
        area.setRangeText("\n", at, area.selectionEnd, "end");
      } else if (e.key === "Tab") {
        e.preventDefault();
        e.stopPropagation();
        finish();
        editNext(cell, e.shiftKey);
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        done = true;
        cancel();
      }
    });
    area.addEventListener("blur", finish);
    onRendered(() => {
      area.focus();
      area.select();
    });
    return area;
  };
}
