//! The workbook file. rust_xlsxwriter saves the workbook with every table sheet holding its
//! header row only (and everything else: columns, panes, autofilter, drop-downs, protection,
//! print set-up); here the table rows, rendered as XML on all cores
//! ([`crate::excel::sheet_xml`]), go into their sheets as each sheet is compressed — the
//! sheets on whichever core is free, largest first — and every other part of the library's
//! package is copied as it is.

use super::ZIP_LEVEL;
use crate::excel::sheet::col_letter;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use zip::write::{PreparedZipFile, SimpleFileOptions, ZipFileBuilder};
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The data rows of one worksheet of the saved workbook.
pub(super) struct SheetRows<'a> {
    /// 1-based position of the worksheet in the workbook (its part is
    /// `xl/worksheets/sheet{n}.xml`).
    pub sheet: usize,
    /// Data rows in all.
    pub rows: u32,
    /// Columns of the sheet.
    pub width: usize,
    /// Writes the `<row>` elements, in order.
    pub write: RowsWriter<'a>,
}

/// Writes a sheet's `<row>` elements into its part.
pub(super) type RowsWriter<'a> =
    Box<dyn FnOnce(&mut ZipFileBuilder) -> std::io::Result<()> + Send + 'a>;

/// Put `sheets`' rows into the workbook `saved` (as rust_xlsxwriter saved it) and give the
/// finished file.
///
/// # Errors
/// A message when the saved workbook is not what rust_xlsxwriter writes (which would be a bug).
pub(super) fn assemble(saved: &[u8], sheets: Vec<SheetRows<'_>>) -> Result<Vec<u8>, String> {
    let zip_error = |e: zip::result::ZipError| format!("workbook package: {e}");
    let mut archive = ZipArchive::new(Cursor::new(saved)).map_err(zip_error)?;
    let mut parts = Vec::with_capacity(sheets.len());
    for rows in sheets {
        let name = format!("xl/worksheets/sheet{}.xml", rows.sheet);
        let mut xml = String::new();
        archive
            .by_name(&name)
            .map_err(zip_error)?
            .read_to_string(&mut xml)
            .map_err(|e| format!("{name}: {e}"))?;
        parts.push((name, xml, rows));
    }
    // The largest sheets first, so that no large one is left for the end.
    parts.sort_by_key(|(_, _, rows)| std::cmp::Reverse(rows.rows));
    let mut compressed: HashMap<String, PreparedZipFile> = parts
        .into_par_iter()
        .map(|(name, xml, rows)| {
            let file = compress(&name, &xml, rows)?;
            Ok((name, file))
        })
        .collect::<Result<_, String>>()?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(zip_error)?;
        let name = part.name().map_err(zip_error)?.into_owned();
        match compressed.remove(&name) {
            Some(file) => {
                drop(part);
                out.add_prepared_file(file).map_err(zip_error)?;
            }
            None => out.raw_copy_file(part).map_err(zip_error)?,
        }
    }
    if let Some(name) = compressed.keys().next() {
        return Err(format!("workbook package: no part {name}"));
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}

/// The sheet part `name` (its XML as saved, `xml`) with `rows` put in after the header row,
/// compressed as rust_xlsxwriter compresses its parts.
fn compress(name: &str, xml: &str, rows: SheetRows<'_>) -> Result<PreparedZipFile, String> {
    let error = |e: &dyn std::fmt::Display| format!("{name}: {e}");
    // The sheet data is the header row, which ends at the first `</row>`, and possibly an
    // empty copy of it: at save, rust_xlsxwriter writes the last row of a constant-memory
    // sheet a second time, empty, when that row has a height of its own (the header's is set).
    // The rows go in after the header, in place of that copy.
    let header_end = xml.find("</row>").ok_or_else(|| error(&"no header row"))? + "</row>".len();
    let data_end = xml
        .find("</sheetData>")
        .ok_or_else(|| error(&"no </sheetData>"))?;
    let after_header = &xml[header_end..data_end.max(header_end)];
    if !(after_header.is_empty()
        || (after_header.starts_with("<row r=\"1\"")
            && after_header.ends_with("/>")
            && after_header.matches('<').count() == 1))
    {
        return Err(error(
            &"more than the header row in a sheet written without rows",
        ));
    }
    let (start, end) = (&xml[..header_end], &xml[data_end..]);
    // The dimension written with the header row alone covers row 1; with the rows it ends at
    // the last column of the last row, as when the library writes every cell.
    let start = if rows.rows > 0 {
        let at = start
            .find("<dimension ref=\"")
            .ok_or_else(|| error(&"no <dimension>"))?
            + "<dimension ref=\"".len();
        let len = start[at..]
            .find('"')
            .ok_or_else(|| error(&"unterminated <dimension>"))?;
        let range = format!("A1:{}{}", col_letter(rows.width - 1), rows.rows + 1);
        format!("{}{range}{}", &start[..at], &start[at + len..])
    } else {
        start.to_owned()
    };
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(i64::from(ZIP_LEVEL)))
        .unix_permissions(0o600)
        .last_modified_time(DateTime::default());
    let mut file = ZipFileBuilder::new(name, options).map_err(|e| error(&e))?;
    file.write_all(start.as_bytes()).map_err(|e| error(&e))?;
    (rows.write)(&mut file).map_err(|e| error(&e))?;
    file.write_all(end.as_bytes()).map_err(|e| error(&e))?;
    file.finish().map_err(|e| error(&e))
}
