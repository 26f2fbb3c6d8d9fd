//! Every input the fuzzer found a problem with (and the seeds), replayed on each test run:
//! `fuzz/regressions/<target>/` (see fuzz/run.sh and docs/reliability.md).

#[test]
fn every_kept_fuzz_input_is_read_without_a_panic() {
    let dir = crate::samples().join("../fuzz/regressions");
    let n = otzone_models::fuzzing::replay(&dir);
    assert!(n > 0, "no inputs under {}", dir.display());
}
