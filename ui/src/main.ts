// OT Zone Studio UI: the shell (header, step sidebar, findings) and the view router.
import "./styles.css";
import { api, errorText } from "./api";
import { openFile } from "./app";
import { state, subscribe, setView, undo, redo, save, setLanguage, load, toast, setStatusElement, doc, type View } from "./app";
import { h, clear } from "./dom";
import { t, lang, setLang } from "./i18n";
import { STEPS, completion, findingsByStep, stepOfKind, type Finding } from "./steps";
import { renderStart } from "./views/start";
import { renderRequirements } from "./views/requirements";
import { renderTableStep } from "./views/tables";
import { renderDiagram, disposeDiagram } from "./views/diagram";
import { renderRisk } from "./views/risk";
import { renderExcel } from "./views/excel";

const root = document.getElementById("app")!;
const header = h("header", { class: "topbar" });
const sidebar = h("nav", { class: "sidebar", "aria-label": "steps" });
const main = h("main", { class: "content", id: "content" });
const findingsPanel = h("aside", { class: "findings", id: "findings-panel" });
const status = h("footer", { class: "status", id: "status" });
root.append(header, h("div", { class: "body" }, sidebar, main, findingsPanel), status, h("div", { id: "toasts", "aria-live": "polite" }));
setStatusElement(status);

function renderHeader(): void {
  clear(header);
  const hist = state.history;
  header.append(
    h("span", { class: "brand" }, "OT Zone Studio"),
    h("button", { id: "btn-home", title: t("ui.start"), onclick: () => setView("start") }, t("ui.start")),
    h("button", { id: "btn-save", disabled: !hist, title: "Ctrl+S", onclick: () => void save() }, t("ui.save")),
    h("button", { id: "btn-save-as", disabled: !hist, title: "Ctrl+Shift+S", onclick: () => void save(true) }, t("ui.save_as")),
    h("button", { id: "btn-undo", disabled: !hist?.canUndo, title: `Ctrl+Z ${hist?.undoLabel ?? ""}`, onclick: undo }, t("ui.undo")),
    h("button", { id: "btn-redo", disabled: !hist?.canRedo, title: `Ctrl+Y ${hist?.redoLabel ?? ""}`, onclick: redo }, t("ui.redo")),
    h("span", { class: "doc-name", id: "doc-name" }, hist ? `${hist.isDirty ? "● " : ""}${hist.doc.meta.name}` : ""),
    h(
      "button",
      { id: "btn-findings", disabled: !hist, onclick: () => ((state.findingsOpen = !state.findingsOpen), renderFindings()) },
      t("ui.findings", { n: state.analysis?.findings.length ?? 0 }),
    ),
    h(
      "select",
      {
        id: "lang",
        "aria-label": "language",
        onchange: (e: Event) => setLanguage((e.target as HTMLSelectElement).value as "ja" | "en"),
      },
      h("option", { value: "ja", selected: lang() === "ja" }, "日本語"),
      h("option", { value: "en", selected: lang() === "en" }, "English"),
    ),
  );
}

function renderSidebar(): void {
  clear(sidebar);
  if (!state.history) return;
  const p = doc();
  const byStep = findingsByStep(state.analysis?.findings ?? []);
  const item = (v: View, label: string, extra?: Node) =>
    h(
      "button",
      { class: `step ${state.view === v ? "active" : ""}`, id: `step-${v}`, "data-step": v, onclick: () => setView(v) },
      h("span", { class: "step-label" }, label),
      extra ?? "",
    );
  for (const s of STEPS) {
    const pct = Math.round(completion(p, s) * 100);
    const open = (byStep.get(s) ?? []).filter((f) => f.severity !== "info").length;
    sidebar.append(
      item(
        s,
        `${s} ${t(`ui.step.${s}`)}`,
        h(
          "span",
          { class: "step-meta" },
          h("span", { class: "meter", title: `${pct}%` }, h("span", { class: "meter-fill", style: `width:${pct}%` })),
          open ? h("span", { class: "badge", title: t("ui.open_findings") }, String(open)) : "",
        ),
      ),
    );
  }
  sidebar.append(h("hr"), item("risk", t("ui.view.risk")), item("excel", t("ui.view.excel")));
}

function renderFindings(): void {
  clear(findingsPanel);
  findingsPanel.classList.toggle("open", state.findingsOpen);
  if (!state.findingsOpen) return;
  const list: Finding[] = state.analysis?.findings ?? [];
  findingsPanel.append(
    h("h2", {}, t("ui.findings", { n: list.length })),
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
                const step = stepOfKind(f.item.kind);
                if (f.item.kind === "asset" || f.item.kind === "zone" || f.item.kind === "conduit")
                  state.selected = `${f.item.kind[0]}:${f.item.id}`;
                setView(f.step && STEPS.includes(f.step as never) ? (f.step as View) : step);
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
  renderHeader();
  renderSidebar();
  renderFindings();
  if (why === "doc" || why === "view" || why === "lang") {
    // Table cell edits report "view" but leave the table as it is (focus, scroll).
    if (why === "view" && (main.dataset.view === state.view)) return;
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
  } else if ((k === "z" && !e.shiftKey) && !inField) {
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

async function boot(): Promise<void> {
  setLang("ja");
  try {
    state.info = await api.appInfo();
  } catch (e) {
    main.append(h("p", { class: "error" }, errorText(e)));
    return;
  }
  state.recent = state.info.recent;
  if (state.info.initial) load(state.info.initial.project, state.info.initial.path);
  if (state.info.initial_error) toast(`${t("ui.open_failed")}: ${errorText(state.info.initial_error)}`, true);
  if (state.info.recovery_error) toast(errorText(state.info.recovery_error), true);
  renderHeader();
  renderSidebar();
  if (!state.info.initial) renderMain();
  (window as unknown as { __otzone: unknown }).__otzone = { state };
}

window.addEventListener("error", (e) => toast(String(e.message), true));
window.addEventListener("unhandledrejection", (e) => toast(errorText(e.reason), true));
void boot();
