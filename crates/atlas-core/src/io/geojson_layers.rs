//! Reads boundary `GeoJSON` (`FeatureCollections` of Polygons and `MultiPolygons`) into named
//! regions. A file that is not `GeoJSON` is an error for the whole layer; a feature that is
//! not an area, or has broken coordinates, is skipped with an error naming it.

use geo::{Coord, LineString, MultiPolygon, Polygon};

use crate::geo::boundaries::RegionFeature;
use crate::problem::{Problem, Problems};

/// Parses a `FeatureCollection`. `None` means the file as a whole could not be read.
pub fn parse_regions(
    file: &str,
    bytes: &[u8],
    problems: &mut Problems,
) -> Option<Vec<RegionFeature>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Problem::error(
                file,
                None,
                None,
                format!("is not UTF-8 text ({e}); layer not loaded"),
            ));
            return None;
        }
    };
    let geojson = match text.parse::<geojson::GeoJson>() {
        Ok(g) => g,
        Err(e) => {
            let line = match &e {
                geojson::Error::MalformedGeoJson(json) => Some(json.line() as u64),
                _ => None,
            };
            problems.push(Problem::error(
                file,
                line,
                None,
                format!("is not valid GeoJSON: {e}; layer not loaded"),
            ));
            return None;
        }
    };
    let geojson::GeoJson::FeatureCollection(collection) = geojson else {
        problems.push(Problem::error(
            file,
            None,
            None,
            "is GeoJSON but not a FeatureCollection; layer not loaded",
        ));
        return None;
    };
    let mut regions = Vec::with_capacity(collection.features.len());
    for (index, feature) in collection.features.into_iter().enumerate() {
        let properties = feature.properties.unwrap_or_default();
        let name = match properties.get("name") {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            _ => format!("feature {}", index + 1),
        };
        let Some(geometry) = feature.geometry else {
            problems.push(Problem::error(
                file,
                None,
                Some("geometry"),
                format!("feature {} ({name}) has no geometry; skipped", index + 1),
            ));
            continue;
        };
        match to_multi_polygon(&geometry.value) {
            Ok(shape) => regions.push(RegionFeature {
                name,
                properties,
                shape,
            }),
            Err(reason) => problems.push(Problem::error(
                file,
                None,
                Some("geometry"),
                format!("feature {} ({name}) {reason}; skipped", index + 1),
            )),
        }
    }
    Some(regions)
}

fn to_multi_polygon(value: &geojson::GeometryValue) -> Result<MultiPolygon<f64>, String> {
    let polygons = match value {
        geojson::GeometryValue::Polygon { coordinates } => vec![polygon(coordinates)?],
        geojson::GeometryValue::MultiPolygon { coordinates } => coordinates
            .iter()
            .map(|p| polygon(p))
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err("is not a Polygon or MultiPolygon".to_owned()),
    };
    Ok(MultiPolygon(polygons))
}

fn polygon(rings: &[Vec<geojson::Position>]) -> Result<Polygon<f64>, String> {
    let mut rings = rings.iter().map(|r| ring(r));
    let exterior = rings.next().ok_or("has a polygon with no rings")??;
    let interiors = rings.collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}

fn ring(positions: &[geojson::Position]) -> Result<LineString<f64>, String> {
    if positions.len() < 4 {
        return Err(format!(
            "has a ring of {} positions (a closed ring needs at least 4)",
            positions.len()
        ));
    }
    positions
        .iter()
        .map(|p| {
            let (x, y) = (p.as_slice().first().copied(), p.as_slice().get(1).copied());
            match (x, y) {
                (Some(x), Some(y))
                    if x.is_finite()
                        && y.is_finite()
                        && (-180.0..=180.0).contains(&x)
                        && (-90.0..=90.0).contains(&y) =>
                {
                    Ok(Coord { x, y })
                }
                _ => Err(format!(
                    "has a position {p:?} that is not a longitude and latitude"
                )),
            }
        })
        .collect::<Result<Vec<_>, _>>()
        .map(LineString::new)
}
