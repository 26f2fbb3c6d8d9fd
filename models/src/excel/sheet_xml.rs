//! Data rows of a table sheet as worksheet XML (the `<row>` elements of `<sheetData>`),
//! rendered here, on all cores and in chunks, instead of cell by cell through rust_xlsxwriter:
//! the library writes one sheet's cells on one core, and for a large factory that single
//! sheet (the risk register, half of the workbook's cells) was most of the export's time
//! (docs/benchmarks.md).
//!
//! What is written is exactly what rust_xlsxwriter writes for the same cells in a
//! constant-memory worksheet — inline strings, the same escapes, the same row heights and
//! style indices — and the integration tests compare the two byte for byte
//! (`tests/integration/excel.rs`). What goes into each cell is decided in one place for both
//! ([`RowLayout::cells`]). The export writes the rows into each sheet of the saved workbook as
//! the sheet is compressed, rendering a few chunks ahead on all cores, so that a large sheet is
//! never all in memory as XML.

use super::sheet::{
    col_letter, row_height, CellOut, CellStyle, CellStyles, PreparedRow, Row, RowLayout,
};
use rayon::prelude::*;
use std::borrow::Cow;
use std::convert::Infallible;
use std::io::Write;

/// Rows rendered at a time on one core.
const CHUNK: usize = 1024;

/// Chunks rendered (on all cores) while the previous ones are written: enough to keep the
/// cores busy, few enough that a large sheet is never all in memory as XML.
const GROUP: usize = 8;

/// Renders the data rows of one table.
pub struct RowsXml<'a> {
    layout: &'a RowLayout<'a>,
    columns: Vec<ColumnXml>,
}

/// The data rows of a table, for [`RowsXml::write_rows`].
pub enum Rows<'a> {
    /// Built beforehand, in order.
    Built(Vec<Row>),
    /// Rows made on demand, on any core.
    Made {
        /// Rows in all.
        len: usize,
        /// Makes row `i` (0-based).
        row: Box<dyn Fn(usize) -> Row + Send + Sync + 'a>,
    },
}

/// Rows rendered together on one core.
enum Chunk<'a> {
    Built(Vec<Row>),
    Made(std::ops::Range<usize>, &'a (dyn Fn(usize) -> Row + Sync)),
}

/// What every cell of a column starts with: the column's letters, and its style attribute
/// (` s="N"`, none for the default style) for a cell in the column's format and for a
/// quote-prefixed one.
struct ColumnXml {
    name: String,
    column: String,
    quoted: String,
}

impl<'a> RowsXml<'a> {
    /// A renderer for the table of `layout`, whose cell formats have the workbook-wide
    /// indices `styles`.
    pub fn new(layout: &'a RowLayout<'a>, styles: CellStyles) -> Self {
        let attribute = |style: u32| {
            if style > 0 {
                format!("\" s=\"{style}")
            } else {
                String::new()
            }
        };
        Self {
            layout,
            columns: (0..layout.width())
                .map(|c| {
                    let kind = layout.kind(c);
                    ColumnXml {
                        name: col_letter(c),
                        column: attribute(styles.of(kind, CellStyle::Column)),
                        quoted: attribute(styles.of(kind, CellStyle::Quoted)),
                    }
                })
                .collect(),
        }
    }

    /// Render every row of the table (given here, in order: the layout's table has given
    /// them up) and write the XML to `out`, in order. Rows are rendered in chunks on all cores
    /// while the chunks before them are written; rows made on demand are made with their
    /// chunk, so that they are never all in memory either.
    ///
    /// # Errors
    /// What writing to `out` gives.
    pub fn write_rows(&self, rows: Rows<'_>, out: &mut (impl Write + Send)) -> std::io::Result<()> {
        let (mut built, made) = match rows {
            Rows::Built(rows) => (rows.into_iter(), None),
            Rows::Made { len, row } => (Vec::new().into_iter(), Some((len, row))),
        };
        let mut next_made = 0;
        let mut first = 1u32;
        let mut rendered: Vec<Vec<u8>> = Vec::new();
        loop {
            let mut group = Vec::with_capacity(GROUP);
            for _ in 0..GROUP {
                let chunk = match &made {
                    None => {
                        let rows: Vec<_> = built.by_ref().take(CHUNK).collect();
                        if rows.is_empty() {
                            break;
                        }
                        Chunk::Built(rows)
                    }
                    Some((len, row)) => {
                        if next_made == *len {
                            break;
                        }
                        let end = (next_made + CHUNK).min(*len);
                        let chunk = Chunk::Made(next_made..end, &**row);
                        next_made = end;
                        chunk
                    }
                };
                group.push((first, chunk));
                first += CHUNK as u32;
            }
            if group.is_empty() && rendered.is_empty() {
                return Ok(());
            }
            let (written, next) = rayon::join(
                || rendered.iter().try_for_each(|xml| out.write_all(xml)),
                || {
                    let prepare = |(id, cells)| self.layout.prepare(id, cells);
                    group
                        .into_par_iter()
                        .map(|(first, chunk)| match chunk {
                            Chunk::Built(rows) => self.render(first, rows.into_iter().map(prepare)),
                            Chunk::Made(range, row) => {
                                self.render(first, range.map(row).map(prepare))
                            }
                        })
                        .collect()
                },
            );
            written?;
            rendered = next;
        }
    }

    /// Render `rows`, the first of them being data row `first` (1 is the row under the header).
    pub fn render(&self, first: u32, rows: impl IntoIterator<Item = PreparedRow>) -> Vec<u8> {
        let mut xml = Vec::new();
        let mut cells = Vec::with_capacity(4096);
        let mut number = itoa::Buffer::new();
        for (i, prepared) in rows.into_iter().enumerate() {
            // The XML numbers rows from 1, the header being row 1.
            let r_text = number.format(first + i as u32 + 1).as_bytes();
            cells.clear();
            let lines = self
                .layout
                .cells(prepared, |col, value| {
                    self.cell(&mut cells, r_text, usize::from(col), value);
                    Ok::<(), Infallible>(())
                })
                .unwrap_or_else(|never| match never {});
            xml.extend_from_slice(b"<row r=\"");
            xml.extend_from_slice(r_text);
            if lines > 1 {
                // rust_xlsxwriter keeps heights in whole pixels and writes them in points.
                let pixels = (row_height(lines) * 4.0 / 3.0).round() as u32;
                let _ = write!(
                    xml,
                    "\" ht=\"{}\" customHeight=\"1",
                    f64::from(pixels) * 0.75
                );
            }
            xml.extend_from_slice(b"\">");
            xml.extend_from_slice(&cells);
            xml.extend_from_slice(b"</row>");
        }
        xml
    }

    /// Append one `<c>` element.
    fn cell(&self, xml: &mut Vec<u8>, r: &[u8], col: usize, value: CellOut<'_>) {
        let column = &self.columns[col];
        xml.extend_from_slice(b"<c r=\"");
        xml.extend_from_slice(column.name.as_bytes());
        xml.extend_from_slice(r);
        match value {
            CellOut::Text(s, style) => {
                let attribute = match style {
                    CellStyle::Column => &column.column,
                    CellStyle::Quoted => &column.quoted,
                };
                xml.extend_from_slice(attribute.as_bytes());
                xml.extend_from_slice(b"\" t=\"inlineStr\"><is><t");
                if s.starts_with(['\t', '\n', ' ']) || s.ends_with(['\t', '\n', ' ']) {
                    xml.extend_from_slice(b" xml:space=\"preserve\"");
                }
                xml.push(b'>');
                escape_text(xml, &s);
                xml.extend_from_slice(b"</t></is></c>");
            }
            CellOut::Number(n) => {
                xml.extend_from_slice(column.column.as_bytes());
                // rust_xlsxwriter (without its `ryu`/`zmij` features) writes numbers with
                // Rust's `Display`.
                let _ = write!(xml, "\"><v>{n}</v></c>");
            }
        }
    }
}

/// Append `s` as XML character data the way Excel and rust_xlsxwriter write it: `& < >`
/// escaped, control characters (other than tab and line feed) and the non-characters U+FFFE
/// and U+FFFF as `_xHHHH_`, and a literal `_xHHHH_` in the text kept literal by escaping its
/// underscore (`_x005F_xHHHH_`).
pub fn escape_text(xml: &mut Vec<u8>, s: &str) {
    let s = escape_literal_escapes(s);
    let bytes = s.as_bytes();
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (replacement, len): (Cow<'static, [u8]>, usize) = match b {
            b'&' => (Cow::Borrowed(b"&amp;"), 1),
            b'<' => (Cow::Borrowed(b"&lt;"), 1),
            b'>' => (Cow::Borrowed(b"&gt;"), 1),
            0x00..=0x08 | 0x0B..=0x1F => (Cow::Owned(format!("_x{b:04X}_").into_bytes()), 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8 (EF only ever starts a
            // character).
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                let code = if bytes[i + 2] == 0xBE {
                    "_xFFFE_"
                } else {
                    "_xFFFF_"
                };
                (Cow::Borrowed(code.as_bytes()), 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        xml.extend_from_slice(&bytes[done..i]);
        xml.extend_from_slice(&replacement);
        i += len;
        done = i;
    }
    xml.extend_from_slice(&bytes[done..]);
}

/// Length of `_xHHHH_`.
const ESCAPE_LEN: usize = 7;

/// A literal `_xHHHH_` (H a hex digit) in the text gets its underscore escaped, so that a
/// reader does not take it for an escaped character: the same rule, and the same matching
/// from the right, as rust_xlsxwriter's `escape_xml_escapes` (MIT/Apache-2.0).
fn escape_literal_escapes(s: &str) -> Cow<'_, str> {
    if !s.contains("_x") {
        return Cow::Borrowed(s);
    }
    let mut out = s.to_owned();
    let mut changed = false;
    for (index, _) in s.rmatch_indices("_x") {
        let end = index + ESCAPE_LEN;
        if end > s.len()
            || !s.is_char_boundary(end - 1)
            || !s[end - 1..].starts_with('_')
            || !s[index + 2..end - 1].chars().all(|c| c.is_ascii_hexdigit())
        {
            continue;
        }
        out.replace_range(index..index, "_x005F");
        changed = true;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::excel::sheet::{Cell, Col, Table};
    use crate::model::Lang;
    use std::collections::HashMap;

    /// Rows written chunk by chunk, several groups of them, built beforehand or made on
    /// demand, are the rows rendered in one go: numbered on across chunk and group boundaries,
    /// in order.
    #[test]
    fn rows_written_in_chunks_are_the_rows_rendered_in_one_go() {
        let len = (GROUP * 2 + 3) * CHUNK + 17;
        let row = |i: usize| -> Row {
            let text = if i.is_multiple_of(7) {
                format!("{i}\n二行目")
            } else {
                format!("={i}")
            };
            (format!("R{i}"), vec![Cell::Text(text), Cell::Num(i as f64)])
        };
        let table = Table {
            name: "t".into(),
            cols: vec![Col::new("a", 10.0), Col::new("b", 10.0)],
            rows: vec![],
            customer: true,
            editable: vec![],
        };
        let responses = HashMap::new();
        let layout = RowLayout::new(&table, Lang::Ja, &responses);
        let styles = CellStyles {
            column: [1, 3, 6],
            quoted: [5, 5, 7],
        };
        let xml = RowsXml::new(&layout, styles);
        let whole = xml.render(
            1,
            (0..len)
                .map(row)
                .map(|(id, cells)| layout.prepare(id, cells)),
        );
        for rows in [
            Rows::Built((0..len).map(row).collect()),
            Rows::Made {
                len,
                row: Box::new(row),
            },
        ] {
            let mut written = Vec::new();
            xml.write_rows(rows, &mut written)
                .expect("writes to memory");
            assert_eq!(written.len(), whole.len());
            assert!(written == whole, "the same bytes");
        }
        let text = String::from_utf8(whole).expect("UTF-8");
        let last = len + 1;
        assert!(text.ends_with("</row>") && text.contains(&format!("<row r=\"{last}\">")));
        assert_eq!(text.matches("<row ").count(), len, "every row once");
    }

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape_text(&mut out, s);
        String::from_utf8(out).expect("UTF-8 stays UTF-8")
    }

    #[test]
    fn markup_and_control_characters_are_escaped_as_excel_does() {
        assert_eq!(escaped("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(escaped("tab\tline\nend"), "tab\tline\nend");
        assert_eq!(escaped("\u{0}\u{1b}\r"), "_x0000__x001B__x000D_");
        assert_eq!(escaped("x\u{FFFE}y\u{FFFF}"), "x_xFFFE_y_xFFFF_");
        assert_eq!(escaped("ﾃｽﾄ\u{FFFD}日本"), "ﾃｽﾄ\u{FFFD}日本");
    }

    #[test]
    fn literal_escapes_keep_their_text() {
        assert_eq!(escaped("_x0041_"), "_x005F_x0041_");
        assert_eq!(escaped("a_x00e9_b_x12_"), "a_x005F_x00e9_b_x12_");
        assert_eq!(escaped("_xZZZZ_ _x"), "_xZZZZ_ _x");
        assert_eq!(escaped("_x_x0000_"), "_x_x005F_x0000_");
    }
}
