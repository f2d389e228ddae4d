//! The analyst's own area layers (`GeoJSON` polygons) prepared like the districts — every
//! level of detail, an R-tree over the bounds — with what filling and labelling them needs:
//! each area's value of a numeric property, the class breaks of those values, and a label.

use std::path::PathBuf;

use serde_json::Value;

use super::areas::AreaLayer;
use crate::geo::boundaries::Region;
use crate::io::import::areas::AreaFile;

/// How many classes a fill has (the same as the district shading, so one legend reads both).
pub const FILL_CLASSES: usize = 5;

/// One area layer, ready to draw.
#[derive(Debug)]
pub struct UserLayer {
    pub name: String,
    /// Where it was read from (it is read again from there at the next start).
    pub path: PathBuf,
    pub areas: AreaLayer,
    /// Each area's properties, in the order of `areas.areas`.
    properties: Vec<serde_json::Map<String, Value>>,
    /// The properties holding numbers (choices to fill by) and every property (to label by).
    pub numeric: Vec<String>,
    pub property_names: Vec<String>,
    /// Fills made so far, by property (made when first drawn, kept: the layer never changes).
    fills: std::sync::Mutex<Vec<(String, Option<std::sync::Arc<LayerFill>>)>>,
}

/// A fill by a numeric property: each area's class (none when it has no number) and the
/// upper bound of each class.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerFill {
    pub classes: Vec<Option<usize>>,
    pub breaks: Vec<f64>,
    pub min: f64,
}

/// Reads and prepares the area layer in `path`; `None` (with the problems saying why) when
/// nothing in it can be drawn.
pub fn load(path: &std::path::Path, problems: &mut crate::problem::Problems) -> Option<UserLayer> {
    let (shown, bytes) = crate::io::read_reported(path, problems);
    let decoded = crate::io::import::text::decode(&shown, &bytes?, problems);
    let file = crate::io::import::areas::read(&shown, &decoded.text, problems)?;
    Some(UserLayer::new(file, path.to_path_buf()))
}

impl UserLayer {
    pub fn new(file: AreaFile, path: PathBuf) -> Self {
        let regions: Vec<Region> = file
            .features
            .iter()
            .cloned()
            .map(|f| Region::from_feature(f, ""))
            .collect();
        Self {
            name: file.name,
            path,
            areas: AreaLayer::new(&regions),
            properties: file.features.into_iter().map(|f| f.properties).collect(),
            numeric: file.numeric,
            property_names: file.properties,
            fills: std::sync::Mutex::default(),
        }
    }

    /// `fill_by`, made once per property and kept.
    pub fn fill(&self, property: &str) -> Option<std::sync::Arc<LayerFill>> {
        let mut fills = self
            .fills
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, fill)) = fills.iter().find(|(p, _)| p == property) {
            return fill.clone();
        }
        let fill = self.fill_by(property).map(std::sync::Arc::new);
        fills.push((property.to_owned(), fill.clone()));
        fill
    }

    /// Each area's value of `property` (none when absent or not a number).
    pub fn values(&self, property: &str) -> Vec<Option<f64>> {
        self.properties
            .iter()
            .map(|p| {
                p.get(property)
                    .and_then(Value::as_f64)
                    .filter(|v| v.is_finite())
            })
            .collect()
    }

    /// Classes of `property` by quantiles (equal counts per class; fewer classes when the
    /// values are few or repeat). `None` when no area has a number there.
    pub fn fill_by(&self, property: &str) -> Option<LayerFill> {
        let values = self.values(property);
        let mut sorted: Vec<f64> = values.iter().flatten().copied().collect();
        sorted.sort_by(f64::total_cmp);
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        let mut breaks: Vec<f64> = (1..=FILL_CLASSES)
            .filter_map(|k| {
                let at = (k * sorted.len()).div_ceil(FILL_CLASSES).saturating_sub(1);
                sorted.get(at).copied()
            })
            .collect();
        breaks.dedup();
        if let Some(last) = breaks.last_mut() {
            *last = max;
        }
        let classes = values
            .iter()
            .map(|v| {
                v.map(|v| {
                    breaks
                        .iter()
                        .position(|&b| v <= b)
                        .unwrap_or(breaks.len() - 1)
                })
            })
            .collect();
        Some(LayerFill {
            classes,
            breaks,
            min,
        })
    }

    /// The label of area `index` from `property` (text or number), or its name.
    pub fn label(&self, index: usize, property: Option<&str>) -> String {
        let named = property.and_then(|key| self.properties.get(index)?.get(key));
        match named {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Bool(b)) => b.to_string(),
            _ => self
                .areas
                .areas
                .get(index)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problems;

    fn layer(values: &[Option<f64>]) -> UserLayer {
        let features: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let x = 60 + i;
                let share = v.map_or_else(|| "null".to_owned(), |v| v.to_string());
                format!(
                    r#"{{"type":"Feature","properties":{{"name":"A{i}","share":{share}}},"geometry":{{"type":"Polygon","coordinates":[[[{x},29],[{x}.5,29],[{x}.5,30],[{x},29]]]}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        );
        let mut problems = Problems::default();
        let file = crate::io::import::areas::read("z.geojson", &text, &mut problems).unwrap();
        UserLayer::new(file, PathBuf::from("z.geojson"))
    }

    #[test]
    fn quantile_classes_put_equal_counts_in_each() {
        let values: Vec<Option<f64>> = (1..=10).map(|v| Some(f64::from(v))).collect();
        let fill = layer(&values).fill_by("share").unwrap();
        assert_eq!(fill.breaks, [2.0, 4.0, 6.0, 8.0, 10.0]);
        assert!((fill.min - 1.0).abs() < f64::EPSILON);
        let per_class: Vec<usize> = (0..5)
            .map(|c| fill.classes.iter().filter(|k| **k == Some(c)).count())
            .collect();
        assert_eq!(per_class, [2, 2, 2, 2, 2]);
    }

    #[test]
    fn repeated_values_and_gaps() {
        let fill = layer(&[Some(3.0), Some(3.0), None, Some(3.0)])
            .fill_by("share")
            .unwrap();
        assert_eq!(fill.breaks, [3.0]);
        assert_eq!(fill.classes, [Some(0), Some(0), None, Some(0)]);
        assert!(layer(&[None, None]).fill_by("share").is_none());
        assert!(layer(&[Some(1.0)]).fill_by("nothing").is_none());
    }

    #[test]
    fn labels_come_from_the_chosen_property_or_the_name() {
        let layer = layer(&[Some(0.25)]);
        assert_eq!(layer.label(0, Some("share")), "0.25");
        assert_eq!(layer.label(0, None), "A0");
        assert_eq!(layer.label(0, Some("absent")), "A0");
    }
}
