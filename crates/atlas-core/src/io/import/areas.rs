//! `GeoJSON` Polygon and `MultiPolygon` features from colleagues as an area layer on the map
//! (areas of control, operational zones, census units with a figure to fill by).
//!
//! Features are read one by one from plain JSON, not by the `geojson` crate, so that one
//! broken feature is one problem and the rest load: wrong nesting depth, coordinates that are
//! not numbers or out of range, rings with fewer than four positions are skipped with their
//! feature index; an unclosed ring is closed, a self-intersecting polygon is kept (earcut
//! fills it) and a huge one is simplified — each with a warning. A `crs` member is ignored
//! with a warning (RFC 7946 removed it).

use geo::{Coord, CoordsIter, LineString, MultiPolygon, Polygon, Simplify, Validation};
use serde_json::{Map, Value};

use crate::geo::boundaries::RegionFeature;
use crate::problem::{Problem, Problems};

/// A feature with more positions than this is simplified until it has fewer: earcut and the
/// levels of detail stay fast, and nothing hangs on a coastline digitised at one metre.
pub const MAX_FEATURE_POSITIONS: usize = 100_000;
/// Polygons up to this size are checked for self-intersection (the check grows faster than
/// the polygon).
const VALIDATE_UP_TO: usize = 20_000;

/// The areas of one file, with the properties an analyst can fill or label them by.
#[derive(Debug, Clone)]
pub struct AreaFile {
    /// The file's name without its extension.
    pub name: String,
    pub features: Vec<RegionFeature>,
    /// Properties holding a number in at least one feature (a choice to fill by), sorted.
    pub numeric: Vec<String>,
    /// Every property name met, sorted (a choice to label by).
    pub properties: Vec<String>,
}

/// Whether a `GeoJSON` text holds at least one Polygon or `MultiPolygon` (a layer) — cheap,
/// for deciding what a dropped file is.
pub fn has_areas(text: &str) -> bool {
    text.contains("\"Polygon\"") || text.contains("\"MultiPolygon\"")
}

/// Whether it holds at least one Point (incidents).
pub fn has_points(text: &str) -> bool {
    text.contains("\"Point\"")
}

/// Reads an area layer. `None` (with an error) when the file is not JSON or holds no feature
/// collection; features that cannot be used are reported by index and left out.
pub fn read(file: &str, text: &str, problems: &mut Problems) -> Option<AreaFile> {
    let value = super::geojson::parse_collection(file, text, "; layer not loaded", problems)?;
    let features = super::geojson::features_of(&value);
    let name = std::path::Path::new(file)
        .file_stem()
        .map_or_else(|| "layer".to_owned(), |s| s.to_string_lossy().into_owned());
    let mut areas = AreaFile {
        name,
        features: Vec::new(),
        numeric: Vec::new(),
        properties: Vec::new(),
    };
    for (index, feature) in features.into_iter().enumerate() {
        let Some(feature) = area_feature(file, index, feature, problems) else {
            continue;
        };
        for (key, value) in &feature.properties {
            if value.is_number() && !areas.numeric.contains(key) {
                areas.numeric.push(key.clone());
            }
            if !areas.properties.contains(key) {
                areas.properties.push(key.clone());
            }
        }
        areas.features.push(feature);
    }
    areas.numeric.sort();
    areas.properties.sort();
    if areas.features.is_empty() {
        problems.push(Problem::error(
            file,
            None,
            None,
            "no Polygon or MultiPolygon feature could be used; layer not loaded",
        ));
        return None;
    }
    Some(areas)
}

/// One feature as an area, or `None` with the reason reported (points are not reported: a
/// file of both is read as incidents too).
fn area_feature(
    file: &str,
    index: usize,
    feature: &Value,
    problems: &mut Problems,
) -> Option<RegionFeature> {
    let report = |problems: &mut Problems, message: String| {
        problems.push(Problem::error(
            file,
            None,
            Some("geometry"),
            format!("feature {index}: {message}; skipped"),
        ));
    };
    let properties: Map<String, Value> = feature
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let Some(geometry) = feature.get("geometry").filter(|g| !g.is_null()) else {
        report(problems, "no geometry".to_owned());
        return None;
    };
    let coordinates = geometry.get("coordinates").unwrap_or(&Value::Null);
    let polygons = match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => polygon(coordinates).map(|p| vec![p]),
        Some("MultiPolygon") => match coordinates.as_array() {
            Some(list) => list.iter().map(polygon).collect(),
            None => Err("a MultiPolygon's coordinates are not a list of polygons".to_owned()),
        },
        Some("Point" | "MultiPoint") => return None,
        Some(other) => Err(format!("a {other} is not an area")),
        None => Err("a geometry without a type".to_owned()),
    };
    let (polygons, closed) = match polygons {
        Ok(polygons) => {
            let closed = polygons.iter().any(|(_, closed)| *closed);
            (polygons.into_iter().map(|(p, _)| p).collect(), closed)
        }
        Err(message) => {
            report(problems, message);
            return None;
        }
    };
    let name = ["name", "NAME", "title", "label"]
        .iter()
        .find_map(|k| properties.get(*k).and_then(Value::as_str))
        .map_or_else(|| format!("Area {index}"), |s| s.trim().to_owned());
    let warn = |problems: &mut Problems, message: String| {
        problems.push(Problem::warning(
            file,
            None,
            Some("geometry"),
            format!("feature {index} ({name}): {message}"),
        ));
    };
    if closed {
        warn(
            problems,
            "a ring does not end where it starts; it was closed".to_owned(),
        );
    }
    let mut shape = MultiPolygon(polygons);
    let positions = shape.coords_count();
    if positions > MAX_FEATURE_POSITIONS {
        shape = simplified(&shape, positions);
        warn(
            problems,
            format!(
                "{positions} positions, simplified to {} for drawing",
                shape.coords_count()
            ),
        );
    }
    if shape.coords_count() <= VALIDATE_UP_TO
        && let Some(problem) = shape.0.iter().find_map(|p| p.validation_errors().pop())
    {
        warn(problems, format!("{problem}; drawn as given"));
    }
    Some(RegionFeature {
        name,
        properties,
        shape,
    })
}

/// The areas as a `GeoJSON` `FeatureCollection` (what `import` writes to `OUT/layers`): the
/// features that could be used, closed and simplified as they were read.
pub fn to_geojson(file: &AreaFile) -> String {
    let ring = |line: &LineString<f64>| -> Value {
        Value::Array(
            line.coords()
                .map(|c| serde_json::json!([c.x, c.y]))
                .collect(),
        )
    };
    let features: Vec<Value> = file
        .features
        .iter()
        .map(|f| {
            let polygons: Vec<Value> = f
                .shape
                .0
                .iter()
                .map(|p| {
                    Value::Array(
                        std::iter::once(p.exterior())
                            .chain(p.interiors())
                            .map(ring)
                            .collect(),
                    )
                })
                .collect();
            serde_json::json!({
                "type": "Feature",
                "properties": f.properties,
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            })
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features}).to_string()
}

/// The shape simplified (Ramer–Douglas–Peucker) with a tolerance doubled until it fits.
fn simplified(shape: &MultiPolygon<f64>, positions: usize) -> MultiPolygon<f64> {
    // Start from the tolerance that would leave about the limit on an evenly spaced outline.
    let rect = geo::BoundingRect::bounding_rect(shape);
    let span = rect.map_or(1.0, |r| r.width().max(r.height()));
    let mut epsilon = span / MAX_FEATURE_POSITIONS as f64;
    let mut out = shape.simplify(epsilon);
    let mut rounds = 0;
    while out.coords_count() > MAX_FEATURE_POSITIONS && rounds < 40 {
        epsilon *= 2.0;
        out = shape.simplify(epsilon);
        rounds += 1;
    }
    log::info!(
        "simplified an area of {positions} positions to {}",
        out.coords_count()
    );
    out
}

/// A Polygon's rings, and whether any had to be closed.
fn polygon(value: &Value) -> Result<(Polygon<f64>, bool), String> {
    let rings = value
        .as_array()
        .ok_or("a Polygon's coordinates are not a list of rings")?;
    let mut closed = false;
    let mut lines = Vec::with_capacity(rings.len());
    for (r, ring_value) in rings.iter().enumerate() {
        let (line, was_open) = ring(r, ring_value)?;
        closed |= was_open;
        lines.push(line);
    }
    let mut lines = lines.into_iter();
    let exterior = lines.next().ok_or("a Polygon with no rings")?;
    Ok((Polygon::new(exterior, lines.collect()), closed))
}

fn ring(r: usize, value: &Value) -> Result<(LineString<f64>, bool), String> {
    let positions = value.as_array().ok_or_else(|| {
        format!("ring {r} is not a list of positions (coordinates nested too shallow)")
    })?;
    let mut coords = Vec::with_capacity(positions.len() + 1);
    for (p, position) in positions.iter().enumerate() {
        let pair = position.as_array().ok_or_else(|| {
            format!("ring {r} position {p} is not a [longitude, latitude] pair (coordinates nested too shallow)")
        })?;
        if pair.first().is_some_and(Value::is_array) {
            return Err(format!(
                "ring {r} position {p} is a list of lists (coordinates nested too deep)"
            ));
        }
        let number = |i: usize| pair.get(i).and_then(Value::as_f64);
        match (number(0), number(1)) {
            (Some(x), Some(y)) if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) => {
                coords.push(Coord { x, y });
            }
            (Some(x), Some(y)) => {
                return Err(format!(
                    "ring {r} position {p} ({x}, {y}) is out of range for longitude, latitude"
                ));
            }
            _ => {
                return Err(format!(
                    "ring {r} position {p} is not two numbers: {position}"
                ));
            }
        }
    }
    let open = coords.first() != coords.last();
    if open && let Some(&first) = coords.first() {
        coords.push(first);
    }
    if coords.len() < 4 {
        return Err(format!(
            "ring {r} has {} positions (a ring needs at least 4, the last the same as the first)",
            positions.len()
        ));
    }
    Ok((LineString::new(coords), open))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> (Option<AreaFile>, Problems) {
        let mut problems = Problems::default();
        (read("zones.geojson", text, &mut problems), problems)
    }

    const SQUARE: &str = "[[[66,29],[67,29],[67,30],[66,30],[66,29]]]";

    #[test]
    fn each_broken_feature_is_reported_and_the_rest_load() {
        let text = format!(
            r#"{{"type":"FeatureCollection","crs":{{"type":"name"}},"features":[
            {{"type":"Feature","properties":{{"name":"Good","share":0.4}},"geometry":{{"type":"Polygon","coordinates":{SQUARE}}}}},
            {{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[66,29],[67,29]]}}}},
            {{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[["a",29],[67,29],[67,30],[66,29]]]}}}},
            {{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[[266,29],[67,29],[67,30],[266,29]]]}}}},
            {{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[[66,29],[67,29],[66,29]]]}}}},
            {{"type":"Feature","properties":{{}},"geometry":{{"type":"LineString","coordinates":[[66,29],[67,29]]}}}},
            {{"type":"Feature","properties":{{}},"geometry":null}},
            {{"type":"Feature","properties":{{"name":"Open"}},"geometry":{{"type":"Polygon","coordinates":[[[66,29],[67,29],[67,30],[66,30]]]}}}},
            {{"type":"Feature","properties":{{"name":"Bow tie"}},"geometry":{{"type":"Polygon","coordinates":[[[66,29],[67,30],[67,29],[66,30],[66,29]]]}}}}
            ]}}"#
        );
        let (areas, problems) = read_text(&text);
        let areas = areas.expect("the usable features load");
        let names: Vec<&str> = areas.features.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Good", "Open", "Bow tie"]);
        assert_eq!(areas.numeric, ["share"]);
        let said = |needle: &str| problems.iter().any(|p| p.message.contains(needle));
        assert!(said(
            "feature 1: ring 0 position 0 is not a [longitude, latitude] pair (coordinates nested too shallow)"
        ));
        assert!(said("feature 2: ring 0 position 0 is not two numbers"));
        assert!(said(
            "feature 3: ring 0 position 0 (266, 29) is out of range"
        ));
        assert!(said("feature 4: ring 0 has 3 positions"));
        assert!(said("feature 5: a LineString is not an area"));
        assert!(said("feature 6: no geometry"));
        assert!(said(
            "feature 7 (Open): a ring does not end where it starts"
        ));
        assert!(said("feature 8 (Bow tie):"), "{problems:?}");
        assert!(said("crs member"));
        assert_eq!(problems.errors(), 6, "{problems:?}");
    }

    #[test]
    fn too_deep_nesting_and_not_geojson_are_reported() {
        let deep = format!(
            r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[{SQUARE}]}}}}"#
        );
        let (areas, problems) = read_text(&deep);
        assert!(areas.is_none());
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("nested too deep"))
        );
        let (areas, problems) = read_text("{\"type\": \"Topology\"}");
        assert!(areas.is_none());
        assert!(problems.iter().any(|p| p.message.contains("not Topology")));
        let (areas, problems) = read_text("{\"type\": ");
        assert!(areas.is_none());
        assert_eq!(problems.iter().next().and_then(|p| p.line), Some(1));
    }

    #[test]
    fn a_huge_polygon_is_simplified_not_refused() {
        let n = MAX_FEATURE_POSITIONS * 3;
        let ring: Vec<String> = (0..=n)
            .map(|i| {
                let a = std::f64::consts::TAU * (i % n) as f64 / n as f64;
                format!("[{:.7},{:.7}]", 66.0 + a.cos(), 29.0 + a.sin())
            })
            .collect();
        let text = format!(
            r#"{{"type":"Feature","properties":{{"name":"Circle"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
            ring.join(",")
        );
        let (areas, problems) = read_text(&text);
        let areas = areas.expect("loads");
        let kept = areas.features[0].shape.coords_count();
        assert!(kept <= MAX_FEATURE_POSITIONS && kept > 100, "{kept}");
        assert!(problems.iter().any(|p| p.message.contains("simplified")));
    }
}
