//! Spreadsheet archives built byte by byte for the tests of hostile files (no multi-megabyte
//! fixtures): parts deflated here or pre-deflated, xlsx and ods packages, sheet XML, a small
//! ledger. Shared by the core's tests and the command's (`cli/tests`) through `#[path]`.
#![allow(dead_code)]

use std::io::Write;

/// How a part is stored in the archive.
pub enum Part {
    /// Deflated here.
    Data(Vec<u8>),
    /// Already deflated: the bytes, the size they inflate to and its CRC (0 when unknown: the
    /// reader never gets that far).
    Raw(Vec<u8>, u64, u32),
    /// Stored uncompressed (ODS's mimetype must be).
    Stored(Vec<u8>),
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

pub fn crc(data: &[u8]) -> u32 {
    let mut c = flate2::Crc::new();
    c.update(data);
    c.sum()
}

/// A zip archive written by hand, so that a part can declare what it inflates to.
pub fn zip<N: AsRef<str>>(parts: Vec<(N, Part)>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend(x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend(x.to_le_bytes());
    for (name, part) in &parts {
        let name = name.as_ref();
        let (method, data, size, sum) = match part {
            Part::Data(d) => (8u16, deflate(d), d.len() as u64, crc(d)),
            Part::Raw(d, size, sum) => (8, d.clone(), *size, *sum),
            Part::Stored(d) => (0, d.clone(), d.len() as u64, crc(d)),
        };
        let offset = out.len() as u32;
        for (v, sig) in [(&mut out, 0x0403_4b50u32), (&mut central, 0x0201_4b50)] {
            le32(v, sig);
            if sig == 0x0201_4b50 {
                le16(v, 20); // made by
            }
            le16(v, 20); // needed
            le16(v, 0); // flags
            le16(v, method);
            le16(v, 0); // time
            le16(v, 0x21); // date 1980-01-01
            le32(v, sum);
            le32(v, data.len() as u32);
            le32(v, size as u32);
            le16(v, name.len() as u16);
            le16(v, 0); // extra
            if sig == 0x0201_4b50 {
                le16(v, 0); // comment
                le16(v, 0); // disk
                le16(v, 0); // internal attributes
                le32(v, 0); // external attributes
                le32(v, offset);
            }
            v.extend(name.as_bytes());
        }
        out.extend(&data);
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend(&central);
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, parts.len() as u16);
    le16(&mut out, parts.len() as u16);
    le32(&mut out, cd_size);
    le32(&mut out, cd_offset);
    le16(&mut out, 0);
    out
}

pub const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
pub const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
pub const DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A minimal xlsx with one sheet per (name, sheet XML part), plus extra parts.
pub fn xlsx(sheets: Vec<(&str, Part)>, extra: Vec<(&str, Part)>) -> Vec<u8> {
    xlsx_with(WorkbookOptions::default(), sheets, extra)
}

/// What the workbook part says besides its sheets.
#[derive(Default)]
pub struct WorkbookOptions {
    /// Dates counted from 1904 (`<workbookPr date1904="1"/>`).
    pub date1904: bool,
    /// A styles part, linked from the workbook.
    pub styles: Option<String>,
}

pub fn xlsx_with(
    options: WorkbookOptions,
    sheets: Vec<(&str, Part)>,
    extra: Vec<(&str, Part)>,
) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let pr = if options.date1904 {
        r#"<workbookPr date1904="1"/>"#
    } else {
        ""
    };
    let mut book = format!(r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_REL}">{pr}<sheets>"#);
    let mut rels = format!(r#"<Relationships xmlns="{REL_NS}">"#);
    let mut parts: Vec<(String, Part)> = Vec::new();
    for (i, (name, part)) in sheets.into_iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="{DOC_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), part));
    }
    if let Some(styles) = options.styles {
        rels.push_str(&format!(
            r#"<Relationship Id="rIdStyles" Type="{DOC_REL}/styles" Target="styles.xml"/>"#
        ));
        parts.push(("xl/styles.xml".into(), Part::Data(styles.into_bytes())));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    let mut all: Vec<(String, Part)> = vec![
        ("[Content_Types].xml".into(), Part::Data(types.into_bytes())),
        (
            "_rels/.rels".into(),
            Part::Data(format!(r#"<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes()),
        ),
        ("xl/workbook.xml".into(), Part::Data(book.into_bytes())),
        ("xl/_rels/workbook.xml.rels".into(), Part::Data(rels.into_bytes())),
    ];
    all.extend(parts);
    all.extend(extra.into_iter().map(|(n, p)| (n.to_owned(), p)));
    zip(all)
}

/// Sheet XML with inline-string cells `(reference, text)` and merged ranges.
pub fn sheet_xml(cells: &[(&str, &str)], merges: &[&str]) -> Part {
    let mut rows: std::collections::BTreeMap<u32, String> = Default::default();
    for (r, t) in cells {
        let row: u32 = r
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .unwrap();
        rows.entry(row).or_default().push_str(&format!(
            r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#
        ));
    }
    let mut x = format!(r#"<worksheet xmlns="{MAIN_NS}"><sheetData>"#);
    for (r, cells) in rows {
        x.push_str(&format!(r#"<row r="{r}">{cells}</row>"#));
    }
    x.push_str("</sheetData>");
    if !merges.is_empty() {
        x.push_str(&format!(r#"<mergeCells count="{}">"#, merges.len()));
        for m in merges {
            x.push_str(&format!(r#"<mergeCell ref="{m}"/>"#));
        }
        x.push_str("</mergeCells>");
    }
    x.push_str("</worksheet>");
    Part::Data(x.into_bytes())
}

/// A small ledger's cells: a header and two assets.
pub const LEDGER: [(&str, &str); 6] = [
    ("A1", "設備名称"),
    ("B1", "種別"),
    ("A2", "成形機PLC"),
    ("B2", "PLC"),
    ("A3", "HMI"),
    ("B3", "HMI"),
];

/// `bytes` is `len` bytes of `fill` deflated, without holding them: one megabyte is deflated
/// with a full flush, and the second megabyte's compressed block (which refers only to the
/// 32 KiB before it, all `fill` too) is repeated.
pub fn deflated_fill(prefix: &[u8], fill: u8, megabytes: u64, suffix: &[u8]) -> (Vec<u8>, u64) {
    let mb = vec![fill; 1 << 20];
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(prefix).unwrap();
    e.write_all(&mb).unwrap();
    e.flush().unwrap();
    let first = e.get_ref().len();
    e.write_all(&mb).unwrap();
    e.flush().unwrap();
    let block = e.get_ref()[first..].to_vec();
    let mut out = e.get_ref()[..first].to_vec();
    for _ in 2..megabytes {
        out.extend(&block);
    }
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(&mb).unwrap();
    e.flush().unwrap();
    let tail_start = e.get_ref().len();
    e.write_all(suffix).unwrap();
    let tail = e.finish().unwrap();
    out.extend(&block);
    out.extend(&tail[tail_start..]);
    (
        out,
        prefix.len() as u64 + megabytes * (1 << 20) + suffix.len() as u64,
    )
}
