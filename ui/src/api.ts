// Typed calls to the Rust shell. Every path is chosen in a native dialog on the Rust side.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Project } from "./model";
import type * as W from "./generated/wire";
import type { WhatIf } from "./whatif";
import { has, t, type Lang } from "./i18n";

// What the core sends and takes: generated from the Rust types (src-tauri/src/wire_types.rs).
export type CommandError = W.CommandError;
export type Opened = W.Opened;
export type Recovery = W.Recovery;
export type AppInfo = W.AppInfo;
export type Catalogue = W.CatalogueView;
export type HeatMap = W.HeatMap;
export type AttackTree = W.AttackTree;
export type Exclusion = W.ExclusionView;
export type GroupCounts = W.GroupCounts;
export type Explanation = W.Explanation;
export type ChangeLine = W.ChangeLine;
export type Comparison = W.Comparison;
export type LedgerPreview = W.Preview;
export type ResponseReport = W.ResponseReport;
export type InspectionResultView = W.InspectionResult;
export type ThreatDecisionView = W.ThreatApplicability;

/**
 * The analysis as the window holds it: every section of the core's answer, merged, with the
 * register rows and attack paths expanded (sync.ts).
 */
export type Analysis = Omit<
  Required<W.Update>,
  | "attack_paths"
  | "risks"
  | "doc"
  | "relative_to"
  | "timings_ms"
  | "whole"
  | "risk_changes"
  | "attack_path_changes"
  | "finding_changes"
  | "sl_gap_changes"
  | "asset_importance_changes"
  | "business_importance_changes"
  | "zone_importance_changes"
> & { attack_paths: W.AttackPath[]; risks: W.RiskView[] };

/** A command's name, request and answer, as `src-tauri/src/commands.rs` declares them. */
export type CommandName = keyof W.Commands;
export type RequestOf<K extends CommandName> = W.Commands[K]["request"];
export type AnswerOf<K extends CommandName> = W.Commands[K]["answer"];

/**
 * Call command `name` with its one argument `request` (none where the command takes none):
 * both typed from the Rust declaration, so a renamed field or command fails to compile here.
 */
export function call<K extends CommandName>(name: K, ...request: RequestOf<K> extends null ? [] : [RequestOf<K>]): Promise<AnswerOf<K>> {
  return invoke<AnswerOf<K>>(name, request.length ? { request: request[0] } : {});
}

export const api = {
  appInfo: () => call("app_info"),
  newProject: (sample: string | null, lang: Lang) => call("new_project", { sample, lang }),
  openProject: () => call("open_project"),
  openRecent: (path: string) => call("open_recent", path),
  saveProject: (project: Project, path: string | null, saveAs: boolean, overwrite = false) =>
    call("save_project", { project, path, save_as: saveAs, overwrite }),
  explain: (revision: number, riskId: string, lang: Lang) => call("explain", { revision, risk_id: riskId, lang }),
  whatIf: (project: Project, change: W.WhatIfChange): Promise<WhatIf> => call("what_if", { project, change }),
  recordRevision: (project: Project, revision: W.RevisionRequest) => call("record_revision", { project, revision }),
  compareRevision: (project: Project, index: number, lang: Lang) => call("compare_revision", { project, index, lang }),
  baseline: (project: Project) => call("baseline", { project }),
  exportWorkbook: (project: Project, lang: Lang) => call("export_workbook", { project, lang }),
  pickLedger: () => call("pick_ledger"),
  ledgerPreview: (project: Project, ledger: W.LedgerRequest) => call("ledger_preview", { project, ledger }),
  pastePreview: (project: Project, rows: W.PastedRows) => call("paste_preview", { project, rows }),
  pasteApply: (project: Project, rows: W.PastedRows, skipErrorRows: boolean) =>
    call("paste_apply", { project, rows, skip_error_rows: skipErrorRows }),
  ledgerApply: (project: Project, ledger: W.LedgerRequest, skipErrorRows: boolean) =>
    call("ledger_apply", { project, ledger, skip_error_rows: skipErrorRows }),
  pickResponses: () => call("pick_responses"),
  responsesPreview: (project: Project) => call("responses_preview", { project }),
  responsesApply: (project: Project) => call("responses_apply", { project }),
  autosave: (project: Project, path: string | null, keep: string | null = null) =>
    call("autosave", keep === null ? { project, path } : { project, path, keep }),
  recoveryClear: (key: string) => call("recovery_clear", key),
  saveImage: (kind: W.ImageKind, data: number[]) => call("save_image", { kind, data }),
  setTitle: (title: string) => call("set_title", title),
  onExportProgress: (f: (phase: string) => void): Promise<UnlistenFn> => listen<string>("export-progress", (e) => f(e.payload)),
  /** A project the system asks to open (macOS "opened" event). */
  onOpenFile: (f: (path: string) => void): Promise<UnlistenFn> => listen<string>("open-file", (e) => f(e.payload)),
};

/** A location as the reader reads it: file, sheet, row, column and field path. */
export function locationText(l: W.Location | undefined): string {
  if (!l) return "";
  return [l.file, l.sheet, l.row ? `${t("ui.excel.row")} ${l.row}` : "", l.column ? `${t("ui.excel.column")} ${l.column}` : "", l.path]
    .filter((x) => x !== undefined && x !== "")
    .join(" · ");
}

/**
 * An error from the core in the reader's language: what happened, translated by its code
 * (`error.<code>`), and where (file, sheet, row, column, field); the core's own words follow
 * as the detail. Codes without a translation show the core's message.
 */
export function errorText(e: unknown): string {
  if (typeof e === "object" && e && "message" in e) {
    const ce = e as CommandError;
    const key = `error.${ce.code}`;
    const where = locationText(ce.location);
    const head = has(key) ? `${t(key)}${where ? ` (${where})` : ""}` : ce.message;
    const detail = has(key) && !(ce.problems ?? []).length ? `\n${ce.message}` : "";
    const more = (ce.problems ?? [])
      .slice(0, 8)
      .map((p) => {
        const at = locationText(p.location);
        return `\n• ${at ? `${at}: ` : ""}${p.message}`;
      })
      .join("");
    return `${head}${detail}${more}`;
  }
  return String(e);
}
