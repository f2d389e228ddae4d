//! The same event in two datasets: an article's "assault in Mastung on 30 January" and
//! ACLED's armed clash in Mastung that day. Incidents of different datasets whose dates come
//! within a few days of each other and whose places lie within a few kilometres (or in the
//! same named district) are proposed as one event; the analyst accepts or rejects each
//! proposal. An accepted link makes the two one incident — the second's claims join the
//! first's — so the comparison lines their figures up and the discrepancy engine reports
//! where the datasets disagree.

use super::dates::day_number;
use super::{Dataset, Incident};

/// How close two incidents must be to be proposed as one event (the analyst sets it; kept in
/// the settings).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MatchRule {
    /// Days between the nearer ends of their dates (0: the dates overlap).
    pub max_days: i32,
    /// Kilometres between their points.
    pub max_km: f64,
}

impl Default for MatchRule {
    fn default() -> Self {
        Self {
            max_days: 2,
            max_km: 25.0,
        }
    }
}

/// Whether the analyst has decided on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    Accepted,
    Rejected,
}

/// Two incidents proposed as one event (`first` from the earlier dataset).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub first: String,
    pub second: String,
    /// What each is, for the analyst deciding: title, dates, place.
    pub first_label: String,
    pub second_label: String,
    pub days_apart: i32,
    /// `None` when either has no point (matched by district).
    pub km: Option<f64>,
    pub same_district: bool,
}

/// Great-circle distance in kilometres.
fn km_between(a: super::LonLat, b: super::LonLat) -> f64 {
    let (la, lb) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lb - la;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la.cos() * lb.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Days between two incidents' dates (0 when they overlap); `None` when either is undated.
fn days_apart(a: &Incident, b: &Incident) -> Option<i32> {
    let (a, b) = (a.dates?, b.dates?);
    let (a0, a1, b0, b1) = (
        day_number(a.first),
        day_number(a.last),
        day_number(b.first),
        day_number(b.last),
    );
    Some((b0 - a1).max(a0 - b1).max(0))
}

/// Every pair of incidents from different parts (`part_of` gives each incident's part) that
/// the rule matches, nearest first within each earlier incident. Incidents are taken in date
/// order per part, so each is compared only with those of nearby dates.
pub fn propose(dataset: &Dataset, part_of: &[usize], rule: MatchRule) -> Vec<Link> {
    // Per part: (first day, last day, incident index), sorted; and the longest span.
    let parts = part_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut by_part: Vec<Vec<(i32, i32, usize)>> = vec![Vec::new(); parts];
    for (i, incident) in dataset.incidents.iter().enumerate() {
        let (Some(dates), Some(&part)) = (incident.dates, part_of.get(i)) else {
            continue;
        };
        if let Some(list) = by_part.get_mut(part) {
            list.push((day_number(dates.first), day_number(dates.last), i));
        }
    }
    for list in &mut by_part {
        list.sort_unstable();
    }
    let longest: Vec<i32> = by_part
        .iter()
        .map(|l| l.iter().map(|&(a, b, _)| b - a).max().unwrap_or(0))
        .collect();
    let mut links = Vec::new();
    for (p, list) in by_part.iter().enumerate() {
        for &(first, last, i) in list {
            let Some(a) = dataset.incidents.get(i) else {
                continue;
            };
            let mut found = Vec::new();
            for (q, other) in by_part.iter().enumerate().skip(p + 1) {
                let reach = longest.get(q).copied().unwrap_or(0) + rule.max_days;
                let from = other.partition_point(|&(f, _, _)| f < first - reach);
                let to = other.partition_point(|&(f, _, _)| f <= last + rule.max_days);
                for &(_, _, j) in other.get(from..to).unwrap_or_default() {
                    let Some(b) = dataset.incidents.get(j) else {
                        continue;
                    };
                    if let Some(link) = link_of(a, b, rule) {
                        found.push(link);
                    }
                }
            }
            found.sort_by(|x, y| {
                x.km.unwrap_or(f64::MAX)
                    .total_cmp(&y.km.unwrap_or(f64::MAX))
            });
            links.extend(found);
        }
    }
    links
}

/// The pair `first`, `second` described as a link whatever the rule (a decision the analyst
/// made under a looser rule stays listed); `None` when either id is unknown.
pub fn describe(dataset: &Dataset, first: &str, second: &str) -> Option<Link> {
    let (a, b) = (dataset.incident(first)?, dataset.incident(second)?);
    let any = MatchRule {
        max_days: i32::MAX / 4,
        max_km: f64::INFINITY,
    };
    link_of(a, b, any).or_else(|| {
        // Neither point nor district in common: still the pair the analyst decided on.
        Some(Link {
            first: a.id.to_string(),
            second: b.id.to_string(),
            first_label: a.title.to_string(),
            second_label: b.title.to_string(),
            days_apart: days_apart(a, b).unwrap_or(0),
            km: None,
            same_district: false,
        })
    })
}

fn link_of(a: &Incident, b: &Incident, rule: MatchRule) -> Option<Link> {
    let days = days_apart(a, b).filter(|&d| d <= rule.max_days)?;
    let km = a.position.zip(b.position).map(|(p, q)| km_between(p, q));
    let same_district = !a.district.is_empty() && a.district.eq_ignore_ascii_case(&b.district);
    let near = km.is_some_and(|km| km <= rule.max_km);
    let label = |i: &Incident| {
        let dates = i.dates.map(|d| d.to_iso()).unwrap_or_default();
        let place = [i.place.as_ref(), i.district.as_ref()]
            .into_iter()
            .find(|p| !p.is_empty())
            .unwrap_or("");
        format!("{} · {dates} · {place}", i.title)
    };
    (near || same_district).then(|| Link {
        first: a.id.to_string(),
        second: b.id.to_string(),
        first_label: label(a),
        second_label: label(b),
        days_apart: days,
        km,
        same_district,
    })
}

/// The dataset with every accepted link applied: the second incident's claims move to the
/// first (their ids keep saying where they came from) and the second incident leaves the
/// map, so one marker and one comparison stand for the event. A link naming an incident
/// already merged away is skipped.
pub fn apply(dataset: Dataset, accepted: &[(String, String)]) -> Dataset {
    // Each merged-away incident and the incident it joins.
    let mut into: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (first, second) in accepted {
        let known = dataset.incident(first).is_some() && dataset.incident(second).is_some();
        let taken = into.contains_key(first) || into.contains_key(second);
        if known && !taken && first != second {
            into.insert(second.clone(), first.clone());
        }
    }
    if into.is_empty() {
        return dataset;
    }
    let Dataset {
        sources,
        mut incidents,
        mut claims,
        ..
    } = dataset;
    incidents.retain(|i| !into.contains_key(i.id.as_str()));
    for claim in &mut claims {
        if let Some(first) = into.get(claim.incident_id.as_str()) {
            claim.incident_id = first.as_str().into();
        }
    }
    Dataset::new(sources, incidents, claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatePrecision, DateSpan, EventType, GeoPrecision, LonLat};
    use jiff::civil::date;

    fn incident(id: &str, day: i8, lon: f64, lat: f64, district: &str) -> Incident {
        Incident {
            line: 0,
            id: id.into(),
            title: id.into(),
            dates: Some(DateSpan::day(date(2026, 1, day))),
            date_precision: DatePrecision::Day,
            place: "".into(),
            district: district.into(),
            province: "".into(),
            position: Some(LonLat { lon, lat }),
            geo_precision: GeoPrecision::Town,
            event_type: EventType::ArmedAssault,
            targets: vec![].into(),
            actors: vec![].into(),
            summary: crate::model::Text::default(),
        }
    }

    #[test]
    fn near_in_time_and_place_across_parts_only() {
        let dataset = Dataset::new(
            vec![],
            vec![
                incident("article", 30, 66.85, 29.80, "Mastung"),
                incident("article-far", 30, 62.3, 25.1, "Gwadar"),
                incident("acled-near", 31, 66.90, 29.82, "Mastung"),
                incident("acled-late", 20, 66.85, 29.80, "Mastung"),
                incident("acled-same-district", 29, 66.2, 29.6, "mastung"),
            ],
            vec![],
        );
        let links = propose(&dataset, &[0, 0, 1, 1, 1], MatchRule::default());
        let pairs: Vec<(&str, &str)> = links
            .iter()
            .map(|l| (l.first.as_str(), l.second.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("article", "acled-near"),
                ("article", "acled-same-district")
            ]
        );
        assert!(links[0].km.unwrap() < 6.0);
        assert!(links[1].same_district);
    }
}
