//! `incident-atlas check`: prints every problem, one per line, and a summary.
//!
//! Exit code 1 when anything is wrong. The app keeps rows with warnings (a point outside its
//! district still shows), but for a validator they are still faults in the data; pass
//! `--warnings-ok` to fail only on errors.

use std::io::Write;

use crate::io::{DataLocation, load};

/// Runs the check, writing to `out`; returns the process exit code.
pub fn run(
    location: &DataLocation,
    warnings_ok: bool,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let loaded = load(location);
    for problem in loaded.problems.iter() {
        writeln!(out, "{problem}")?;
    }
    let d = &loaded.dataset;
    writeln!(
        out,
        "{}: {} sources, {} incidents, {} claims; {} error(s), {} warning(s)",
        location.describe(),
        d.sources.len(),
        d.incidents.len(),
        d.claims.len(),
        loaded.problems.errors(),
        loaded.problems.warnings()
    )?;
    let failed = loaded.problems.errors() > 0 || (!warnings_ok && loaded.problems.warnings() > 0);
    Ok(i32::from(failed))
}
