// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// mimalloc: each edit analyses the whole factory, allocating and freeing tens of thousands
// of small register rows; the system allocator spent about a fifth of the core's side of an
// edit at 10k assets there (docs/benchmarks.md, session 15).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    otzone_studio::choose_webkit_renderer();
    otzone_studio::run();
}
