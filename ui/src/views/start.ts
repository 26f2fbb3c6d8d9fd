// Start: new project (empty or from a sample), open a file, recent files, crash recovery.
import { api, errorText } from "../api";
import { state, load, toast, fileName, openFile, confirmReplace } from "../app";
import { h } from "../dom";
import { t, lang } from "../i18n";

export function renderStart(el: HTMLElement): void {
  const info = state.info;
  if (!info) return;
  el.append(
    h("h1", {}, t("ui.start.title")),
    ...info.recoveries.map((rec, i) =>
      h(
        "section",
        { class: "card warn recovery", id: i === 0 ? "recovery" : `recovery-${i}` },
        h("h2", {}, t("ui.recovery.title")),
        h(
          "p",
          {},
          t("ui.recovery.text", {
            name: String(rec.project?.meta?.name ?? ""),
            when: new Date(rec.saved_at * 1000).toLocaleString(lang()),
          }),
        ),
        rec.path ? h("p", { class: "muted" }, rec.path) : "",
        h(
          "button",
          {
            id: i === 0 ? "btn-recover" : `btn-recover-${i}`,
            onclick: async () => {
              if (!(await confirmReplace())) return;
              info.recoveries = info.recoveries.filter((r) => r !== rec);
              load(rec.project, rec.path, false);
            },
          },
          t("ui.recovery.restore"),
        ),
        h(
          "button",
          {
            onclick: async (e: Event) => {
              await api.recoveryClear(rec.key);
              info.recoveries = info.recoveries.filter((r) => r !== rec);
              (e.target as HTMLElement).closest("section")?.remove();
            },
          },
          t("ui.recovery.discard"),
        ),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("ui.start.new")),
      h("button", { id: "btn-new-empty", onclick: () => newProject(null) }, t("ui.start.empty")),
      ...info.samples.map((s) => h("button", { id: `btn-sample-${s}`, onclick: () => newProject(s) }, t(`ui.sample.${s}`))),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("ui.start.open")),
      h("button", { id: "btn-open", title: "Ctrl+O", onclick: () => void openFile() }, t("ui.start.open_file")),
      h("p", { class: "hint" }, t("ui.start.open_hint")),
      state.recent.length
        ? h(
            "ul",
            { class: "recent" },
            ...state.recent.map((p) =>
              h(
                "li",
                {},
                h(
                  "a",
                  {
                    href: "#",
                    title: p,
                    onclick: async (e: Event) => {
                      e.preventDefault();
                      if (!(await confirmReplace())) return;
                      try {
                        const o = await api.openRecent(p);
                        state.recent = o.recent;
                        load(o.project, o.path, true, o.doc);
                      } catch (err) {
                        toast(`${t("ui.open_failed")}: ${errorText(err)}`, true);
                      }
                    },
                  },
                  fileName(p),
                ),
                h("span", { class: "hint" }, ` ${p}`),
              ),
            ),
          )
        : "",
    ),
    h("p", { class: "hint" }, `OT Zone Studio ${info.version} · catalogue ${info.catalogue.version}`),
  );
}

async function newProject(sample: string | null): Promise<void> {
  if (!(await confirmReplace())) return;
  try {
    const o = await api.newProject(sample, lang());
    load(o.project, null, false, o.doc);
  } catch (e) {
    toast(errorText(e), true);
  }
}
