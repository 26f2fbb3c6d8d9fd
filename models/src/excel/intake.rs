//! Reading spreadsheets from outside without trusting them.
//!
//! Customers send ledgers and return workbooks; any of them may be damaged, strange or made
//! to hurt. Every limit here is checked **before** the step it protects, and every refusal is
//! an [`Error::LimitExceeded`] or [`Error::InvalidWorkbook`] naming the file, the sheet, the
//! part or the cell:
//!
//! 1. [`admit`] looks at the file before the spreadsheet library does: its size, and for the
//!    zip formats (xlsx, xlsm, ods) every part's declared size and compression ratio (the zip
//!    reader refuses to inflate a part past its declared size, so the declared sizes bound the
//!    work). A zip bomb is refused from the archive's directory, without inflating anything.
//!    For ODS, whose reader builds every sheet in full when the file is opened, `content.xml`
//!    is scanned first for the extent of its content and the area of its merged cells.
//! 2. [`read_sheet`] reads one sheet cell by cell (xlsx: calamine's cell reader, which never
//!    builds a dense range) into [`SheetCells`], checking the position, length and number of
//!    cells as they come, and a time limit.
//! 3. [`SheetCells::range`] / [`SheetCells::grid`] build the rectangle the readers index only
//!    when it is not mostly empty: a value at A1 and another at XFD1048576 is 17 billion cells
//!    of nothing, refused with its used range.
//! 4. [`guard`] runs a third-party parser so that a panic inside it (calamine's xls reader has
//!    an `assert_eq`, its cell-reference arithmetic can overflow) becomes a located error
//!    instead of ending the program.

use crate::{Error, Location, Result};
use calamine::{Cell, Data, Range, Reader, Sheets};
use std::io::{Read, Seek};
use std::path::Path;
use std::time::{Duration, Instant};

/// Largest spreadsheet file accepted (bytes on disk).
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// Largest uncompressed part of a zip-based workbook (one sheet's XML, the shared strings).
/// The register sheet of a workbook exported for 100,000 assets is about a third of this.
pub const MAX_PART_BYTES: u64 = 1 << 30;
/// Largest uncompressed total of all parts.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 2 << 30;
/// Highest compression ratio accepted for a part larger than [`RATIO_FLOOR_BYTES`]. Sheets
/// written by Excel, LibreOffice and this program compress 5–30 times; zip bombs 1,000 times.
pub const MAX_COMPRESSION_RATIO: u64 = 100;
/// Parts up to this size are not held to [`MAX_COMPRESSION_RATIO`] (a small part of repeated
/// text can compress very well and costs nothing).
pub const RATIO_FLOOR_BYTES: u64 = 16 << 20;
/// Most parts in one archive.
pub const MAX_PARTS: usize = 10_000;
/// Most values in one sheet (the exported register of 100,000 assets has about 12 million).
pub const MAX_CELLS: usize = 30_000_000;
/// Longest text of one cell, in characters: Excel's own limit.
pub const MAX_CELL_CHARS: usize = super::sheet::MAX_CELL_CHARS;
/// A sheet's used range may always span this many cells…
pub const MAX_SPARSE_AREA: u64 = 1 << 20;
/// …and beyond that at most this many cells per value it holds (an exported table is nearly
/// full; a few values scattered over a huge range are not a table).
pub const MAX_AREA_PER_VALUE: u64 = 8;
/// Most cells merged cells may cover in one sheet, after clipping them to the used range.
pub const MAX_MERGED_CELLS: u64 = 4 << 20;
/// Longest time reading one file may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(120);

/// What reading one file may produce in all, against what it is on disk: a few kilobytes of
/// zip may name one long shared string in every cell, or millions of tiny cells. Text bytes and
/// values are counted as they are read (over every sheet read from the file, merged-cell copies
/// included) and refused past the budget, before memory grows with them.
#[derive(Debug)]
pub struct Budget {
    text_left: std::cell::Cell<u64>,
    values_left: std::cell::Cell<u64>,
}

/// Text bytes a file may always produce…
pub const TEXT_FLOOR_BYTES: u64 = 160 << 20;
/// …and beyond that, per byte of the parts that hold cells (exported workbooks produce about
/// ten)…
pub const TEXT_PER_FILE_BYTE: u64 = 16;
/// …and never more than this.
pub const TEXT_CEILING_BYTES: u64 = 1 << 30;
/// Values a file may always produce…
pub const VALUES_FLOOR: u64 = 2 << 20;
/// …and beyond that, per byte of the parts that hold cells (an exported workbook has about one
/// value per two bytes, a typical ledger one per three; a cell costs a few bytes of compressed
/// XML)…
pub const VALUES_PER_FILE_BYTE: u64 = 2;
/// …and never more than [`MAX_CELLS`].
pub const VALUES_CEILING: u64 = MAX_CELLS as u64;

impl Budget {
    /// The budget of a file whose cell-holding parts are `len` bytes.
    pub fn for_len(len: u64) -> Self {
        Self {
            text_left: std::cell::Cell::new(
                TEXT_FLOOR_BYTES
                    .max(len.saturating_mul(TEXT_PER_FILE_BYTE))
                    .min(TEXT_CEILING_BYTES),
            ),
            values_left: std::cell::Cell::new(
                VALUES_FLOOR
                    .max(len.saturating_mul(VALUES_PER_FILE_BYTE))
                    .min(VALUES_CEILING),
            ),
        }
    }

    /// The budget of the file at `path`: of a zip workbook, only the parts that hold cells
    /// (sheets, shared strings, ODS content) count, so that padding the archive with an
    /// unrelated part buys nothing.
    ///
    /// # Errors
    /// As [`crate::json::input_len`].
    pub fn for_file(path: &Path) -> Result<Self> {
        let len = crate::json::input_len(path)?;
        let cells = std::fs::File::open(path)
            .ok()
            .and_then(|f| zip::ZipArchive::new(std::io::BufReader::new(f)).ok())
            .map(|mut zip| {
                (0..zip.len())
                    .filter_map(|i| {
                        let part = zip.by_index_raw(i).ok()?;
                        let name = part.name().ok()?.into_owned();
                        let holds_cells = name.starts_with("xl/worksheets/")
                            || name == "xl/sharedStrings.xml"
                            || name == "content.xml";
                        holds_cells.then(|| part.compressed_size())
                    })
                    .sum::<u64>()
            });
        Ok(Self::for_len(cells.unwrap_or(len)))
    }

    /// Spend `text` bytes and `values` values at `location`.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] when the file's budget is spent.
    pub fn spend(&self, text: u64, values: u64, location: impl Fn() -> Location) -> Result<()> {
        let (t, v) = (self.text_left.get(), self.values_left.get());
        if text > t {
            return Err(too_big(
                location(),
                "text produced by the file (bytes)",
                "too much",
                format!("{TEXT_FLOOR_BYTES}, or {TEXT_PER_FILE_BYTE} per byte of the file"),
            ));
        }
        if values > v {
            return Err(too_big(
                location(),
                "values produced by the file",
                "too much",
                format!("{VALUES_FLOOR}, or {VALUES_PER_FILE_BYTE} per byte of the file"),
            ));
        }
        self.text_left.set(t - text);
        self.values_left.set(v - values);
        Ok(())
    }
}

/// The kind of file, from its first bytes (never from its name alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip archive: xlsx, xlsm or ods.
    Zip,
    /// An OLE compound file: xls.
    Ole,
    /// Anything else (text: CSV).
    Other,
}

/// When reading must stop.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(Instant);

impl Deadline {
    /// [`TIME_LIMIT`] from now.
    pub fn start() -> Self {
        Self(Instant::now() + TIME_LIMIT)
    }

    /// An error when the time is up.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] at `location`.
    pub fn check(&self, location: impl FnOnce() -> Location) -> Result<()> {
        if Instant::now() > self.0 {
            return Err(Error::LimitExceeded {
                location: location(),
                what: "reading time".into(),
                found: "too much".into(),
                limit: format!("{} s", TIME_LIMIT.as_secs()),
            });
        }
        Ok(())
    }
}

fn too_big(location: Location, what: &str, found: impl ToString, limit: impl ToString) -> Error {
    Error::LimitExceeded {
        location,
        what: what.into(),
        found: found.to_string(),
        limit: limit.to_string(),
    }
}

/// Check a spreadsheet file before any parser sees it (see the module docs).
///
/// # Errors
/// [`Error::Io`], [`Error::LimitExceeded`] (file size, part sizes and ratios, ODS extent and
/// merges), [`Error::InvalidWorkbook`] for an archive that cannot be listed.
pub fn admit(path: &Path, deadline: Deadline) -> Result<Kind> {
    let file = Location::file(path);
    let len = crate::json::input_len(path)?;
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
    if len > MAX_FILE_BYTES {
        return Err(too_big(file, "file size (bytes)", len, MAX_FILE_BYTES));
    }
    let mut magic = [0u8; 8];
    let n = f.read(&mut magic).map_err(|e| Error::io(path, "read", e))?;
    let kind = match &magic[..n] {
        [b'P', b'K', 3, 4, ..] => Kind::Zip,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] => Kind::Ole,
        _ => Kind::Other,
    };
    match kind {
        Kind::Zip => {
            f.rewind().map_err(|e| Error::io(path, "read", e))?;
            admit_zip(path, f, deadline)?;
        }
        Kind::Ole => {
            let bytes = crate::json::read_input(path, MAX_FILE_BYTES)?;
            ole::admit(path, &bytes)?;
        }
        Kind::Other => {}
    }
    Ok(kind)
}

/// Old Excel files (`.xls`): an OLE compound file. calamine's reader follows sector chains
/// until a stream's declared length (the directory's chain without any bound), so a chain that
/// loops, or a stream that claims more bytes than the file holds, grew memory without limit
/// (found by fuzzing: 24 GB from 10 KB). The same structures are read here first, the way
/// calamine reads them, and such files are refused.
mod ole {
    use crate::{Error, Location, Result};
    use std::path::Path;

    /// Chain markers: end of chain and the reserved sector ids above it.
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIFSECT: u32 = 0xFFFF_FFFC;

    fn u16_at(b: &[u8], at: usize) -> u16 {
        u16::from_le_bytes([b[at], b[at + 1]])
    }

    fn u32_at(b: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    pub(super) fn admit(path: &Path, bytes: &[u8]) -> Result<()> {
        let damaged = |what: String| Error::InvalidWorkbook {
            location: Location::file(path),
            detail: format!("the .xls file is damaged: {what}"),
        };
        // Anything calamine would refuse anyway is left to it.
        let Some(file) = Compound::read(bytes).map_err(damaged)? else {
            return Ok(());
        };
        let dirs = file.directory().map_err(damaged)?;
        file.check_lengths(&dirs).map_err(damaged)?;
        match file.workbook_stream(&dirs) {
            Some(stream) => super::biff::admit(path, &stream),
            None => Ok(()),
        }
    }

    /// A compound file's header and allocation table, read as calamine reads them.
    struct Compound<'b> {
        bytes: &'b [u8],
        /// Version 4 (4096-byte sectors, 64-bit stream lengths) rather than 3.
        large: bool,
        /// The sector size.
        size: usize,
        /// The sectors, after the header.
        data: &'b [u8],
        /// The allocation table: each sector's next in its chain.
        fats: Vec<u32>,
    }

    /// A directory entry: its name, first sector and stream length.
    type Entry = (String, u32, usize);

    fn ids(b: &[u8]) -> Vec<u32> {
        b.chunks_exact(4).map(|c| u32_at(c, 0)).collect()
    }

    /// A directory entry's name (UTF-16, up to its first NUL).
    fn entry_name(entry: &[u8]) -> String {
        char::decode_utf16(
            entry[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|c| *c != 0),
        )
        .map(|c| c.unwrap_or('?'))
        .collect()
    }

    impl<'b> Compound<'b> {
        /// The header and the allocation table; `None` for what calamine refuses anyway, an
        /// error for an allocation table larger than the file.
        fn read(bytes: &'b [u8]) -> std::result::Result<Option<Self>, String> {
            if bytes.len() < 512 {
                return Ok(None);
            }
            let large = match u16_at(bytes, 30) {
                9 => false,
                12 => true,
                _ => return Ok(None),
            };
            let size: usize = if large { 4096 } else { 512 };
            let Some(data) = bytes.get(size..) else {
                return Ok(None);
            };
            let mut file = Self {
                bytes,
                large,
                size,
                data,
                fats: Vec::new(),
            };
            // DIFAT: the header's 109 entries, then its own chain (bounded as calamine bounds
            // it).
            let max_id = bytes.len() / size;
            let mut difat = ids(&bytes[76..512]);
            let mut id = u32_at(bytes, 68);
            let mut hops = 0;
            while id < RESERVED {
                hops += 1;
                if hops > max_id + 1 {
                    return Ok(None);
                }
                let Some(sector) = file.sector(id) else {
                    return Ok(None);
                };
                difat.extend(ids(sector));
                let Some(next) = difat.pop() else {
                    return Ok(None);
                };
                id = next;
            }
            // Each entry adds a whole sector to the allocation table, and entries may repeat
            // one sector: a file of a few hundred KB listing one sector over and over made a
            // table of gigabytes, here and in calamine. A file holds at most `max_id` sectors,
            // so its table lists at most as many; the header's own 109 entries are let be
            // (some writers fill the unused ones with 0 rather than "free", which lists
            // sector 0 again and again, harmlessly: at most 109 sectors).
            let listed: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
            if listed.len() > max_id.max(109) {
                return Err(format!(
                    "its allocation table lists {} sectors in a file of {max_id}",
                    listed.len()
                ));
            }
            for id in listed {
                if let Some(s) = file.sector(id) {
                    file.fats.extend(ids(s));
                }
            }
            Ok(Some(file))
        }

        /// Sector `id` (cut short at the end of the file).
        fn sector(&self, id: u32) -> Option<&'b [u8]> {
            let start = (id as usize).checked_mul(self.size)?;
            self.data
                .get(start..(start + self.size).min(self.data.len()))
        }

        /// The directory's sectors. Its chain is followed without a length: it must end,
        /// without a loop.
        fn directory(&self) -> std::result::Result<Vec<u8>, String> {
            let fats = &self.fats;
            let mut seen = vec![false; fats.len()];
            let mut dirs: Vec<u8> = Vec::new();
            let mut id = u32_at(self.bytes, 48);
            while id < RESERVED {
                let i = id as usize;
                if i >= fats.len() {
                    break;
                }
                if seen[i] {
                    return Err(format!(
                        "its directory's sector chain loops back to sector {id}"
                    ));
                }
                seen[i] = true;
                if let Some(s) = self.sector(id) {
                    dirs.extend_from_slice(s);
                }
                id = fats[i];
            }
            Ok(dirs)
        }

        /// The mini allocation table's length as the header declares it.
        fn mini_fat_len(&self) -> u64 {
            (u32_at(self.bytes, 64) as u64).saturating_mul(self.size as u64)
        }

        /// Each stream's declared length, and the mini allocation table's, fit in the file (a
        /// looping chain is then bounded).
        fn check_lengths(&self, dirs: &[u8]) -> std::result::Result<(), String> {
            let file_len = self.bytes.len();
            for (n, entry) in dirs.chunks_exact(128).enumerate() {
                let len: u64 = if self.large {
                    u64::from_le_bytes(entry[120..128].try_into().unwrap_or([0; 8]))
                } else {
                    u64::from(u32_at(entry, 120))
                };
                if len > file_len as u64 {
                    let name = entry_name(entry);
                    return Err(format!(
                        "directory entry {n} ({name:?}) declares {len} bytes in a file of \
                         {file_len}"
                    ));
                }
            }
            let mini_fat_len = self.mini_fat_len();
            if mini_fat_len > file_len as u64 {
                return Err(format!(
                    "its mini allocation table declares {mini_fat_len} bytes in a file of \
                     {file_len}"
                ));
            }
            Ok(())
        }

        /// The workbook stream, as calamine finds it: its sheets are scanned before calamine
        /// builds every one of them in full when the file is opened.
        fn workbook_stream(&self, dirs: &[u8]) -> Option<Vec<u8>> {
            let entries: Vec<Entry> = dirs
                .chunks_exact(128)
                // The high half of a large file's length is zero: lengths were checked.
                .map(|e| (entry_name(e), u32_at(e, 116), u32_at(e, 120) as usize))
                .collect();
            let (_, start, len) = ["Workbook", "Book"].iter().find_map(|n| {
                entries
                    .iter()
                    .find(|(name, _, _)| name.eq_ignore_ascii_case(n))
                    .cloned()
            })?;
            let big = |id: u32| self.sector(id).map(<[u8]>::to_vec);
            if len >= 4096 {
                return Some(chain(start, &self.fats, len, self.size, &big));
            }
            // A short stream lives in the mini stream (the root entry's), in 64-byte pieces.
            let (_, root_start, root_len) = entries.first().cloned()?;
            let mini_stream = chain(root_start, &self.fats, root_len, self.size, &big);
            let mini_fat = ids(&chain(
                u32_at(self.bytes, 60),
                &self.fats,
                self.mini_fat_len() as usize,
                self.size,
                &big,
            ));
            let mini = |id: u32| {
                let start = (id as usize).checked_mul(64)?;
                mini_stream
                    .get(start..(start + 64).min(mini_stream.len()))
                    .map(<[u8]>::to_vec)
            };
            Some(chain(start, &mini_fat, len, 64, &mini))
        }
    }

    /// A stream's bytes: the chain from `start` through `table`, `unit` bytes per piece, up
    /// to `len` bytes, stopping at a loop or a piece out of the file.
    fn chain(
        start: u32,
        table: &[u32],
        len: usize,
        unit: usize,
        get: &dyn Fn(u32) -> Option<Vec<u8>>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut seen = vec![false; table.len()];
        let mut id = start;
        while id < RESERVED && out.len() < len {
            let i = id as usize;
            if i >= table.len() || seen[i] {
                break;
            }
            seen[i] = true;
            match get(id) {
                Some(b) => out.extend_from_slice(&b[..b.len().min(unit)]),
                None => break,
            }
            id = table[i];
        }
        out.truncate(len);
        out
    }
}

/// The sheets of an old Excel workbook stream (BIFF), scanned the way calamine reads them:
/// each sheet's cell positions and its DIMENSIONS record, for which calamine reserves and then
/// builds a dense range (a 12 KB file asked for 78 GB).
mod biff {
    use crate::Result;
    use std::path::Path;

    fn u16_at(b: &[u8], at: usize) -> Option<u32> {
        Some(u32::from(u16::from_le_bytes([
            *b.get(at)?,
            *b.get(at + 1)?,
        ])))
    }

    fn u32_at(b: &[u8], at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
    }

    /// Records of `stream` as (type, data). Continuation records (0x003C) come as records of
    /// their own: no position is in them.
    fn records(stream: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
        let mut rest = stream;
        std::iter::from_fn(move || {
            let typ = u16_at(rest, 0)?;
            let len = u16_at(rest, 2)? as usize;
            let data = rest.get(4..4 + len)?;
            rest = &rest[4 + len..];
            Some((typ, data))
        })
    }

    pub(super) fn admit(path: &Path, stream: &[u8]) -> Result<()> {
        // Workbook globals: the sheets' names and where their records start.
        let mut sheets: Vec<(usize, String)> = Vec::new();
        for (typ, data) in records(stream) {
            match typ {
                0x0085 => {
                    let Some(pos) = u32_at(data, 0) else { continue };
                    let name = match (data.get(6), data.get(7)) {
                        (Some(&n), Some(&0)) => data
                            .get(8..8 + usize::from(n))
                            .map(|b| b.iter().map(|c| char::from(*c)).collect())
                            .unwrap_or_default(),
                        (Some(&n), Some(_)) => data
                            .get(8..8 + 2 * usize::from(n))
                            .map(|b| {
                                char::decode_utf16(
                                    b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])),
                                )
                                .map(|c| c.unwrap_or('?'))
                                .collect()
                            })
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    sheets.push((pos as usize, name));
                }
                0x000A => break,
                _ => {}
            }
        }
        for (pos, name) in sheets {
            let Some(sheet) = stream.get(pos..) else {
                continue;
            };
            let (mut rows, mut cols, mut values) = (0u64, 0u64, 0u64);
            let mut reserved = 0u64;
            let (mut seen_bof, mut depth) = (false, 0usize);
            let mut cell = |r: Option<u32>, c: Option<u32>, n: u64| {
                if let (Some(r), Some(c)) = (r, c) {
                    rows = rows.max(u64::from(r) + 1);
                    cols = cols.max(u64::from(c) + n);
                    values += n;
                }
            };
            for (typ, d) in records(sheet) {
                if depth > 0 {
                    match typ {
                        0x0809 => depth += 1,
                        0x000A => depth -= 1,
                        _ => {}
                    }
                    continue;
                }
                match typ {
                    0x0809 if seen_bof => depth += 1,
                    0x0809 => seen_bof = true,
                    0x0200 => {
                        // As calamine reads DIMENSIONS: first/last row, first/last column.
                        let (rf, rl, cf, cl) = match d.len() {
                            10 => (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4), u16_at(d, 6)),
                            14 | 16 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 8), u16_at(d, 10)),
                            _ => continue,
                        };
                        let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) else {
                            continue;
                        };
                        let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                        if rl >= 1 && cl >= 1 {
                            // calamine's arithmetic wraps when the end is before the start.
                            let r = u64::from(rl.wrapping_sub(1).wrapping_sub(rf).wrapping_add(1));
                            let c = u64::from(cl.wrapping_sub(1).wrapping_sub(cf).wrapping_add(1));
                            reserved = reserved.max(r.saturating_mul(c));
                        }
                    }
                    0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                        cell(u16_at(d, 0), u16_at(d, 2), 1);
                    }
                    0x00BD => {
                        let (first, last) = (
                            u16_at(d, 2),
                            d.len().checked_sub(2).and_then(|at| u16_at(d, at)),
                        );
                        if let (Some(f), Some(l)) = (first, last) {
                            if l >= f {
                                cell(u16_at(d, 0), Some(f), u64::from(l - f + 1));
                            }
                        }
                    }
                    0x000A => break,
                    _ => {}
                }
            }
            super::check_area(path, &name, rows, cols, values)?;
            // What calamine reserves for the DIMENSIONS record: held to the same rule.
            let allowed =
                super::MAX_SPARSE_AREA.max(values.saturating_mul(super::MAX_AREA_PER_VALUE));
            if reserved > allowed {
                return Err(super::too_big(
                    crate::Location {
                        sheet: Some(name),
                        ..crate::Location::file(path)
                    },
                    "declared sheet dimensions (cells)",
                    format!("{reserved} cells for {values} values"),
                    allowed,
                ));
            }
        }
        Ok(())
    }
}

fn admit_zip(path: &Path, mut f: std::fs::File, deadline: Deadline) -> Result<()> {
    let file = Location::file(path);
    let declared = declared_entries(&mut f).map_err(|e| Error::io(path, "read", e))?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| Error::InvalidWorkbook {
            location: file.clone(),
            detail: format!("not a readable zip archive: {e}"),
        })?;
    if zip.len() > MAX_PARTS {
        return Err(too_big(file, "number of parts", zip.len(), MAX_PARTS));
    }
    // The zip reader keeps one part per name: more entries in the directory than parts read
    // means two parts share a name, and readers differ on which one counts (one could hide
    // rows from a review).
    if declared.is_some_and(|n| n > zip.len()) {
        return Err(Error::InvalidWorkbook {
            location: file,
            detail: "the archive holds two parts of the same name".into(),
        });
    }
    let mut total: u64 = 0;
    let mut content_xml = false;
    let mut names = std::collections::HashSet::new();
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| Error::InvalidWorkbook {
            location: file.clone(),
            detail: format!("part {i} of the archive cannot be read: {e}"),
        })?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let at = || Location {
            path: Some(name.clone()),
            ..file.clone()
        };
        // Two parts of one name: readers differ on which one counts (one could hide rows).
        if !names.insert(name.to_lowercase()) {
            return Err(Error::InvalidWorkbook {
                location: at(),
                detail: "the archive holds two parts of this name".into(),
            });
        }
        let (size, packed) = (part.size(), part.compressed_size().max(1));
        if size > MAX_PART_BYTES {
            return Err(too_big(
                at(),
                "uncompressed part size (bytes)",
                size,
                MAX_PART_BYTES,
            ));
        }
        if size > RATIO_FLOOR_BYTES && size / packed > MAX_COMPRESSION_RATIO {
            return Err(too_big(
                at(),
                "compression ratio",
                format!("{}:1 ({size} bytes from {packed})", size / packed),
                format!("{MAX_COMPRESSION_RATIO}:1"),
            ));
        }
        total = total.saturating_add(size);
        if total > MAX_UNCOMPRESSED_BYTES {
            return Err(too_big(
                file,
                "uncompressed size of all parts (bytes)",
                total,
                MAX_UNCOMPRESSED_BYTES,
            ));
        }
        content_xml |= name == "content.xml";
    }
    if let Ok(styles) = zip.by_name("xl/styles.xml") {
        styles_admit(path, styles, deadline)?;
    }
    if content_xml && zip.by_name("mimetype").is_ok() {
        let content = zip
            .by_name("content.xml")
            .map_err(|e| Error::InvalidWorkbook {
                location: file.clone(),
                detail: format!("content.xml cannot be read: {e}"),
            })?;
        ods::admit(path, content, deadline)?;
    }
    Ok(())
}

/// The number of entries the archive's end record declares (None for zip64, which declares
/// 0xFFFF there, or when the record is not found).
fn declared_entries(f: &mut std::fs::File) -> std::io::Result<Option<usize>> {
    use std::io::SeekFrom;
    let len = f.seek(SeekFrom::End(0))?;
    let tail = len.min(65_557);
    f.seek(SeekFrom::Start(len - tail))?;
    let mut buf = Vec::with_capacity(tail as usize);
    f.by_ref().take(tail).read_to_end(&mut buf)?;
    f.rewind()?;
    let Some(at) = buf.windows(4).rposition(|w| w == b"PK\x05\x06") else {
        return Ok(None);
    };
    let Some(n) = buf.get(at + 10..at + 12) else {
        return Ok(None);
    };
    let n = u16::from_le_bytes([n[0], n[1]]);
    Ok((n != 0xFFFF).then_some(usize::from(n)))
}

/// calamine copies a number format's code into every cell style that uses it when the file is
/// opened: one 900 KB format code used by 1,000 styles took a gigabyte from a 10 KB file. The
/// styles part is scanned first and the copies it would make are held to [`TEXT_FLOOR_BYTES`].
fn styles_admit(path: &Path, styles: impl Read, deadline: Deadline) -> Result<()> {
    use quick_xml::events::Event;
    let at = || Location {
        path: Some("xl/styles.xml".into()),
        ..Location::file(path)
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(styles));
    let mut buf = Vec::new();
    let mut codes: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let mut copied: u64 = 0;
    let mut events = 0u64;
    loop {
        events += 1;
        if events.is_multiple_of(65_536) {
            deadline.check(at)?;
        }
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| Error::InvalidWorkbook {
                location: at(),
                detail: format!("the styles part does not parse: {e}"),
            })?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |k: &str| ods::attr(e, k);
                match e.name().as_ref() {
                    "numFmt" => {
                        if let (Some(id), Some(code)) = (attr("numFmtId"), attr("formatCode")) {
                            codes.insert(id, code.len() as u64);
                        }
                    }
                    "xf" => {
                        if let Some(len) = attr("numFmtId").and_then(|id| codes.get(&id)) {
                            copied = copied.saturating_add(*len);
                            if copied > TEXT_FLOOR_BYTES {
                                return Err(too_big(
                                    at(),
                                    "number-format text copied into cell styles (bytes)",
                                    "too much",
                                    TEXT_FLOOR_BYTES,
                                ));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// Run a third-party parser; a panic inside it becomes a located error. While it runs,
/// [`in_guard`] is true on this thread so that the program's panic hook can stay quiet.
///
/// # Errors
/// What `f` returns, or [`Error::InvalidWorkbook`] at `location` when it panicked.
pub fn guard<T>(location: impl FnOnce() -> Location, f: impl FnOnce() -> Result<T>) -> Result<T> {
    GUARD.with(|g| g.set(g.get() + 1));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARD.with(|g| g.set(g.get() - 1));
    out.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::InvalidWorkbook {
            location: location(),
            detail: format!(
                "the spreadsheet reader failed on this file ({why}); the file is damaged or \
                 not a spreadsheet: open it in Excel or LibreOffice and save it again"
            ),
        })
    })
}

thread_local! {
    static GUARD: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether this thread is inside [`guard`] (a panic there is reported as an error).
pub fn in_guard() -> bool {
    GUARD.with(std::cell::Cell::get) > 0
}

/// Open a spreadsheet after [`admit`] passed, inside [`guard`].
///
/// # Errors
/// [`Error::InvalidWorkbook`] naming the file.
pub fn open(path: &Path) -> Result<Sheets<std::io::BufReader<std::fs::File>>> {
    let file = || Location::file(path);
    guard(file, || {
        calamine::open_workbook_auto(path).map_err(|e| Error::InvalidWorkbook {
            location: file(),
            detail: format!("cannot read the workbook (xlsx, xlsm, xls, ods or csv expected): {e}"),
        })
    })
}

/// The values of one sheet, as read: positions are 0-based (row, column).
#[derive(Debug, Default)]
pub struct SheetCells {
    /// Non-empty cells in the order read.
    pub cells: Vec<Cell<Data>>,
    /// One past the last row holding a value.
    pub rows: u32,
    /// One past the last column holding a value.
    pub cols: u32,
}

/// Read one sheet's values with the limits of the module docs.
///
/// # Errors
/// [`Error::InvalidWorkbook`] when the sheet cannot be read, [`Error::LimitExceeded`] at the
/// sheet or cell that breaks a limit.
pub fn read_sheet<RS: Read + Seek>(
    wb: &mut Sheets<RS>,
    name: &str,
    path: &Path,
    deadline: Deadline,
    budget: &Budget,
) -> Result<SheetCells> {
    let sheet = || Location {
        sheet: Some(name.to_owned()),
        ..Location::file(path)
    };
    let unreadable = |e: &dyn std::fmt::Display| Error::InvalidWorkbook {
        location: sheet(),
        detail: format!("cannot read the sheet: {e}"),
    };
    let mut out = SheetCells::default();
    guard(sheet, || {
        match wb {
            Sheets::Xlsx(x) => {
                let mut reader = x.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                    let (pos, value) = (cell.get_position(), Data::from(cell.get_value().clone()));
                    out.push(pos, value, path, name, deadline, budget)?;
                }
            }
            other => {
                // The xls, xlsb and ods readers hold every sheet in memory once the file is
                // open (after `admit` bounded it); only the values are taken from it.
                let range = other.worksheet_range(name).map_err(|e| unreadable(&e))?;
                for (r, c, v) in range.used_cells() {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    out.push(
                        (r0 + r as u32, c0 + c as u32),
                        v.clone(),
                        path,
                        name,
                        deadline,
                        budget,
                    )?;
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

impl SheetCells {
    fn push(
        &mut self,
        (row, col): (u32, u32),
        value: Data,
        path: &Path,
        sheet: &str,
        deadline: Deadline,
        budget: &Budget,
    ) -> Result<()> {
        // An empty cell, or one holding only spaces (a stray space far below a table used to
        // make its used range enormous), holds no value.
        let blank = match &value {
            Data::Empty => true,
            Data::String(s) => s.trim().is_empty(),
            _ => false,
        };
        if blank {
            return Ok(());
        }
        let at = || Location {
            sheet: Some(sheet.to_owned()),
            row: Some(u64::from(row) + 1),
            column: Some(super::sheet::col_letter(col as usize)),
            ..Location::file(path)
        };
        let text = match &value {
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len() as u64,
            _ => 0,
        };
        budget.spend(text, 1, at)?;
        if let Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) = &value {
            // Characters are counted only when the bytes could exceed the limit.
            if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS {
                return Err(too_big(
                    at(),
                    "characters in one cell",
                    s.chars().count(),
                    MAX_CELL_CHARS,
                ));
            }
        }
        // Past column XFD or row 1,048,576: no spreadsheet program makes such a cell.
        if col >= 16_384 || row >= 1 << 20 {
            return Err(too_big(
                at(),
                "cell position",
                format!(
                    "{}{}",
                    super::sheet::col_letter(col as usize),
                    u64::from(row) + 1
                ),
                "XFD1048576",
            ));
        }
        if self.cells.len() >= MAX_CELLS {
            return Err(too_big(
                Location {
                    sheet: Some(sheet.to_owned()),
                    ..Location::file(path)
                },
                "values in one sheet",
                "too much",
                MAX_CELLS,
            ));
        }
        if self.cells.len().is_multiple_of(4096) {
            deadline.check(at)?;
        }
        self.rows = self.rows.max(row.saturating_add(1));
        self.cols = self.cols.max(col.saturating_add(1));
        self.cells.push(Cell::new((row, col), value));
        Ok(())
    }

    fn check_area(&self, path: &Path, sheet: &str) -> Result<()> {
        check_area(
            path,
            sheet,
            u64::from(self.rows),
            u64::from(self.cols),
            self.cells.len() as u64,
        )
    }

    /// The sheet as a rectangle from A1 (what the workbook readers index).
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] when the used range is mostly empty.
    pub fn range(self, path: &Path, sheet: &str) -> Result<Range<Data>> {
        self.check_area(path, sheet)?;
        if self.cells.is_empty() {
            return Ok(Range::empty());
        }
        // Anchor the rectangle at A1 so that positions read from it are the sheet's.
        let mut cells = self.cells;
        if !cells.iter().any(|c| c.get_position() == (0, 0)) {
            cells.push(Cell::new((0, 0), Data::Empty));
        }
        Ok(Range::from_sparse(cells))
    }

    /// The sheet as rows from A1, each as long as its last value.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] when the used range is mostly empty.
    pub fn grid(self, path: &Path, sheet: &str) -> Result<Vec<Vec<Data>>> {
        // Rows are only as long as their last value, so what is held is the sum of the rows'
        // lengths, not the bounding box: a lookup list far to the right of a ledger, or a
        // numbered column that runs past its last asset, costs next to nothing.
        let mut last_col: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        for c in &self.cells {
            let (r, col) = c.get_position();
            let e = last_col.entry(r).or_insert(0);
            *e = (*e).max(col + 1);
        }
        let held: u64 =
            last_col.values().map(|&c| u64::from(c)).sum::<u64>() + u64::from(self.rows);
        let allowed = MAX_SPARSE_AREA.max(self.cells.len() as u64 * MAX_AREA_PER_VALUE);
        if held > allowed {
            self.check_area(path, sheet)?;
        }
        let mut rows: Vec<Vec<Data>> = vec![Vec::new(); self.rows as usize];
        for c in self.cells {
            let (r, col) = c.get_position();
            let row = &mut rows[r as usize];
            if row.len() <= col as usize {
                row.resize(col as usize + 1, Data::Empty);
            }
            row[col as usize] = c.get_value().clone();
        }
        Ok(rows)
    }
}

/// Refuse a used range of `rows` × `cols` from A1 that is mostly empty (see the module docs).
fn check_area(path: &Path, sheet: &str, rows: u64, cols: u64, values: u64) -> Result<()> {
    let area = rows.saturating_mul(cols);
    let allowed = MAX_SPARSE_AREA.max(values.saturating_mul(MAX_AREA_PER_VALUE));
    if area <= allowed {
        return Ok(());
    }
    let last = format!(
        "{}{rows}",
        super::sheet::col_letter(cols.saturating_sub(1) as usize)
    );
    Err(too_big(
        Location {
            sheet: Some(sheet.to_owned()),
            ..Location::file(path)
        },
        "used range (cells)",
        format!("A1:{last} = {area} cells holding {values} values"),
        format!("{MAX_SPARSE_AREA} cells, or {MAX_AREA_PER_VALUE} per value for a larger table"),
    ))
}

/// Merged regions clipped to a sheet of `rows` × `cols`, refused when together they cover
/// more than [`MAX_MERGED_CELLS`] (expanding them is work per covered cell).
///
/// # Errors
/// [`Error::LimitExceeded`] naming the sheet.
pub fn clip_merges(
    merges: Vec<calamine::Dimensions>,
    rows: u32,
    cols: u32,
    path: &Path,
    sheet: &str,
) -> Result<Vec<calamine::Dimensions>> {
    let mut covered: u64 = 0;
    let mut out = Vec::new();
    for m in merges {
        if m.start.0 >= rows || m.start.1 >= cols || m.end.0 < m.start.0 || m.end.1 < m.start.1 {
            continue;
        }
        let end = (m.end.0.min(rows - 1), m.end.1.min(cols - 1));
        covered += u64::from(end.0 - m.start.0 + 1) * u64::from(end.1 - m.start.1 + 1);
        if covered > MAX_MERGED_CELLS {
            return Err(too_big(
                Location {
                    sheet: Some(sheet.to_owned()),
                    ..Location::file(path)
                },
                "cells covered by merged cells",
                "too much",
                MAX_MERGED_CELLS,
            ));
        }
        out.push(calamine::Dimensions {
            start: m.start,
            end,
        });
    }
    Ok(out)
}

/// OpenDocument spreadsheets: the extent scan before calamine builds every sheet, and the
/// merged regions (which calamine does not expose).
pub mod ods {
    use super::{too_big, Deadline, MAX_MERGED_CELLS};
    use crate::{Error, Location, Result};
    use quick_xml::events::{BytesStart, Event};
    use std::io::Read;
    use std::path::Path;

    /// Excel's and LibreOffice's largest sheet: rows and columns.
    const SHEET_ROWS: u64 = 1 << 20;
    const SHEET_COLS: u64 = 1 << 14;

    /// One table (sheet) of `content.xml` as scanned.
    #[derive(Debug, Default, Clone)]
    pub struct Table {
        /// Sheet name.
        pub name: String,
        /// One past the last row holding a value.
        pub rows: u64,
        /// One past the last column holding a value.
        pub cols: u64,
        /// Values, repeats counted.
        pub values: u64,
        /// Bytes of text the values make, repeats counted (`text:s` spaces included).
        pub text: u64,
        /// Merged regions: (row, column, rows spanned, columns spanned), 0-based.
        pub merges: Vec<(u64, u64, u64, u64)>,
    }

    /// An attribute's raw value (also used for the styles part).
    pub(super) fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| a.value.to_string())
    }

    /// A count attribute: absent, zero or unreadable counts 1; clamped to `max`.
    fn count(e: &BytesStart<'_>, key: &str, max: u64) -> u64 {
        attr(e, key)
            .and_then(|s| s.trim().parse::<u64>().ok())
            .filter(|n| *n > 0)
            .unwrap_or(1)
            .min(max)
    }

    /// Scan `content.xml`: every table's extent, values and merged regions. Positions are
    /// counted in u64 with every repeat clamped to the sheet size, so no attribute value can
    /// overflow them.
    ///
    /// # Errors
    /// [`Error::InvalidWorkbook`] for XML that does not parse, [`Error::LimitExceeded`] when
    /// the time is up.
    pub fn scan(path: &Path, content: impl Read, deadline: Deadline) -> Result<Vec<Table>> {
        let file = || Location::file(path);
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
        let mut buf = Vec::new();
        let mut scan = Scan {
            path,
            tables: Vec::new(),
            row: 0,
            col: 0,
            row_repeat: 1,
            row_has_value: false,
            row_last_col: 0,
            in_table: false,
            cell: None,
        };
        let mut events = 0u64;
        loop {
            events += 1;
            if events.is_multiple_of(65_536) {
                deadline.check(file)?;
            }
            let ev = reader
                .read_event_into(&mut buf)
                .map_err(|e| Error::InvalidWorkbook {
                    location: Location {
                        path: Some("content.xml".into()),
                        ..file()
                    },
                    detail: format!("content.xml does not parse: {e}"),
                })?;
            match &ev {
                Event::Start(e) => scan.start(e, false)?,
                Event::Empty(e) => scan.start(e, true)?,
                Event::Text(t) => scan.text(t.as_ref()),
                Event::End(e) => scan.end(e.name().as_ref())?,
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(scan.tables)
    }

    /// Where the scan of `content.xml` is.
    struct Scan<'p> {
        path: &'p Path,
        tables: Vec<Table>,
        /// The row and column the next row or cell starts at, and how often the row repeats.
        row: u64,
        col: u64,
        row_repeat: u64,
        /// Whether the row holds a value, and one past its last column holding one.
        row_has_value: bool,
        row_last_col: u64,
        in_table: bool,
        /// The cell being read: its characters, text bytes and how often it repeats.
        cell: Option<(u64, u64, u64)>,
    }

    impl Scan<'_> {
        /// An element opens (`empty`: and closes at once).
        fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<()> {
            match e.name().as_ref() {
                "table:table" => {
                    self.in_table = !empty;
                    self.tables.push(Table {
                        name: attr(e, "table:name").unwrap_or_default(),
                        ..Table::default()
                    });
                    self.row = 0;
                }
                "table:table-row" if self.in_table => {
                    self.col = 0;
                    self.row_has_value = false;
                    self.row_last_col = 0;
                    self.row_repeat = count(e, "table:number-rows-repeated", SHEET_ROWS);
                    if empty {
                        self.row = (self.row + self.row_repeat).min(SHEET_ROWS);
                    }
                }
                name @ ("table:table-cell" | "table:covered-table-cell") if self.in_table => {
                    self.cell_start(e, name == "table:table-cell", empty)?;
                }
                // `<text:s text:c="N"/>`: N spaces, which the reader writes out in full.
                "text:s" | "text:tab" | "text:line-break" => {
                    if let Some((chars, bytes, _)) = self.cell.as_mut() {
                        let n = count(e, "text:c", u64::from(u32::MAX));
                        *chars = chars.saturating_add(n);
                        *bytes = bytes.saturating_add(n);
                    }
                }
                _ => {}
            }
            Ok(())
        }

        /// A cell (or a covered one, `own` false) opens: its merge, its values and where the
        /// next cell starts.
        fn cell_start(&mut self, e: &BytesStart<'_>, own: bool, empty: bool) -> Result<()> {
            let (row, col) = (self.row, self.col);
            let repeat = count(e, "table:number-columns-repeated", SHEET_COLS);
            // A cell with a value type or content (text) holds a value.
            let value = attr(e, "office:value-type").is_some() || !empty;
            if let Some(t) = self.tables.last_mut() {
                if own {
                    let rs = count(e, "table:number-rows-spanned", SHEET_ROWS);
                    let cs = count(e, "table:number-columns-spanned", SHEET_COLS);
                    if rs > 1 || cs > 1 {
                        t.merges.push((row, col, rs, cs));
                        if t.merges.len() as u64 > MAX_MERGED_CELLS {
                            return Err(too_big(
                                Location {
                                    sheet: Some(t.name.clone()),
                                    ..Location::file(self.path)
                                },
                                "merged regions",
                                "too much",
                                MAX_MERGED_CELLS,
                            ));
                        }
                    }
                }
                if value {
                    self.row_has_value = true;
                    self.row_last_col = (col + repeat).min(SHEET_COLS);
                    t.values = t.values.saturating_add(repeat * self.row_repeat);
                }
            }
            if !empty {
                self.cell = Some((0, 0, repeat * self.row_repeat));
            }
            self.col = (col + repeat).min(SHEET_COLS);
            Ok(())
        }

        /// Text inside the cell being read.
        fn text(&mut self, raw: &str) {
            if let Some((chars, bytes, _)) = self.cell.as_mut() {
                *chars += raw.chars().count() as u64;
                *bytes += raw.len() as u64;
            }
        }

        /// An element closes: a cell's text is measured, a row's extent counted.
        fn end(&mut self, name: &str) -> Result<()> {
            match name {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let (Some((chars, bytes, times)), Some(t)) =
                        (self.cell.take(), self.tables.last_mut())
                    {
                        if chars > super::MAX_CELL_CHARS as u64 {
                            return Err(too_big(
                                Location {
                                    sheet: Some(t.name.clone()),
                                    row: Some(self.row + 1),
                                    column: Some(crate::excel::sheet::col_letter(
                                        self.col.saturating_sub(1) as usize,
                                    )),
                                    ..Location::file(self.path)
                                },
                                "characters in one cell",
                                chars,
                                super::MAX_CELL_CHARS,
                            ));
                        }
                        t.text = t.text.saturating_add(bytes.saturating_mul(times));
                    }
                }
                "table:table" => self.in_table = false,
                "table:table-row" if self.in_table => {
                    if let Some(t) = self.tables.last_mut() {
                        if self.row_has_value {
                            t.rows = t.rows.max((self.row + self.row_repeat).min(SHEET_ROWS));
                            t.cols = t.cols.max(self.row_last_col);
                        }
                    }
                    self.row = (self.row + self.row_repeat).min(SHEET_ROWS);
                }
                _ => {}
            }
            Ok(())
        }
    }

    /// The extent and merge checks of [`super::admit`] for an ODS file's `content.xml`.
    pub(super) fn admit(path: &Path, content: impl Read, deadline: Deadline) -> Result<()> {
        // The reader builds every sheet when the file is opened: the whole file's values and
        // text are held to its budget here, before that.
        let budget = super::Budget::for_file(path)?;
        for t in scan(path, content, deadline)? {
            budget.spend(t.text, t.values, || Location {
                sheet: Some(t.name.clone()),
                ..Location::file(path)
            })?;
            let sheet = || Location {
                sheet: Some(t.name.clone()),
                ..Location::file(path)
            };
            // The same rule as for read sheets, with the value count the scan made.
            super::check_area(path, &t.name, t.rows, t.cols, t.values)?;
            if t.values > super::MAX_CELLS as u64 {
                return Err(too_big(
                    sheet(),
                    "values in one sheet",
                    t.values,
                    super::MAX_CELLS,
                ));
            }
            let covered: u64 = t
                .merges
                .iter()
                .map(|&(r, c, rs, cs)| {
                    let rows = rs.min(t.rows.saturating_sub(r));
                    let cols = cs.min(t.cols.saturating_sub(c));
                    rows * cols
                })
                .sum();
            if covered > MAX_MERGED_CELLS {
                return Err(too_big(
                    sheet(),
                    "cells covered by merged cells",
                    covered,
                    MAX_MERGED_CELLS,
                ));
            }
        }
        Ok(())
    }

    /// Merged regions of one sheet of an ODS file (after [`super::admit`] passed).
    pub fn merges(
        path: &Path,
        sheet: &str,
        deadline: Deadline,
    ) -> Result<Vec<calamine::Dimensions>> {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
        let mut zip = zip::ZipArchive::new(f).map_err(|e| Error::InvalidWorkbook {
            location: Location::file(path),
            detail: format!("not a readable zip archive: {e}"),
        })?;
        let content = zip
            .by_name("content.xml")
            .map_err(|e| Error::InvalidWorkbook {
                location: Location::file(path),
                detail: format!("content.xml cannot be read: {e}"),
            })?;
        let tables = scan(path, content, deadline)?;
        let clamp = |v: u64| v.min(u64::from(u32::MAX)) as u32;
        Ok(tables
            .into_iter()
            .filter(|t| t.name == sheet)
            .flat_map(|t| t.merges)
            .map(|(r, c, rs, cs)| calamine::Dimensions {
                start: (clamp(r), clamp(c)),
                end: (clamp(r + rs - 1), clamp(c + cs - 1)),
            })
            .collect())
    }
}
