//! The meshes of the area layers (basemap, districts, tehsils, the analyst's layers): made
//! each frame from the prepared areas (`paint_areas`: fills transformed, outlines stroked),
//! and kept for the next frame (`paint_areas_cached`, `AreaMeshCache`): when nothing that shapes a
//! layer changed (the view, the zoom, the areas in view, their fills, the style), the layer
//! is drawn from the meshes already made instead of transforming every vertex and stroking
//! every outline again. A map at rest — read, hovered over, presented — redraws for every
//! pointer move; only a moving map pays for the meshes.
//!
//! One owner: the cache lives in the egui context's memory (one per context: the window, the
//! offscreen renderer and the thumbnails each have their own), a slot per layer, holding
//! only the latest meshes of each.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use egui::{Color32, Mesh, Shape, Stroke};

use super::areas::PreparedArea;
use super::labels::to_pos;
use super::layer::FrameView;
use super::stroke::Pen;

/// A layer's key (a hash of what shapes its meshes) and the meshes made for it.
type Kept = (u64, Vec<Shape>);

#[derive(Clone, Default)]
pub struct AreaMeshCache(Arc<Mutex<HashMap<&'static str, Kept>>>);

impl AreaMeshCache {
    fn id() -> egui::Id {
        egui::Id::unique("area_mesh_cache")
    }

    /// The cache of this context.
    pub fn of(ctx: &egui::Context) -> Self {
        ctx.data_mut(|d| d.get_temp_mut_or_default::<Self>(Self::id()).clone())
    }

    /// Forgets every layer's meshes (the benchmarks of the tessellation itself call this
    /// each frame).
    pub fn clear(ctx: &egui::Context) {
        Self::of(ctx)
            .0
            .lock()
            .map(|mut m| m.clear())
            .unwrap_or_default();
    }

    /// The slot's meshes when its key is unchanged, else `make`'s (then kept). The shapes
    /// are meshes behind `Arc`s: handing them out again copies no vertex.
    pub fn get_or_make(
        &self,
        slot: &'static str,
        key: u64,
        make: impl FnOnce() -> Vec<Shape>,
    ) -> Vec<Shape> {
        let Ok(mut cache) = self.0.lock() else {
            return make();
        };
        if let Some((kept, shapes)) = cache.get(slot)
            && *kept == key
        {
            return shapes.clone();
        }
        let shapes = make();
        cache.insert(slot, (key, shapes.clone()));
        shapes
    }
}

/// A hasher for a layer's key.
pub fn key_hasher() -> impl Hasher {
    std::collections::hash_map::DefaultHasher::new()
}

/// Floats hashed by their bits (the same view gives the same bits).
pub fn hash_f64s(hasher: &mut impl Hasher, values: &[f64]) {
    for v in values {
        v.to_bits().hash(hasher);
    }
}

/// One painted layer of areas: a single mesh for all fills, then the outlines.
pub(super) struct AreaStyle {
    pub(super) fill: Option<Color32>,
    pub(super) stroke: Stroke,
}

pub(super) fn paint_areas<'p>(
    areas: impl IntoIterator<Item = &'p PreparedArea>,
    f: &FrameView,
    style: &AreaStyle,
    fill_of: impl Fn(&PreparedArea) -> Option<Color32>,
    out: &mut Vec<Shape>,
) {
    let t = &f.t;
    let mut fills = Mesh::default();
    let mut lines = Mesh::default();
    let pen = (style.stroke.width > 0.0 && style.stroke.color != Color32::TRANSPARENT)
        .then(|| Pen::new(style.stroke, f.feather));
    for area in areas {
        let shape = area.lod.at_zoom(f.zoom);
        if let Some(colour) = fill_of(area).or(style.fill)
            && let Ok(base) = u32::try_from(fills.vertices.len())
        {
            fills
                .vertices
                .extend(shape.vertices.iter().map(|&w| egui::epaint::Vertex {
                    pos: to_pos(t.apply(w)),
                    uv: egui::epaint::WHITE_UV,
                    color: colour,
                }));
            fills
                .indices
                .extend(shape.triangles.iter().map(|i| base + i));
        }
        if let Some(pen) = &pen {
            for ring in &shape.rings {
                pen.stroke_ring(&mut lines, ring, t);
            }
        }
    }
    for mesh in [fills, lines] {
        if !mesh.is_empty() {
            out.push(Shape::mesh(mesh));
        }
    }
}

/// `paint_areas`, from the last frame's meshes when nothing that shapes them changed: the
/// view and zoom, the areas in view, their fills and the style (`mesh_cache.rs`).
pub(super) fn paint_areas_cached<'p>(
    (cache, slot): (&AreaMeshCache, &'static str),
    areas: impl IntoIterator<Item = &'p PreparedArea>,
    f: &FrameView,
    style: &AreaStyle,
    fill_of: impl Fn(&PreparedArea) -> Option<Color32>,
    out: &mut Vec<Shape>,
) {
    use std::hash::{Hash, Hasher};
    let areas: Vec<&PreparedArea> = areas.into_iter().collect();
    let mut key = key_hasher();
    hash_f64s(&mut key, &[f.zoom, f.min.x, f.min.y, f.max.x, f.max.y]);
    let view = [f.view.min.x, f.view.min.y, f.view.max.x, f.view.max.y];
    (view.map(f32::to_bits), f.feather.to_bits(), style.fill).hash(&mut key);
    (style.stroke.width.to_bits(), style.stroke.color).hash(&mut key);
    for area in &areas {
        (
            std::ptr::from_ref::<PreparedArea>(area) as usize,
            fill_of(area),
        )
            .hash(&mut key);
    }
    out.extend(cache.get_or_make(slot, key.finish(), || {
        let mut shapes = Vec::new();
        paint_areas(areas.iter().copied(), f, style, &fill_of, &mut shapes);
        shapes
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layer_is_made_again_only_when_its_key_changes() {
        let ctx = egui::Context::default();
        let cache = AreaMeshCache::of(&ctx);
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            vec![Shape::Noop]
        };
        cache.get_or_make("districts", 1, make);
        cache.get_or_make("districts", 1, make);
        assert_eq!(made.get(), 1, "the same key: the kept meshes");
        cache.get_or_make("districts", 2, make);
        assert_eq!(made.get(), 2, "a new view, fill or style: made again");
        cache.get_or_make("land", 2, make);
        assert_eq!(made.get(), 3, "each layer its own slot");
        // The context hands out the same cache; clearing it makes every layer again.
        AreaMeshCache::of(&ctx).get_or_make("districts", 2, make);
        assert_eq!(made.get(), 3);
        AreaMeshCache::clear(&ctx);
        AreaMeshCache::of(&ctx).get_or_make("districts", 2, make);
        assert_eq!(made.get(), 4);
    }
}
