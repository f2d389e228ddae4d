//! `incident-atlas suggest FILE [--json]`: every figure phrase of a document with the claim
//! it suggests (`atlas_core::evidence::suggest`).

use std::io::Write;
use std::path::Path;

use atlas_core::evidence::{document, suggest};

/// `run` to standard output: the exit code (2 when the output cannot be written).
pub fn run_to_stdout(file: &Path, json: bool) -> i32 {
    run(file, json, &mut std::io::stdout().lock()).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        2
    })
}

/// Writes the suggestions of `file`; returns the exit code (0, or 1 when the document
/// cannot be read).
pub fn run(file: &Path, json: bool, out: &mut impl Write) -> std::io::Result<i32> {
    let text = match document::read_text(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(1);
        }
    };
    let suggestions = suggest::suggest(&text);
    if json {
        serde_json::to_writer_pretty(&mut *out, &suggestions).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(0);
    }
    writeln!(
        out,
        "locator\tvalue\tqualifier\tmetric\tattributed to\ttext"
    )?;
    for s in &suggestions {
        let value = atlas_core::model::compare::describe_range(s.value_min, s.value_max);
        writeln!(
            out,
            "{}\t{value}\t{}\t{}\t{}\t{}",
            s.locator,
            s.qualifier,
            s.metric.unwrap_or("?"),
            s.attributed_to.as_deref().unwrap_or(""),
            s.text
        )?;
    }
    writeln!(out, "{} figure(s) in {}", suggestions.len(), file.display())?;
    Ok(0)
}
