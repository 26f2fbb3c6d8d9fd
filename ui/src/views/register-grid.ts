// The risk register as a SlickGrid: fixed row height and a plain array, so scrolling renders
// only the rows in view without measuring them (fluent with 50k rows; Tabulator measured each
// row it added and took 80–150 ms a frame at that size — docs/benchmarks.md).
import { SlickGrid, type Column, type GridOption } from "slickgrid";
import "slickgrid/dist/styles/css/slick-alpine-theme.css";
import { t } from "../i18n";
import { sortRows, type RegisterRow, type SortKey } from "../register";

export interface RegisterGrid {
  /**
   * Show these rows (already filtered), keeping the user's sort; from the top, or where the
   * user is (`keepPlace`: the same rows after an analysis, when the register must not jump).
   */
  setRows(rows: RegisterRow[], keepPlace?: boolean): void;
  /** Scroll to risk `id` and pick it (its explanation opens); false when it is not shown. */
  reveal(id: string): boolean;
  destroy(): void;
}

export function registerGrid(
  box: HTMLElement,
  values: string[],
  valueClass: (values: string[], v: string) => string,
  onPick: (row: RegisterRow) => void,
): RegisterGrid {
  const text = (f: (r: RegisterRow) => string) => (_row: number, _cell: number, _v: unknown, _c: Column, r: RegisterRow) => f(r);
  const risk = (i: 0 | 1 | 2) => (_row: number, _cell: number, _v: unknown, _c: Column, r: RegisterRow) => ({
    text: r.values[i],
    addClasses: `risk-cell ${valueClass(values, r.values[i])}`,
  });
  const col = (id: SortKey, name: string, width: number, formatter: Column["formatter"], extra: Partial<Column> = {}): Column => ({
    id,
    field: id,
    name,
    toolTip: name,
    width,
    sortable: true,
    formatter,
    ...extra,
  });
  // Names and the threat keep a readable width in the space left beside the explanation; the
  // one-character value columns are narrow (their full titles are tooltips).
  const columns: Column[] = [
    col(
      "ref",
      t("xl.col.ref"),
      92,
      text((r) => r.ref),
      { minWidth: 70 },
    ),
    col(
      "zoneName",
      t("xl.col.zone"),
      130,
      text((r) => r.zoneName),
      { minWidth: 90 },
    ),
    col(
      "assetName",
      t("xl.col.asset"),
      150,
      text((r) => r.assetName),
      { minWidth: 100 },
    ),
    col(
      "threat",
      t("xl.col.threat"),
      260,
      text((r) => `${r.threat} ${r.threatName}`),
      { minWidth: 150 },
    ),
    // Headers wrap onto two lines (styles.css) rather than being cut to 「重…」.
    col(
      "importance",
      t("xl.col.importance"),
      74,
      text((r) => String(r.importance)),
      { cssClass: "center", minWidth: 72 },
    ),
    col(
      "threat_level",
      t("xl.col.threat_level"),
      58,
      text((r) => String(r.threat_level)),
      { cssClass: "center", minWidth: 56 },
    ),
    col("inherent", t("xl.col.inherent"), 66, risk(0), { minWidth: 66 }),
    col("planned", t("xl.col.planned"), 66, risk(1), { minWidth: 66 }),
    col("residual", t("xl.col.residual"), 66, risk(2), { minWidth: 66 }),
    col(
      "parties",
      t("xl.col.parties"),
      100,
      text((r) => r.parties.map((x) => t(`responsibility.${x}`)).join(", ")),
      { minWidth: 64 },
    ),
    col(
      "treatment",
      t("xl.col.treatment"),
      80,
      text((r) => (r.treatment ? t(`xl.treatment.${r.treatment}`) : "")),
      { minWidth: 60 },
    ),
  ];
  const options: GridOption = {
    rowHeight: 26,
    headerRowHeight: 30,
    forceFitColumns: true,
    // The scrollbar never comes and goes with the row count: otherwise each such filter re-fits
    // the columns, which rewrites the grid's style rules and restyles the whole page (0.3–0.5 s).
    alwaysShowVerticalScroll: true,
    enableCellNavigation: true,
    enableColumnReorder: false,
    enableHtmlRendering: false, // names are the user's text: set as text, never parsed as HTML
    enableTextSelectionOnCells: true,
    multiColumnSort: false,
  };
  let shown: RegisterRow[] = [];
  let sort: { key: SortKey; asc: boolean } | null = null;
  const grid = new SlickGrid<RegisterRow>(box, shown, columns, options);
  const show = (rows: RegisterRow[], keepPlace = false) => {
    // The grid keeps its active cell by position: the picked risk may now be elsewhere.
    const active = grid.getActiveCell();
    const picked = active ? shown[active.row]?.id : undefined;
    shown = sort ? sortRows(rows, sort.key, sort.asc) : rows;
    grid.setData(shown, !keepPlace);
    const at = picked === undefined ? -1 : shown.findIndex((r) => r.id === picked);
    // The same risk stays picked (quietly: its explanation is already shown), or none is.
    if (active && at >= 0) grid.setActiveCell(at, active.cell, false, false, true);
    else if (active) grid.resetActiveCell();
    grid.render();
  };
  let source: RegisterRow[] = [];
  grid.onSort.subscribe((_e, args) => {
    if (!("sortCol" in args) || !args.sortCol) return;
    sort = { key: args.sortCol.id as SortKey, asc: args.sortAsc };
    show(source);
  });
  grid.onActiveCellChanged.subscribe((_e, args) => {
    const r = args.row !== undefined && args.row !== null ? grid.getDataItem(args.row) : undefined;
    if (r) onPick(r);
  });
  box.setAttribute("role", "grid");
  box.setAttribute("aria-rowcount", "0");
  return {
    setRows(rows, keepPlace) {
      source = rows;
      box.setAttribute("aria-rowcount", String(rows.length));
      show(rows, keepPlace);
    },
    reveal(id) {
      const at = shown.findIndex((r) => r.id === id);
      if (at < 0) return false;
      grid.scrollRowIntoView(at, false);
      grid.setActiveCell(at, 0);
      return true;
    },
    destroy() {
      grid.destroy(true);
    },
  };
}
