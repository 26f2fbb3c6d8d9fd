// The risk register as a SlickGrid: fixed row height and a plain array, so scrolling renders
// only the rows in view without measuring them (fluent with 50k rows; Tabulator measured each
// row it added and took 80–150 ms a frame at that size — docs/benchmarks.md).
import { SlickGrid, type Column, type GridOption } from "slickgrid";
import "slickgrid/dist/styles/css/slick-alpine-theme.css";
import { t } from "../i18n";
import { sortRows, type RegisterRow, type SortKey } from "../register";

export interface RegisterGrid {
  /** Show these rows (already filtered), keeping the user's sort. */
  setRows(rows: RegisterRow[]): void;
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
  const columns: Column[] = [
    col("zoneName", t("xl.col.zone"), 130, text((r) => r.zoneName), { minWidth: 80 }),
    col("assetName", t("xl.col.asset"), 150, text((r) => r.assetName), { minWidth: 90 }),
    col("threat", t("xl.col.threat"), 260, text((r) => `${r.threat} ${r.threatName}`)),
    col("importance", t("xl.col.importance"), 64, text((r) => String(r.importance)), { cssClass: "center", minWidth: 64 }),
    col("threat_level", t("xl.col.threat_level"), 72, text((r) => String(r.threat_level)), { cssClass: "center", minWidth: 72 }),
    col("inherent", t("xl.col.inherent"), 78, risk(0), { minWidth: 72 }),
    col("planned", t("xl.col.planned"), 78, risk(1), { minWidth: 72 }),
    col("residual", t("xl.col.residual"), 78, risk(2), { minWidth: 72 }),
    col("parties", t("xl.col.parties"), 110, text((r) => r.parties.map((x) => t(`responsibility.${x}`)).join(", "))),
    col("treatment", t("xl.col.treatment"), 80, text((r) => (r.treatment ? t(`xl.treatment.${r.treatment}`) : ""))),
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
  const show = (rows: RegisterRow[]) => {
    shown = sort ? sortRows(rows, sort.key, sort.asc) : rows;
    grid.setData(shown, true);
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
    setRows(rows) {
      source = rows;
      box.setAttribute("aria-rowcount", String(rows.length));
      show(rows);
    },
    destroy() {
      grid.destroy(true);
    },
  };
}
