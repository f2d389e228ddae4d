//! Records the commit the app is built from, for `--version`, *About* and crash reports
//! (`diagnostics::COMMIT`). A build outside a git checkout (a source tarball) takes
//! `INCIDENT_ATLAS_COMMIT` from the environment when set, or says "unknown".
//!
//! For Windows it also links the icon into the exe (Explorer, the taskbar and the installer's
//! shortcuts show the exe's own icon): a one-line resource script compiled by MinGW's
//! `windres` or the Windows SDK's `rc.exe`. Without either, the build goes on with a warning.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    windows_icon();
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

/// Links `assets/icon/incident-atlas.ico` into a Windows exe as its icon.
fn windows_icon() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    println!("cargo:rerun-if-changed=assets/icon/incident-atlas.ico");
    let (Some(out), Some(manifest)) = (
        std::env::var_os("OUT_DIR").map(PathBuf::from),
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
    ) else {
        return;
    };
    let icon = manifest.join("assets/icon/incident-atlas.ico");
    let script = out.join("icon.rc");
    let icon_path = icon.display().to_string().replace('\\', "/");
    if std::fs::write(&script, format!("1 ICON \"{icon_path}\"\n")).is_err() {
        println!(
            "cargo:warning=cannot write {}; the exe has no icon",
            script.display()
        );
        return;
    }
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    let (compiled, status) = if gnu {
        let compiled = out.join("icon.o");
        let windres = std::env::var("WINDRES").unwrap_or_else(|_| {
            if cfg!(windows) {
                "windres"
            } else {
                "x86_64-w64-mingw32-windres"
            }
            .to_owned()
        });
        let status = Command::new(windres)
            .arg("--input")
            .arg(&script)
            .args(["--output-format=coff", "--output"])
            .arg(&compiled)
            .status();
        (compiled, status)
    } else {
        let compiled = out.join("icon.res");
        let status = Command::new(resource_compiler())
            .args(["/nologo", "/fo"])
            .arg(&compiled)
            .arg(&script)
            .status();
        (compiled, status)
    };
    match status {
        Ok(s) if s.success() => {
            println!("cargo:rustc-link-arg-bins={}", compiled.display());
        }
        other => println!(
            "cargo:warning=the icon was not linked into the exe (resource compiler: {other:?})"
        ),
    }
}

/// `rc.exe`: on the PATH in a developer prompt, else the newest Windows 10/11 SDK's.
fn resource_compiler() -> PathBuf {
    let kits = Path::new("C:/Program Files (x86)/Windows Kits/10/bin");
    let mut versions: Vec<PathBuf> = std::fs::read_dir(kits)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path().join("x64").join("rc.exe"))
                .filter(|p| p.exists())
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions.pop().unwrap_or_else(|| PathBuf::from("rc.exe"))
}
