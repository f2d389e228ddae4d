//! Records the commit the app is built from, for `--version`, *About* and crash reports
//! (`diagnostics::COMMIT`). A build outside a git checkout (a source tarball) takes
//! `INCIDENT_ATLAS_COMMIT` from the environment when set (the release workflow sets it), or
//! says "unknown".

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=INCIDENT_ATLAS_COMMIT");
    let commit = std::env::var("INCIDENT_ATLAS_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(git_commit)
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=INCIDENT_ATLAS_COMMIT={}", commit.trim());
    // Rebuild when the checkout moves to another commit: HEAD, and the branch it points to.
    let git = Path::new(".git");
    if git.join("HEAD").exists() {
        println!("cargo:rerun-if-changed=.git/HEAD");
        if let Ok(head) = std::fs::read_to_string(git.join("HEAD"))
            && let Some(reference) = head.trim().strip_prefix("ref: ")
        {
            println!("cargo:rerun-if-changed=.git/{reference}");
        }
    }
}

/// The short hash of HEAD.
fn git_commit() -> Option<String> {
    let output = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let hash = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (!hash.is_empty()).then_some(hash)
}
