//! The table writer every exported sheet goes through, so that all tables look and behave
//! the same: header row frozen with the id column, autofilter, widths that fit Japanese text,
//! A4 landscape fitted to the page width with the header row repeated and "page x / y" in the
//! footer; customer columns (agreement drop-down, comment, date) unlocked on a protected sheet;
//! a hidden hash of each row's locked cells so edits to them can be detected on return.
//!
//! **No cell ever becomes a formula from user text.** Everything is written with
//! `write_string`; text beginning with `= + - @`, tab or CR also gets Excel's quote prefix so
//! that re-editing the cell in Excel keeps it text.

use super::{AGREEMENT_CHOICES, CUSTOMER_HEADERS, HASH_HEADER};
use crate::model::{Agreement, CustomerResponse, Lang};
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Worksheet,
    XlsxError,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Width of the customer's comment column.
const COMMENT_WIDTH: f64 = 30.0;

/// Excel's limit on the characters of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A column: its header text and width (in Excel character units).
#[derive(Debug, Clone)]
pub struct Col {
    /// Header text.
    pub header: String,
    /// Width.
    pub width: f64,
}

impl Col {
    /// A column.
    pub fn new(header: impl Into<String>, width: f64) -> Self {
        Self {
            header: header.into(),
            width,
        }
    }
}

/// A cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// Number.
    Num(f64),
    /// Empty.
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::from(s.to_owned())
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Num(n as f64)
    }
}

impl From<u8> for Cell {
    fn from(n: u8) -> Self {
        Cell::Num(f64::from(n))
    }
}

impl Cell {
    /// The text a reader sees (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(n) => {
                let mut out = String::new();
                cell_number_text(&mut out, *n);
                out
            }
            Cell::Empty => String::new(),
        }
    }
}

/// Append the text a reader sees for a number (no trailing `.0`) to `out`.
fn cell_number_text(out: &mut String, n: f64) {
    use std::fmt::Write as _;
    // Writing to a String cannot fail.
    let _ = if n.fract() == 0.0 && n.abs() < 1e15 {
        write!(out, "{}", n as i64)
    } else {
        write!(out, "{n}")
    };
}

/// A table for one sheet.
#[derive(Debug, Clone)]
pub struct Table {
    /// Sheet name.
    pub name: String,
    /// Columns after the id column.
    pub cols: Vec<Col>,
    /// Rows: stable id and cells (as many as `cols`).
    pub rows: Vec<(String, Vec<Cell>)>,
    /// Append the customer columns (agreement, comment, date).
    pub customer: bool,
    /// Content columns (0-based among `cols`) that stay editable on the protected sheet, with
    /// an optional drop-down list (e.g. inspection results filled on site).
    pub editable: Vec<(usize, Option<Vec<String>>)>,
}

/// Display width of text in Excel character units (full-width characters count double).
pub fn display_width(s: &str) -> f64 {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2.0,
            _ => 1.0,
        })
        .sum()
}

/// Lines a wrapped text needs in a column of `width` characters.
pub fn wrapped_lines(s: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(4.0);
    // Display width never exceeds the byte length, so short text needs no character walk.
    if (s.len() as f64) <= usable && !s.contains('\n') {
        return 1;
    }
    s.split('\n')
        .map(|seg| ((display_width(seg) / usable).ceil() as usize).max(1))
        .sum()
}

/// Row height (points) for `lines` lines of 9-point text, within Excel's limit.
pub fn row_height(lines: usize) -> f64 {
    (lines as f64 * 12.0 + 3.0).clamp(15.0, 409.0)
}

/// Formats shared by every sheet.
pub struct Formats {
    id: Format,
    header: Format,
    column: Format,
    text: Format,
    text_quoted: Format,
    unlocked: Format,
    unlocked_quoted: Format,
    title: Format,
    label: Format,
}

impl Formats {
    /// The standard formats.
    pub fn new() -> Self {
        let base = Format::new()
            .set_font_name("Meiryo UI")
            .set_font_size(9)
            .set_align(FormatAlign::Top);
        let unlocked = base
            .clone()
            .set_text_wrap()
            .set_unlocked()
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0xFFF2CC));
        Self {
            id: base
                .clone()
                .set_font_size(8)
                .set_font_color(Color::RGB(0x595959)),
            column: base.clone().set_text_wrap(),
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0x1F4E79))
                .set_font_color(Color::White)
                .set_border(FormatBorder::Thin),
            text: base.clone().set_text_wrap().set_border(FormatBorder::Hair),
            text_quoted: base
                .clone()
                .set_text_wrap()
                .set_border(FormatBorder::Hair)
                .set_quote_prefix(),
            unlocked_quoted: unlocked.clone().set_quote_prefix(),
            unlocked,
            title: base.clone().set_bold().set_font_size(16),
            label: base
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border(FormatBorder::Thin),
        }
    }
    /// Give every format its workbook-wide index now, in a fixed order. Constant-memory
    /// worksheets number formats in the order they first meet them, so without this the
    /// numbering (and the workbook's bytes) would depend on which thread wrote first.
    ///
    /// # Errors
    /// [`XlsxError`] from the writer.
    pub fn register(&self, wb: &mut rust_xlsxwriter::Workbook) -> Result<(), XlsxError> {
        // A worksheet that is never added to the workbook: writing a blank cell in each format
        // is the library's public way to number a format.
        let mut scratch = wb.new_worksheet_with_constant_memory()?;
        for (c, format) in [
            &self.id,
            &self.header,
            &self.column,
            &self.text,
            &self.text_quoted,
            &self.unlocked,
            &self.unlocked_quoted,
            &self.title,
            &self.label,
        ]
        .into_iter()
        .enumerate()
        {
            scratch.write_blank(0, c as u16, format)?;
        }
        Ok(())
    }
    /// Title format.
    pub fn title(&self) -> &Format {
        &self.title
    }
    /// Label format.
    pub fn label(&self) -> &Format {
        &self.label
    }
    /// Unlocked (customer) format.
    pub fn unlocked(&self) -> &Format {
        &self.unlocked
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// Text that a spreadsheet could take for a formula if it were typed in.
pub fn looks_like_formula(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// Text fitted to Excel's cell limit; longer text is cut with a visible marker (the full text
/// stays in the project file).
pub fn fit(s: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS || s.chars().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let marker = match lang {
        Lang::Ja => "…[以下省略: 全文はプロジェクトファイルを参照]",
        Lang::En => "…[cut: the full text is in the project file]",
    };
    let keep = MAX_CELL_CHARS - marker.chars().count();
    let mut out: String = s.chars().take(keep).collect();
    out.push_str(marker);
    std::borrow::Cow::Owned(out)
}

/// Write text safely (never a formula).
///
/// # Errors
/// [`XlsxError`] from the writer.
pub fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let s = fit(s, lang);
    let fmt = if looks_like_formula(&s) {
        &f.text_quoted
    } else {
        &f.text
    };
    ws.write_string_with_format(row, col, s, fmt)?;
    Ok(())
}

/// Write a cell of an unlocked column (its column format unlocks it): nothing when empty,
/// the quote-prefixed unlocked format when the text could be taken for a formula.
fn write_unlocked(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    if s.is_empty() {
        return Ok(());
    }
    if looks_like_formula(s) {
        ws.write_string_with_format(row, col, s, &f.unlocked_quoted)?;
    } else {
        ws.write_string(row, col, s)?;
    }
    Ok(())
}

/// Hash of a row's locked cells: the id and every content cell, in order.
pub fn row_hash(id: &str, cells: &[String]) -> String {
    let mut h = RowHasher::new(id);
    for c in cells {
        h.add(c);
    }
    h.finish()
}

/// Incremental [`row_hash`]: the same value without collecting the cells first.
pub struct RowHasher(Sha256);

impl RowHasher {
    /// Start with the row id.
    pub fn new(id: &str) -> Self {
        let mut h = Sha256::new();
        h.update(id.as_bytes());
        Self(h)
    }
    /// Add the next cell's text.
    pub fn add(&mut self, text: &str) {
        self.0.update([0x1f]);
        self.0.update(text.as_bytes());
    }
    /// The hash as 16 hex digits.
    pub fn finish(self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let digest = self.0.finalize();
        let mut out = String::with_capacity(16);
        for b in &digest[..8] {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        out
    }
}

/// The label of an agreement in `lang`.
pub fn agreement_label(a: Agreement, lang: Lang) -> &'static str {
    let (ja, en) = match a {
        Agreement::Agreed => AGREEMENT_CHOICES[0],
        Agreement::Discuss => AGREEMENT_CHOICES[1],
        Agreement::Disagreed => AGREEMENT_CHOICES[2],
    };
    if lang == Lang::Ja {
        ja
    } else {
        en
    }
}

/// Apply the common page set-up to a sheet.
pub fn page_setup(ws: &mut Worksheet, project_name: &str, sheet: &str) -> Result<(), XlsxError> {
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    let clean = |s: &str| s.replace('&', "&&");
    ws.set_header(format!("&L&8{}&R&8{}", clean(project_name), clean(sheet)));
    ws.set_footer("&C&8&P / &N");
    Ok(())
}

/// Protection that still lets the reader sort, filter and resize.
fn protection() -> ProtectionOptions {
    ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    }
}

/// Spreadsheet column letter of a 0-based column (0 → A, 26 → AA).
pub fn col_letter(c: usize) -> String {
    let mut n = c + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// A row ready for the worksheet writer: its cells, the lines its tallest cell wraps to and
/// the hash of its locked cells, worked out ahead of the (single-threaded) writer and in
/// parallel.
#[derive(Debug, Clone)]
pub struct PreparedRow {
    /// Stable id.
    pub id: String,
    /// Content cells (as many as the table's columns).
    pub cells: Vec<Cell>,
    lines: usize,
    hash: String,
    id_width: f64,
}

/// Which content columns of `table` stay editable.
pub fn editable_mask(table: &Table) -> Vec<bool> {
    (0..table.cols.len())
        .map(|c| table.editable.iter().any(|(e, _)| *e == c))
        .collect()
}

/// Work out a row's height and the hash of its locked cells (see [`PreparedRow`]).
/// `editable` is [`editable_mask`] of `table`, whose rows are not looked at.
pub fn prepare_row(
    table: &Table,
    editable: &[bool],
    id: String,
    cells: Vec<Cell>,
    lang: Lang,
) -> PreparedRow {
    let mut hash = RowHasher::new(&id);
    let mut lines = 1usize;
    let mut number = String::new();
    for (c, cell) in cells.iter().enumerate() {
        if editable[c] {
            continue;
        }
        match cell {
            Cell::Text(s) => {
                let s = fit(s, lang);
                lines = lines.max(wrapped_lines(&s, table.cols[c].width));
                hash.add(&s);
            }
            Cell::Num(n) => {
                number.clear();
                cell_number_text(&mut number, *n);
                hash.add(&number);
            }
            Cell::Empty => hash.add(""),
        }
    }
    PreparedRow {
        id_width: display_width(&id),
        id,
        cells,
        lines,
        hash: if table.customer {
            hash.finish()
        } else {
            String::new()
        },
    }
}

impl Table {
    /// Prepare every row on all cores; the table keeps its columns and options and gives up
    /// its rows.
    pub fn prepare(mut self, lang: Lang) -> (Table, Vec<PreparedRow>) {
        use rayon::prelude::*;
        let editable = editable_mask(&self);
        let rows = std::mem::take(&mut self.rows);
        let prepared = rows
            .into_par_iter()
            .with_min_len(256)
            .map(|(id, cells)| prepare_row(&self, &editable, id, cells, lang))
            .collect();
        (self, prepared)
    }
}

/// Text fitted to Excel's cell limit, without a copy when it fits.
fn fit_owned(s: String, lang: Lang) -> String {
    match fit(&s, lang) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(cut) => cut,
    }
}

/// Writes one table into a worksheet made for it (see the module docs), rows given in order
/// and in as many batches as the caller likes, so that a large table can be written while its
/// later rows are still being built. The worksheet is normally a constant-memory one from
/// [`rust_xlsxwriter::Workbook::new_worksheet_with_constant_memory`], so that several tables
/// can be written on several threads and pushed to the workbook in order.
pub struct TableWriter<'a> {
    ws: Worksheet,
    table: &'a Table,
    editable: Vec<bool>,
    f: &'a Formats,
    lang: Lang,
    responses: &'a HashMap<&'a str, &'a CustomerResponse>,
    first_customer: u16,
    last_col: u16,
    id_width: f64,
    rows: u32,
}

impl<'a> TableWriter<'a> {
    /// Start `table` (its columns and options; its rows are not looked at) in `ws`.
    ///
    /// # Errors
    /// [`XlsxError`] from the writer.
    pub fn new(
        mut ws: Worksheet,
        table: &'a Table,
        f: &'a Formats,
        lang: Lang,
        project_name: &str,
        responses: &'a HashMap<&'a str, &'a CustomerResponse>,
    ) -> Result<Self, XlsxError> {
        ws.set_name(&table.name)?;
        page_setup(&mut ws, project_name, &table.name)?;
        let pick = |(ja, en): (&'static str, &'static str)| if lang == Lang::Ja { ja } else { en };
        let mut headers: Vec<(&str, f64)> = vec![("ID", 0.0)];
        headers.extend(table.cols.iter().map(|c| (c.header.as_str(), c.width)));
        let first_customer = headers.len() as u16;
        if table.customer {
            headers.push((pick(CUSTOMER_HEADERS[0]), 11.0));
            headers.push((pick(CUSTOMER_HEADERS[1]), COMMENT_WIDTH));
            headers.push((pick(CUSTOMER_HEADERS[2]), 12.0));
            headers.push((HASH_HEADER, 10.0));
        }
        let editable = editable_mask(table);
        for (c, (h, w)) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &f.header)?;
            if c > 0 {
                ws.set_column_width(c as u16, *w)?;
            }
            // Cells written without a format take their column's format: one format per
            // column instead of one lookup per cell keeps large exports fast. Unlocked columns
            // (the customer's and the editable ones) are unlocked by their column format, so
            // their empty cells need no cell at all.
            let unlocked = (c >= 1 && c <= editable.len() && editable[c - 1])
                || (table.customer
                    && c >= first_customer as usize
                    && c < first_customer as usize + 3);
            let fmt = if c == 0 {
                &f.id
            } else if unlocked {
                &f.unlocked
            } else {
                &f.column
            };
            ws.set_column_format(c as u16, fmt)?;
        }
        ws.set_print_gridlines(true);
        ws.set_row_height(0, 30)?;
        Ok(Self {
            ws,
            table,
            editable,
            f,
            lang,
            responses,
            first_customer,
            last_col: headers.len() as u16 - 1,
            id_width: 8.0,
            rows: 0,
        })
    }

    /// Write the next rows.
    ///
    /// # Errors
    /// [`XlsxError`] from the writer.
    pub fn write_rows(
        &mut self,
        rows: impl IntoIterator<Item = PreparedRow>,
    ) -> Result<(), XlsxError> {
        let (ws, f, lang) = (&mut self.ws, self.f, self.lang);
        for prepared in rows {
            self.rows += 1;
            let row = self.rows;
            let PreparedRow {
                id,
                cells,
                mut lines,
                hash,
                id_width,
            } = prepared;
            self.id_width = self.id_width.max(id_width);
            let resp = if self.table.customer {
                self.responses.get(id.as_str()).copied()
            } else {
                None
            };
            ws.write_string(row, 0, fit_owned(id, lang))?;
            for (c, cell) in cells.into_iter().enumerate() {
                let col = c as u16 + 1;
                if self.editable[c] {
                    write_unlocked(ws, row, col, &cell.text(), f)?;
                    continue;
                }
                match cell {
                    Cell::Text(s) => {
                        let s = fit_owned(s, lang);
                        if looks_like_formula(&s) {
                            ws.write_string_with_format(row, col, s, &f.text_quoted)?;
                        } else {
                            ws.write_string(row, col, s)?;
                        }
                    }
                    Cell::Num(n) => {
                        ws.write_number(row, col, n)?;
                    }
                    Cell::Empty => {}
                }
            }
            if self.table.customer {
                let first = self.first_customer;
                let agreement = resp
                    .and_then(|r| r.agreement)
                    .map(|a| agreement_label(a, lang))
                    .unwrap_or("");
                let comment = resp.map(|r| fit(&r.comment, lang)).unwrap_or_default();
                let date = resp
                    .and_then(|r| r.date.as_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default();
                write_unlocked(ws, row, first, agreement, f)?;
                write_unlocked(ws, row, first + 1, &comment, f)?;
                write_unlocked(ws, row, first + 2, &date, f)?;
                ws.write_string(row, first + 3, hash)?;
                if let Some(r) = resp {
                    lines = lines.max(wrapped_lines(&r.comment, COMMENT_WIDTH));
                }
            }
            if lines > 1 {
                ws.set_row_height(row, row_height(lines))?;
            }
        }
        Ok(())
    }

    /// Finish the sheet (id column width, frozen header, autofilter, drop-downs, protection)
    /// and give the worksheet back.
    ///
    /// # Errors
    /// [`XlsxError`] from the writer.
    pub fn finish(self) -> Result<Worksheet, XlsxError> {
        let Self {
            mut ws,
            table,
            lang,
            first_customer,
            last_col,
            id_width,
            rows: last_row,
            ..
        } = self;
        let ws_ref = &mut ws;
        let pick = |(ja, en): (&'static str, &'static str)| if lang == Lang::Ja { ja } else { en };
        // Column widths are written with the sheet's start when the workbook is saved, so the
        // id column can be fitted once every id is known.
        ws_ref.set_column_width(0, id_width.min(40.0) * 0.9)?;
        ws_ref.set_freeze_panes(1, 1)?;
        ws_ref.autofilter(0, 0, last_row.max(1), last_col)?;
        ws_ref.set_repeat_rows(0, 0)?;
        for (c, choices) in &table.editable {
            if let (Some(choices), false) = (choices, last_row == 0) {
                let list: Vec<&str> = choices.iter().map(String::as_str).collect();
                let dv = DataValidation::new().allow_list_strings(&list)?;
                ws_ref.add_data_validation(1, *c as u16 + 1, last_row, *c as u16 + 1, &dv)?;
            }
        }
        if table.customer {
            ws_ref.set_column_hidden(first_customer + 3)?;
            if last_row > 0 {
                let choices: Vec<&str> = AGREEMENT_CHOICES.iter().map(|c| pick(*c)).collect();
                let dv = DataValidation::new()
                    .allow_list_strings(&choices)?
                    .set_input_title(pick(("合意欄", "Agreement")))?
                    .set_input_message(pick((
                        "合意 / 要協議 / 不同意 から選択してください",
                        "Choose Agreed, Discuss or Disagreed",
                    )))?;
                ws_ref.add_data_validation(1, first_customer, last_row, first_customer, &dv)?;
            }
            ws_ref.protect_with_options(&protection());
        } else if !table.editable.is_empty() {
            ws_ref.protect_with_options(&protection());
        }
        Ok(ws)
    }
}

/// Write a whole table into `ws`, a worksheet made for it: [`TableWriter`] in one go.
///
/// # Errors
/// [`XlsxError`] from the writer.
pub fn write_table(
    ws: Worksheet,
    table: Table,
    f: &Formats,
    lang: Lang,
    project_name: &str,
    responses: &HashMap<&str, &CustomerResponse>,
) -> Result<Worksheet, XlsxError> {
    let (table, rows) = table.prepare(lang);
    let mut w = TableWriter::new(ws, &table, f, lang, project_name, responses)?;
    w.write_rows(rows)?;
    w.finish()
}
