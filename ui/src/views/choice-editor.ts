// A table cell editor for a choice (asset type, zone, threat, responsible party…) that takes
// what is typed: it opens unfiltered with the current value highlighted (nothing highlighted
// when the cell is empty), filters as the user types (by the name shown, the other language's
// name and the id), and Enter or Tab takes the match. Nothing is guessed into a document the
// customer signs:
// - leaving a cell without typing or choosing changes nothing (an empty cell stays empty);
// - text that fits several choices with none exactly takes a second Enter (or the arrow keys)
//   on the highlighted one, and clicking away takes only text that names one choice;
// - text that matches nothing is refused visibly, never dropped silently.
// Multi-choice cells (linked businesses, covered threats) toggle with Enter or a click and
// commit with Tab, Enter on an empty field, or by leaving the cell.
import type { CellComponent } from "tabulator-tables";
import { toast } from "../app";
import { matchChoices, resolveUnique, type Choice } from "../choices";
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
export function editNext(cell: CellComponent, back: boolean): void {
  const cells = cell.getRow().getCells();
  const i = cells.findIndex((c) => c.getField() === cell.getField());
  const order = back ? cells.slice(0, i).reverse() : cells.slice(i + 1);
  const next = order.find((c) => !!c.getColumn().getDefinition().editor);
  if (next) window.setTimeout(() => next.edit(true), 0);
}

/** An Enter or Tab that confirms an IME conversion is not the user's Enter. */
export function composing(e: KeyboardEvent): boolean {
  return e.isComposing || e.keyCode === 229;
}

export function choiceEditor(choices: () => Choice[], opts: ChoiceOptions = {}) {
  return (cell: CellComponent, onRendered: OnRendered, success: Success, cancel: Cancel): HTMLElement => {
    // A multi-choice list holds things to choose, never "—" (an empty id is not a business).
    const offered = opts.multi ? choices().filter((c) => c.value !== "") : choices();
    // An optional single choice can always be cleared with "—".
    const all =
      opts.optional && !opts.multi && !offered.some((c) => c.value === "") ? [{ value: "", label: "—", keys: [] }, ...offered] : offered;
    const current = cell.getValue() as unknown;
    const currentKey = current === undefined || current === null ? "" : String(current);
    const chosen = new Set<string>(Array.isArray(current) ? current.map(String) : []);
    const labelOf = (v: string) => all.find((c) => c.value === v)?.label ?? v;
    const initial = opts.multi || !currentKey ? "" : labelOf(currentKey);

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
    /** The highlighted item, or -1 when none is. */
    let active = -1;
    let done = false;
    /** Text was typed since the editor opened (or since the last multi toggle). */
    let filtered = false;
    /** The highlight was moved with the arrow keys since the last typing or toggle. */
    let arrowed = false;
    /** An ambiguous text was shown once: the next Enter takes the highlighted item. */
    let warned = false;

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
    const say = (text: string, bad = true) => {
      input.classList.toggle("invalid", bad);
      message.textContent = text;
    };

    const render = () => {
      list.replaceChildren();
      shown.forEach((c, i) => {
        const item = document.createElement("div");
        item.className = "choice-item";
        item.setAttribute("role", "option");
        item.dataset.value = c.value;
        if (i === active) item.classList.add("active");
        if (opts.multi ? chosen.has(c.value) : c.value === currentKey && currentKey !== "") item.classList.add("current");
        item.textContent = opts.multi ? `${chosen.has(c.value) ? "☑" : "☐"} ${c.label}` : c.label;
        item.addEventListener("mousedown", (e) => {
          e.preventDefault(); // keep the input focused (its blur would commit)
          if (opts.multi) toggle(c.value);
          else finish(c.value);
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
      arrowed = false;
      warned = false;
      shown = all;
      active = Math.max(
        0,
        shown.findIndex((c) => c.value === v),
      );
      say("", false);
      render();
    };
    const refilter = () => {
      filtered = true;
      arrowed = false;
      warned = false;
      say("", false);
      shown = matchChoices(all, input.value);
      active = shown.length ? 0 : -1;
      render();
    };

    /**
     * The choice the typed text (or the highlight) stands for when the user confirms with
     * Enter or Tab: `undefined` = nothing to change; `null` = refused (the editor stays, with
     * the reason shown).
     */
    const confirmed = (): Choice | undefined | null => {
      const typed = input.value;
      if (arrowed && active >= 0) return shown[active];
      if (!filtered || typed === initial) return undefined;
      if (!typed.trim()) return opts.optional ? { value: "", label: "—", keys: [] } : undefined;
      const r = resolveUnique(all, typed);
      if (r && "choice" in r) return r.choice;
      if (!r) {
        say(t("ui.choice.no_match", { text: typed }));
        return null;
      }
      // Several fit and none exactly: show them; the next Enter takes the highlighted one.
      if (warned && active >= 0) return shown[active];
      warned = true;
      say(t("ui.choice.pick_one", { n: r.ambiguous.length }), false);
      return null;
    };
    const commitSingle = (): boolean => {
      const pick = confirmed();
      if (pick === null) return false;
      if (pick === undefined || pick.value === currentKey) abandon();
      else finish(pick.value);
      return true;
    };
    /** Multi: text typed but not toggled yet is added when it names one choice. */
    const pendingMulti = (): boolean => {
      const typed = input.value.trim();
      if (!typed) return true;
      const r = resolveUnique(all, typed);
      if (r && "choice" in r) {
        chosen.add(r.choice.value);
        return true;
      }
      say(r ? t("ui.choice.pick_one", { n: r.ambiguous.length }) : t("ui.choice.no_match", { text: typed }));
      return false;
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
          if (shown.length) active = active < 0 ? 0 : (active + (e.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
          arrowed = true;
          render();
          break;
        case "Enter":
          if (composing(e)) return;
          e.preventDefault();
          e.stopPropagation();
          if (opts.multi) {
            // With text typed: toggle the match and stay for more. With nothing typed: Enter
            // toggles the arrowed item, or else is "done".
            if (!input.value && !arrowed) commitMulti();
            else if (!input.value && active >= 0) toggle(shown[active].value);
            else {
              // Typed text adds its choice (typing one already chosen keeps it); removing one
              // is a click or the arrow keys and Enter on it.
              const add = (v: string) => {
                if (chosen.has(v)) chosen.delete(v); // toggle adds it back
                toggle(v);
              };
              const r = resolveUnique(all, input.value);
              if (r && "choice" in r) add(r.choice.value);
              else if (r && warned && active >= 0) add(shown[active].value);
              else if (r) {
                warned = true;
                say(t("ui.choice.pick_one", { n: r.ambiguous.length }), false);
              } else say(t("ui.choice.no_match", { text: input.value }));
            }
          } else {
            commitSingle();
          }
          break;
        case "Tab":
          if (composing(e)) return;
          e.preventDefault();
          e.stopPropagation();
          if (opts.multi) {
            if (!pendingMulti()) return;
            commitMulti();
          } else if (!commitSingle()) return;
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
      const typed = input.value;
      if (opts.multi) {
        // Leaving keeps the chosen set; typed text not toggled is added only when it names
        // one choice, and said when it is not added.
        if (typed.trim() && !pendingMulti()) toast(t("ui.choice.not_added", { text: typed.slice(0, 80) }), true);
        commitMulti();
        return;
      }
      // Clicking away takes typed text only when it names one choice without doubt; the arrow
      // keys alone choose nothing (Enter or Tab does). Otherwise the value stays as it was,
      // and the user is told why (never silently).
      if (filtered && typed.trim() && typed !== initial) {
        const r = resolveUnique(all, typed);
        if (r && "choice" in r) finish(r.choice.value);
        else {
          abandon();
          toast(t(r ? "ui.choice.ambiguous" : "ui.choice.refused", { text: typed.slice(0, 80) }), true);
        }
        return;
      }
      if (filtered && !typed.trim() && opts.optional && currentKey) finish("");
      else abandon();
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
      // The current value is shown highlighted; an empty cell highlights nothing (so that
      // Tab or Enter without a choice leaves it empty).
      active = opts.multi ? -1 : all.findIndex((c) => c.value === currentKey && currentKey !== "");
      render();
      input.focus();
      input.select();
    });
    return input;
  };
}
