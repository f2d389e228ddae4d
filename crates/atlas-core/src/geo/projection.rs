//! Web Mercator world coordinates and the one affine transform from world to screen.
//!
//! World coordinates are walkers' projection normalised to the unit square (x east, y south),
//! kept in f64: at zoom 18 a screen pixel is about 1e-8 of the world, beyond f32.

use crate::model::LonLat;

/// The latitude limit of Web Mercator.
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// A point in normalised Web Mercator (0..1 both ways, y grows southwards).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct World {
    pub x: f64,
    pub y: f64,
}

pub fn world_from_lon_lat(p: LonLat) -> World {
    let lat = p.lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    World {
        x: (p.lon + 180.0) / 360.0,
        y: (1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0,
    }
}

pub fn lon_lat_from_world(w: World) -> LonLat {
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * w.y))
        .sinh()
        .atan()
        .to_degrees();
    LonLat {
        lon: w.x * 360.0 - 180.0,
        lat,
    }
}

/// Screen pixels of the whole world at a zoom level (256 at zoom 0), as walkers lays tiles.
pub fn world_size_px(zoom: f64) -> f64 {
    256.0 * zoom.exp2()
}

/// `screen = (world - center) * scale + screen_center`: the only per-frame geometry maths.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenFromWorld {
    pub center: World,
    pub scale: f64,
    pub screen_center: [f64; 2],
}

impl ScreenFromWorld {
    pub fn new(center: LonLat, zoom: f64, screen_center: [f64; 2]) -> Self {
        Self {
            center: world_from_lon_lat(center),
            scale: world_size_px(zoom),
            screen_center,
        }
    }

    /// Screen position in points; the f64 arithmetic happens before the cast.
    pub fn apply(&self, w: World) -> [f32; 2] {
        [
            ((w.x - self.center.x) * self.scale + self.screen_center[0]) as f32,
            ((w.y - self.center.y) * self.scale + self.screen_center[1]) as f32,
        ]
    }

    pub fn invert(&self, screen: [f32; 2]) -> World {
        World {
            x: (f64::from(screen[0]) - self.screen_center[0]) / self.scale + self.center.x,
            y: (f64::from(screen[1]) - self.screen_center[1]) / self.scale + self.center.y,
        }
    }
}

/// The zoom that fits a lon/lat box into a screen of `size_px` with `margin_px` around it,
/// and the box's centre.
pub fn fit(min: LonLat, max: LonLat, size_px: [f64; 2], margin_px: f64) -> (LonLat, f64) {
    let a = world_from_lon_lat(LonLat {
        lon: min.lon,
        lat: max.lat,
    });
    let b = world_from_lon_lat(LonLat {
        lon: max.lon,
        lat: min.lat,
    });
    let width = (b.x - a.x).abs().max(1e-12);
    let height = (b.y - a.y).abs().max(1e-12);
    let usable = [
        (size_px[0] - 2.0 * margin_px).max(1.0),
        (size_px[1] - 2.0 * margin_px).max(1.0),
    ];
    let zoom = (usable[0] / (width * 256.0))
        .min(usable[1] / (height * 256.0))
        .log2();
    let center = lon_lat_from_world(World {
        x: f64::midpoint(a.x, b.x),
        y: f64::midpoint(a.y, b.y),
    });
    (center, zoom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mercator_round_trip_is_identity() {
        for &(lon, lat) in &[
            (67.0, 30.18),
            (-179.9, -80.0),
            (0.0, 0.0),
            (62.3254, 25.1216),
        ] {
            let back = lon_lat_from_world(world_from_lon_lat(LonLat { lon, lat }));
            assert!(
                (back.lon - lon).abs() < 1e-9 && (back.lat - lat).abs() < 1e-9,
                "{lon},{lat} -> {back:?}"
            );
        }
    }

    #[test]
    fn screen_transform_round_trips_and_centres() {
        let quetta = LonLat {
            lon: 67.0,
            lat: 30.18,
        };
        let t = ScreenFromWorld::new(quetta, 7.0, [800.0, 500.0]);
        let centre = t.apply(world_from_lon_lat(quetta));
        assert!(
            (centre[0] - 800.0).abs() < 1e-3 && (centre[1] - 500.0).abs() < 1e-3,
            "{centre:?}"
        );
        let w = t.invert([100.0, 900.0]);
        let s = t.apply(w);
        assert!((s[0] - 100.0).abs() < 1e-3 && (s[1] - 900.0).abs() < 1e-3);
    }

    #[test]
    fn fitting_a_box_keeps_it_on_screen() {
        let (center, zoom) = fit(
            LonLat {
                lon: 60.9,
                lat: 24.8,
            },
            LonLat {
                lon: 70.3,
                lat: 32.1,
            },
            [1600.0, 1000.0],
            20.0,
        );
        let t = ScreenFromWorld::new(center, zoom, [800.0, 500.0]);
        for corner in [
            LonLat {
                lon: 60.9,
                lat: 24.8,
            },
            LonLat {
                lon: 70.3,
                lat: 32.1,
            },
        ] {
            let [x, y] = t.apply(world_from_lon_lat(corner));
            assert!(
                (19.0..=1581.0).contains(&x) && (19.0..=981.0).contains(&y),
                "{x},{y}"
            );
        }
    }
}
