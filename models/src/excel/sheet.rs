//! The table writer every exported sheet goes through, so that all tables look and behave
//! the same: header row frozen with the id column, autofilter, widths that fit Japanese text,
//! A4 landscape fitted to the page width with the header row repeated and "page x / y" in the
//! footer; customer columns (agreement drop-down, comment, date) unlocked on a protected sheet;
//! a hidden hash of each row's locked cells so edits to them can be detected on return.
//!
//! **No cell ever becomes a formula from user text.** Everything is written with
//! `write_string`; text beginning with `= + - @` (half- or full-width), tab, CR or LF also
//! gets Excel's quote prefix so that re-editing the cell in Excel keeps it text.

use super::{AGREEMENT_CHOICES, CUSTOMER_HEADERS, HASH_HEADER};
use crate::i18n;
use crate::model::{Agreement, CustomerResponse, Lang};
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, Format, FormatAlign,
    FormatBorder, ProtectionOptions, Worksheet, XlsxError,
};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;

/// Width of the customer's comment column.
const COMMENT_WIDTH: f64 = 22.0;
/// Width of the customer's agreement column.
const AGREEMENT_WIDTH: f64 = 9.0;
/// Width of the customer's answer-date column.
const ANSWER_DATE_WIDTH: f64 = 11.0;

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

/// One row of a table: its stable id and cells.
pub type Row = (String, Vec<Cell>);

/// A table for one sheet.
#[derive(Debug, Clone)]
pub struct Table {
    /// Sheet name.
    pub name: String,
    /// Columns after the id column.
    pub cols: Vec<Col>,
    /// Rows (cells as many as `cols`).
    pub rows: Vec<Row>,
    /// Append the customer columns (agreement, comment, date).
    pub customer: bool,
    /// Content columns (0-based among `cols`) that stay editable on the protected sheet, with
    /// an optional drop-down list (e.g. inspection results filled on site).
    pub editable: Vec<(usize, Option<Vec<String>>)>,
}

impl Table {
    /// Narrow its wide text columns when it is a little wider than one A3 page, so that it
    /// prints one page across ([`super::print::narrow_to_fit`]). Call before laying it out:
    /// row heights follow the widths.
    pub fn fit_to_paper(&mut self) {
        let others: f64 = if self.customer {
            [AGREEMENT_WIDTH, COMMENT_WIDTH, ANSWER_DATE_WIDTH]
                .iter()
                .map(|w| super::print::column_pt(*w))
                .sum()
        } else {
            0.0
        };
        let mut widths: Vec<f64> = self.cols.iter().map(|c| c.width).collect();
        super::print::narrow_to_fit(&mut widths, others);
        for (c, w) in self.cols.iter_mut().zip(widths) {
            c.width = w;
        }
    }
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

/// Row height (points) for `lines` lines of 9-point text, within Excel's limit: one line is the
/// default 15 pt, each further line 13.5 pt — Japanese fonts (Noto Sans CJK, Yu Gothic,
/// Meiryo) set 9-point lines about 1.45 em apart, and 12 pt a line cut the last line of tall
/// cells in LibreOffice.
pub fn row_height(lines: usize) -> f64 {
    (15.0 + lines.saturating_sub(1) as f64 * 13.5).min(409.0)
}

/// Workbook-wide style indices (the `s` of a cell in the sheet XML) of the formats table
/// cells take, by [`ColumnKind`] (id, locked, unlocked): see [`Formats::register`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellStyles {
    /// A cell in its column's format.
    pub column: [u32; 3],
    /// A quote-prefixed cell.
    pub quoted: [u32; 3],
}

impl CellStyles {
    /// The style index of a cell in a column of `kind`.
    pub fn of(&self, kind: ColumnKind, style: CellStyle) -> u32 {
        let k = kind as usize;
        match style {
            CellStyle::Column => self.column[k],
            CellStyle::Quoted => self.quoted[k],
        }
    }
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
    /// Give every format its workbook-wide index now, in a fixed order, and return the
    /// indices of the formats table cells take. Constant-memory worksheets number formats in
    /// the order they first meet them, so without this the numbering (and the workbook's
    /// bytes) would depend on which thread wrote first. Call it on a new workbook, before
    /// anything else is written.
    ///
    /// # Errors
    /// [`XlsxError`] from the writer.
    pub fn register(&self, wb: &mut rust_xlsxwriter::Workbook) -> Result<CellStyles, XlsxError> {
        let order = [
            &self.id,
            &self.header,
            &self.column,
            &self.text,
            &self.text_quoted,
            &self.unlocked,
            &self.unlocked_quoted,
            &self.title,
            &self.label,
        ];
        // A worksheet that is never added to the workbook: writing a blank cell in each format
        // is the library's public way to number a format.
        let mut scratch = wb.new_worksheet_with_constant_memory()?;
        for (c, format) in order.into_iter().enumerate() {
            scratch.write_blank(0, c as u16, format)?;
        }
        // The library numbers a workbook's formats from 1 (0 is its default format) in the
        // order it meets them; the export's rows are tested byte for byte against the
        // library's own writing of them, which would catch any other numbering.
        let index = |format: &Format| {
            order
                .iter()
                .position(|f| *f == format)
                .map_or(0, |i| i as u32 + 1)
        };
        let kinds = [ColumnKind::Id, ColumnKind::Locked, ColumnKind::Unlocked];
        Ok(CellStyles {
            column: kinds.map(|k| index(self.column_format(k))),
            quoted: kinds.map(|k| index(self.quoted_format(k))),
        })
    }
    /// The format of a column of `kind` (the format of its cells).
    pub fn column_format(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Id => &self.id,
            ColumnKind::Locked => &self.column,
            ColumnKind::Unlocked => &self.unlocked,
        }
    }
    /// The format of a quote-prefixed cell in a column of `kind`.
    pub fn quoted_format(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Id | ColumnKind::Locked => &self.text_quoted,
            ColumnKind::Unlocked => &self.unlocked_quoted,
        }
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

/// Text that a spreadsheet could take for a formula if it were typed in: a leading `= + - @`
/// (also full-width: Japanese Excel turns ＝ typed with the IME into a formula), or a tab,
/// carriage return or line feed before one (a spreadsheet trims them on re-entry).
pub fn looks_like_formula(s: &str) -> bool {
    matches!(
        s.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠' | '−')
    )
}

/// Length of text as Excel counts it (UTF-16 code units: a character outside the Basic
/// Multilingual Plane, such as most emoji, counts twice).
fn excel_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Whether a cell's text is one [`fit`] cut (it ends with the marker in either language).
pub fn is_cut(s: &str) -> bool {
    super::in_both("xl.cut_marker")
        .iter()
        .any(|m| s.ends_with(m))
}

/// Text fitted to Excel's cell limit; longer text is cut with a visible marker (the full text
/// stays in the project file).
pub fn fit(s: &str, lang: Lang) -> Cow<'_, str> {
    // A UTF-8 string never has more UTF-16 units than bytes.
    if s.len() <= MAX_CELL_CHARS || excel_len(s) <= MAX_CELL_CHARS {
        return Cow::Borrowed(s);
    }
    let marker = crate::i18n::text(lang, "xl.cut_marker");
    let mut budget = MAX_CELL_CHARS - excel_len(marker);
    let mut out = String::new();
    for c in s.chars() {
        match budget.checked_sub(c.len_utf16()) {
            Some(left) => budget = left,
            None => break,
        }
        out.push(c);
    }
    out.push_str(marker);
    Cow::Owned(out)
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
    let key = AGREEMENT_CHOICES
        .iter()
        .find(|(x, _)| *x == a)
        .map_or("", |(_, key)| key);
    crate::i18n::text(lang, key)
}

/// Apply the common page set-up to a sheet.
/// Print setup of a sheet: A4 landscape, the project and sheet in the header, and in the
/// footer the page number and `note` (the assessment's version and baseline, so that every
/// printed page says which state of the model it shows).
pub fn page_setup(
    ws: &mut Worksheet,
    project_name: &str,
    sheet: &str,
    note: &str,
) -> Result<(), XlsxError> {
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    // Excel refuses a header over 255 characters: a long project name is shortened there
    // (it is in full on the cover).
    let clean = |s: &str, max: usize| {
        let short: String = if s.chars().count() > max {
            s.chars().take(max - 1).chain(['…']).collect()
        } else {
            s.to_owned()
        };
        short.replace('&', "&&")
    };
    ws.set_header(format!(
        "&L&8{}&R&8{}",
        clean(project_name, 70),
        clean(sheet, 50)
    ));
    ws.set_footer(format!("&L&8{}&C&8&P / &N", clean(note, 120)));
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
/// the hash of its locked cells, worked out ahead of the writer and in parallel.
#[derive(Debug, Clone)]
pub struct PreparedRow {
    /// Stable id.
    pub id: String,
    /// Content cells (as many as the table's columns).
    pub cells: Vec<Cell>,
    lines: usize,
    hash: String,
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
            // Not in the hash (the customer may change it), but the row is as tall as the
            // text it holds when sent (a decision's reason, an on-site result).
            if let Cell::Text(s) = cell {
                lines = lines.max(wrapped_lines(&fit(s, lang), table.cols[c].width));
            }
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
    /// Display width of the widest row id (the id column is fitted to it).
    pub fn id_width(&self) -> f64 {
        id_width(self.rows.iter().map(|(id, _)| id.as_str()))
    }
}

/// Display width of the widest of `ids` (the id column is fitted to it).
pub fn id_width<'s>(ids: impl Iterator<Item = &'s str>) -> f64 {
    ids.map(display_width).fold(0.0, f64::max)
}

/// Text fitted to Excel's cell limit, without a copy when it fits.
fn fit_owned(s: String, lang: Lang) -> String {
    match fit(&s, lang) {
        Cow::Borrowed(_) => s,
        Cow::Owned(cut) => cut,
    }
}

/// What a sheet column is, which decides its format: the id, a locked content column, or a
/// column the reader may fill in (the customer's columns and a table's editable ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// The stable id (column A).
    Id,
    /// Locked content (and the hidden row hash).
    Locked,
    /// Unlocked on the protected sheet.
    Unlocked,
}

/// How a data cell is formatted: by its column's format (cells carry no format of their own,
/// which keeps large exports fast), or quote-prefixed because a spreadsheet could take the
/// text for a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStyle {
    /// The column's format.
    Column,
    /// The column's format with Excel's quote prefix.
    Quoted,
}

/// One non-empty cell of a data row, as every row writer writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellOut<'s> {
    /// Text (already fitted to Excel's cell limit).
    Text(Cow<'s, str>, CellStyle),
    /// A finite number.
    Number(f64),
}

/// The columns of a table's sheet and what goes into each cell of a data row: the one place
/// that decides it, for every row writer (the library's cell by cell, [`super::sheet_xml`]).
pub struct RowLayout<'a> {
    table: &'a Table,
    editable: Vec<bool>,
    lang: Lang,
    responses: &'a HashMap<&'a str, &'a CustomerResponse>,
}

impl<'a> RowLayout<'a> {
    /// The layout of `table` (its columns and options; its rows are not looked at), with the
    /// customer's answers so far by row id.
    pub fn new(
        table: &'a Table,
        lang: Lang,
        responses: &'a HashMap<&'a str, &'a CustomerResponse>,
    ) -> Self {
        Self {
            table,
            editable: editable_mask(table),
            lang,
            responses,
        }
    }

    /// The table.
    pub fn table(&self) -> &'a Table {
        self.table
    }

    /// Prepare a row of the table ([`prepare_row`]).
    pub fn prepare(&self, id: String, cells: Vec<Cell>) -> PreparedRow {
        prepare_row(self.table, &self.editable, id, cells, self.lang)
    }

    /// The sheet's columns: id, content, and for customer tables agreement, comment, date and
    /// the hidden row hash.
    pub fn width(&self) -> usize {
        1 + self.table.cols.len() + if self.table.customer { 4 } else { 0 }
    }

    /// The sheet column of the customer's agreement (the first customer column).
    pub fn first_customer(&self) -> usize {
        1 + self.table.cols.len()
    }

    /// What sheet column `c` is.
    pub fn kind(&self, c: usize) -> ColumnKind {
        let first = self.first_customer();
        if c == 0 {
            ColumnKind::Id
        } else if (c < first && self.editable[c - 1])
            || (self.table.customer && (first..first + 3).contains(&c))
        {
            ColumnKind::Unlocked
        } else {
            ColumnKind::Locked
        }
    }

    /// Hand every non-empty cell of `row` to `cell`, in column order (sheet columns, the id
    /// being 0), and give the lines the row's tallest cell wraps to.
    ///
    /// # Errors
    /// The first error `cell` returns.
    pub fn cells<E>(
        &self,
        row: PreparedRow,
        mut cell: impl FnMut(u16, CellOut<'_>) -> Result<(), E>,
    ) -> Result<usize, E> {
        let lang = self.lang;
        let PreparedRow {
            id,
            cells,
            mut lines,
            hash,
            ..
        } = row;
        let resp = if self.table.customer {
            self.responses.get(id.as_str()).copied()
        } else {
            None
        };
        // The id is locked and never re-typed, so it needs no quote prefix.
        cell(
            0,
            CellOut::Text(Cow::Owned(fit_owned(id, lang)), CellStyle::Column),
        )?;
        for (c, value) in cells.into_iter().enumerate() {
            let col = c as u16 + 1;
            match value {
                Cell::Text(s) => text(&mut cell, col, Cow::Owned(fit_owned(s, lang)))?,
                // An editable column holds what the reader sees, and may overwrite, as text.
                Cell::Num(_) if self.editable[c] => text(&mut cell, col, Cow::Owned(value.text()))?,
                Cell::Num(n) if n.is_finite() => cell(col, CellOut::Number(n))?,
                Cell::Num(n) => text(&mut cell, col, Cow::Owned(n.to_string()))?,
                Cell::Empty => {}
            }
        }
        if self.table.customer {
            let first = self.first_customer() as u16;
            let agreement = resp
                .and_then(|r| r.agreement)
                .map(|a| agreement_label(a, lang))
                .unwrap_or("");
            let comment = resp.map(|r| fit(&r.comment, lang)).unwrap_or_default();
            let date = resp
                .and_then(|r| r.date.as_ref())
                .map(ToString::to_string)
                .unwrap_or_default();
            text(&mut cell, first, Cow::Borrowed(agreement))?;
            text(&mut cell, first + 1, comment)?;
            text(&mut cell, first + 2, Cow::Owned(date))?;
            text(&mut cell, first + 3, Cow::Owned(hash))?;
            if let Some(r) = resp {
                lines = lines.max(wrapped_lines(&r.comment, COMMENT_WIDTH));
            }
        }
        Ok(lines)
    }
}

/// Hand text to a row writer: nothing when empty (rust_xlsxwriter ignores empty text too), and
/// quote-prefixed when a spreadsheet could take it for a formula.
fn text<E>(
    cell: &mut impl FnMut(u16, CellOut<'_>) -> Result<(), E>,
    col: u16,
    s: Cow<'_, str>,
) -> Result<(), E> {
    if s.is_empty() {
        return Ok(());
    }
    let style = if looks_like_formula(&s) {
        CellStyle::Quoted
    } else {
        CellStyle::Column
    };
    cell(col, CellOut::Text(s, style))
}

/// Writes one table's sheet: its name, header row, column widths and formats and print
/// set-up, then, at [`TableWriter::finish`], the frozen header, autofilter, drop-downs and
/// protection. The data rows either go through rust_xlsxwriter cell by cell
/// ([`TableWriter::write_rows`]) or are rendered as XML by [`super::sheet_xml`] and put into
/// the saved workbook.
pub struct TableWriter<'a> {
    ws: Worksheet,
    layout: &'a RowLayout<'a>,
    f: &'a Formats,
    lang: Lang,
    rows: u32,
    risk_values: Vec<String>,
    /// Printed width of each sheet column (`None`: hidden).
    print_widths: Vec<Option<f64>>,
    /// Content columns repeated on every page across (after the id).
    print_keys: u16,
}

impl<'a> TableWriter<'a> {
    /// Start the table of `layout` in `ws`, a worksheet made for it.
    ///
    /// # Errors
    /// [`XlsxError`] from the writer.
    pub fn new(
        mut ws: Worksheet,
        layout: &'a RowLayout<'a>,
        f: &'a Formats,
        lang: Lang,
        project_name: &str,
        print_note: &str,
    ) -> Result<Self, XlsxError> {
        let table = layout.table();
        ws.set_name(&table.name)?;
        page_setup(&mut ws, project_name, &table.name, print_note)?;
        // Full size: the paper is chosen to fit the columns ([`super::print`]), so no text
        // is scaled under its size.
        ws.set_print_scale(100);
        let mut headers: Vec<(&str, f64)> = vec![("ID", 0.0)];
        headers.extend(table.cols.iter().map(|c| (c.header.as_str(), c.width)));
        if table.customer {
            headers.push((i18n::text(lang, CUSTOMER_HEADERS[0]), AGREEMENT_WIDTH));
            headers.push((i18n::text(lang, CUSTOMER_HEADERS[1]), COMMENT_WIDTH));
            headers.push((i18n::text(lang, CUSTOMER_HEADERS[2]), ANSWER_DATE_WIDTH));
            headers.push((HASH_HEADER, 10.0));
        }
        debug_assert_eq!(headers.len(), layout.width());
        // The id column (what the returned workbook is read by) and the row hash are hidden
        // and do not print; every other column prints at its width.
        let print_widths: Vec<Option<f64>> = headers
            .iter()
            .enumerate()
            .map(|(c, (h, w))| (c > 0 && *h != HASH_HEADER).then_some(*w))
            .collect();
        for (c, (h, w)) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &f.header)?;
            if c > 0 {
                ws.set_column_width(c as u16, *w)?;
            }
            // Cells are written without a format and take their column's: one format per
            // column instead of one per cell keeps large exports fast. Unlocked columns are
            // unlocked by their column format, so their empty cells need no cell at all.
            ws.set_column_format(c as u16, f.column_format(layout.kind(c)))?;
        }
        ws.set_print_gridlines(true);
        // The header row is as tall as its longest wrapped header (two lines at least).
        let header_lines = headers
            .iter()
            .enumerate()
            .filter(|(c, (h, _))| *c > 0 && *h != HASH_HEADER)
            .map(|(_, (h, w))| wrapped_lines(h, *w))
            .max()
            .unwrap_or(1)
            .max(2);
        ws.set_row_height(0, row_height(header_lines))?;
        Ok(Self {
            ws,
            layout,
            f,
            lang,
            rows: 0,
            risk_values: Vec::new(),
            print_widths,
            print_keys: 1,
        })
    }

    /// Repeat the first `keys` content columns on every page across when the table prints
    /// wider than one page (default 1: the row's name).
    pub fn with_print_keys(mut self, keys: u16) -> Self {
        self.print_keys = keys.max(1);
        self
    }

    /// Colour the risk-value columns (inherent, planned, residual) by value from the one shared
    /// scale ([`crate::risk::colour`]); `values` are the method's, highest first.
    pub fn with_risk_values(mut self, values: &[String]) -> Self {
        self.risk_values = values.to_vec();
        self
    }

    /// Write the next rows through rust_xlsxwriter, cell by cell. This is the reference the
    /// rows rendered by [`super::sheet_xml`] are tested against, byte for byte.
    ///
    /// # Errors
    /// [`XlsxError`] from the writer.
    pub fn write_rows(
        &mut self,
        rows: impl IntoIterator<Item = PreparedRow>,
    ) -> Result<(), XlsxError> {
        let (ws, f, layout) = (&mut self.ws, self.f, self.layout);
        for prepared in rows {
            self.rows += 1;
            let row = self.rows;
            let lines = layout.cells(prepared, |col, out| {
                match out {
                    CellOut::Text(s, CellStyle::Column) => ws.write_string(row, col, s)?,
                    CellOut::Text(s, CellStyle::Quoted) => {
                        let quoted = f.quoted_format(layout.kind(usize::from(col)));
                        ws.write_string_with_format(row, col, s, quoted)?
                    }
                    CellOut::Number(n) => ws.write_number(row, col, n)?,
                };
                Ok::<(), XlsxError>(())
            })?;
            if lines > 1 {
                ws.set_row_height(row, row_height(lines))?;
            }
        }
        Ok(())
    }

    /// Finish the sheet of `rows` data rows whose widest id is `id_width` wide ([`Table::id_width`]):
    /// id column width, frozen header, autofilter, drop-downs, protection. Give the worksheet
    /// back.
    ///
    /// # Errors
    /// [`XlsxError`] from the writer.
    pub fn finish(self, rows: u32, id_width: f64) -> Result<Worksheet, XlsxError> {
        let Self {
            mut ws,
            layout,
            lang,
            risk_values,
            print_widths,
            print_keys,
            ..
        } = self;
        let last_row = rows;
        let table = layout.table();
        let ws_ref = &mut ws;
        // Column widths are written with the sheet's start when the workbook is saved, so the
        // id column can be fitted once every id is known.
        ws_ref.set_column_width(0, id_width.clamp(8.0, 40.0) * 0.9)?;
        ws_ref.set_column_hidden(0)?;
        ws_ref.set_freeze_panes(1, 2)?;
        ws_ref.autofilter(0, 0, last_row.max(1), layout.width() as u16 - 1)?;
        ws_ref.set_repeat_rows(0, 0)?;
        let plan = super::print::plan(&print_widths, print_keys);
        ws_ref.set_paper_size(plan.paper.code());
        if !plan.breaks.is_empty() {
            ws_ref.set_vertical_page_breaks(&plan.breaks)?;
        }
        if let Some((first, last)) = plan.repeat {
            ws_ref.set_repeat_columns(first, last)?;
            // Over, then down: a block of rows prints its pages across one after another, so
            // a row's right-hand part follows its left-hand part.
            ws_ref.set_page_order(false);
        }
        // Risk values coloured by value, the same scale as the charts and the app.
        if !risk_values.is_empty() && last_row > 0 {
            let headers: Vec<&str> = ["xl.col.inherent", "xl.col.planned", "xl.col.residual"]
                .iter()
                .map(|k| crate::i18n::text(lang, k))
                .collect();
            for (c, col) in table.cols.iter().enumerate() {
                if !headers.contains(&col.header.as_str()) {
                    continue;
                }
                let c = c as u16 + 1;
                for (rank, value) in risk_values.iter().enumerate() {
                    let step = crate::risk::colour::of_rank(rank, risk_values.len());
                    let format = Format::new()
                        .set_background_color(Color::RGB(step.fill))
                        .set_font_color(Color::RGB(step.text));
                    let rule = ConditionalFormatCell::new()
                        .set_rule(ConditionalFormatCellRule::EqualTo(value.as_str()))
                        .set_format(format);
                    ws_ref.add_conditional_format(1, c, last_row, c, &rule)?;
                }
            }
        }
        for (c, choices) in &table.editable {
            if let (Some(choices), false) = (choices, last_row == 0) {
                let list: Vec<&str> = choices.iter().map(String::as_str).collect();
                let dv = DataValidation::new().allow_list_strings(&list)?;
                ws_ref.add_data_validation(1, *c as u16 + 1, last_row, *c as u16 + 1, &dv)?;
            }
        }
        if table.customer {
            let first_customer = layout.first_customer() as u16;
            ws_ref.set_column_hidden(first_customer + 3)?;
            if last_row > 0 {
                let choices: Vec<&str> = AGREEMENT_CHOICES
                    .iter()
                    .map(|(_, key)| i18n::text(lang, key))
                    .collect();
                let dv = DataValidation::new()
                    .allow_list_strings(&choices)?
                    .set_input_title(i18n::text(lang, "xl.agreement.input_title"))?
                    .set_input_message(i18n::text(lang, "xl.agreement.input_message"))?;
                ws_ref.add_data_validation(1, first_customer, last_row, first_customer, &dv)?;
            }
            ws_ref.protect_with_options(&protection());
        } else if !table.editable.is_empty() {
            ws_ref.protect_with_options(&protection());
        }
        Ok(ws)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_opener_gets_the_quote_prefix() {
        for s in [
            "=1", "+1", "-1", "@A1", "\t=1", "\r=1", "\n=1", "＝1", "＋1", "－1", "＠A1", "−1",
        ] {
            assert!(looks_like_formula(s), "{s:?}");
        }
        for s in ["1", "名称", " =1", "a=1", ""] {
            assert!(!looks_like_formula(s), "{s:?}");
        }
    }

    fn excel_units(s: &str) -> usize {
        s.encode_utf16().count()
    }

    #[test]
    fn text_within_the_cell_limit_is_kept_as_it_is() {
        let s = "🏭".repeat(MAX_CELL_CHARS / 2);
        assert!(matches!(fit(&s, Lang::Ja), Cow::Borrowed(_)));
        let s = "あ".repeat(MAX_CELL_CHARS);
        assert!(matches!(fit(&s, Lang::En), Cow::Borrowed(_)));
    }

    #[test]
    fn longer_text_is_cut_to_the_limit_as_excel_counts_it() {
        // Each emoji is one character but two UTF-16 units, which is what Excel counts.
        for s in [
            "🏭".repeat(20_000),
            "あ".repeat(40_000),
            format!("a{}", "🔐".repeat(MAX_CELL_CHARS)),
        ] {
            for lang in [Lang::Ja, Lang::En] {
                let cut = fit(&s, lang);
                assert!(
                    excel_units(&cut) <= MAX_CELL_CHARS,
                    "{lang:?}: within the limit"
                );
                assert!(
                    excel_units(&cut) >= MAX_CELL_CHARS - 1,
                    "{lang:?}: no more cut than a character"
                );
                assert!(cut.ends_with(']'), "{lang:?}: with the visible marker");
                let kept = cut.split('…').next().unwrap();
                assert!(s.starts_with(kept), "{lang:?}: the start of the text");
            }
        }
    }

    #[test]
    fn customer_and_editable_columns_are_the_unlocked_ones() {
        let table = Table {
            name: "t".into(),
            cols: vec![Col::new("a", 8.0), Col::new("b", 8.0), Col::new("c", 8.0)],
            rows: vec![],
            customer: true,
            editable: vec![(1, None)],
        };
        let responses = HashMap::new();
        let layout = RowLayout::new(&table, Lang::Ja, &responses);
        let kinds: Vec<ColumnKind> = (0..layout.width()).map(|c| layout.kind(c)).collect();
        use ColumnKind::*;
        assert_eq!(
            kinds,
            [Id, Locked, Unlocked, Locked, Unlocked, Unlocked, Unlocked, Locked],
            "id, a, b (editable), c, agreement, comment, date, hash"
        );
    }
}
