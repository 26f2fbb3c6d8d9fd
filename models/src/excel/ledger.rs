//! Importing a customer's asset ledger (資産台帳) from xlsx, xlsm, xls, ods or csv, as customers
//! really keep them: title rows above the header (found among the first rows by Japanese and
//! English synonyms), vertically merged cells (a merged location applies to every row it
//! spans), full-width digits and punctuation, numbers stored as numbers (型番 12345, not
//! 12345.0), dates as serials or text, blank rows, notes under the table, hidden sheets, CSV in
//! UTF-8 or Shift_JIS.
//!
//! The import is a preview first: every row becomes an add or an update, every problem carries
//! sheet, row and column. Nothing is applied while errors remain unless the caller skips the
//! rows that have them. Nothing in a cell is lost: columns without a field go to the asset's
//! notes as `header: value`, and text is never truncated.

use super::cells::{parse_date, seen_text as cell_text};
use super::intake;
use super::sheet::col_letter;
use crate::id::AssetId;
use crate::model::{Project, ProtectedAsset};
use crate::{Error, Location, Problem, Result};
use calamine::{Data, Reader, SheetVisible, Sheets};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// A field of [`ProtectedAsset`] a ledger column can fill.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    strum::EnumIter,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Name or tag.
    Name,
    /// Asset type.
    #[serde(alias = "type")]
    AssetType,
    /// Vendor.
    Vendor,
    /// Model.
    Model,
    /// Firmware / OS.
    #[serde(alias = "os")]
    Firmware,
    /// Network address.
    #[serde(alias = "ip")]
    Address,
    /// Location.
    Location,
    /// Owner.
    Owner,
    /// Install date.
    InstallDate,
    /// End of support.
    SupportEnd,
    /// Zone (by name).
    Zone,
    /// Businesses (by name).
    #[serde(alias = "business")]
    Businesses,
    /// Supplier (by name).
    Supplier,
    /// Protocols.
    Protocols,
    /// Software / licences.
    Software,
    /// Notes.
    Notes,
    /// Leave the column out (its text still goes to notes).
    Ignore,
}

impl Field {
    /// Parse a field key (`name`, `type`, `vendor`, …) as given to `--map`: a field's name as
    /// it is written (`asset_type`), or one of its short forms (`type`, `os`, `ip`, `business`).
    pub fn parse(s: &str) -> Option<Self> {
        use serde::de::IntoDeserializer;
        let key = s.trim().to_ascii_lowercase();
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            key.as_str().into_deserializer();
        serde::Deserialize::deserialize(de).ok()
    }

    /// Every field, in order, `Ignore` last.
    pub fn all() -> impl Iterator<Item = Field> {
        <Field as strum::IntoEnumIterator>::iter()
    }
}

pub use crate::validate::address::fold_width;

/// Separators and brackets ignored when matching headers and type words.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | ')'
                | '（'
                | '）'
                | '['
                | ']'
                | '［'
                | '］'
                | '【'
                | '】'
                | '「'
                | '」'
                | '『'
                | '』'
                | '<'
                | '>'
                | '〈'
                | '〉'
                | '・'
                | '･'
                | '_'
                | '-'
                | 'ー'
                | '―'
                | '‐'
                | '*'
                | '※'
                | '.'
                | '。'
                | ':'
                | '：'
                | '/'
                | '／'
                | '、'
                | ','
                | '#'
                | '＃'
                | '?'
                | '？'
                | '"'
                | '\''
                | '＊'
        )
}

/// A header or type word folded for matching: full-width to half-width, lower case, without
/// spaces, line breaks, brackets and separators. The long sound mark ー is kept inside words
/// (メーカー) and only dropped where it stands alone between separators.
fn header_key(s: &str) -> String {
    key_of_folded(&fold_text(s))
}

/// [`header_key`] of text already folded by [`fold_text`].
fn key_of_folded(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        let keep_long_mark = c == 'ー' && i > 0 && !is_separator(chars[i - 1]);
        if keep_long_mark || !is_separator(c) {
            out.push(c);
        }
    }
    out
}

/// Text folded for matching: Unicode NFKC (full-width letters and digits, half-width katakana
/// and composed/decomposed kana become one form), lower case, without zero-width characters
/// and combining marks left over.
fn fold_text(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc()
        .filter(|c| {
            !matches!(*c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
                && !unicode_normalization::char::is_combining_mark(*c)
        })
        .collect::<String>()
        .to_lowercase()
}

/// Whether `word` (folded) occurs in `text`: an ASCII word (`os`, `ip`, `site`, `nc`) only as
/// a whole token, so that `hostname` does not hold `os` nor `Website` `site`; other words
/// anywhere in the folded text.
#[cfg(test)]
fn contains_word(text: &str, word: &str) -> bool {
    Folded::new(text).contains(word)
}

/// A cell's text folded once for matching many words against it.
struct Folded {
    text: String,
    key: String,
}

impl Folded {
    fn new(s: &str) -> Self {
        let text = fold_text(s);
        let key = key_of_folded(&text);
        Self { text, key }
    }

    /// As [`contains_word`].
    fn contains(&self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        let ascii = word.chars().all(|c| c.is_ascii_alphanumeric());
        if !ascii {
            return self.key.contains(word);
        }
        let t = &self.text;
        let b = t.as_bytes();
        let mut start = 0;
        while let Some(pos) = t[start..].find(word) {
            let at = start + pos;
            let end = at + word.len();
            let before = at == 0 || !b[at - 1].is_ascii_alphanumeric();
            let after = end >= b.len() || !b[end].is_ascii_alphanumeric();
            if before && after {
                return true;
            }
            start = at + 1;
            while !t.is_char_boundary(start) {
                start += 1;
            }
        }
        false
    }
}

/// How a header was matched to a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MatchReason {
    /// The header is one of the field's words.
    Exact {
        /// The word.
        word: String,
    },
    /// The header contains one of the field's words (a proposal).
    Contains {
        /// The word.
        word: String,
    },
    /// Set with `--map` (or in the app's mapping).
    Mapped,
    /// No name column was found: proposed as the name because its values are text and unique.
    GuessedName,
}

impl MatchReason {
    /// Certain (exact or set by the user), as opposed to a proposal.
    pub fn certain(&self) -> bool {
        matches!(self, Self::Exact { .. } | Self::Mapped)
    }
}

#[derive(serde::Deserialize)]
struct VocabularyFile {
    field: Vec<VocabularyField>,
    #[serde(rename = "type")]
    types: Vec<TypeWord>,
}

#[derive(serde::Deserialize)]
struct VocabularyField {
    id: String,
    headers: Vec<String>,
    /// Words that name the field only often enough to propose it (never certain).
    #[serde(default)]
    proposals: Vec<String>,
}

#[derive(serde::Deserialize)]
struct TypeWord {
    text: String,
    asset_type: String,
}

/// The ledger vocabulary (catalogue/ledger.toml), folded once.
struct Vocabulary {
    /// (field, folded word) for every header word.
    headers: Vec<(Field, String)>,
    /// (field, folded word) for words that are only ever proposals.
    proposals: Vec<(Field, String)>,
    /// (folded word, asset type) for every type word.
    types: Vec<(String, String)>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let f: VocabularyFile = toml::from_str(include_str!("../../catalogue/ledger.toml"))
            .expect("the built-in ledger vocabulary parses (ledger tests)");
        let mut headers = Vec::new();
        let mut proposals = Vec::new();
        for fld in &f.field {
            let field = Field::parse(&fld.id).expect("ledger vocabulary field ids are fields");
            for h in &fld.headers {
                headers.push((field, header_key(h)));
            }
            for h in &fld.proposals {
                proposals.push((field, header_key(h)));
            }
        }
        let types = f
            .types
            .iter()
            .map(|t| (header_key(&t.text), t.asset_type.clone()))
            .collect();
        Vocabulary {
            headers,
            proposals,
            types,
        }
    })
}

/// The field a header names, and why: an exact word first, else the longest word it contains.
fn match_header(h: &str) -> Option<(Field, MatchReason)> {
    let folded = Folded::new(h);
    let k = &folded.key;
    if k.is_empty() {
        return None;
    }
    let v = vocabulary();
    if let Some((f, w)) = v.headers.iter().find(|(_, w)| w == k) {
        return Some((*f, MatchReason::Exact { word: w.clone() }));
    }
    v.headers
        .iter()
        .chain(&v.proposals)
        .filter(|(_, w)| folded.contains(w))
        .max_by_key(|(_, w)| w.chars().count())
        .map(|(f, w)| (*f, MatchReason::Contains { word: w.clone() }))
}

/// Import options.
#[derive(Debug, Clone, Default)]
pub struct LedgerOptions {
    /// Sheet to read; by default the visible sheet whose header matches best.
    pub sheet: Option<String>,
    /// Explicit mappings: column header text or letter → field.
    pub mapping: Vec<(String, Field)>,
}

impl LedgerOptions {
    /// Options from a sheet name and the mappings as a user gives them: (column, field key)
    /// pairs (`--map 機器名=name` on the command line, the app's mapping drop-downs). An
    /// empty sheet name means automatic.
    ///
    /// # Errors
    /// [`Error::InvalidMapping`] naming the column and the field that is not one.
    pub fn from_keys(
        sheet: Option<String>,
        mapping: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self> {
        let mapping = mapping
            .into_iter()
            .map(|(column, field)| match Field::parse(&field) {
                Some(f) => Ok((column, f)),
                None => Err(Error::InvalidMapping {
                    location: Location::default(),
                    column,
                    field,
                }),
            })
            .collect::<Result<_>>()?;
        Ok(Self {
            sheet: sheet.filter(|s| !s.is_empty()),
            mapping,
        })
    }
}

/// Whether a row adds or updates an asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// A new asset.
    Add,
    /// Updates the existing asset with this id (matched by name, else by address).
    Update {
        /// The asset.
        id: AssetId,
    },
}

/// A ledger row as it will be applied.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedRow {
    /// Row in the ledger (1-based, as the spreadsheet shows it).
    pub row: u64,
    /// Add or update.
    pub action: Action,
    /// The asset as it will be after the import.
    pub asset: ProtectedAsset,
    /// The row has an error (it is applied only when error rows are skipped… i.e. never).
    pub has_error: bool,
}

/// How the columns were understood.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnMapping {
    /// Column letter (or number for CSV).
    pub column: String,
    /// Header text.
    pub header: String,
    /// Field, when mapped.
    pub field: Option<Field>,
    /// Why this field (absent when unmapped).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<MatchReason>,
}

/// Severity of an import problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProblemLevel {
    /// Blocks the row.
    Error,
    /// Applied, but worth a look (e.g. unknown type mapped to "other").
    Warning,
}

/// The preview of an import.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preview {
    /// File read.
    pub file: String,
    /// Sheet read (empty for CSV).
    pub sheet: String,
    /// Header row (1-based).
    pub header_row: u64,
    /// Columns.
    pub columns: Vec<ColumnMapping>,
    /// Rows to apply.
    pub rows: Vec<PlannedRow>,
    /// Problems, each located.
    pub problems: Vec<(ProblemLevel, Problem)>,
}

impl Preview {
    /// Rows with errors.
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|(l, _)| *l == ProblemLevel::Error)
            .count()
    }
}

/// Raw grid of one sheet: text cells, and for date-capable cells the serial if numeric.
struct Grid {
    cells: Vec<Vec<Data>>,
}

fn read_csv(path: &Path, deadline: intake::Deadline) -> Result<Grid> {
    let file = || Location::file(path);
    let len = crate::json::input_len(path)?;
    if len > intake::MAX_FILE_BYTES {
        return Err(Error::LimitExceeded {
            location: file(),
            what: "file size (bytes)".into(),
            found: len.to_string(),
            limit: intake::MAX_FILE_BYTES.to_string(),
        });
    }
    let bytes = crate::json::read_input(path, intake::MAX_FILE_BYTES)?;
    let text = csv_text(path, &bytes)?;
    parse_delimited(&text, b',', &file(), deadline)
}

/// Rows of delimited text (a CSV file, or cells pasted from a spreadsheet: tab-separated),
/// each cell bounded; errors located at `at` with the line and column.
fn parse_delimited(
    text: &str,
    delimiter: u8,
    at: &Location,
    deadline: intake::Deadline,
) -> Result<Grid> {
    let file = || at.clone();
    unclosed_quote(text, char::from(delimiter)).map_or(Ok(()), |line| {
        Err(Error::InvalidWorkbook {
            location: Location {
                row: Some(line),
                ..file()
            },
            detail: "the quote opened on this line is never closed, so the rest of the \
                     text would be read as one cell"
                .into(),
        })
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    let mut values = 0usize;
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::InvalidWorkbook {
            location: Location {
                row: e.position().map(|p| p.line()),
                ..file()
            },
            detail: format!("CSV: {e}"),
        })?;
        let line = rec.position().map_or(cells.len() as u64 + 1, |p| p.line());
        if cells.len().is_multiple_of(4096) {
            deadline.check(|| Location {
                row: Some(line),
                ..file()
            })?;
        }
        let mut row = Vec::with_capacity(rec.len());
        for (c, s) in rec.iter().enumerate() {
            if s.len() > intake::MAX_CELL_CHARS && s.chars().count() > intake::MAX_CELL_CHARS {
                return Err(Error::LimitExceeded {
                    location: Location {
                        row: Some(line),
                        column: Some(super::sheet::col_letter(c)),
                        ..file()
                    },
                    what: "characters in one cell".into(),
                    found: s.chars().count().to_string(),
                    limit: intake::MAX_CELL_CHARS.to_string(),
                });
            }
            values += usize::from(!s.is_empty());
            row.push(if s.is_empty() {
                Data::Empty
            } else {
                Data::String(s.to_owned())
            });
        }
        if values > intake::MAX_CELLS {
            return Err(Error::LimitExceeded {
                location: file(),
                what: "values in one sheet".into(),
                found: "too much".into(),
                limit: intake::MAX_CELLS.to_string(),
            });
        }
        cells.push(row);
    }
    Ok(Grid { cells })
}

/// The text of a CSV file: UTF-8 (with or without BOM), else Shift_JIS (CP932, what Japanese
/// Excel saves). A file that is UTF-8 up to a stray byte is refused at that byte, not read
/// as Shift_JIS (which would garble every Japanese character before it).
fn csv_text(path: &Path, bytes: &[u8]) -> Result<String> {
    // UTF-16 with its byte-order mark (Excel's "Unicode" text).
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (s, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(Error::InvalidWorkbook {
                    location: Location::file(path),
                    detail: "the CSV starts as UTF-16 but is not valid UTF-16".into(),
                });
            }
            return Ok(s.into_owned());
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8_error = match std::str::from_utf8(body) {
        Ok(s) => return Ok(s.to_owned()),
        Err(e) => e,
    };
    let at = |offset: usize, detail: String| {
        let before = &body[..offset];
        let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        Error::InvalidWorkbook {
            location: Location {
                row: Some(line),
                column: Some(format!("byte {}", offset - line_start + 1)),
                ..Location::file(path)
            },
            detail,
        }
    };
    let had_bom = body.len() < bytes.len();
    // UTF-8 with a stray byte, or Shift_JIS? Read as UTF-8, Shift_JIS text gives mostly
    // invalid bytes and, by chance, a few valid sequences outside Japanese (ﾄｳ is U+0133,
    // 機器名 holds U+D5BC); UTF-8 Japanese text gives kana and kanji. The file is taken as
    // UTF-8 with a stray byte when its UTF-8 reading has at least as many Japanese characters
    // as bad bytes: reading it as Shift_JIS would garble every one of them.
    let lossy = String::from_utf8_lossy(body);
    let japanese = lossy
        .chars()
        .filter(|c| matches!(*c as u32, 0x3000..=0x9FFF | 0xFF00..=0xFFEF))
        .count();
    let bad = lossy
        .chars()
        .filter(|c| *c == char::REPLACEMENT_CHARACTER)
        .count();
    if had_bom || (japanese > 0 && japanese >= bad) {
        return Err(at(
            utf8_error.valid_up_to(),
            format!(
                "the CSV is UTF-8 but byte 0x{:02X} here is not (a character pasted from \
                 another encoding?); correct it and save the file as UTF-8 again",
                body[utf8_error.valid_up_to()]
            ),
        ));
    }
    let (s, _, had_errors) = encoding_rs::SHIFT_JIS.decode(body);
    if had_errors {
        // Find the first byte Shift_JIS cannot decode, to say where.
        let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(body.len() * 3);
        let mut read = 0;
        loop {
            let (result, n) =
                decoder.decode_to_string_without_replacement(&body[read..], &mut out, true);
            read += n;
            match result {
                encoding_rs::DecoderResult::Malformed(bad, _) => {
                    let offset = read.saturating_sub(usize::from(bad));
                    return Err(at(
                        offset,
                        "the CSV is neither UTF-8 nor Shift_JIS from this byte on; save it \
                         from Excel as \"CSV UTF-8\""
                            .into(),
                    ));
                }
                encoding_rs::DecoderResult::OutputFull => out.reserve(body.len()),
                encoding_rs::DecoderResult::InputEmpty => break,
            }
        }
        return Err(at(0, "the CSV is neither UTF-8 nor Shift_JIS".into()));
    }
    Ok(s.into_owned())
}

/// The line of a quote that opens a CSV field and never closes (RFC 4180 quoting: a field
/// starting with `"` runs to the next `"` not doubled).
fn unclosed_quote(text: &str, delimiter: char) -> Option<u64> {
    let (mut line, mut opened) = (1u64, 0u64);
    let (mut in_quote, mut field_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A line ends with LF, CRLF or a lone CR (old Mac files): count it once.
        let newline = c == '\n' || (c == '\r' && chars.peek() != Some(&'\n'));
        if in_quote {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quote = false;
                }
            } else if newline {
                line += 1;
            }
            continue;
        }
        if c == '"' && field_start {
            in_quote = true;
            opened = line;
            field_start = false;
        } else if c == delimiter {
            field_start = true;
        } else if newline {
            line += 1;
            field_start = true;
        } else if c != '\r' {
            field_start = false;
        }
    }
    in_quote.then_some(opened)
}

fn read_sheet<RS: std::io::Read + std::io::Seek>(
    wb: &mut Sheets<RS>,
    name: &str,
    path: &Path,
    deadline: intake::Deadline,
    budget: &intake::Budget,
) -> Result<Grid> {
    let values = intake::read_sheet(wb, name, path, deadline, budget)?;
    let (rows, cols) = (values.rows, values.cols);
    let mut cells = values.grid(path, name)?;
    // A vertically merged cell holds its value in the top cell only: copy it down the span.
    let sheet = || Location {
        sheet: Some(name.into()),
        ..Location::file(path)
    };
    let merges: Vec<calamine::Dimensions> = intake::guard(sheet, || {
        Ok(match wb {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            // calamine does not expose ODS spans; read them from content.xml.
            Sheets::Ods(_) => intake::ods::merges(path, name, deadline)?,
            Sheets::Xlsb(_) => Vec::new(),
        })
    })?;
    for m in intake::clip_merges(merges, rows, cols, path, name)? {
        let (top, left) = (m.start.0 as usize, m.start.1 as usize);
        let v = cells
            .get(top)
            .and_then(|r| r.get(left))
            .cloned()
            .unwrap_or(Data::Empty);
        if v == Data::Empty {
            continue;
        }
        // Each copy counts against the file's budget: one long value merged over a large area
        // would otherwise multiply it (2 KB of file, 800 MB of memory).
        let text = match &v {
            Data::String(s) => s.len() as u64,
            _ => 0,
        };
        for row in cells.iter_mut().take(m.end.0 as usize + 1).skip(top) {
            let end = (m.end.1 as usize + 1).min(cols as usize);
            if row.len() < end {
                row.resize(end, Data::Empty);
            }
            for cell in &mut row[left..end] {
                if *cell == Data::Empty {
                    budget.spend(text, 1, sheet)?;
                    *cell = v.clone();
                }
            }
        }
    }
    Ok(Grid { cells })
}

/// The header row among the first rows: the one whose cells name the most fields (an exact
/// word counts two, a contained word one; at least two columns named).
fn find_header(grid: &Grid, mapping: &[(String, Field)]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.cells.iter().take(30).enumerate() {
        let mut named = 0;
        let mut score = 0;
        for c in row {
            let t = cell_text(c);
            let mapped = mapping
                .iter()
                .any(|(h, _)| !header_key(h).is_empty() && header_key(h) == header_key(&t));
            let reason = if mapped {
                Some(MatchReason::Mapped)
            } else {
                match_header(&t).map(|(_, r)| r)
            };
            if let Some(r) = reason {
                named += 1;
                score += if r.certain() { 2 } else { 1 };
            }
        }
        if named >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best
}

/// Asset type from ledger text: catalogue ids and names, then common shorthands.
fn asset_type(text: &str, catalogue: &crate::catalogue::Catalogue) -> Option<&'static str> {
    let k = header_key(text);
    if k.is_empty() {
        return None;
    }
    for t in &catalogue.asset_types {
        if header_key(&t.id) == k || header_key(&t.ja) == k || header_key(&t.en) == k {
            return Some(static_id(&t.id));
        }
    }
    // The vocabulary's type words: the longest one the cell contains wins (安全PLC → sis).
    let folded = Folded::new(text);
    vocabulary()
        .types
        .iter()
        .filter(|(w, _)| folded.contains(w))
        .max_by_key(|(w, _)| w.chars().count())
        .map(|(_, id)| static_id(id))
}

/// The built-in catalogue's copy of an asset-type id (it lives for the whole process).
fn static_id(s: &str) -> &'static str {
    crate::catalogue::Catalogue::builtin()
        .asset_types
        .iter()
        .find(|t| t.id == s)
        .map_or("other", |t| t.id.as_str())
}

/// Read a ledger and plan the import.
///
/// # Errors
/// [`Error::InvalidWorkbook`] / [`Error::Io`] when the file cannot be read, no sheet has a
/// recognisable header, or a `--map` names an unknown column.
pub fn preview(project: &Project, path: &Path, options: &LedgerOptions) -> Result<Preview> {
    let file = Location::file(path);
    let (sheet, grid, skipped) = pick_sheet(path, &file, options)?;
    plan(
        project,
        Source {
            file: &file,
            name: path.display().to_string(),
            sheet,
            row_shift: 0,
        },
        &grid,
        options,
        skipped,
    )
}

/// The sheet to import and its cells: the one named in `options`, else the one whose header
/// matches best (visible sheets first; a hidden sheet only when no visible one has a ledger).
/// A sheet nobody chose that breaks a limit (a hidden summary sheet, a huge lookup table) is
/// skipped and returned with the others skipped, rather than refusing the whole file. A CSV
/// file is its one sheet (named "").
fn pick_sheet(
    path: &Path,
    file: &Location,
    options: &LedgerOptions,
) -> Result<(String, Grid, Vec<Error>)> {
    let deadline = intake::Deadline::start();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "csv" {
        return Ok((String::new(), read_csv(path, deadline)?, Vec::new()));
    }
    intake::admit(path, deadline)?;
    let budget = intake::Budget::for_file(path)?;
    let mut wb = intake::open(path)?;
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    if let Some(name) = &options.sheet {
        if !sheets.iter().any(|(n, _)| n == name) {
            return Err(Error::InvalidWorkbook {
                location: file.clone(),
                detail: format!(
                    "no sheet {name:?}; the workbook has {:?}",
                    sheets.iter().map(|s| &s.0).collect::<Vec<_>>()
                ),
            });
        }
        let grid = read_sheet(&mut wb, name, path, deadline, &budget)?;
        return Ok((name.clone(), grid, Vec::new()));
    }
    let mut skipped: Vec<Error> = Vec::new();
    let mut best: Option<(String, Grid, usize, bool)> = None;
    let mut order: Vec<&(String, bool)> = sheets.iter().collect();
    order.sort_by_key(|(_, visible)| !*visible);
    for (name, visible) in order {
        let grid = match read_sheet(&mut wb, name, path, deadline, &budget) {
            Ok(g) => g,
            Err(e @ Error::LimitExceeded { .. }) => {
                skipped.push(e);
                continue;
            }
            Err(e) => return Err(e),
        };
        if let Some((_, score)) = find_header(&grid, &options.mapping) {
            let better = best
                .as_ref()
                .is_none_or(|(_, _, s, v)| (*visible, score) > (*v, *s));
            if better {
                best = Some((name.clone(), grid, score, *visible));
            }
        }
    }
    match best {
        Some((name, grid, _, _)) => Ok((name, grid, skipped)),
        None if !skipped.is_empty() => Err(skipped.swap_remove(0)),
        None => Err(Error::InvalidWorkbook {
            location: file.clone(),
            detail: "no sheet has a header row naming at least two asset fields (e.g. 設備名称, 型式, メーカー, IPアドレス); use --sheet and --map".into(),
        }),
    }
}

/// The name given as the "file" of rows pasted from the clipboard (in locations and previews).
pub const PASTED: &str = "clipboard";

/// Plan the import of rows pasted from a spreadsheet: tab-separated text as Excel, LibreOffice
/// and Google Sheets copy it, cells with tabs or new lines quoted. When the first row is a
/// header (it names at least two asset fields), columns are matched as in a ledger file;
/// otherwise the pasted columns are `columns`, in order (the table's columns from where the
/// user pasted). Locations name [`PASTED`], the pasted row (1 = the first) and column.
///
/// # Errors
/// As [`preview`]: too much text, an unclosed quote, no name column.
pub fn preview_pasted(
    project: &Project,
    text: &str,
    columns: &[Field],
    options: &LedgerOptions,
) -> Result<Preview> {
    let file = Location {
        file: Some(PASTED.into()),
        ..Location::default()
    };
    if text.len() > intake::MAX_FILE_BYTES as usize {
        return Err(Error::LimitExceeded {
            location: file,
            what: "pasted text (bytes)".into(),
            found: text.len().to_string(),
            limit: intake::MAX_FILE_BYTES.to_string(),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut grid = parse_delimited(text, b'\t', &file, intake::Deadline::start())?;
    // Excel ends a copied block with a line break: no blank row is meant.
    while grid
        .cells
        .last()
        .is_some_and(|r| r.iter().all(|c| cell_text(c).is_empty()))
    {
        grid.cells.pop();
    }
    let headed = find_header(&grid, &options.mapping).is_some_and(|(row, _)| row == 0);
    let mut options = options.clone();
    let mut row_shift = 0;
    if !headed {
        // No header: the columns are the table's, in order (a synthetic header row, mapped).
        let width = grid.cells.iter().map(Vec::len).max().unwrap_or(0);
        let header: Vec<Data> = (0..width)
            .map(|i| Data::String(format!("({})", col_letter(i))))
            .collect();
        for (i, f) in columns.iter().enumerate().take(width) {
            options.mapping.push((format!("({})", col_letter(i)), *f));
        }
        grid.cells.insert(0, header);
        row_shift = 1;
    }
    plan(
        project,
        Source {
            file: &file,
            name: PASTED.into(),
            sheet: String::new(),
            row_shift,
        },
        &grid,
        &options,
        Vec::new(),
    )
}

/// Where the planned rows come from, for locations.
struct Source<'a> {
    file: &'a Location,
    /// The file name shown in the preview.
    name: String,
    /// Sheet read (empty for CSV and pasted text).
    sheet: String,
    /// Rows added above the data (a synthetic header), left out of row numbers.
    row_shift: usize,
}

/// Match the columns of `grid` to asset fields and plan each row (add, update, error).
fn plan(
    project: &Project,
    src: Source<'_>,
    grid: &Grid,
    options: &LedgerOptions,
    skipped: Vec<Error>,
) -> Result<Preview> {
    let at = Where { src: &src };
    let (header_row, _) = find_header(grid, &options.mapping).ok_or_else(|| Error::InvalidWorkbook {
        location: at.cell(0, None),
        detail: "no header row naming at least two asset fields (e.g. 設備名称, 型式, メーカー, IPアドレス) in the first 30 rows".into(),
    })?;
    let columns = map_columns(grid, header_row, options, &at)?;
    let mut problems: Vec<(ProblemLevel, Problem)> = Vec::new();
    columns.check_name(header_row, &at, &mut problems)?;
    let lookups = Lookups::new(project);
    let mut rows: Vec<PlannedRow> = Vec::new();
    let mut seen_names: HashMap<String, usize> = HashMap::new();
    for (r, row) in grid.cells.iter().enumerate().skip(header_row + 1) {
        let mut report = RowReport {
            row: r,
            at: &at,
            problems: &mut problems,
            has_error: false,
        };
        if let Some(planned) = plan_row(row, &columns, &lookups, &mut seen_names, &mut report) {
            rows.push(planned);
        }
    }
    for e in skipped {
        problems.push((
            ProblemLevel::Warning,
            Problem {
                code: "sheet_skipped".into(),
                location: e.location().clone(),
                message: format!("a sheet without the ledger was skipped: {e}"),
            },
        ));
    }
    Ok(Preview {
        file: src.name.clone(),
        sheet: src.sheet.clone(),
        header_row: (header_row + 1 - src.row_shift) as u64,
        columns: columns.mappings(),
        rows,
        problems,
    })
}

/// Where a cell of the source is, as the user counts rows.
struct Where<'s, 'a> {
    src: &'s Source<'a>,
}

impl Where<'_, '_> {
    fn cell(&self, row: usize, col: Option<usize>) -> Location {
        Location {
            sheet: (!self.src.sheet.is_empty()).then(|| self.src.sheet.clone()),
            row: Some((row + 1).saturating_sub(self.src.row_shift).max(1) as u64),
            column: col.map(col_letter),
            ..self.src.file.clone()
        }
    }
    /// The row number the user sees for grid row `row`.
    fn row_number(&self, row: usize) -> usize {
        row + 1 - self.src.row_shift
    }
}

/// The header row's columns and the field each is read into.
struct ColumnPlan {
    headers: Vec<String>,
    fields: Vec<Option<Field>>,
    reasons: Vec<Option<MatchReason>>,
    /// A column taken as the name because none is headed as one.
    guessed_name: Option<usize>,
}

impl ColumnPlan {
    fn column_of(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    fn mappings(&self) -> Vec<ColumnMapping> {
        self.headers
            .iter()
            .enumerate()
            .map(|(i, h)| ColumnMapping {
                column: col_letter(i),
                header: h.clone(),
                field: self.fields[i],
                reason: self.reasons[i].clone(),
            })
            .collect()
    }

    /// A guessed name column is a warning; no name column at all refuses the ledger.
    fn check_name(
        &self,
        header_row: usize,
        at: &Where<'_, '_>,
        problems: &mut Vec<(ProblemLevel, Problem)>,
    ) -> Result<()> {
        match self.guessed_name {
            Some(c) => problems.push((
                ProblemLevel::Warning,
                Problem {
                    code: "name_column_proposed".into(),
                    location: at.cell(header_row, Some(c)),
                    message: format!(
                        "no column is headed as the asset name (名称, 設備名称, 機器名, Name …); column {:?} is proposed as the name because its values are text and all different. Check the preview, or choose with --map \"COLUMN=name\"",
                        self.headers[c]
                    ),
                },
            )),
            None if self.column_of(Field::Name).is_none() => {
                return Err(Error::InvalidWorkbook {
                    location: at.cell(header_row, None),
                    detail: format!(
                        "no column can be the asset name: none is headed as one (名称, 設備名称, 機器名, Name …) and none holds unique text; choose one with --map \"COLUMN=name\". Columns understood: {}",
                        self.headers
                            .iter()
                            .zip(&self.fields)
                            .map(|(h, f)| match f {
                                Some(f) => format!("{h} → {f:?}"),
                                None => format!("{h} → (notes)"),
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })
            }
            None => {}
        }
        Ok(())
    }
}

/// Map the header row's columns to fields: by their headers, then the user's mappings (which
/// win), one column per field, and a name column guessed when none is headed as one.
fn map_columns(
    grid: &Grid,
    header_row: usize,
    options: &LedgerOptions,
    at: &Where<'_, '_>,
) -> Result<ColumnPlan> {
    let headers: Vec<String> = grid.cells[header_row].iter().map(cell_text).collect();
    let matched: Vec<Option<(Field, MatchReason)>> =
        headers.iter().map(|h| match_header(h)).collect();
    let mut fields: Vec<Option<Field>> = matched.iter().map(|m| m.as_ref().map(|x| x.0)).collect();
    let mut reasons: Vec<Option<MatchReason>> =
        matched.into_iter().map(|m| m.map(|x| x.1)).collect();
    for (col, field) in &options.mapping {
        let idx = headers
            .iter()
            .position(|h| h == col || header_key(h) == header_key(col))
            .or_else(|| (0..headers.len()).find(|i| col_letter(*i).eq_ignore_ascii_case(col)))
            .ok_or_else(|| Error::InvalidWorkbook {
                location: at.cell(header_row, None),
                detail: format!("--map: no column {col:?} (headers: {headers:?})"),
            })?;
        if *field != Field::Ignore
            && reasons.iter().zip(&fields).enumerate().any(|(i, (r, f))| {
                i != idx && *r == Some(MatchReason::Mapped) && *f == Some(*field)
            })
        {
            return Err(Error::InvalidWorkbook {
                location: at.cell(header_row, Some(idx)),
                detail: format!("--map: two columns are mapped to {field:?}"),
            });
        }
        fields[idx] = Some(*field);
        reasons[idx] = Some(MatchReason::Mapped);
    }
    // One column per field: the one set with --map, else the first certain one, else the
    // first proposal. The other columns go to the notes (`header: value`), never lost.
    for f in Field::all().filter(|f| *f != Field::Ignore) {
        let cols: Vec<usize> = (0..fields.len())
            .filter(|&i| fields[i] == Some(f))
            .collect();
        if cols.len() > 1 {
            let rank = |i: usize| match &reasons[i] {
                Some(MatchReason::Mapped) => 0,
                Some(r) if r.certain() => 1,
                _ => 2,
            };
            let keep = cols
                .iter()
                .copied()
                .min_by_key(|&i| (rank(i), i))
                .unwrap_or(cols[0]);
            for &i in &cols {
                if i != keep {
                    fields[i] = None;
                    reasons[i] = None;
                }
            }
        }
    }
    let mut guessed_name = None;
    if !fields.contains(&Some(Field::Name)) {
        guessed_name = guess_name_column(grid, header_row, &fields);
        if let Some(i) = guessed_name {
            fields[i] = Some(Field::Name);
            reasons[i] = Some(MatchReason::GuessedName);
        }
    }
    Ok(ColumnPlan {
        headers,
        fields,
        reasons,
        guessed_name,
    })
}

/// The first unmapped column whose values are text and all different: the asset names of a
/// ledger that heads them with no word we know.
fn guess_name_column(grid: &Grid, header_row: usize, fields: &[Option<Field>]) -> Option<usize> {
    let data = grid.cells.get(header_row + 1..).unwrap_or_default();
    (0..fields.len()).find(|&i| {
        if fields[i].is_some() {
            return false;
        }
        let values: Vec<String> = data
            .iter()
            .filter_map(|r| r.get(i))
            .map(cell_text)
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let unique: std::collections::HashSet<&String> = values.iter().collect();
        !values.is_empty()
            && unique.len() == values.len()
            && values
                .iter()
                .any(|v| v.chars().any(|c| !c.is_ascii_digit()))
    })
}

/// The project's items a ledger row refers to, by the keys the row has.
struct Lookups<'p> {
    catalogue: &'static crate::catalogue::Catalogue,
    zones: HashMap<String, crate::id::ZoneId>,
    businesses: HashMap<String, crate::id::BusinessId>,
    suppliers: HashMap<String, crate::id::SupplierId>,
    by_name: HashMap<&'p str, &'p ProtectedAsset>,
    by_address: HashMap<String, &'p ProtectedAsset>,
}

impl<'p> Lookups<'p> {
    fn new(project: &'p Project) -> Self {
        Self {
            catalogue: crate::catalogue::Catalogue::builtin(),
            zones: project
                .zones
                .iter()
                .map(|z| (header_key(&z.name), z.id))
                .collect(),
            businesses: project
                .businesses
                .iter()
                .map(|b| (header_key(&b.name), b.id))
                .collect(),
            suppliers: project
                .suppliers
                .iter()
                .map(|s| (header_key(&s.name), s.id))
                .collect(),
            by_name: project
                .assets
                .iter()
                .map(|a| (a.name.as_str(), a))
                .collect(),
            by_address: project
                .assets
                .iter()
                .filter(|a| !a.address.is_empty())
                .map(|a| (fold_width(&a.address), a))
                .collect(),
        }
    }

    /// The asset a row updates: the one with its name, else the one with its address.
    fn existing(&self, name: &str, address: &str) -> Option<&'p ProtectedAsset> {
        self.by_name.get(name).copied().or_else(|| {
            self.by_address
                .get(address)
                .copied()
                .filter(|_| !address.is_empty())
        })
    }
}

/// The problems of one row, located at its cells.
struct RowReport<'r, 's, 'a> {
    row: usize,
    at: &'r Where<'s, 'a>,
    problems: &'r mut Vec<(ProblemLevel, Problem)>,
    has_error: bool,
}

impl RowReport<'_, '_, '_> {
    fn push(&mut self, level: ProblemLevel, code: &str, col: Option<usize>, message: String) {
        if level == ProblemLevel::Error {
            self.has_error = true;
        }
        self.problems.push((
            level,
            Problem {
                code: code.into(),
                location: self.at.cell(self.row, col),
                message,
            },
        ));
    }
}

/// One data row planned: the asset it adds or updates with its cells read into the fields, or
/// nothing for a blank row or a note under the table.
fn plan_row(
    row: &[Data],
    columns: &ColumnPlan,
    lookups: &Lookups<'_>,
    seen_names: &mut HashMap<String, usize>,
    report: &mut RowReport<'_, '_, '_>,
) -> Option<PlannedRow> {
    let texts: Vec<String> = row.iter().map(cell_text).collect();
    let name_col = columns.column_of(Field::Name);
    let name = row_name(&texts, name_col, report)?;
    if let Some(first) = seen_names.get(&name) {
        let first = report.at.row_number(*first);
        report.push(
            ProblemLevel::Error,
            "duplicate_asset",
            Some(name_col.unwrap_or(0)),
            format!("asset {name:?} already appears on row {first}"),
        );
    } else {
        seen_names.insert(name.clone(), report.row);
    }
    // Start from the existing asset (update) or a new one (add).
    let address = columns
        .column_of(Field::Address)
        .and_then(|c| texts.get(c))
        .map(|s| fold_width(s))
        .unwrap_or_default();
    let (action, mut asset) = match lookups.existing(&name, &address) {
        Some(a) => (Action::Update { id: a.id }, a.clone()),
        None => (Action::Add, ProtectedAsset::new(name.clone(), "other")),
    };
    asset.name = name;
    read_cells(&mut asset, row, &texts, columns, lookups, report);
    check_text_limits(&asset, name_col, report);
    Some(PlannedRow {
        row: report.at.row_number(report.row) as u64,
        action,
        asset,
        has_error: report.has_error,
    })
}

/// The asset name a row gives, or none: for a blank row, a note written under the table
/// (one cell, no name: a warning) or a row of data without a name (an error).
fn row_name(
    texts: &[String],
    name_col: Option<usize>,
    report: &mut RowReport<'_, '_, '_>,
) -> Option<String> {
    let filled = texts.iter().filter(|t| !t.is_empty()).count();
    if filled == 0 {
        return None; // blank row
    }
    let name = name_col
        .and_then(|c| texts.get(c))
        .cloned()
        .unwrap_or_default();
    if !name.is_empty() {
        return Some(name);
    }
    if filled == 1 {
        // A note written under the table (※…): not an asset.
        let note = texts
            .iter()
            .find(|t| !t.is_empty())
            .cloned()
            .unwrap_or_default();
        report.push(
            ProblemLevel::Warning,
            "note_row",
            None,
            format!("row without an asset name taken as a note and not imported: {note:?}"),
        );
    } else {
        report.push(
            ProblemLevel::Error,
            "missing_name",
            name_col,
            "the row has data but no asset name".into(),
        );
    }
    None
}

/// Read each non-empty cell of the row into its field; cells of no field are gathered into
/// the asset's notes (once: an update that brings them again adds nothing).
fn read_cells(
    asset: &mut ProtectedAsset,
    row: &[Data],
    texts: &[String],
    columns: &ColumnPlan,
    lookups: &Lookups<'_>,
    report: &mut RowReport<'_, '_, '_>,
) {
    let mut extras: Vec<String> = Vec::new();
    for (c, text) in texts.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let cell = Cell {
            col: c,
            text,
            data: &row[c],
            header: columns
                .headers
                .get(c)
                .cloned()
                .unwrap_or_else(|| col_letter(c)),
        };
        read_cell(
            asset,
            columns.fields.get(c).copied().flatten(),
            &cell,
            lookups,
            &mut extras,
            report,
        );
    }
    if !extras.is_empty() {
        let imported = extras.join("\n");
        if !asset.notes.contains(&imported) {
            asset.notes = if asset.notes.is_empty() {
                imported
            } else {
                format!("{}\n{imported}", asset.notes)
            };
        }
    }
}

/// The project's limit on one text, checked here where the row is known: the columns
/// gathered into the notes could pass it together (the save would then refuse the whole
/// project without naming the ledger).
fn check_text_limits(
    asset: &ProtectedAsset,
    name_col: Option<usize>,
    report: &mut RowReport<'_, '_, '_>,
) {
    let over = [
        ("notes", asset.notes.len()),
        ("name", asset.name.len()),
        ("software", asset.software.len()),
    ]
    .into_iter()
    .find(|(_, len)| *len > crate::integrity::MAX_TEXT_BYTES);
    if let Some((field, len)) = over {
        report.push(
            ProblemLevel::Error,
            "text_too_long",
            Some(name_col.unwrap_or(0)),
            format!(
                "the row's {field} would be {len} bytes, over the limit of {} bytes for one text",
                crate::integrity::MAX_TEXT_BYTES
            ),
        );
    }
}

/// One non-empty cell of a row.
struct Cell<'c> {
    col: usize,
    text: &'c String,
    data: &'c Data,
    header: String,
}

/// Read one cell into the asset's `field`; what does not fit a field goes to the notes
/// (`header: value`), never lost.
fn read_cell(
    asset: &mut ProtectedAsset,
    field: Option<Field>,
    cell: &Cell<'_>,
    lookups: &Lookups<'_>,
    extras: &mut Vec<String>,
    report: &mut RowReport<'_, '_, '_>,
) {
    let (c, text, header) = (Some(cell.col), cell.text, &cell.header);
    match field {
        Some(Field::Name) => {}
        Some(Field::AssetType) => match asset_type(text, lookups.catalogue) {
            Some(t) => asset.asset_type = t.to_owned(),
            None => {
                asset.asset_type = "other".into();
                extras.push(format!("{header}: {text}"));
                report.push(ProblemLevel::Warning, "unknown_type", c, format!("type {text:?} is not in the catalogue; mapped to \"other\" (kept in notes)"));
            }
        },
        Some(Field::Vendor) => asset.vendor = text.clone(),
        Some(Field::Model) => asset.model = text.clone(),
        Some(Field::Firmware) => asset.firmware = text.clone(),
        Some(Field::Address) => {
            if crate::validate::address::is_valid_address(text) {
                asset.address = fold_width(text).trim().to_owned();
            } else {
                report.push(
                    ProblemLevel::Error,
                    "invalid_address",
                    c,
                    format!("{text:?} is not an IPv4/IPv6 address (with optional /prefix)"),
                );
            }
        }
        Some(Field::Location) => asset.location = text.clone(),
        Some(Field::Owner) => asset.owner = text.clone(),
        Some(f @ (Field::InstallDate | Field::SupportEnd)) => match parse_date(cell.data).flatten()
        {
            Some(d) if f == Field::InstallDate => asset.install_date = Some(d),
            Some(d) => asset.support_end = Some(d),
            None => report.push(
                ProblemLevel::Error,
                "invalid_date",
                c,
                format!("{text:?} is not a date"),
            ),
        },
        Some(Field::Zone) => match lookups.zones.get(&header_key(text)) {
            Some(z) => asset.zone = Some(*z),
            None => {
                extras.push(format!("{header}: {text}"));
                report.push(ProblemLevel::Warning, "unknown_zone", c, format!("zone {text:?} does not exist; the asset is left without a zone (kept in notes)"));
            }
        },
        Some(Field::Businesses) => {
            for b in text
                .split(['、', ',', ';', '，', '\n'])
                .map(str::trim)
                .filter(|b| !b.is_empty())
            {
                match lookups.businesses.get(&header_key(b)) {
                    Some(id) if !asset.businesses.contains(id) => asset.businesses.push(*id),
                    Some(_) => {}
                    None => {
                        extras.push(format!("{header}: {b}"));
                        report.push(
                            ProblemLevel::Warning,
                            "unknown_business",
                            c,
                            format!("business {b:?} does not exist (kept in notes)"),
                        );
                    }
                }
            }
        }
        Some(Field::Supplier) => match lookups.suppliers.get(&header_key(text)) {
            Some(s) => asset.supplier = Some(*s),
            None => extras.push(format!("{header}: {text}")),
        },
        Some(Field::Protocols) => {
            asset.protocols = text
                .split(['、', ',', ';', '/', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
        }
        Some(Field::Software) => asset.software = text.clone(),
        Some(Field::Notes) => extras.push(text.clone()),
        Some(Field::Ignore) | None => extras.push(format!("{header}: {text}")),
    }
}

/// Apply a preview. With errors present nothing is applied unless `skip_error_rows`, in which
/// case the rows with errors are left out. Returns (added, updated).
///
/// # Errors
/// [`Error::InvalidWorkbook`] listing the errors when they block the import.
pub fn apply(
    project: &mut Project,
    preview: &Preview,
    skip_error_rows: bool,
) -> Result<(usize, usize)> {
    if preview.error_count() > 0 && !skip_error_rows {
        let list: Vec<String> = preview
            .problems
            .iter()
            .filter(|(l, _)| *l == ProblemLevel::Error)
            .map(|(_, p)| p.to_string())
            .collect();
        return Err(Error::InvalidWorkbook {
            location: Location {
                file: Some(preview.file.clone()),
                ..Location::default()
            },
            detail: format!(
                "{} error(s); nothing was imported (fix them or skip those rows): {}",
                list.len(),
                list.join("; ")
            ),
        });
    }
    let (mut added, mut updated) = (0, 0);
    for row in preview.rows.iter().filter(|r| !r.has_error) {
        match row.action {
            Action::Add => {
                project.assets.push(row.asset.clone());
                added += 1;
            }
            Action::Update { id } => {
                if let Some(a) = project.assets.iter_mut().find(|a| a.id == id) {
                    let number = a.number;
                    *a = row.asset.clone();
                    a.number = number;
                    updated += 1;
                }
            }
        }
    }
    // New assets get their readable numbers (A-…) now, after the highest in the project.
    crate::model::numbering::assign(project);
    Ok((added, updated))
}

#[cfg(test)]
mod vocabulary_tests {
    use super::*;

    fn field(h: &str) -> Option<Field> {
        match_header(h).map(|(f, _)| f)
    }

    /// Headers as customers write them: the usual words, full-width letters, spaces and line
    /// breaks inside, brackets with a unit or a remark, two words joined by a slash.
    #[test]
    fn header_variants_name_their_fields() {
        let cases: &[(&str, Field)] = &[
            ("設備名称", Field::Name),
            ("設備名", Field::Name),
            ("機器名称", Field::Name),
            ("装置名", Field::Name),
            ("資産名", Field::Name),
            ("ホスト名", Field::Name),
            ("Asset Name", Field::Name),
            ("機器\n名称", Field::Name),
            ("【設備名称】", Field::Name),
            ("型式", Field::Model),
            ("型番", Field::Model),
            ("形式", Field::Model),
            ("型式/型番", Field::Model),
            ("メーカー", Field::Vendor),
            ("メーカ名", Field::Vendor),
            ("製造元", Field::Vendor),
            ("ベンダ", Field::Vendor),
            ("ＭＡＫＥＲ", Field::Vendor),
            ("OS", Field::Firmware),
            ("ＯＳバージョン", Field::Firmware),
            ("ファームウェア/OS", Field::Firmware),
            ("ファームウェア", Field::Firmware),
            ("IPアドレス", Field::Address),
            ("IP", Field::Address),
            ("ＩＰアドレス（管理用）", Field::Address),
            ("アドレス", Field::Address),
            ("セグメント", Field::Zone),
            ("ネットワーク区分", Field::Zone),
            ("VLAN", Field::Zone),
            ("所属VLAN", Field::Zone),
            ("設置場所 (建屋/フロア)", Field::Location),
            ("サポート終了日", Field::SupportEnd),
            ("保守期限", Field::SupportEnd),
            ("EOL", Field::SupportEnd),
            ("EOS", Field::SupportEnd),
            ("導入年月日", Field::InstallDate),
            ("備考", Field::Notes),
            // Half-width katakana, decomposed kana (NFD), zero-width and no-break spaces.
            ("ﾒｰｶｰ", Field::Vendor),
            ("ﾌｧｰﾑｳｪｱ", Field::Firmware),
            ("ﾀｲﾌﾟ", Field::AssetType),
            (
                "\u{30d5}\u{30a1}\u{30fc}\u{30e0}\u{30a6}\u{30a7}\u{30a2}",
                Field::Firmware,
            ),
            ("設備\u{200b}名称", Field::Name),
            ("IP\u{a0}アドレス", Field::Address),
        ];
        for (h, f) in cases {
            assert_eq!(field(h), Some(*f), "{h:?}");
        }
    }

    /// A header that only contains a word is a proposal naming that word; an exact word is
    /// certain; a short ASCII word counts only as a whole token (`hostname` has no `os`).
    #[test]
    fn contained_words_are_proposals_with_their_reason() {
        let (f, r) = match_header("ファームウェア/OS").unwrap();
        assert_eq!(f, Field::Firmware);
        assert_eq!(
            r,
            MatchReason::Contains {
                word: "ファームウェア".into()
            }
        );
        assert!(!r.certain());
        assert!(match_header("設備名称").unwrap().1.certain());
        assert_eq!(field("hostname"), Some(Field::Name));
        assert!(!contains_word("hostname", "os"));
        assert!(contains_word("ファームウェア/OS", "os"));
        assert!(contains_word("IPアドレス(管理用)", "ipアドレス"));
        assert_eq!(field("Website"), None, "`site` only as a whole word");
        assert_eq!(field("Install site"), Some(Field::Location));
        assert_eq!(field("管理番号"), None, "no field's word");
        // 保守期限 is often the maintenance contract's expiry: proposed, never certain; 販売終了
        // (end of sale) is not the end of support at all.
        assert!(!match_header("保守期限").unwrap().1.certain());
        assert!(match_header("サポート終了日").unwrap().1.certain());
        assert_eq!(field("販売終了"), None);
        assert_eq!(field(""), None);
    }

    /// Type words customers use, mapped to catalogue types (the longest word wins).
    #[test]
    fn type_variants_map_to_catalogue_types() {
        let cat = crate::catalogue::Catalogue::builtin();
        let cases: &[(&str, &str)] = &[
            ("IoTゲートウェイ", "iot_gateway"),
            ("ＩｏＴゲートウェイ", "iot_gateway"),
            ("調節計", "loop_controller"),
            ("温度調節器", "loop_controller"),
            ("ネットワーク機器", "switch"),
            ("L2スイッチ", "switch"),
            ("L3 スイッチ", "switch"),
            ("画像処理装置", "camera"),
            ("安全PLC", "sis"),
            ("PLC", "plc"),
            ("シーケンサ", "plc"),
            ("HMI端末", "hmi"),
            ("タッチパネル", "hmi"),
            ("UTM", "firewall"),
            ("無線LANアクセスポイント", "wireless_ap"),
            ("NC旋盤", "cnc"),
            ("SCADAサーバ", "scada_server"),
            ("ｹﾞｰﾄｳｪｲ", "iot_gateway"),
            ("ﾀｯﾁﾊﾟﾈﾙ", "hmi"),
            (
                "\u{30b2}\u{30fc}\u{30c8}\u{30a6}\u{30a7}\u{30a4}",
                "iot_gateway",
            ),
            (
                "\u{30b1}\u{3099}\u{30fc}\u{30c8}\u{30a6}\u{30a7}\u{30a4}",
                "iot_gateway",
            ),
            ("ファイルサーバ", "file_server"),
        ];
        for (text, ty) in cases {
            assert_eq!(asset_type(text, cat), Some(*ty), "{text:?}");
        }
        assert_eq!(
            asset_type("シンク", cat),
            None,
            "`nc` only as a whole token"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_found_on_its_line() {
        assert_eq!(unclosed_quote("a,b\n\"c,d\n", ','), Some(2));
        assert_eq!(
            unclosed_quote("名称,備考\n\"PLC\",\"改行\nを含む\"\n", ','),
            None
        );
        assert_eq!(unclosed_quote("a,\"say \"\"hi\"\"\"\n", ','), None);
        // A quote inside an unquoted field is just a character.
        assert_eq!(unclosed_quote("a,5\" display\n", ','), None);
        // Lines ended by a lone CR (old Mac files) and by CRLF count the same.
        assert_eq!(unclosed_quote("a,b\r\"c,d\rx,y\r", ','), Some(2));
        assert_eq!(unclosed_quote("a,b\r\n\"c,d\r\nx,y\r\n", ','), Some(2));
    }

    #[test]
    fn a_utf8_csv_with_a_stray_byte_is_refused_where_the_byte_is() {
        // "名称,型式\nPLC,Q03\n" in UTF-8 with one Shift_JIS byte pair ("機" = 0x8B 0x40) pasted
        // into line 3: read as Shift_JIS it would garble every character before it.
        let mut bytes = "名称,型式\nPLC,Q03\nHMI,".as_bytes().to_vec();
        bytes.extend([0x8B, 0x40]);
        bytes.extend(b"\n");
        let path = Path::new("台帳.csv");
        let e = csv_text(path, &bytes).unwrap_err();
        let loc = e.location();
        assert_eq!(loc.row, Some(3), "{e}");
        assert_eq!(loc.column.as_deref(), Some("byte 5"), "{e}");
        assert!(e.to_string().contains("0x8B"), "{e}");
        // Real Shift_JIS files are still read, including text whose bytes happen to hold
        // valid UTF-8 sequences (機器名 has ED 96 BC; half-width ﾄｳ is C4 B3).
        for text in [
            "名称,型式\nPLC,Q03\n",
            "機器名,種別,IPアドレス,設置場所\n充填機PLC,PLC,192.168.0.1,第1ライン\n",
            "機器名,種別,関連業務,資産番号,管理部署,保守業者\nﾄｳｺｳ,PLC,成形,A-1,製造部,ﾒｰｶｰ\n",
        ] {
            let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
            assert_eq!(csv_text(path, &sjis).unwrap(), text);
        }
        // The stray byte before any Japanese text: still UTF-8 (the text after it is).
        let mut bytes = b"name,type\nCaf\xe9,PLC\n".to_vec();
        bytes.extend("ライン,PLC\n".as_bytes());
        let e = csv_text(path, &bytes).unwrap_err();
        assert_eq!(e.location().row, Some(2), "{e}");
        // UTF-16 with a byte-order mark.
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "機器名,種別\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(csv_text(path, &utf16).unwrap(), "機器名,種別\n");
        // Neither: located at the first byte that is not Shift_JIS either.
        let e = csv_text(path, b"abc\n\x80\xFF\n").unwrap_err();
        assert_eq!(e.location().row, Some(2), "{e}");
    }
}
