//! Reads `sources.csv`, `incidents.csv` and `claims.csv` into a [`Dataset`], row by row.
//!
//! A row that cannot be understood is skipped with an error; a row that is understood but
//! doubtful (unknown metric, unknown reference, min above max, end before start) is kept
//! with a warning. Cross-file references are checked after all three files are read.

use jiff::civil::Date;

use super::progress::LoadProgress;
use super::table::{Row, for_each_row, for_each_row_read};
use crate::model::vocabulary::metric;
use crate::model::{
    Claim, Dataset, DatePrecision, DateSpan, EventType, GeoPrecision, Incident, Interner, LonLat,
    Qualifier, Source, SourceKind,
};
use crate::problem::{Problem, Problems};

pub const SOURCE_COLUMNS: &[&str] = &[
    "id",
    "title",
    "outlet",
    "author",
    "published",
    "kind",
    "document",
    "url",
    "notes",
];
pub const INCIDENT_COLUMNS: &[&str] = &[
    "id",
    "title",
    "date_start",
    "date_end",
    "date_precision",
    "place",
    "district",
    "province",
    "lat",
    "lon",
    "geo_precision",
    "event_type",
    "targets",
    "actors",
    "summary",
];
pub const CLAIM_COLUMNS: &[&str] = &[
    "id",
    "incident_id",
    "source_id",
    "metric",
    "value_min",
    "value_max",
    "qualifier",
    "attributed_to",
    "event_date",
    "note",
];

/// Where a table is read from: bytes in memory (the bundled data, tests), or a file read
/// as it is parsed (never held whole: a million rows are 190 MB of text).
#[derive(Clone, Copy)]
pub enum Table<'a> {
    Bytes(&'a [u8]),
    File(&'a std::path::Path),
}

impl<'a> From<&'a [u8]> for Table<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Table::Bytes(bytes)
    }
}

/// The three tables and the names to report them under.
pub struct DatasetFiles<'a> {
    pub sources: (&'a str, Table<'a>),
    pub incidents: (&'a str, Table<'a>),
    pub claims: (&'a str, Table<'a>),
}

/// Parses the three tables. Never panics; every skipped row has a problem.
pub fn parse_dataset(files: &DatasetFiles<'_>, problems: &mut Problems) -> Dataset {
    parse_dataset_with_progress(files, problems, &LoadProgress::default())
}

/// `parse_dataset`, counting the rows read into `progress` as it goes.
pub fn parse_dataset_with_progress(
    files: &DatasetFiles<'_>,
    problems: &mut Problems,
    progress: &LoadProgress,
) -> Dataset {
    let sources = read_rows(
        files.sources,
        SOURCE_COLUMNS,
        problems,
        parse_source,
        progress,
    );
    let started = std::time::Instant::now();
    // The two large tables are parsed at once, one per core; their problems keep file order.
    let ((incidents, incident_problems), ((claims, first_claims), claim_problems)) =
        std::thread::scope(|s| {
            let claims = s.spawn(|| {
                let mut problems = Problems::default();
                let rows = read_rows(
                    files.claims,
                    CLAIM_COLUMNS,
                    &mut problems,
                    parse_claim,
                    progress,
                );
                // The claims are read first (they are the shorter file): their duplicate check
                // is made here while the incidents are still being read.
                let first = crate::model::first_of_each_id(&rows);
                ((rows, first), problems)
            });
            let mut incident_problems = Problems::default();
            let incidents = read_rows(
                files.incidents,
                INCIDENT_COLUMNS,
                &mut incident_problems,
                parse_incident,
                progress,
            );
            let claims = claims.join().unwrap_or_else(|_| {
                // A panic in the parser is a bug; the claims are reported lost, not dropped quietly.
                let mut problems = Problems::default();
                problems.push(Problem::error(
                    files.claims.0,
                    None,
                    None,
                    "the claims could not be read (internal error)",
                ));
                ((Vec::new(), Vec::new()), problems)
            });
            log::info!("incidents parsed in {:?}", started.elapsed());
            ((incidents, incident_problems), claims)
        });
    log::info!("both tables parsed in {:?}", started.elapsed());
    super::progress::log_memory("parsed");
    problems.extend(incident_problems);
    problems.extend(claim_problems);
    let started = std::time::Instant::now();

    // One index per table finds the duplicate ids and the broken references as it is built.
    let (dataset, report) = Dataset::checked_with(sources, incidents, claims, Some(first_claims));
    report_ids(
        &dataset,
        &report,
        [files.sources.0, files.incidents.0, files.claims.0],
        problems,
    );
    log::info!("indexed and checked the ids in {:?}", started.elapsed());
    super::progress::log_memory("indexed");
    dataset
}

/// The problems of what indexing found: a row skipped for an id an earlier row has (an
/// error), a claim naming an unknown incident or source, an incident no claim backs
/// (warnings: the rows load).
pub(crate) fn report_ids(
    dataset: &Dataset,
    report: &crate::model::IdReport,
    [sources_file, incidents_file, claims_file]: [&str; 3],
    problems: &mut Problems,
) {
    let duplicates = [
        (&report.duplicate_sources, sources_file),
        (&report.duplicate_incidents, incidents_file),
        (&report.duplicate_claims, claims_file),
    ];
    for (rows, file) in duplicates {
        for (id, line) in rows {
            problems.push(Problem::error(
                file,
                Some(*line),
                Some("id"),
                format!("id \"{id}\" is used by an earlier row; row skipped"),
            ));
        }
    }
    let claim = |i: &usize| dataset.claims.get(*i);
    for c in report.unknown_incident.iter().filter_map(claim) {
        problems.push(Problem::warning(
            claims_file,
            Some(c.line),
            Some("incident_id"),
            format!("unknown incident \"{}\"", c.incident_id),
        ));
    }
    for c in report.unknown_source.iter().filter_map(claim) {
        problems.push(Problem::warning(
            claims_file,
            Some(c.line),
            Some("source_id"),
            format!("unknown source \"{}\"", c.source_id),
        ));
    }
    for incident in report
        .unclaimed
        .iter()
        .filter_map(|i| dataset.incidents.get(*i))
    {
        problems.push(Problem::warning(
            incidents_file,
            Some(incident.line),
            Some("id"),
            format!(
                "incident \"{}\" has no claim, so no source backs it",
                incident.id
            ),
        ));
    }
}

/// Each parser gets the row and a place for warnings; an `Err` skips the row.
/// The interner shares the texts the rows repeat (districts, metrics, source ids).
type RowParser<T> = fn(&Row<'_>, &mut Problems, &mut Interner) -> Result<T, Problem>;

fn read_rows<T>(
    (file, table): (&str, Table<'_>),
    columns: &[&str],
    problems: &mut Problems,
    parse: RowParser<T>,
    progress: &LoadProgress,
) -> Vec<T> {
    // Sized once from the length of the first rows rather than grown (and copied, a
    // hundred megabytes at a time) as it fills. (Cutting a large table in two and parsing
    // the halves on both cores was measured: on two cores it was slower and took more
    // memory — the load waits on memory, not on the processor — so each table keeps one
    // thread.)
    let size = match table {
        Table::Bytes(bytes) => bytes.len(),
        Table::File(path) => std::fs::metadata(path).map_or(0, |m| {
            let size = usize::try_from(m.len()).unwrap_or(0);
            progress.expect_bytes(m.len());
            size
        }),
    };
    let mut out = Vec::with_capacity(SAMPLE_ROWS.min(size / 64));
    let mut unreported = 0;
    let mut interner = Interner::default();
    let each = |row: Row<'_>, problems: &mut Problems| {
        if out.len() == SAMPLE_ROWS && out.capacity() == SAMPLE_ROWS {
            out.reserve(expected_rows(size, row.byte(), SAMPLE_ROWS).saturating_sub(SAMPLE_ROWS));
        }
        unreported += 1;
        if unreported == 10_000 {
            progress.add_rows(unreported);
            unreported = 0;
            if progress.is_cancelled() {
                return false;
            }
        }
        match parse(&row, problems, &mut interner) {
            Ok(item) => out.push(item),
            Err(problem) => problems.push(problem),
        }
        true
    };
    match table {
        Table::Bytes(bytes) => {
            for_each_row(file, bytes, columns, problems, each);
        }
        Table::File(path) => match std::fs::File::open(path) {
            Ok(input) => {
                for_each_row_read(file, input, Some(progress), columns, problems, each);
            }
            Err(e) => problems.push(Problem::error(
                file,
                None,
                None,
                format!("cannot read the file: {e}"),
            )),
        },
    }
    progress.add_rows(unreported);
    out
}

/// The rows read before the table's length is guessed from theirs.
const SAMPLE_ROWS: usize = 4096;

/// The rows a table of `size` bytes likely holds when its first `rows` took `bytes`: a
/// twentieth more, so that a table whose later rows are a little longer is not grown (a
/// doubling, and a copy of everything read) for its last few rows.
fn expected_rows(size: usize, bytes: u64, rows: usize) -> usize {
    let bytes = usize::try_from(bytes).unwrap_or(usize::MAX).max(1);
    let per_row = bytes.div_ceil(rows).max(1);
    (size / per_row).saturating_add(size / per_row / 20)
}

fn checked_id(row: &Row<'_>, column: &str) -> Result<String, Problem> {
    let id = row.required(column)?;
    if id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        Ok(id)
    } else {
        Err(row.error(
            column,
            format!("\"{id}\" is not a valid id (letters, digits, _ - . only); row skipped"),
        ))
    }
}

/// A word of a vocabulary (`all` lists the words allowed, for the error only: the list is
/// written when a row is wrong, not for every row).
fn word<T: Copy + std::fmt::Display>(
    row: &Row<'_>,
    column: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
) -> Result<T, Problem> {
    let text = row.get(column);
    parse(text).ok_or_else(|| {
        row.error(
            column,
            format!("\"{text}\" is not one of {}; row skipped", words_of(all)),
        )
    })
}

fn day(row: &Row<'_>, column: &str) -> Result<Option<Date>, Problem> {
    let text = row.get(column);
    if text.is_empty() {
        return Ok(None);
    }
    match DateSpan::parse(text) {
        Ok(span) if span.is_single_day() && text.len() == 10 => Ok(Some(span.first)),
        _ => Err(row.error(
            column,
            format!("\"{text}\" is not a date (YYYY-MM-DD); row skipped"),
        )),
    }
}

fn words_of<T: Copy + std::fmt::Display>(all: &[T]) -> String {
    all.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_source(row: &Row<'_>, _: &mut Problems, _: &mut Interner) -> Result<Source, Problem> {
    Ok(Source {
        line: row.line,
        id: checked_id(row, "id")?,
        title: row.get("title").to_owned(),
        outlet: row.get("outlet").to_owned(),
        author: row.get("author").to_owned(),
        published: day(row, "published")?,
        kind: word(row, "kind", SourceKind::parse, SourceKind::ALL)?,
        document: row.required("document")?,
        document_sha256: row.get("document_sha256").to_ascii_lowercase(),
        url: row.get("url").to_owned(),
        notes: row.get("notes").to_owned(),
    })
}

fn parse_incident(
    row: &Row<'_>,
    problems: &mut Problems,
    interner: &mut Interner,
) -> Result<Incident, Problem> {
    let id = checked_id(row, "id")?;
    let title = row.required("title")?;
    let date_precision = word(
        row,
        "date_precision",
        DatePrecision::parse,
        DatePrecision::ALL,
    )?;
    let start = day(row, "date_start")?;
    let end = day(row, "date_end")?;
    let dates = match (start, end) {
        (None, None) if date_precision == DatePrecision::Unknown => None,
        (None, _) => {
            return Err(row.error(
                "date_start",
                "is empty but required unless date_precision is unknown; row skipped",
            ));
        }
        (Some(first), None) => Some(DateSpan::day(first)),
        (Some(first), Some(last)) if last < first => {
            problems.push(row.warning(
                "date_end",
                format!("ends ({last}) before it starts ({first}); read as {last} – {first}"),
            ));
            Some(DateSpan {
                first: last,
                last: first,
            })
        }
        (Some(first), Some(last)) => Some(DateSpan { first, last }),
    };
    if dates.is_some() && date_precision == DatePrecision::Unknown {
        problems.push(row.warning("date_precision", "is unknown but dates are given"));
    }
    let geo_precision = word(row, "geo_precision", GeoPrecision::parse, GeoPrecision::ALL)?;
    let position = incident_position(row, geo_precision)?;
    Ok(Incident {
        line: row.line,
        id: id.into(),
        title: title.into(),
        dates,
        date_precision,
        place: interner.get(row.get("place")),
        district: interner.get(row.get("district")),
        province: interner.get(row.get("province")),
        position,
        geo_precision,
        event_type: word(row, "event_type", EventType::parse, EventType::ALL)?,
        targets: row.shared_list("targets", interner),
        actors: row.shared_list("actors", interner),
        summary: row.get("summary").into(),
    })
}

/// The incident's point: both coordinates in range, or neither when its place is unknown.
fn incident_position(
    row: &Row<'_>,
    geo_precision: GeoPrecision,
) -> Result<Option<LonLat>, Problem> {
    Ok(match (row.number("lon")?, row.number("lat")?) {
        (Some(lon), Some(lat)) => {
            if !(-180.0..=180.0).contains(&lon) {
                return Err(row.error("lon", format!("{lon} is outside -180..180; row skipped")));
            }
            if !(-90.0..=90.0).contains(&lat) {
                return Err(row.error("lat", format!("{lat} is outside -90..90; row skipped")));
            }
            Some(LonLat { lon, lat })
        }
        (None, None) if geo_precision == GeoPrecision::None => None,
        (None, None) => {
            return Err(row.error(
                "lat",
                "lat and lon are empty but required unless geo_precision is none; row skipped",
            ));
        }
        (Some(_), None) => return Err(row.error("lat", "is empty while lon is given; row skipped")),
        (None, Some(_)) => return Err(row.error("lon", "is empty while lat is given; row skipped")),
    })
}

fn parse_claim(
    row: &Row<'_>,
    problems: &mut Problems,
    interner: &mut Interner,
) -> Result<Claim, Problem> {
    let id = checked_id(row, "id")?;
    let metric_id = row.required("metric")?;
    if metric(&metric_id).is_none() {
        problems.push(row.warning(
            "metric",
            format!("\"{metric_id}\" is not in the metric vocabulary (data/README.md); kept as is"),
        ));
    }
    let value_min = row
        .number("value_min")?
        .ok_or_else(|| row.error("value_min", "is empty but required; row skipped"))?;
    let mut value_max = row.number("value_max")?.unwrap_or(value_min);
    let mut value_min = value_min;
    if value_min > value_max {
        problems.push(row.warning(
            "value_max",
            format!("value_min {value_min} is above value_max {value_max}; the two are swapped"),
        ));
        std::mem::swap(&mut value_min, &mut value_max);
    }
    if value_min < 0.0 && !metric_id.ends_with("_change") && !metric_id.ends_with("_pct") {
        problems.push(row.warning("value_min", format!("{value_min} is negative for a count")));
    }
    let event_date = match row.get("event_date") {
        "" => None,
        text => match DateSpan::parse(text) {
            Ok(span) => Some(span),
            Err(crate::model::dates::DateError::EndsBeforeStart(_)) => {
                problems.push(row.warning(
                    "event_date",
                    format!("\"{text}\" ends before it starts; date ignored"),
                ));
                None
            }
            Err(e) => return Err(row.error("event_date", format!("{e}; row skipped"))),
        },
    };
    let qualifier_text = row.get("qualifier");
    let qualifier = Qualifier::parse(qualifier_text).ok_or_else(|| {
        let allowed: Vec<&str> = Qualifier::ALL.iter().skip(1).map(|q| q.as_str()).collect();
        row.error(
            "qualifier",
            format!(
                "\"{qualifier_text}\" is not empty or one of {}; row skipped",
                allowed.join(", ")
            ),
        )
    })?;
    // A locator that cannot be read is dropped with a warning: the figure itself is fine.
    let locator = match row.get("locator") {
        "" => None,
        text => match crate::model::Locator::parse(text) {
            Ok(locator) => Some(locator),
            Err(e) => {
                problems.push(row.warning("locator", format!("{e}; locator ignored")));
                None
            }
        },
    };
    Ok(Claim {
        line: row.line,
        id: id.into(),
        incident_id: row.required("incident_id")?.into(),
        source_id: interner.get(&row.required("source_id")?),
        metric: interner.get(&metric_id),
        value_min,
        value_max,
        qualifier,
        attributed_to: interner.get(row.get("attributed_to")),
        event_date,
        note: row.get("note").into(),
        locator,
    })
}
