//! `incident-atlas generate` (hidden): a large synthetic dataset for benchmarks and scale
//! tests, placed in the bundled district boundaries.

use std::path::Path;

use atlas_core::io::synth::{SynthSpec, generate};

/// Writes the dataset; returns the process exit code.
pub fn run(out: &Path, spec: SynthSpec) -> i32 {
    match generate(out, spec) {
        Ok(()) => {
            println!(
                "wrote {} incidents with {} claims each to {}",
                spec.incidents,
                spec.claims_per_incident,
                out.display()
            );
            0
        }
        Err(e) => {
            eprintln!("error: cannot write to {}: {e}", out.display());
            1
        }
    }
}
