//! Outline rings prepared once for drawing: cleaned of repeated points and hairpins, with a
//! mitre vector per point. World → screen is a uniform scale plus a shift, so a direction in
//! world space is the same direction on screen: the mitres never change, and a frame only
//! scales the points and pushes each one out by `mitre × half width` to build the stroke.
//! This keeps stroke tessellation (the largest per-frame cost when egui did it) out of frames.

use super::projection::World;

/// A mitre longer than this (in half widths) is clamped, so a sharp corner cannot grow a spike.
const MAX_MITRE: f64 = 2.0;

/// Two successive directions closer to opposite than this are a hairpin and the middle point
/// goes (boundary files at 4 decimals carry many near-duplicate points that double back).
const HAIRPIN_COS: f64 = -0.9;

/// One closed ring (the first point is not repeated) and its mitre vectors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutlineRing {
    pub points: Vec<World>,
    /// Per point: the offset, in half widths, from the centre line to its left edge (the right
    /// edge is its negation). Unit length on straight runs, longer at corners.
    pub mitres: Vec<[f32; 2]>,
}

fn sub(a: World, b: World) -> [f64; 2] {
    [a.x - b.x, a.y - b.y]
}

fn unit(v: [f64; 2]) -> Option<[f64; 2]> {
    // `sqrt` of the square, not `hypot`: world coordinates are 0..1, far from overflow, and
    // libm's `hypot` was a sixth of the load time.
    let len = dot(v, v).sqrt();
    (len > 0.0 && len.is_finite()).then(|| [v[0] / len, v[1] / len])
}

fn dot(a: [f64; 2], b: [f64; 2]) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}

/// The left normal of a unit direction.
fn normal(d: [f64; 2]) -> [f64; 2] {
    [-d[1], d[0]]
}

impl OutlineRing {
    /// Cleans a closed ring and computes its mitres; `None` when fewer than three distinct
    /// points are left (nothing to outline).
    pub fn new(ring: &[World]) -> Option<Self> {
        let points = clean(ring);
        if points.len() < 3 {
            return None;
        }
        let n = points.len();
        // Each point with its neighbours, the ring closed: (prev, here, next).
        let prevs = points.iter().cycle().skip(n - 1);
        let nexts = points.iter().cycle().skip(1);
        let mitres = points
            .iter()
            .zip(prevs)
            .zip(nexts)
            .map(|((&here, &prev), &next)| {
                // `clean` guarantees distinct neighbours, so both directions exist.
                let d_in = unit(sub(here, prev)).unwrap_or([1.0, 0.0]);
                let d_out = unit(sub(next, here)).unwrap_or(d_in);
                mitre(normal(d_in), normal(d_out))
            })
            .collect();
        Some(Self { points, mitres })
    }
}

/// The mitre between two unit normals: along their bisector, long enough that both edges
/// keep their width, clamped at `MAX_MITRE`.
fn mitre(n_in: [f64; 2], n_out: [f64; 2]) -> [f32; 2] {
    let Some(bisector) = unit([n_in[0] + n_out[0], n_in[1] + n_out[1]]) else {
        return [n_in[0] as f32, n_in[1] as f32];
    };
    let cos_half = dot(bisector, n_in);
    let length = (1.0 / cos_half.max(1.0 / MAX_MITRE)).min(MAX_MITRE);
    [(bisector[0] * length) as f32, (bisector[1] * length) as f32]
}

/// Drops repeated points (also across the closing edge) and the middle point of hairpins.
fn clean(ring: &[World]) -> Vec<World> {
    let mut points: Vec<World> = Vec::with_capacity(ring.len());
    for &p in ring {
        if points.last() == Some(&p) {
            continue;
        }
        while let [.., a, b] = points.as_slice() {
            let (a, b) = (*a, *b);
            // cos < HAIRPIN_COS without normalising: dot < 0 and dot² > cos² |in|² |out|².
            let (d_in, d_out) = (sub(b, a), sub(p, b));
            let d = dot(d_in, d_out);
            if d < 0.0 && d * d > HAIRPIN_COS * HAIRPIN_COS * dot(d_in, d_in) * dot(d_out, d_out) {
                points.pop();
            } else {
                break;
            }
        }
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(x: f64, y: f64) -> World {
        World { x, y }
    }

    fn length(m: [f32; 2]) -> f32 {
        m[0].hypot(m[1])
    }

    #[test]
    fn a_square_has_diagonal_mitres_of_root_two() {
        let ring = OutlineRing::new(&[w(0.0, 0.0), w(1.0, 0.0), w(1.0, 1.0), w(0.0, 1.0)])
            .expect("a square");
        assert_eq!(ring.points.len(), 4);
        for m in &ring.mitres {
            assert!(
                (length(*m) - std::f32::consts::SQRT_2).abs() < 1e-6,
                "{m:?}"
            );
            assert!((m[0].abs() - m[1].abs()).abs() < 1e-6, "diagonal: {m:?}");
        }
    }

    #[test]
    fn straight_runs_have_unit_normals() {
        let ring = OutlineRing::new(&[
            w(0.0, 0.0),
            w(1.0, 0.0),
            w(2.0, 0.0),
            w(2.0, 1.0),
            w(0.0, 1.0),
        ])
        .expect("a ring");
        // The middle of the bottom edge: normal straight across the edge.
        assert!((ring.mitres[1][0]).abs() < 1e-6 && (length(ring.mitres[1]) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn repeats_and_hairpins_are_dropped_and_sharp_corners_clamped() {
        let ring = OutlineRing::new(&[
            w(0.0, 0.0),
            w(0.0, 0.0),
            w(4.0, 0.0),
            w(5.0, 0.0), // doubles back to (4.01, 0): a hairpin at (5, 0)
            w(4.01, 0.0),
            w(4.0, 3.0),
            w(0.0, 0.0), // the closing repeat
        ])
        .expect("a ring");
        assert_eq!(
            ring.points,
            vec![w(0.0, 0.0), w(4.0, 0.0), w(4.01, 0.0), w(4.0, 3.0)]
        );
        assert!(ring.mitres.iter().all(|m| length(*m) <= 2.0 + 1e-6));
    }

    #[test]
    fn degenerate_rings_give_nothing() {
        assert!(OutlineRing::new(&[w(0.0, 0.0), w(1.0, 1.0), w(0.0, 0.0)]).is_none());
        assert!(OutlineRing::new(&[]).is_none());
    }
}
