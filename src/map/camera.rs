//! Where the map looks: walkers' `MapMemory`, what the map saw last frame (`MapHits`: its
//! rectangle, centre and zoom), fitting a box into the part the overlays leave clear, and the
//! eased move to a slide's view (which waits until the map's size at the mode's UI scale is
//! known). The app and the slide renderer both own one.

use walkers::{MapMemory, lon_lat};

use crate::briefing::MapView;
use crate::geo::projection::{fit, lon_lat_from_world, world_from_lon_lat, world_size_px};
use crate::map::layer::MapHits;
use crate::model::LonLat;

/// Room the legend takes on the map's left, kept clear when fitting a view.
const LEGEND_WIDTH: f64 = 250.0;
/// Room the zoom and fit buttons take on the map's right.
const CONTROLS_WIDTH: f64 = 130.0;
/// How long the map takes to move from one slide to the next.
const TRANSITION_SECONDS: f64 = 0.8;

/// A move of the map between two views, eased.
#[derive(Debug, Clone, Copy)]
struct MapTransition {
    from: (walkers::Position, f64),
    to: (walkers::Position, f64),
    started: f64,
}

impl MapTransition {
    /// Where the map is `now`, and whether the move is over.
    fn at(&self, now: f64) -> ((walkers::Position, f64), bool) {
        let t = ((now - self.started) / TRANSITION_SECONDS).clamp(0.0, 1.0);
        // Smoothstep: no jolt at either end.
        let e = t * t * (3.0 - 2.0 * t);
        let a = world_from_lon_lat(LonLat {
            lon: self.from.0.x(),
            lat: self.from.0.y(),
        });
        let b = world_from_lon_lat(LonLat {
            lon: self.to.0.x(),
            lat: self.to.0.y(),
        });
        let mut world = a;
        world.x = a.x + (b.x - a.x) * e;
        world.y = a.y + (b.y - a.y) * e;
        let p = lon_lat_from_world(world);
        let zoom = self.from.1 + (self.to.1 - self.from.1) * e;
        ((lon_lat(p.lon, p.lat), zoom), t >= 1.0)
    }
}

#[derive(Default)]
pub struct Camera {
    memory: MapMemory,
    hits: MapHits,
    /// Fit Balochistan as soon as the map's size is known (first frame, or asked for).
    needs_fit: bool,
    /// A slide's view waiting for the map's size, and whether to ease there.
    pending: Option<(MapView, bool)>,
    transition: Option<MapTransition>,
}

impl Camera {
    /// A camera that fits Balochistan on its first frame.
    pub fn fitting() -> Self {
        Self {
            needs_fit: true,
            ..Self::default()
        }
    }

    pub fn memory_mut(&mut self) -> &mut MapMemory {
        &mut self.memory
    }

    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// What the map saw last frame.
    pub fn hits(&self) -> &MapHits {
        &self.hits
    }

    pub fn set_hits(&mut self, hits: MapHits) {
        self.hits = hits;
    }

    pub fn request_fit(&mut self) {
        self.needs_fit = true;
    }

    /// Whether the map is still moving to a slide.
    pub fn in_transition(&self) -> bool {
        self.transition.is_some() || self.pending.is_some()
    }

    pub fn center_at(&mut self, at: LonLat) {
        self.memory.center_at(lon_lat(at.lon, at.lat));
    }

    pub fn set_zoom(&mut self, zoom: f64) {
        if let Err(e) = self.memory.set_zoom(zoom) {
            log::warn!("cannot zoom to {zoom}: {e}");
        }
    }

    pub fn zoom_by(&mut self, delta: f64) {
        self.set_zoom((self.memory.zoom() + delta).clamp(2.0, 18.0));
    }

    /// Goes to a slide's view once the map's size is known; eased when `animate`. A fit that
    /// was waiting is dropped: the slide decides where the map looks.
    pub fn go_to(&mut self, view: MapView, animate: bool) {
        self.needs_fit = false;
        self.pending = Some((view, animate));
    }

    /// The first thing each frame of the map does, with its rectangle: fits a box that was
    /// asked for, starts a pending move (when `scale_ready`: the UI scale of the mode is in
    /// force, so the size in points is final), and moves along a running transition. Returns
    /// whether another frame is needed.
    pub fn begin_frame(
        &mut self,
        rect: egui::Rect,
        now: f64,
        scale_ready: bool,
        fit_box: Option<(LonLat, LonLat)>,
        legend_shown: bool,
    ) -> bool {
        self.hits.map_rect = Some(rect);
        let mut again = !scale_ready && self.pending.is_some();
        if scale_ready && let Some((view, animate)) = self.pending.take() {
            self.start_move(&view, animate, rect.size(), now);
        }
        if let Some(transition) = self.transition {
            let (at, done) = transition.at(now);
            self.place(at);
            if done {
                self.transition = None;
            } else {
                again = true;
            }
        }
        if self.needs_fit && rect.width() > 1.0 {
            if let Some((min, max)) = fit_box {
                self.fit_to(min, max, 12.0, legend_shown);
            }
            self.needs_fit = false;
        }
        again
    }

    fn start_move(&mut self, view: &MapView, animate: bool, size: egui::Vec2, now: f64) {
        let zoom = view.zoom_for([size.x, size.y]);
        let to = (lon_lat(view.centre.lon, view.centre.lat), zoom);
        let from = self
            .hits
            .center
            .map(|c| (lon_lat(c.lon, c.lat), self.memory.zoom()));
        match from {
            Some(from) if animate => {
                self.transition = Some(MapTransition {
                    from,
                    to,
                    started: now,
                });
            }
            _ => {
                self.transition = None;
                self.place(to);
            }
        }
    }

    fn place(&mut self, (centre, zoom): (walkers::Position, f64)) {
        self.memory.center_at(centre);
        self.set_zoom(zoom);
    }

    /// Centres and zooms so the lon/lat box fills the map, clear of the legend on the left.
    /// Before the map has a size, the fit waits for it.
    pub fn fit_to(&mut self, min: LonLat, max: LonLat, max_zoom: f64, legend_shown: bool) {
        let Some(rect) = self.hits.map_rect.filter(|r| r.width() >= 1.0) else {
            self.needs_fit = true;
            return;
        };
        let left_inset = if legend_shown { LEGEND_WIDTH } else { 0.0 };
        let (center, zoom) = fit(
            min,
            max,
            [
                f64::from(rect.width()) - left_inset - CONTROLS_WIDTH,
                f64::from(rect.height()),
            ],
            30.0,
        );
        let zoom = zoom.min(max_zoom);
        // Shift the centre so the box sits in the part the overlays leave clear.
        let mut world = world_from_lon_lat(center);
        world.x -= (left_inset - CONTROLS_WIDTH) / 2.0 / world_size_px(zoom);
        self.center_at(lon_lat_from_world(world));
        self.set_zoom(zoom);
    }

    /// The view shown now, as a slide would keep it.
    pub fn capture(&self) -> MapView {
        let size = self
            .hits
            .map_rect
            .map(|r| [r.width(), r.height()])
            .filter(|[w, h]| *w >= 1.0 && *h >= 1.0);
        let centre = self.hits.center.unwrap_or(LonLat {
            lon: 66.0,
            lat: 28.5,
        });
        MapView {
            centre,
            zoom: self.memory.zoom(),
            frame: size,
        }
    }
}
