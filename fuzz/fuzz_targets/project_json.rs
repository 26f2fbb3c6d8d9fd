#![no_main]
use otzone_models::fuzzing::{run, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| run(Target::ProjectJson, data));
