// Typed calls to the Rust shell. Every path is chosen in a native dialog on the Rust side.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Project } from "./model";
import type { Finding } from "./steps";
import type { Hop } from "./route";
import type { RiskView } from "./register";
import type { AttackPath } from "./diagram-model";
import type { WhatIf } from "./whatif";
import { has, t, type Lang } from "./i18n";

export interface CommandError {
  code: string;
  message: string;
  location?: Record<string, string | number>;
  problems?: Array<{ location: Record<string, string | number>; message: string }>;
}
export interface Opened {
  project: Project;
  /** The id under which the core holds it for the window's changes (sync.ts). */
  doc: number;
  path: string | null;
  recent: string[];
}
export interface Recovery {
  key: string;
  path: string | null;
  saved_at: number;
  project: Project;
}
export interface AppInfo {
  version: string;
  samples: string[];
  recent: string[];
  initial: Opened | null;
  initial_error: CommandError | null;
  recoveries: Recovery[];
  recovery_errors: CommandError[];
  catalogue: Catalogue;
  ledger_fields: string[];
  /** Builds with debug assertions: every edit also sends the whole document, and the core compares. */
  check_sync: boolean;
}
export interface Named {
  id: string;
  name_ja: string;
  name_en: string;
  [k: string]: unknown;
}
export interface Catalogue {
  version: string;
  threats: Named[];
  measures: Named[];
  asset_types: Named[];
  entry_kinds: Named[];
  zone_templates: Named[];
  checklist: Named[];
  ooda: Array<Record<string, unknown>>;
  criteria: Named[];
  impacts: Named[];
  risk_methods: Array<{ id: string; values: string[] }>;
  [k: string]: unknown;
}
export interface HeatMap {
  state: "inherent" | "planned" | "residual";
  grid: number[][];
  /** Highest risk value (rank, 0 = highest) among each cell's rows; null when empty. */
  worst: Array<Array<number | null>>;
}
export interface Analysis {
  revision: number;
  method: string;
  values: string[];
  tolerable: string;
  risks: RiskView[];
  attack_paths: AttackPath[];
  scenarios: AttackTree[];
  /** (threat, asset) pairs left out of the register by a recorded decision. */
  exclusions: Exclusion[];
  rollups: {
    total: Record<string, unknown>;
    zones: Array<{ zone: string } & GroupCounts>;
    businesses: Array<{ business: string } & GroupCounts>;
    parties: Array<{ party: string | null } & GroupCounts>;
    heatmaps: HeatMap[];
  };
  sl_gaps: Array<{ kind: string; id: string; name: string; gap: number[]; source: string }>;
  findings: Finding[];
  asset_importance: Record<string, number>;
  business_importance: Record<string, number>;
  zone_importance: Record<string, number>;
  /** How complete each guided step is (0..1), in step order. */
  completion: Array<{ step: string; done: number; percent: number }>;
}
/** A per-asset threat decision as the core sends it. */
export interface ThreatDecisionView {
  threat: string;
  applies: boolean;
  reason: string;
}
/** A (threat, asset) pair without a register row, and why. */
export interface Exclusion {
  id: string;
  threat: string;
  asset: string;
  zone: string;
  analyst: boolean;
  reason_ja: string;
  reason_en: string;
}
/** A candidate attack tree of the damage-based view (IPA 事業被害ベース), as the core sends it. */
export interface AttackTree {
  key: string;
  damage: string;
  entry: string;
  threat: number;
  /** The threat level is one lower: a step between zones rides a response. */
  response_hop: boolean;
  steps: Array<{ zone: string; via: string; hop: Hop }>;
  pruned: boolean;
  inherent: { risk: { value: string } };
  planned: { risk: { value: string } };
  residual: { risk: { value: string } };
}
export interface GroupCounts {
  rows: number;
  inherent: number[];
  planned: number[];
  residual: number[];
}
export interface Explanation {
  id: string;
  importance: string;
  states: [string, string, string];
  /** What the residual risk stays at if the customer's and vendors' measures are not carried out. */
  unless_others?: string | null;
}
/** One line of a comparison with a recorded version (the 変更点 sheet's rows). */
export interface ChangeLine {
  id: string;
  area: string;
  kind: string;
  item: string;
  field: string;
  before: string;
  after: string;
  reason: string;
}
export interface Comparison {
  version: string;
  date: string;
  baseline: string;
  now: string;
  lines: ChangeLine[];
}
export interface LedgerPreview {
  file: string;
  sheet: string;
  header_row: number;
  columns: Array<{
    column: string;
    header: string;
    field: string | null;
    reason?: { kind: "exact" | "contains" | "mapped" | "guessed_name"; word?: string };
  }>;
  rows: Array<{
    row: number;
    action: { kind: "add" } | { kind: "update"; id: string };
    asset: Record<string, unknown>;
    has_error: boolean;
  }>;
  problems: Array<["error" | "warning", { location: Record<string, string | number>; message: string }]>;
}
export interface ResponseReport {
  changes: Array<{ sheet: string; row: number; row_id: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>;
  problems: Array<{ location: Record<string, string | number>; message: string }>;
  unchanged: number;
  /** Present when the workbook was made from another state of the model than the current one. */
  model_changed?: { workbook_baseline: string; workbook_version: string; project_baseline: string };
  /** Completion-inspection results filled in on site that change. */
  inspections: Array<{ sheet: string; row: number; row_id: string; before: InspectionResultView | null; after: InspectionResultView }>;
  /** Threat decisions per asset the customer changed on 脅威の適用判断. */
  applicability: Array<{ sheet: string; row: number; row_id: string; before: ThreatDecisionView | null; after: ThreatDecisionView }>;
  /** Risk treatment decisions (リスク対応) the customer changed on the register. */
  treatments: Array<{ sheet: string; row: number; row_id: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>;
}
export interface InspectionResultView {
  row_id: string;
  outcome?: "ok" | "ng" | "not_applicable";
  evidence?: string;
  inspector?: string;
  date?: string;
}
export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  newProject: (sample: string | null, lang: Lang) => invoke<Opened>("new_project", { sample, lang }),
  openProject: () => invoke<Opened | null>("open_project"),
  openRecent: (path: string) => invoke<Opened>("open_recent", { path }),
  saveProject: (project: Project, path: string | null, saveAs: boolean, overwrite = false) =>
    invoke<{ path: string; recent: string[] } | null>("save_project", { project, path, saveAs, overwrite }),
  explain: (revision: number, riskId: string, lang: Lang) => invoke<Explanation | null>("explain", { revision, riskId, lang }),
  whatIf: (project: Project, change: Record<string, unknown>) => invoke<WhatIf>("what_if", { project, change }),
  recordRevision: (project: Project, request: { version: string; summary: string; author: string }) =>
    invoke<Project>("record_revision", { project, request }),
  compareRevision: (project: Project, index: number, lang: Lang) => invoke<Comparison>("compare_revision", { project, index, lang }),
  baseline: (project: Project) => invoke<{ hash: string; changed: boolean }>("baseline", { project }),
  exportWorkbook: (project: Project, lang: Lang) =>
    invoke<{ path: string; bytes: number; risks: number } | null>("export_workbook", { project, lang }),
  pickLedger: () => invoke<string | null>("pick_ledger"),
  ledgerPreview: (project: Project, request: { sheet: string | null; mapping: Array<[string, string]> }) =>
    invoke<LedgerPreview>("ledger_preview", { project, request }),
  pastePreview: (project: Project, rows: { text: string; columns: string[] }) =>
    invoke<LedgerPreview>("paste_preview", { project, rows, request: { sheet: null, mapping: [] } }),
  pasteApply: (project: Project, rows: { text: string; columns: string[] }, skipErrorRows: boolean) =>
    invoke<{ project: Project; added: number; updated: number }>("paste_apply", {
      project,
      rows,
      request: { sheet: null, mapping: [] },
      skipErrorRows,
    }),
  ledgerApply: (project: Project, request: { sheet: string | null; mapping: Array<[string, string]> }, skipErrorRows: boolean) =>
    invoke<{ project: Project; added: number; updated: number }>("ledger_apply", { project, request, skipErrorRows }),
  pickResponses: () => invoke<string | null>("pick_responses"),
  responsesPreview: (project: Project) => invoke<ResponseReport>("responses_preview", { project }),
  responsesApply: (project: Project) => invoke<{ project: Project; updated: number }>("responses_apply", { project }),
  autosave: (project: Project, path: string | null, keep: string | null = null) => invoke<void>("autosave", { project, path, keep }),
  recoveryClear: (key: string) => invoke<void>("recovery_clear", { key }),
  saveImage: (kind: "png" | "svg", data: number[]) => invoke<string | null>("save_image", { kind, data }),
  setTitle: (title: string) => invoke<void>("set_title", { title }),
  onExportProgress: (f: (phase: string) => void): Promise<UnlistenFn> => listen<string>("export-progress", (e) => f(e.payload)),
  /** A project the system asks to open (macOS "opened" event). */
  onOpenFile: (f: (path: string) => void): Promise<UnlistenFn> => listen<string>("open-file", (e) => f(e.payload)),
};

/** A location as the reader reads it: file, sheet, row, column and field path. */
export function locationText(l: Record<string, string | number> | undefined): string {
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
