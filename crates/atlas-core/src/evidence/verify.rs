//! `check --documents DIR`: every claim's locator against its document. The document must
//! exist in the folder, match the SHA-256 its source records (a changed document moves its
//! passages), hold the span, and the span must state the claimed figure (digits, number
//! words, "a dozen", "dozens"; a claim that the source reports the incident, value 1 of
//! `incident_reported`, needs only its passage).

use std::collections::HashMap;
use std::path::Path;

use super::figures::states_figure;
use crate::model::locator::{self, Locator};
use crate::model::{Claim, Dataset, Source};
use crate::problem::{Problem, Problems};

/// What the check found.
#[derive(Debug, Default)]
pub struct LocatorReport {
    /// Claims whose passage was found and states their figure.
    pub verified: usize,
    pub claims: usize,
    pub problems: Problems,
}

impl LocatorReport {
    /// The line `check` prints: `locators verified: V of C claims`.
    pub fn summary(&self) -> String {
        format!(
            "locators verified: {} of {} claims",
            self.verified, self.claims
        )
    }
}

/// The SHA-256 of a document's bytes, as lower-case hex (what `sources.csv` records).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().fold(String::with_capacity(64), |mut hex, b| {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// A source's document, read and checked against its hash.
pub enum DocumentState {
    /// Read, and its hash matches (or none was recorded).
    Ready(String),
    Missing(String),
    Changed {
        recorded: String,
        actual: String,
    },
    NotText,
}

/// Reads `source`'s document from `folder` and checks its hash.
pub fn read_document(source: &Source, folder: &Path) -> DocumentState {
    let path = folder.join(&source.document);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => return DocumentState::Missing(format!("{}: {e}", path.display())),
    };
    let actual = sha256_hex(&bytes);
    if !source.document_sha256.is_empty() && !source.document_sha256.eq_ignore_ascii_case(&actual) {
        return DocumentState::Changed {
            recorded: source.document_sha256.clone(),
            actual,
        };
    }
    super::document::text_of(&path, &bytes).map_or(DocumentState::NotText, DocumentState::Ready)
}

/// Checks every claim's locator against the documents in `folder`. `sources_file` and
/// `claims_file` name the tables in the problems.
pub fn verify_locators(
    dataset: &Dataset,
    folder: &Path,
    sources_file: &str,
    claims_file: &str,
) -> LocatorReport {
    let mut report = LocatorReport {
        claims: dataset.claims.len(),
        ..LocatorReport::default()
    };
    let mut documents: HashMap<&str, Option<String>> = HashMap::new();
    for source in &dataset.sources {
        let text = match read_document(source, folder) {
            DocumentState::Ready(text) => {
                if source.document_sha256.is_empty() {
                    report.problems.push(Problem::warning(
                        sources_file,
                        Some(source.line),
                        Some("document_sha256"),
                        format!(
                            "no SHA-256 recorded for {}; it is {}",
                            source.document,
                            sha256_hex(text.as_bytes())
                        ),
                    ));
                }
                Some(text)
            }
            DocumentState::Missing(why) => {
                report.problems.push(Problem::error(
                    sources_file,
                    Some(source.line),
                    Some("document"),
                    format!("cannot read the document of source {}: {why}", source.id),
                ));
                None
            }
            DocumentState::Changed { recorded, actual } => {
                report.problems.push(Problem::error(
                    sources_file,
                    Some(source.line),
                    Some("document_sha256"),
                    format!(
                        "{} has changed since its claims were located: SHA-256 {actual}, recorded {recorded}",
                        source.document
                    ),
                ));
                None
            }
            DocumentState::NotText => {
                report.problems.push(Problem::error(
                    sources_file,
                    Some(source.line),
                    Some("document"),
                    format!("{} is not a text or HTML document", source.document),
                ));
                None
            }
        };
        documents.insert(source.id.as_str(), text);
    }
    for claim in &dataset.claims {
        match check_claim(claim, documents.get(&*claim.source_id)) {
            Ok(()) => report.verified += 1,
            Err(message) => report.problems.push(Problem::error(
                claims_file,
                Some(claim.line),
                Some("locator"),
                format!("claim {}: {message}", claim.id),
            )),
        }
    }
    report
}

fn check_claim(claim: &Claim, document: Option<&Option<String>>) -> Result<(), String> {
    let Some(locator) = claim.locator else {
        return Err("has no locator".to_owned());
    };
    let Some(document) = document else {
        return Err(format!("source {} is not in sources.csv", claim.source_id));
    };
    let Some(text) = document else {
        return Err(format!(
            "{locator} cannot be checked: its document could not be read (see sources.csv)"
        ));
    };
    let passage = passage_or_why(&locator, text)?;
    if claim.metric.as_ref() == "incident_reported" {
        return Ok(());
    }
    if states_figure(passage, claim.value_min, claim.value_max, claim.qualifier) {
        Ok(())
    } else {
        let figure = crate::model::compare::describe_range(claim.value_min, claim.value_max);
        Err(format!(
            "the passage at {locator} (\"{passage}\") does not state {figure}"
        ))
    }
}

fn passage_or_why<'d>(locator: &Locator, text: &'d str) -> Result<&'d str, String> {
    locator.passage(text).ok_or_else(|| {
        let lines = text.split('\n').count();
        match locator::nth_line(text, locator.line) {
            None => format!("{locator} is outside the document (it has {lines} lines)"),
            Some(line) => format!(
                "{locator} is outside line {} (it has {} characters)",
                locator.line,
                line.chars().count()
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::dataset::{DatasetFiles, parse_dataset};

    const DOCUMENT: &str =
        "A title\nOfficials said at least 216 militants were killed; about 180 bodies.\n";

    fn dataset(sha: &str, claims: &str) -> Dataset {
        let sources = format!(
            "id,title,outlet,author,published,kind,document,url,notes,document_sha256\n\
             s1,T,,,,news,doc.txt,,,{sha}\n"
        );
        let incidents = "id,title,date_start,date_end,date_precision,place,district,province,lat,lon,geo_precision,event_type,targets,actors,summary\n\
             i1,An attack,,,unknown,Somewhere,,,,,none,armed_assault,,,\n";
        let claims = format!(
            "id,incident_id,source_id,metric,value_min,value_max,qualifier,attributed_to,event_date,note,locator\n{claims}"
        );
        let mut problems = Problems::default();
        let files = DatasetFiles {
            sources: ("sources.csv", sources.as_bytes().into()),
            incidents: ("incidents.csv", incidents.as_bytes().into()),
            claims: ("claims.csv", claims.as_bytes().into()),
        };
        parse_dataset(&files, &mut problems)
    }

    fn folder(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("atlas-verify-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        std::fs::write(dir.join("doc.txt"), text).expect("the document");
        dir
    }

    fn check(name: &str, text: &str, sha: &str, claims: &str) -> LocatorReport {
        let dir = folder(name, text);
        let report = verify_locators(&dataset(sha, claims), &dir, "sources.csv", "claims.csv");
        let _ = std::fs::remove_dir_all(dir);
        report
    }

    fn messages(report: &LocatorReport) -> String {
        report
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn located_figures_verify() {
        let sha = sha256_hex(DOCUMENT.as_bytes());
        let report = check(
            "ok",
            DOCUMENT,
            &sha,
            "c1,i1,s1,militants_killed,216,216,at least,,,,L2:16-27\n\
             c2,i1,s1,bodies_recovered,180,,approximately,,,,L2:52-62\n\
             c3,i1,s1,incident_reported,1,1,,,,,L1:1-7\n",
        );
        assert_eq!(
            report.summary(),
            "locators verified: 3 of 3 claims",
            "{}",
            messages(&report)
        );
        assert_eq!(report.problems.errors(), 0);
    }

    #[test]
    fn a_changed_document_fails_its_claims() {
        let sha = sha256_hex(DOCUMENT.as_bytes());
        let changed = DOCUMENT.replace("216", "261");
        let report = check(
            "changed",
            &changed,
            &sha,
            "c1,i1,s1,militants_killed,216,216,at least,,,,L2:16-27\n",
        );
        assert_eq!(report.verified, 0);
        let text = messages(&report);
        assert!(
            text.contains("doc.txt has changed since its claims were located")
                && text.contains("sources.csv:2"),
            "{text}"
        );
        assert!(text.contains("claims.csv:2, column locator"), "{text}");
    }

    #[test]
    fn a_span_outside_the_document_is_an_error_with_its_line() {
        let sha = sha256_hex(DOCUMENT.as_bytes());
        let report = check(
            "outside",
            DOCUMENT,
            &sha,
            "c1,i1,s1,militants_killed,216,216,at least,,,,L9:1-5\n\
             c2,i1,s1,militants_killed,216,216,at least,,,,L2:60-500\n",
        );
        assert_eq!(report.verified, 0);
        let text = messages(&report);
        assert!(
            text.contains("L9:1-5 is outside the document (it has 3 lines) — claims.csv:2"),
            "{text}"
        );
        assert!(
            text.contains("L2:60-500 is outside line 2") && text.contains("claims.csv:3"),
            "{text}"
        );
    }

    #[test]
    fn a_span_that_does_not_state_the_figure_is_an_error() {
        let sha = sha256_hex(DOCUMENT.as_bytes());
        let report = check(
            "wrong",
            DOCUMENT,
            &sha,
            "c1,i1,s1,militants_killed,92,92,at least,,,,L2:16-27\n",
        );
        assert_eq!(report.summary(), "locators verified: 0 of 1 claims");
        let text = messages(&report);
        assert!(
            text.contains("(\"at least 216\") does not state 92"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_document_or_locator_is_reported() {
        let dir = std::env::temp_dir().join(format!("atlas-verify-none-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        let data = dataset("", "c1,i1,s1,militants_killed,216,216,at least,,,,\n");
        let report = verify_locators(&data, &dir, "sources.csv", "claims.csv");
        let text = messages(&report);
        assert!(
            text.contains("cannot read the document of source s1"),
            "{text}"
        );
        assert!(text.contains("claim c1: has no locator"), "{text}");
        let _ = std::fs::remove_dir_all(dir);
    }
}
