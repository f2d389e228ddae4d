//! Large synthetic datasets in our own three-table format, for benchmarks and scale tests:
//! `N` incidents spread over 2024 – March 2026, each placed uniformly inside a real Balochistan
//! district (of the set in force on its date, so `check` finds every point where its row
//! says), with `K` claims each from five synthetic sources that sometimes disagree.
//! Deterministic: the same arguments write the same bytes.

use std::io::Write;
use std::path::Path;

use jiff::civil::{Date, date};

use crate::geo::boundaries::{DistrictSet, Region};
use crate::model::EventType;
use geo::TriangulateEarcut;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthSpec {
    pub incidents: usize,
    pub claims_per_incident: usize,
    pub seed: u64,
}

/// A small fast deterministic generator (xorshift64*): the data must not depend on a crate's
/// idea of randomness changing between versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }
}

/// A district's triangles with their cumulative areas: a uniform point inside it is a
/// triangle picked by area, then a uniform point in that triangle.
struct Sampler<'a> {
    name: &'a str,
    /// Triangles in lon/lat, so a point inside one is inside the district exactly as
    /// `check` tests it (a Web Mercator triangle's edge bows away from the lon/lat one).
    triangles: Vec<[(f64, f64); 3]>,
    cumulative: Vec<f64>,
}

impl<'a> Sampler<'a> {
    fn new(region: &'a Region) -> Self {
        let triangles: Vec<[(f64, f64); 3]> = region
            .shape
            .0
            .iter()
            .flat_map(TriangulateEarcut::earcut_triangles_iter)
            .map(|t| [t.v1().x_y(), t.v2().x_y(), t.v3().x_y()])
            .collect();
        let mut total = 0.0;
        let cumulative = triangles
            .iter()
            .map(|&[a, b, c]| {
                total += ((b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1)).abs() / 2.0;
                total
            })
            .collect();
        Self {
            name: &region.name,
            triangles,
            cumulative,
        }
    }

    fn point(&self, rng: &mut Rng) -> Option<(f64, f64)> {
        let total = *self.cumulative.last()?;
        let target = rng.unit() * total;
        let index = self.cumulative.partition_point(|&c| c < target);
        let [a, b, c] = *self.triangles.get(index)?;
        let (mut u, mut v) = (rng.unit(), rng.unit());
        if u + v > 1.0 {
            (u, v) = (1.0 - u, 1.0 - v);
        }
        // Kept off the triangle's edges (a point on a district's border, rounded to five
        // decimals, could land in its neighbour and fail `check`).
        let (u, v) = (0.02 + 0.96 * u, 0.02 + 0.96 * v);
        let lon = a.0 + u * (b.0 - a.0) + v * (c.0 - a.0);
        let lat = a.1 + u * (b.1 - a.1) + v * (c.1 - a.1);
        Some((lon, lat))
    }
}

const SOURCES: [(&str, &str); 5] = [
    ("synth_wire", "news"),
    ("synth_daily", "news"),
    ("synth_analysis", "analysis"),
    ("synth_official", "news"),
    ("synth_blog", "opinion"),
];

const METRICS: [&str; 4] = [
    "militants_killed",
    "security_personnel_killed",
    "civilians_killed",
    "injured",
];

/// Writes the dataset into `dir`, placed in the bundled district boundaries (a boundary file
/// that cannot be read leaves no district to place in: nothing is written then, and the
/// error says so).
pub fn generate(dir: &Path, spec: SynthSpec) -> std::io::Result<()> {
    let mut problems = crate::problem::Problems::default();
    let boundaries = crate::io::load_boundaries(&mut problems);
    if boundaries.districts_2025.is_empty() || boundaries.districts_2026.is_empty() {
        return Err(std::io::Error::other(format!(
            "the bundled district boundaries could not be read: {problems:?}"
        )));
    }
    write_synthetic(
        dir,
        spec,
        &boundaries.districts_2025,
        &boundaries.districts_2026,
    )
}

/// Writes `sources.csv`, `incidents.csv` and `claims.csv` into `dir` (created if missing).
pub fn write_synthetic(
    dir: &Path,
    spec: SynthSpec,
    districts_2025: &[Region],
    districts_2026: &[Region],
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let before: Vec<Sampler<'_>> = districts_2025.iter().map(Sampler::new).collect();
    let after: Vec<Sampler<'_>> = districts_2026.iter().map(Sampler::new).collect();
    let mut sources = csv::Writer::from_path(dir.join("sources.csv"))?;
    sources.write_record(crate::io::dataset::SOURCE_COLUMNS)?;
    for (id, kind) in SOURCES {
        let title = format!("Synthetic source {id}");
        let document = format!("{id}.txt");
        sources.write_record([id, &title, "", "", "", kind, &document, "", "generated"])?;
    }
    sources.flush()?;
    let mut incidents = csv::Writer::from_writer(std::io::BufWriter::new(std::fs::File::create(
        dir.join("incidents.csv"),
    )?));
    incidents.write_record(crate::io::dataset::INCIDENT_COLUMNS)?;
    let mut claims = csv::Writer::from_writer(std::io::BufWriter::new(std::fs::File::create(
        dir.join("claims.csv"),
    )?));
    claims.write_record(crate::io::dataset::CLAIM_COLUMNS)?;
    let mut rng = Rng(spec.seed.max(1));
    let first = date(2024, 1, 1);
    let days = 820; // to the end of March 2026
    for n in 0..spec.incidents {
        let day = first
            .checked_add(jiff::Span::new().days(i64::try_from(rng.below(days)).unwrap_or(0)))
            .unwrap_or(first);
        let set = match DistrictSet::in_force_on(day) {
            DistrictSet::Y2025 => &before,
            DistrictSet::Y2026 => &after,
        };
        let Some(district) = set.get(rng.below(set.len())) else {
            continue;
        };
        let Some((lon, lat)) = district.point(&mut rng) else {
            continue;
        };
        write_incident(&mut incidents, &mut rng, n, day, district.name, lon, lat)?;
        write_claims(&mut claims, &mut rng, n, spec.claims_per_incident, day)?;
    }
    incidents.flush()?;
    claims.flush()?;
    Ok(())
}

fn write_incident(
    out: &mut csv::Writer<impl Write>,
    rng: &mut Rng,
    n: usize,
    day: Date,
    district: &str,
    lon: f64,
    lat: f64,
) -> std::io::Result<()> {
    let event = EventType::LEGEND_ORDER
        .get(rng.below(EventType::LEGEND_ORDER.len()))
        .copied()
        .unwrap_or(EventType::ArmedAssault);
    let (end, precision) = if rng.below(10) == 0 {
        (
            day.checked_add(jiff::Span::new().days(2)).unwrap_or(day),
            "approximate",
        )
    } else {
        (day, "day")
    };
    out.write_record([
        format!("s{n}"),
        format!("Synthetic incident {n}"),
        day.to_string(),
        end.to_string(),
        precision.to_owned(),
        district.to_owned(),
        district.to_owned(),
        "Balochistan".to_owned(),
        format!("{lat:.5}"),
        format!("{lon:.5}"),
        "town".to_owned(),
        event.as_str().to_owned(),
        String::new(),
        String::new(),
        String::new(),
    ])?;
    Ok(())
}

fn write_claims(
    out: &mut csv::Writer<impl Write>,
    rng: &mut Rng,
    n: usize,
    per_incident: usize,
    day: Date,
) -> std::io::Result<()> {
    let metric = METRICS
        .get(rng.below(METRICS.len()))
        .copied()
        .unwrap_or("injured");
    let base = rng.below(40);
    for k in 0..per_incident {
        let (source, _) = SOURCES
            .get(k % SOURCES.len())
            .copied()
            .unwrap_or(("synth_wire", "news"));
        // One claim in four departs from the first figure: a disagreement to find.
        let value = if k > 0 && rng.below(4) == 0 {
            base + 1 + rng.below(20)
        } else {
            base
        };
        let qualifier = if rng.below(5) == 0 { "at least" } else { "" };
        out.write_record([
            format!("s{n}c{k}"),
            format!("s{n}"),
            source.to_owned(),
            metric.to_owned(),
            value.to_string(),
            value.to_string(),
            qualifier.to_owned(),
            String::new(),
            day.to_string(),
            String::new(),
        ])?;
    }
    Ok(())
}
