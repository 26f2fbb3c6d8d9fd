// A table cell editor for a choice (asset type, zone, threat, responsible party…) that takes
// what is typed: it opens unfiltered with the current value highlighted, filters as the user
// types (by the name shown, the other language's name and the id), Enter or Tab takes the
// highlighted match, and text that matches nothing is refused visibly, never dropped silently.
// Multi-choice cells (linked businesses, covered threats) toggle with Enter or a click and
// commit with Tab or by leaving the cell.
import type { CellComponent } from "tabulator-tables";
import { toast } from "../app";
import { matchChoices, resolveChoice, resolveUnique, type Choice } from "../choices";
import { t } from "../i18n";

type Success = (value: unknown) => void;
type Cancel = (value?: unknown) => void;
type OnRendered = (f: () => void) => void;

export interface ChoiceOptions {
  multi?: boolean;
  /** May the value be cleared (typing nothing, or choosing "—")? */
  optional?: boolean;
}

/** Move on to the next editable cell of the row, as Tab does in a spreadsheet. */
function editNext(cell: CellComponent, back: boolean): void {
  const cells = cell.getRow().getCells();
  const i = cells.indexOf(cells.find((c) => c.getField() === cell.getField())!);
  const order = back ? cells.slice(0, i).reverse() : cells.slice(i + 1);
  const next = order.find((c) => !!c.getColumn().getDefinition().editor);
  if (next) window.setTimeout(() => next.edit(true), 0);
}

export function choiceEditor(choices: () => Choice[], opts: ChoiceOptions = {}) {
  return (cell: CellComponent, onRendered: OnRendered, success: Success, cancel: Cancel): HTMLElement => {
    const all = choices();
    const current = cell.getValue() as unknown;
    const chosen = new Set<string>(Array.isArray(current) ? current.map(String) : []);
    const labelOf = (v: string) => all.find((c) => c.value === v)?.label ?? v;
    const initial = opts.multi ? "" : current === undefined || current === null ? "" : labelOf(String(current));

    const input = document.createElement("input");
    input.type = "text";
    input.className = "choice-input";
    input.value = initial;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "true");
    input.setAttribute("autocomplete", "off");
    input.placeholder = opts.multi ? t("ui.choice.filter") : "";
    const list = document.createElement("div");
    list.className = "choice-list";
    list.setAttribute("role", "listbox");
    list.dataset.field = cell.getField();
    const message = document.createElement("div");
    message.className = "choice-message";

    let shown: Choice[] = all;
    let active = 0;
    let done = false;
    let filtered = false;
    /** The highlight was moved with the arrow keys since the last choice. */
    let arrowed = false;

    const close = () => {
      done = true;
      list.remove();
      window.clearInterval(watch);
    };
    const finish = (value: unknown) => {
      if (done) return;
      close();
      success(value);
    };
    const abandon = () => {
      if (done) return;
      close();
      cancel();
    };
    const refuse = (typed: string) => {
      input.classList.add("invalid");
      message.textContent = t("ui.choice.no_match", { text: typed });
    };

    const render = () => {
      list.replaceChildren();
      shown.forEach((c, i) => {
        const item = document.createElement("div");
        item.className = "choice-item";
        item.setAttribute("role", "option");
        item.dataset.value = c.value;
        if (i === active) item.classList.add("active");
        if (opts.multi ? chosen.has(c.value) : c.value === String(current ?? "")) item.classList.add("current");
        item.textContent = opts.multi ? `${chosen.has(c.value) ? "☑" : "☐"} ${c.label}` : c.label;
        item.addEventListener("mousedown", (e) => {
          e.preventDefault(); // keep the input focused (its blur would commit)
          if (opts.multi) {
            toggle(c.value);
          } else {
            finish(c.value);
          }
        });
        list.append(item);
      });
      if (!shown.length) {
        const none = document.createElement("div");
        none.className = "choice-none";
        none.textContent = t("ui.choice.no_match", { text: input.value });
        list.append(none);
      }
      if (opts.multi) {
        const hint = document.createElement("div");
        hint.className = "choice-hint";
        hint.textContent = t("ui.choice.multi_hint");
        list.append(hint);
      }
      list.append(message);
      list.querySelector(".active")?.scrollIntoView({ block: "nearest" });
    };
    const toggle = (v: string) => {
      if (chosen.has(v)) chosen.delete(v);
      else chosen.add(v);
      input.value = "";
      filtered = false;
      shown = all;
      active = Math.max(0, shown.findIndex((c) => c.value === v));
      render();
    };
    const refilter = () => {
      filtered = true;
      input.classList.remove("invalid");
      message.textContent = "";
      shown = matchChoices(all, input.value);
      active = 0;
      render();
    };
    /** What leaving the single-choice cell (Enter, Tab, blur) commits; false when refused. */
    const commitTyped = (): boolean => {
      const typed = input.value;
      if (!filtered || typed === initial) {
        // Nothing typed: the highlighted item (arrow keys) or the value as it was.
        const pick = shown[active];
        if (pick && pick.value !== String(current ?? "")) finish(pick.value);
        else abandon();
        return true;
      }
      if (!typed.trim()) {
        if (opts.optional) finish("");
        else abandon();
        return true;
      }
      const pick = shown[active] ?? resolveChoice(all, typed);
      if (!pick) {
        refuse(typed);
        return false;
      }
      finish(pick.value);
      return true;
    };
    const commitMulti = () => {
      const before = Array.isArray(current) ? current.map(String) : [];
      const after = all.map((c) => c.value).filter((v) => chosen.has(v));
      if (after.length === before.length && after.every((v, i) => v === before[i])) abandon();
      else finish(after);
    };

    input.addEventListener("input", refilter);
    input.addEventListener("keydown", (e) => {
      switch (e.key) {
        case "ArrowDown":
        case "ArrowUp":
          e.preventDefault();
          e.stopPropagation();
          if (shown.length) active = (active + (e.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
          arrowed = true;
          render();
          break;
        case "Enter":
          e.preventDefault();
          e.stopPropagation();
          if (opts.multi) {
            // With text typed: toggle the best match and stay for more. With nothing typed
            // (after choosing, or arrowing): Enter is "done" unless an item was arrowed to.
            const pick = shown[active];
            if (!input.value && !arrowed) commitMulti();
            else if (pick) toggle(pick.value);
            else refuse(input.value);
            arrowed = false;
          } else {
            commitTyped();
          }
          break;
        case "Tab":
          e.preventDefault();
          e.stopPropagation();
          if (opts.multi) commitMulti();
          else if (!commitTyped()) return;
          editNext(cell, e.shiftKey);
          break;
        case "Escape":
          e.preventDefault();
          e.stopPropagation();
          abandon();
          break;
      }
    });
    input.addEventListener("blur", () => {
      if (done) return;
      if (opts.multi) {
        commitMulti();
        return;
      }
      const typed = input.value;
      // Leaving the cell by clicking elsewhere takes typed text only when it names one choice
      // without doubt (Enter and Tab take the highlighted one, which the user sees). Otherwise
      // the value stays as it was, and the user is told why (never silently).
      if (filtered && typed.trim() && typed !== initial) {
        const r = resolveUnique(all, typed);
        if (r && "choice" in r) finish(r.choice.value);
        else {
          abandon();
          toast(t(r ? "ui.choice.ambiguous" : "ui.choice.refused", { text: typed.slice(0, 80) }), true);
        }
        return;
      }
      commitTyped();
    });

    // The list lives outside the table (a cell clips it); it goes when the editor goes.
    const watch = window.setInterval(() => {
      if (!input.isConnected) close();
    }, 300);
    onRendered(() => {
      const r = cell.getElement().getBoundingClientRect();
      list.style.left = `${Math.round(r.left)}px`;
      list.style.minWidth = `${Math.max(220, Math.round(r.width))}px`;
      const below = window.innerHeight - r.bottom;
      if (below < 200 && r.top > below) list.style.bottom = `${Math.round(window.innerHeight - r.top)}px`;
      else list.style.top = `${Math.round(r.bottom)}px`;
      document.body.append(list);
      active = Math.max(0, all.findIndex((c) => c.value === String(current ?? "")));
      if (opts.multi) active = 0;
      render();
      input.focus();
      input.select();
    });
    return input;
  };
}
