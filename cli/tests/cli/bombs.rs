//! Hostile spreadsheets given to the command: refused in bounded time and memory, the project
//! untouched (the files are built by the core's test helpers, shared by path).

use crate::workbook_parts::*;
use otzone_models::model::Project;
use std::path::Path;
use std::time::{Duration, Instant};

/// `otzone` run with `args` under GNU time: its exit status, peak resident memory (MiB) and
/// standard error. (`/usr/bin/time` comes from scripts/setup-system.sh.)
#[cfg(target_os = "linux")]
fn otzone_measured(args: &[&std::ffi::OsStr]) -> (i32, f64, String) {
    let out = std::process::Command::new("/usr/bin/time")
        .arg("-f")
        .arg("peak_kib=%M")
        .arg(env!("CARGO_BIN_EXE_otzone"))
        .args(args)
        .output()
        .expect("/usr/bin/time (Debian package `time`, installed by scripts/setup-system.sh)");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let kib: f64 = err
        .lines()
        .find_map(|l| l.strip_prefix("peak_kib="))
        .and_then(|v| v.trim().parse().ok())
        .expect("GNU time printed the peak");
    (out.status.code().unwrap_or(-1), kib / 1024.0, err)
}

#[cfg(target_os = "linux")]
#[test]
fn bombs_are_refused_by_the_command_in_bounded_time_and_memory() {
    use std::ffi::OsStr;
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.json");
    otzone_models::json::write(&project, &Project::new("t")).unwrap();
    let before = std::fs::read(&project).unwrap();
    let good = dir.path().join("good.xlsx");
    std::fs::write(
        &good,
        xlsx(vec![("資産一覧", sheet_xml(&LEDGER, &[]))], vec![]),
    )
    .unwrap();
    let mut far = LEDGER.to_vec();
    far.push(("XFD1048576", "x"));
    let far_path = dir.path().join("far.xlsx");
    std::fs::write(
        &far_path,
        xlsx(vec![("資産一覧", sheet_xml(&far, &[]))], vec![]),
    )
    .unwrap();
    let (data, size) = deflated_fill(
        b"<worksheet><sheetData>",
        b' ',
        2048,
        b"</sheetData></worksheet>",
    );
    let bomb = dir.path().join("bomb.xlsx");
    std::fs::write(
        &bomb,
        xlsx(vec![("資産一覧", Part::Raw(data, size, 0))], vec![]),
    )
    .unwrap();
    let preview_only = |ledger: &Path| {
        let t = Instant::now();
        let r = otzone_measured(&[
            OsStr::new("import-assets"),
            project.as_os_str(),
            ledger.as_os_str(),
            OsStr::new("--dry-run"),
        ]);
        (r, t.elapsed())
    };
    let ((code, baseline, err), _) = preview_only(&good);
    assert_eq!(code, 0, "{err}");
    for ledger in [&far_path, &bomb] {
        let ((code, peak, err), took) = preview_only(ledger);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("error[limit_exceeded]"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            took < Duration::from_secs(10),
            "a refusal, not a hang: {took:?}"
        );
        assert!(
            peak - baseline < 200.0,
            "{peak:.0} MiB against {baseline:.0} MiB"
        );
    }
    assert_eq!(std::fs::read(&project).unwrap(), before);
}
