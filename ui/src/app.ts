// Application state: the open document with its history, the latest analysis, and the
// plumbing every view shares (commit an edit, re-analyse, autosave, title, notices).
import { api, errorText, type Analysis, type AppInfo, type Catalogue, type CommandError } from "./api";
import { History } from "./history";
import { applyChanges, DocumentSync } from "./sync";
import type { Collection } from "./generated/wire";
import { lang, setLang, t, type Lang } from "./i18n";
import { decisionsThatLostMeasures, readableNumber, type Project } from "./model";
import type { StepId } from "./steps";

export type View = "start" | StepId | "risk" | "excel";

export interface AppState {
  info: AppInfo | null;
  history: History<Project> | null;
  path: string | null;
  recent: string[];
  view: View;
  analysis: Analysis | null;
  analysisError: string | null;
  /** Selected diagram item, e.g. `a:<id>`. */
  selected: string | null;
  /** Attack path shown on the diagram: conduit ids. */
  highlight: Set<string>;
  /** Which attack path that is (`entry>target zone`), for the diagram's path selector. */
  pathKey: string | null;
  expanded: Set<string>;
  findingsOpen: boolean;
}

export const state: AppState = {
  info: null,
  history: null,
  path: null,
  recent: [],
  view: "start",
  analysis: null,
  analysisError: null,
  selected: null,
  highlight: new Set(),
  pathKey: null,
  expanded: new Set(),
  findingsOpen: false,
};

type Listener = (why: "doc" | "analysis" | "view" | "lang") => void;
const listeners: Listener[] = [];
export function subscribe(f: Listener): void {
  listeners.push(f);
}
export function notify(why: "doc" | "analysis" | "view" | "lang"): void {
  for (const f of listeners) f(why);
}

export function doc(): Project {
  if (!state.history) throw new Error("no project open");
  return state.history.doc;
}
export function catalogue(): Catalogue {
  return state.info!.catalogue;
}
/** A catalogue entry's name in the current language. */
export function catName(list: keyof Catalogue, id: string): string {
  const items = catalogue()[list] as Array<Record<string, unknown>> | undefined;
  const it = items?.find((x) => x.id === id);
  return it ? String(it[lang()] ?? it.id) : id;
}

/**
 * Record an edit. `rerender` false when the view already shows the new value (a table cell
 * just edited): the view keeps its focus and scroll position.
 */
export function commit(next: Project, label: string, rerender = true): void {
  if (!state.history) return;
  state.history.apply(next, label);
  afterChange(rerender);
}

function afterChange(rerender: boolean): void {
  scheduleAnalysis();
  scheduleAutosave();
  updateTitle();
  notify(rerender ? "doc" : "view");
}

export function undo(): void {
  const label = state.history?.undo();
  if (label !== undefined) {
    toast(t("ui.undone", { what: label }));
    afterChange(true);
  }
}
export function redo(): void {
  const label = state.history?.redo();
  if (label !== undefined) {
    toast(t("ui.redone", { what: label }));
    afterChange(true);
  }
}

/** Open a document (new, sample, file, recovery). */
/** Open a document; `held` is the core's id for it when the core holds it (see sync.ts). */
/** Documents opened so far: an answer for an earlier one is not applied to the one open now. */
let loads = 0;
export function load(project: Project, path: string | null, saved = true, held: number | null = null): void {
  loads++;
  documentSync().reset(project, held);
  if (state.history) state.history.reset(project, saved);
  else {
    state.history = new History(project);
    if (!saved) state.history.reset(project, false);
  }
  state.path = path;
  state.analysis = null;
  state.selected = null;
  state.highlight = new Set();
  state.pathKey = null;
  state.expanded = new Set();
  if (state.view === "start") state.view = "1-1";
  scheduleAnalysis();
  if (!saved) scheduleAutosave();
  updateTitle();
  notify("doc");
}

let docSync: DocumentSync | null = null;
function documentSync(): DocumentSync {
  docSync ??= new DocumentSync(state.info?.check_sync ?? false);
  return docSync;
}
/**
 * Remove items and every reference to them (the core's cascade, `edit::remove`), as one edit.
 * An edit made while the core answered is kept: the removal is worked out again on it.
 */
export async function removeItems(collection: Collection, ids: string[], label = t("ui.delete_row")): Promise<void> {
  const opened = loads;
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = state.history?.doc;
    if (!before || loads !== opened) return;
    let changes;
    try {
      changes = await documentSync().removeItems(before, collection, ids);
    } catch (e) {
      toast(errorText(e), true);
      return;
    }
    if (loads !== opened) return; // another document was opened meanwhile
    if (state.history?.doc !== before) continue;
    // Nothing to remove (already gone): no edit to record.
    if (!changes.length) return;
    const next = applyChanges(before, changes);
    commit(next, label);
    // Countermeasures scoped only to what went go with it (an empty scope would count
    // everywhere): say which, since they may have been implemented.
    if (collection !== "countermeasures") {
      const left = new Set(next.countermeasures.map((m) => m.id));
      const gone = before.countermeasures.filter((m) => !left.has(m.id));
      if (gone.length)
        toast(
          t("ui.delete.measures_too", {
            n: gone.length,
            names: gone.map((m) => `${readableNumber("M", m.number)} ${m.measure}`.trim()).join("、"),
          }),
        );
    }
    const review = decisionsThatLostMeasures(before, next);
    if (review.length) toast(t("ui.delete.decisions_relied", { n: review.length, rows: review.join("、") }));
    return;
  }
  toast(t("ui.delete_busy"), true);
}

/** Where the core spent the last analysis's time (the edit benchmark reads it). */
export function lastAnalysisTimings(): number[] | null {
  return docSync?.lastTimings ?? null;
}

// One analysis at a time, started at once: an edit made while one runs is analysed right
// after it (all edits made meanwhile together), and an answer for a document that has
// changed since is not shown.
let analysing = false;
let analyseAgain = false;
export function scheduleAnalysis(): void {
  if (analysing) {
    analyseAgain = true;
    return;
  }
  analysing = true;
  // The marker shows only when an analysis takes long enough to notice (not on every keystroke).
  const marker = window.setTimeout(() => busyEl?.removeAttribute("hidden"), 300);
  void (async () => {
    try {
      do {
        analyseAgain = false;
        await runAnalysis();
      } while (analyseAgain);
    } finally {
      analysing = false;
      window.clearTimeout(marker);
      busyEl?.setAttribute("hidden", "");
    }
  })();
}
async function runAnalysis(): Promise<void> {
  const h = state.history;
  if (!h) return;
  const revision = h.revision;
  try {
    const a = await documentSync().analyze(h.doc, revision);
    if (!a || state.history !== h || h.revision !== revision) {
      analyseAgain = true; // a newer edit is on its way
      return;
    }
    state.analysis = a;
    state.analysisError = null;
  } catch (e) {
    if (h.revision !== revision) {
      analyseAgain = true;
      return;
    }
    state.analysisError = errorText(e);
  }
  notify("analysis");
}

let autosaveTimer: number | undefined;
export function scheduleAutosave(): void {
  window.clearTimeout(autosaveTimer);
  autosaveTimer = window.setTimeout(async () => {
    const h = state.history;
    if (!h || !h.isDirty) return;
    try {
      await api.autosave(h.doc, state.path);
      setStatus("ui.autosaved");
    } catch (e) {
      toast(`${t("ui.autosave_failed")}: ${errorText(e)}`, true);
    }
  }, 1500);
}

export function fileName(path: string | null): string {
  if (!path) return t("ui.untitled");
  return path.split(/[\\/]/).pop() ?? path;
}

export function updateTitle(): void {
  const h = state.history;
  const title = h ? `${h.isDirty ? "● " : ""}${fileName(state.path)} — ${h.doc.meta.name} — OT Zone Studio` : "OT Zone Studio";
  document.title = title;
  api.setTitle(title).catch(() => undefined);
}

export async function save(saveAs = false, overwrite = false): Promise<boolean> {
  const h = state.history;
  if (!h) return false;
  try {
    const r = await api.saveProject(h.doc, state.path, saveAs, overwrite);
    if (!r) return false;
    state.path = r.path;
    state.recent = r.recent;
    h.markSaved();
    updateTitle();
    toast(t("ui.saved", { file: fileName(r.path) }));
    notify("view");
    return true;
  } catch (e) {
    if ((e as CommandError)?.code === "conflict" && !saveAs) return resolveConflict();
    toast(`${t("ui.save_failed")}: ${errorText(e)}`, true);
    return false;
  }
}

/** The file changed on disk since it was opened: ask what to do, never overwrite silently. */
async function resolveConflict(): Promise<boolean> {
  const file = fileName(state.path);
  const choice = await askConflict(file);
  if (choice === "save_as") return save(true);
  if (choice === "overwrite") {
    if (await confirmed("overwrite-confirm", t("ui.conflict.overwrite"), t("ui.conflict.overwrite_confirm", { file })))
      return save(false, true);
    return false;
  }
  const h = state.history;
  if (
    choice === "reload" &&
    h &&
    state.path &&
    (await confirmed("reload-confirm", t("ui.conflict.reload"), t("ui.conflict.reload_confirm")))
  ) {
    try {
      // The changes here stay as a recovery copy of their own: the reloaded project has the
      // same id, and its first autosave would otherwise replace them.
      await api.autosave(h.doc, state.path, `before-reload-${Date.now()}`);
      const o = await api.openRecent(state.path);
      load(o.project, o.path, true, o.doc);
    } catch (e) {
      toast(`${t("ui.open_failed")}: ${errorText(e)}`, true);
    }
  }
  return false;
}

type ConflictChoice = "save_as" | "overwrite" | "reload" | "cancel";

function askConflict(file: string): Promise<ConflictChoice> {
  return choose<ConflictChoice>(
    "conflict-dialog",
    t("ui.conflict.title"),
    t("ui.conflict.text", { file }),
    [
      ["btn-conflict-save-as", t("ui.conflict.save_as"), "save_as"],
      ["btn-conflict-overwrite", t("ui.conflict.overwrite"), "overwrite"],
      ["btn-conflict-reload", t("ui.conflict.reload"), "reload"],
      ["btn-conflict-cancel", t("ui.cancel"), "cancel"],
    ],
    "cancel",
  );
}

/**
 * A modal question with one button per answer (Escape answers `dismissed`); the first button
 * has the focus. Text is set as text.
 */
export function choose<T extends string>(
  id: string,
  title: string,
  text: string,
  buttons: Array<[string, string, T]>,
  dismissed: T,
): Promise<T> {
  return new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.id = id;
    dialog.className = "question";
    let answered = false;
    const done = (c: T) => () => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(c);
    };
    const heading = document.createElement("h2");
    heading.textContent = title;
    const body = document.createElement("p");
    body.textContent = text;
    const row = document.createElement("div");
    row.className = "buttons";
    for (const [bid, label, answer] of buttons) {
      const b = document.createElement("button");
      b.id = bid;
      b.textContent = label;
      b.addEventListener("click", done(answer));
      row.append(b);
    }
    dialog.append(heading, body, row);
    dialog.addEventListener("cancel", done(dismissed));
    document.body.append(dialog);
    dialog.showModal();
    (row.firstElementChild as HTMLElement | null)?.focus();
  });
}

/** An OK / Cancel question in the app's own dialog (not the web view's `confirm`). */
async function confirmed(id: string, title: string, text: string): Promise<boolean> {
  const a = await choose<"ok" | "cancel">(
    id,
    title,
    text,
    [
      [`${id}-cancel`, t("ui.cancel"), "cancel"],
      [`${id}-ok`, t("ui.ok"), "ok"],
    ],
    "cancel",
  );
  return a === "ok";
}

/**
 * Before anything replaces or closes the open project: when it has unsaved changes, ask
 * whether to save them, discard them or stay. True when it may go ahead.
 */
export async function confirmReplace(): Promise<boolean> {
  const h = state.history;
  if (!h || !h.isDirty) return true;
  const answer = await choose<"save" | "discard" | "cancel">(
    "unsaved-dialog",
    t("ui.unsaved.title"),
    t("ui.unsaved.text", { name: h.doc.meta.name || t("ui.untitled"), file: fileName(state.path) }),
    [
      ["btn-unsaved-save", t("ui.unsaved.save"), "save"],
      ["btn-unsaved-discard", t("ui.unsaved.discard"), "discard"],
      ["btn-unsaved-cancel", t("ui.cancel"), "cancel"],
    ],
    "cancel",
  );
  if (answer === "save") return save();
  return answer === "discard";
}

export function setView(v: View): void {
  state.view = v;
  notify("view");
}

export function setLanguage(l: Lang): void {
  setLang(l);
  if (statusKey) setStatus(statusKey);
  updateTitle();
  notify("lang");
}

let statusEl: HTMLElement | null = null;
let busyEl: HTMLElement | null = null;
export function setStatusElement(el: HTMLElement, busy: HTMLElement | null = null): void {
  statusEl = el;
  busyEl = busy;
}
let statusKey: string | null = null;
/** Show an i18n key in the status bar (kept as a key so a language switch re-translates it). */
export function setStatus(key: string): void {
  statusKey = key;
  if (statusEl) statusEl.textContent = t(key);
}

export function toast(message: string, error = false): HTMLElement | null {
  const box = document.getElementById("toasts");
  if (!box) return null;
  const el = document.createElement("div");
  el.className = error ? "toast error" : "toast";
  el.setAttribute("role", error ? "alert" : "status");
  el.textContent = message;
  el.title = t("ui.toast.dismiss");
  el.addEventListener("click", () => el.remove());
  box.append(el);
  // At most three at a time: a burst of edits must not cover the page.
  while (box.children.length > 3) box.firstElementChild?.remove();
  window.setTimeout(() => el.remove(), error ? 9000 : 3500);
  return el;
}

/**
 * A file the system asks the running app to open (macOS sends a double-clicked project as an
 * event, not as an argument): opened like a recent file, asking first about unsaved changes.
 */
export async function openFromSystem(path: string): Promise<void> {
  if (!(await confirmReplace())) return;
  try {
    const o = await api.openRecent(path);
    state.recent = o.recent;
    load(o.project, o.path, true, o.doc);
  } catch (e) {
    toast(`${t("ui.open_failed")}: ${errorText(e)}`, true);
  }
}

export async function openFile(): Promise<void> {
  if (!(await confirmReplace())) return;
  try {
    const o = await api.openProject();
    if (o) {
      state.recent = o.recent;
      load(o.project, o.path, true, o.doc);
    }
  } catch (e) {
    toast(`${t("ui.open_failed")}: ${errorText(e)}`, true);
  }
}
