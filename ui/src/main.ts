// OT Zone Studio UI: the shell (header, step sidebar, findings) and the view router.
import "./styles.css";
import { api, errorText } from "./api";
import { openFile, confirmReplace, openFromSystem } from "./app";
import { getCurrentWindow } from "@tauri-apps/api/window";
import {
  state,
  commit,
  lastAnalysisTimings,
  subscribe,
  setView,
  undo,
  redo,
  save,
  setLanguage,
  load,
  toast,
  setStatusElement,
  type View,
} from "./app";
import { h, clear } from "./dom";
import { t, lang, setLang } from "./i18n";
import { STEPS, findingsByStep, stepOfKind, type Finding } from "./steps";
import { renderStart } from "./views/start";
import { renderRequirements } from "./views/requirements";
import { disposeTables, renderTableStep, revealRowOnNextRender } from "./views/tables";
import { renderDiagram, disposeDiagram, warmLayoutEngine } from "./views/diagram";
import { renderRisk, revealRiskOnNextRender } from "./views/risk";
import { renderExcel } from "./views/excel";

const root = document.getElementById("app")!;
const header = h("header", { class: "topbar" });
const sidebar = h("nav", { class: "sidebar", "aria-label": "steps" });
const main = h("main", { class: "content", id: "content" });
const findingsPanel = h("aside", { class: "findings", id: "findings-panel" });
const status = h("span", { id: "status" });
// Shown while an analysis takes long enough to notice: the figures on screen are about to change.
const busy = h("span", { id: "analysing", class: "analysing", role: "status", hidden: true }, t("ui.analysing"));
root.append(
  header,
  h("div", { class: "body" }, sidebar, main, findingsPanel),
  h("footer", { class: "status" }, status, busy),
  h("div", { id: "toasts", "aria-live": "polite" }),
);
setStatusElement(status, busy);

// The header and the sidebar are built once and updated in place: every edit and every
// analysis updates them, and rebuilding would take focus away from a button being used (and
// hand a stale element to anything about to click it).
const btn = (id: string, title: string, onclick: () => void) => h("button", { id, title, onclick });
const hdr = {
  home: btn("btn-home", "", () => setView("start")),
  save: btn("btn-save", "Ctrl+S", () => void save()),
  saveAs: btn("btn-save-as", "Ctrl+Shift+S", () => void save(true)),
  undo: btn("btn-undo", "", undo),
  redo: btn("btn-redo", "", redo),
  docName: h("span", { class: "doc-name", id: "doc-name" }),
  findings: btn("btn-findings", "", () => ((state.findingsOpen = !state.findingsOpen), renderFindings())),
  lang: h(
    "select",
    { id: "lang", "aria-label": "language", onchange: (e: Event) => setLanguage((e.target as HTMLSelectElement).value as "ja" | "en") },
    h("option", { value: "ja" }, "日本語"),
    h("option", { value: "en" }, "English"),
  ),
};
header.append(
  h("span", { class: "brand" }, "OT Zone Studio"),
  hdr.home,
  hdr.save,
  hdr.saveAs,
  hdr.undo,
  hdr.redo,
  hdr.docName,
  hdr.findings,
  hdr.lang,
);

function renderHeader(): void {
  const hist = state.history;
  hdr.home.textContent = t("ui.start");
  hdr.home.title = t("ui.start");
  hdr.save.textContent = t("ui.save");
  hdr.saveAs.textContent = t("ui.save_as");
  hdr.undo.textContent = t("ui.undo");
  hdr.redo.textContent = t("ui.redo");
  hdr.undo.title = `Ctrl+Z ${hist?.undoLabel ?? ""}`;
  hdr.redo.title = `Ctrl+Y ${hist?.redoLabel ?? ""}`;
  hdr.save.disabled = hdr.saveAs.disabled = hdr.findings.disabled = !hist;
  hdr.undo.disabled = !hist?.canUndo;
  hdr.redo.disabled = !hist?.canRedo;
  hdr.docName.textContent = hist ? `${hist.isDirty ? "● " : ""}${hist.doc.meta.name}` : "";
  hdr.findings.textContent = t("ui.findings", { n: state.analysis?.findings.length ?? 0 });
  hdr.lang.value = lang();
}

interface StepButton {
  button: HTMLButtonElement;
  label: HTMLSpanElement;
  meter?: HTMLSpanElement;
  fill?: HTMLSpanElement;
  badge?: HTMLSpanElement;
}
const stepButtons = new Map<View, StepButton>();

function stepButton(v: View, withMeter: boolean): StepButton {
  const label = h("span", { class: "step-label" });
  const b: StepButton = {
    button: h("button", { class: "step", id: `step-${v}`, "data-step": v, onclick: () => setView(v) }, label),
    label,
  };
  if (withMeter) {
    b.fill = h("span", { class: "meter-fill" });
    b.meter = h("span", { class: "meter" }, b.fill);
    b.badge = h("span", { class: "badge", hidden: true });
    b.button.append(h("span", { class: "step-meta" }, b.meter, b.badge));
  }
  stepButtons.set(v, b);
  return b;
}
for (const s of STEPS) sidebar.append(stepButton(s, true).button);
sidebar.append(h("hr"), stepButton("risk", false).button, stepButton("excel", false).button);

function renderSidebar(): void {
  sidebar.hidden = !state.history;
  if (!state.history) return;
  const byStep = findingsByStep(state.analysis?.findings ?? []);
  const percent = new Map((state.analysis?.completion ?? []).map((c) => [c.step, c.percent]));
  for (const [v, b] of stepButtons) {
    b.button.classList.toggle("active", state.view === v);
    if (!b.meter || !b.fill || !b.badge) {
      b.label.textContent = t(v === "risk" ? "ui.view.risk" : "ui.view.excel");
      continue;
    }
    b.label.textContent = `${v} ${t(`ui.step.${v}`)}`;
    // How complete a step is comes with the analysis: no meter until it has arrived.
    const pct = percent.get(v) ?? 0;
    b.meter.hidden = !percent.has(v);
    b.meter.title = `${pct}%`;
    b.fill.style.width = `${pct}%`;
    const open = (byStep.get(v) ?? []).filter((f) => f.severity !== "info").length;
    b.badge.hidden = !open;
    b.badge.textContent = String(open);
    b.badge.title = t("ui.open_findings");
  }
}

/** Findings listed in the panel at most. */
const FINDINGS_SHOWN = 300;

function renderFindings(): void {
  clear(findingsPanel);
  findingsPanel.classList.toggle("open", state.findingsOpen);
  if (!state.findingsOpen) return;
  const all: Finding[] = state.analysis?.findings ?? [];
  // A large factory can have a finding per asset (100k): the panel lists the first ones, in
  // the core's order (guideline step by step), and counts the rest (rendering them all froze
  // the app).
  const list = all.slice(0, FINDINGS_SHOWN);
  findingsPanel.append(
    h("h2", {}, t("ui.findings", { n: all.length })),
    all.length > list.length ? h("p", { class: "hint", id: "findings-more" }, t("ui.findings_more", { n: all.length - list.length })) : "",
    h(
      "ul",
      { class: "finding-list" },
      ...list.map((f) =>
        h(
          "li",
          { class: `sev-${f.severity}` },
          h("span", { class: "sev" }, t(`severity.${f.severity}`)),
          " ",
          h(
            "a",
            {
              href: "#",
              onclick: (e: Event) => {
                e.preventDefault();
                // Go to the item itself: selected and centred on the diagram, or its table row
                // scrolled to and marked; the panel closes so it does not cover it.
                // A risk row is in the register (its treatment form beside it), not in a step.
                const step = stepOfKind(f.item.kind);
                const view: View = f.item.kind === "risk" ? "risk" : f.step && STEPS.includes(f.step as never) ? (f.step as View) : step;
                if (f.item.kind === "asset" || f.item.kind === "zone" || f.item.kind === "conduit" || f.item.kind === "entry_point")
                  state.selected = `${f.item.kind[0]}:${f.item.id}`;
                if (view === "risk") revealRiskOnNextRender(f.item.id);
                else if (view !== "1-6") revealRowOnNextRender(f.item.id);
                state.findingsOpen = false;
                if (state.view === view) {
                  // Already there: show it again so the row or node is revealed.
                  renderMain();
                  renderFindings();
                } else {
                  setView(view);
                }
              },
            },
            `${f.step} ${f.item.name}`,
          ),
          h("div", { class: "msg" }, lang() === "ja" ? f.message_ja : f.message_en),
        ),
      ),
    ),
  );
}

let lastView: View | null = null;
function renderMain(): void {
  if (lastView === "1-6" && state.view !== "1-6") disposeDiagram();
  disposeTables();
  lastView = state.view;
  clear(main);
  if (!state.history || state.view === "start") {
    renderStart(main);
    return;
  }
  switch (state.view) {
    case "1-1":
      renderRequirements(main);
      break;
    case "1-6":
      renderDiagram(main);
      break;
    case "risk":
      renderRisk(main);
      break;
    case "excel":
      renderExcel(main);
      break;
    default:
      renderTableStep(main, state.view);
  }
}

subscribe((why) => {
  if (why === "lang") busy.textContent = t("ui.analysing");
  renderHeader();
  renderSidebar();
  renderFindings();
  if (why === "doc" || why === "view" || why === "lang") {
    // Table cell edits report "view" but leave the table as it is (focus, scroll).
    if (why === "view" && main.dataset.view === state.view) return;
    renderMain();
    main.dataset.view = state.view;
  } else if (why === "analysis") {
    document.dispatchEvent(new CustomEvent("analysis"));
  }
});

document.addEventListener("keydown", (e) => {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return;
  const inField = (e.target as HTMLElement)?.closest("input, textarea, select, .tabulator-editing");
  const k = e.key.toLowerCase();
  if (k === "s") {
    e.preventDefault();
    void save(e.shiftKey);
  } else if (k === "z" && !e.shiftKey && !inField) {
    e.preventDefault();
    undo();
  } else if ((k === "y" || (k === "z" && e.shiftKey)) && !inField) {
    e.preventDefault();
    redo();
  } else if (k === "o") {
    e.preventDefault();
    void openFile();
  }
});

// Closing the window with unsaved changes asks first, like every other way of leaving them.
void getCurrentWindow().onCloseRequested(async (e) => {
  if (!state.history?.isDirty) return;
  e.preventDefault();
  if (await confirmReplace()) await getCurrentWindow().destroy();
});

async function boot(): Promise<void> {
  setLang("ja");
  try {
    state.info = await api.appInfo();
  } catch (e) {
    main.append(h("p", { class: "error" }, errorText(e)));
    return;
  }
  state.recent = state.info.recent;
  if (state.info.initial) load(state.info.initial.project, state.info.initial.path, true, state.info.initial.doc);
  if (state.info.initial_error) toast(`${t("ui.open_failed")}: ${errorText(state.info.initial_error)}`, true);
  for (const e of state.info.recovery_errors) toast(errorText(e), true);
  renderHeader();
  renderSidebar();
  if (!state.info.initial) renderMain();
  // State for the end-to-end test to read, and the window's own close (as its X button does).
  // `commit` lets the edit benchmark (tests/e2e/edit-bench.e2e.mjs) time an edit as a table cell makes it.
  (window as unknown as { __otzone: unknown }).__otzone = {
    state,
    commit,
    lastAnalysisTimings,
    closeWindow: () => getCurrentWindow().close(),
  };
}

window.addEventListener("error", (e) => toast(String(e.message), true));
window.addEventListener("unhandledrejection", (e) => toast(errorText(e.reason), true));
void boot();
warmLayoutEngine();

// macOS opens a double-clicked project by sending it to the running app.
void api.onOpenFile((path) => void openFromSystem(path));
