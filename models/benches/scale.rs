//! Scale benchmark: open, analyse and save synthetic factories of size S, M and L.
//! `cargo bench -p otzone-models --bench scale`. XL and peak memory: `otzone bench --size XL`
//! (see docs/benchmarks.md).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use otzone_models::catalogue::Catalogue;
use otzone_models::generate::{generate, Size};
use otzone_models::{risk, store};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn scale(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    for (name, size) in [("S", Size::S), ("M", Size::M), ("L", Size::L)] {
        let path = dir.path().join(format!("{name}.otz"));
        let project = generate(size);
        store::save(&path, &project).expect("save");
        group.bench_with_input(BenchmarkId::new("open", name), &path, |b, p| {
            b.iter(|| store::open(p).expect("open"))
        });
        group.bench_with_input(BenchmarkId::new("analyse", name), &project, |b, p| {
            b.iter(|| risk::analyse(p, Catalogue::builtin()))
        });
        group.bench_with_input(BenchmarkId::new("save", name), &project, |b, p| {
            b.iter(|| store::save(&path, p).expect("save"))
        });
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
