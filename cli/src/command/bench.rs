//! Time open, analyse and save of a synthetic factory and report peak memory.

use anyhow::Context;
use otzone_models::catalogue::Catalogue;
use otzone_models::excel::{self, export::ExportOptions};
use otzone_models::generate::{generate, Size};
use otzone_models::model::{IsoDate, Lang};
use otzone_models::{risk, store};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// S, M, L or XL.
    #[arg(long)]
    size: String,
    /// Repetitions (the median is reported).
    #[arg(long, default_value_t = 5)]
    iterations: usize,
    /// Time the Excel export instead, against writing the same cells with rust_xlsxwriter alone.
    #[arg(long)]
    export: bool,
}

pub fn run(args: Args, _lang: Lang) -> anyhow::Result<ExitCode> {
    let Args {
        size,
        iterations,
        export,
    } = args;
    let size = super::size(&size)?;
    if export {
        bench_export(size, iterations.max(1))
    } else {
        bench(size, iterations.max(1))
    }
}

/// Peak resident memory of this process (VmHWM), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn bench(size: Size, iterations: usize) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.otz");
    let project = generate(size);
    store::save(&path, &project)?;
    let shape = (
        project.assets.len(),
        project.zones.len(),
        project.conduits.len(),
        project.entry_points.len(),
    );
    // Measure a process that holds one project, as the app does.
    drop(project);
    let (mut open, mut analyse, mut save) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = 0;
    for _ in 0..iterations {
        let t = Instant::now();
        let p = store::open(&path)?;
        open.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let a = risk::analyse(&p, Catalogue::builtin());
        analyse.push(t.elapsed().as_secs_f64() * 1e3);
        rows = a.risks.len();
        drop(a);
        let t = Instant::now();
        store::save(&path, &p)?;
        save.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (o, a, s) = (median(open), median(analyse), median(save));
    println!(
        "size={size:?} assets={} zones={} conduits={} entries={} risks={rows} iterations={iterations} \
         open_ms={o:.1} analyse_ms={a:.1} save_ms={s:.1} open_save_ms={:.1} peak_rss_mib={:.0}",
        shape.0,
        shape.1,
        shape.2,
        shape.3,
        o + s,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    Ok(ExitCode::SUCCESS)
}

/// Export timing: the full workbook (tables, formats, protection, validation, charts, diagram)
/// against the same cells written with rust_xlsxwriter alone (no formats or extras).
fn bench_export(size: Size, iterations: usize) -> anyhow::Result<ExitCode> {
    let project = generate(size);
    let analysis = risk::analyse(&project, Catalogue::builtin());
    let options = ExportOptions {
        lang: Lang::Ja,
        date: IsoDate::parse("2026-11-23").context("date")?,
    };
    let tables = excel::export::tables(&project, &analysis, &options);
    let cells: usize = tables
        .iter()
        .map(|t| t.rows.len() * (t.cols.len() + 1))
        .sum();
    let (mut full, mut raw, mut raw_same) = (Vec::new(), Vec::new(), Vec::new());
    let mut bytes = 0;
    for _ in 0..iterations {
        let t = Instant::now();
        bytes = excel::export::export(&project, &analysis, &options)?.len();
        full.push(t.elapsed().as_secs_f64() * 1e3);
        for level in [None, Some(excel::export::ZIP_LEVEL)] {
            let t = Instant::now();
            let mut wb = rust_xlsxwriter::Workbook::new();
            if let Some(l) = level {
                wb.set_zip_compression_level(l);
            }
            for table in &tables {
                let ws = wb.add_worksheet();
                for (c, col) in table.cols.iter().enumerate() {
                    ws.write_string(0, c as u16 + 1, &col.header)?;
                }
                for (r, (id, row)) in table.rows.iter().enumerate() {
                    let r = r as u32 + 1;
                    ws.write_string(r, 0, id)?;
                    for (c, cell) in row.iter().enumerate() {
                        match cell {
                            excel::sheet::Cell::Text(s) => {
                                ws.write_string(r, c as u16 + 1, s)?;
                            }
                            excel::sheet::Cell::Num(n) => {
                                ws.write_number(r, c as u16 + 1, *n)?;
                            }
                            excel::sheet::Cell::Empty => {}
                        }
                    }
                }
            }
            let _ = wb.save_to_buffer()?;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            if level.is_some() {
                raw_same.push(ms)
            } else {
                raw.push(ms)
            }
        }
    }
    let (f, r, rs) = (median(full), median(raw), median(raw_same));
    println!(
        "size={size:?} cells={cells} iterations={iterations} export_ms={f:.0} raw_default_ms={r:.0} raw_same_level_ms={rs:.0} ratio_same_level={:.2} workbook_bytes={bytes}",
        f / rs
    );
    Ok(ExitCode::SUCCESS)
}
