//! Anti-aliased strokes of prepared outline rings, built straight into a mesh.
//!
//! egui's path tessellator recomputes every normal and joint each frame; our rings carry their
//! mitres from load (see `geo::outline`), so a frame only scales each point and offsets it.
//! The vertex layout follows egui's own feathering so outlines look the same as before:
//! thin lines are a core with a transparent fringe either side, thick lines a solid band with
//! a one-pixel feather on each edge.

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Color32, Mesh, Stroke, pos2};

use crate::geo::outline::OutlineRing;
use crate::geo::projection::ScreenFromWorld;

/// Offsets (in points, along the mitre) and colours of the vertices across one stroke.
#[derive(Debug, Clone, Copy)]
pub struct Pen {
    across: [(f32, Color32); 4],
    /// How many of `across` this pen uses: 3 for thin lines, 4 for thick ones.
    count: usize,
}

impl Pen {
    /// A pen for `stroke`, feathered over `feather` points (one physical pixel).
    pub fn new(stroke: Stroke, feather: f32) -> Self {
        let clear = Color32::TRANSPARENT;
        let width = stroke.width;
        if width <= feather {
            // Thinner than a pixel: full width of fringe, colour faded by the coverage.
            let core = stroke.color.gamma_multiply(width / feather);
            Self {
                across: [
                    (-feather, clear),
                    (0.0, core),
                    (feather, clear),
                    (0.0, clear),
                ],
                count: 3,
            }
        } else {
            let inner = 0.5 * (width - feather);
            let outer = 0.5 * (width + feather);
            Self {
                across: [
                    (-outer, clear),
                    (-inner, stroke.color),
                    (inner, stroke.color),
                    (outer, clear),
                ],
                count: 4,
            }
        }
    }

    /// Appends the closed stroke of `ring` to `mesh`.
    pub fn stroke_ring(&self, mesh: &mut Mesh, ring: &OutlineRing, t: &ScreenFromWorld) {
        let n = ring.points.len();
        let k = self.count;
        let Ok(base) = u32::try_from(mesh.vertices.len()) else {
            return;
        };
        if u32::try_from(mesh.vertices.len() + n * k).is_err() {
            return;
        }
        mesh.vertices.reserve(n * k);
        for (&w, &[mx, my]) in ring.points.iter().zip(&ring.mitres) {
            let [x, y] = t.apply(w);
            for &(offset, color) in self.across.iter().take(k) {
                mesh.vertices.push(Vertex {
                    pos: pos2(x + mx * offset, y + my * offset),
                    uv: WHITE_UV,
                    color,
                });
            }
        }
        // Between each point and the next (wrapping), one quad per band across the stroke.
        let (n32, k32) = (n as u32, k as u32);
        mesh.indices.reserve(n * (k - 1) * 6);
        for i in 0..n32 {
            let a = base + i * k32;
            let b = base + ((i + 1) % n32) * k32;
            for s in 0..k32 - 1 {
                mesh.indices.extend_from_slice(&[
                    a + s,
                    a + s + 1,
                    b + s,
                    a + s + 1,
                    b + s + 1,
                    b + s,
                ]);
            }
        }
    }
}

/// One physical pixel, in points: the width of the anti-aliasing fringe.
pub fn feather(ctx: &egui::Context) -> f32 {
    1.0 / ctx.pixels_per_point()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::projection::World;

    fn square() -> OutlineRing {
        let w = |x, y| World { x, y };
        OutlineRing::new(&[w(0.0, 0.0), w(1.0, 0.0), w(1.0, 1.0), w(0.0, 1.0)]).expect("ring")
    }

    fn identity_times(scale: f64) -> ScreenFromWorld {
        ScreenFromWorld {
            center: World { x: 0.0, y: 0.0 },
            scale,
            screen_center: [0.0, 0.0],
        }
    }

    #[test]
    fn a_thick_stroke_has_four_vertices_per_point_and_valid_indices() {
        let mut mesh = Mesh::default();
        let pen = Pen::new(Stroke::new(2.0, Color32::RED), 1.0);
        pen.stroke_ring(&mut mesh, &square(), &identity_times(100.0));
        assert_eq!(mesh.vertices.len(), 16);
        assert_eq!(mesh.indices.len(), 4 * 3 * 6);
        assert!(mesh.is_valid());
        // The corner (0, 0): opaque band edges half a pixel in from the outer fringe.
        let xs: Vec<f32> = mesh.vertices[..4].iter().map(|v| v.pos.x).collect();
        let step = std::f32::consts::SQRT_2 / 2.0; // the mitre is √2 along a diagonal
        assert!((xs[0] - xs[3]).abs() > 2.9 * step, "{xs:?}");
        assert_eq!(mesh.vertices[0].color, Color32::TRANSPARENT);
        assert_eq!(mesh.vertices[1].color, Color32::RED);
    }

    #[test]
    fn a_hairline_fades_its_core_instead_of_thinning() {
        let mut mesh = Mesh::default();
        let pen = Pen::new(Stroke::new(0.5, Color32::from_rgb(200, 0, 0)), 1.0);
        pen.stroke_ring(&mut mesh, &square(), &identity_times(100.0));
        assert_eq!(mesh.vertices.len(), 12);
        assert!(mesh.is_valid());
        let core = mesh.vertices[1].color;
        assert!(core.a() > 100 && core.a() < 160, "{core:?}");
    }

    #[test]
    fn strokes_share_one_mesh() {
        let mut mesh = Mesh::default();
        let pen = Pen::new(Stroke::new(1.5, Color32::BLUE), 1.0);
        pen.stroke_ring(&mut mesh, &square(), &identity_times(10.0));
        pen.stroke_ring(&mut mesh, &square(), &identity_times(20.0));
        assert_eq!(mesh.vertices.len(), 32);
        assert!(mesh.is_valid());
        assert!(mesh.indices.iter().skip(4 * 3 * 6).all(|&i| i >= 16));
    }
}
