//! Profiling aid: times the parts of the Excel export of the L synthetic factory.
//! `cargo run --release -p otzone-models --example export_phases`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use otzone_models::catalogue::Catalogue;
use otzone_models::excel::export::{export, tables, ExportOptions};
use otzone_models::generate::{generate, Size};
use otzone_models::model::{IsoDate, Lang};
use std::time::Instant;

fn main() {
    let p = generate(Size::L);
    let a = otzone_models::risk::analyse(&p, Catalogue::builtin());
    let o = ExportOptions {
        lang: Lang::Ja,
        date: IsoDate::parse("2026-11-23").unwrap(),
    };
    let t = Instant::now();
    let ts = tables(&p, &a, &o);
    println!("tables {:?}", t.elapsed());
    for tb in &ts {
        println!("  {} rows {}", tb.name, tb.rows.len());
    }
    let t = Instant::now();
    let _ = otzone_models::chart::zone_diagram(&p, Lang::Ja).unwrap();
    println!("diagram {:?}", t.elapsed());
    let t = Instant::now();
    let _ = otzone_models::chart::heatmap(&a.rollups.heatmaps, a.values.len(), Lang::Ja).unwrap();
    let _ = otzone_models::chart::risk_by_zone(&p, &a.rollups.zones, &a.values, Lang::Ja).unwrap();
    println!("charts {:?}", t.elapsed());
    // OTZONE_EXPORT_REPEAT=N exports N times (so a profiler sees mostly the export).
    let repeat = std::env::var("OTZONE_EXPORT_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    for _ in 0..repeat {
        let t = Instant::now();
        let b = export(&p, &a, &o).unwrap();
        println!("export {:?} {} bytes", t.elapsed(), b.len());
    }
}
