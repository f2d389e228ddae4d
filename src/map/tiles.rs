//! Optional raster tiles: the public providers, the analyst's own server (an XYZ URL) or
//! `PMTiles` file, their attribution and usage terms, the on-disk cache, and a reachability
//! probe that turns "no network" into one quiet notice.
//!
//! A server that answers slowly, with HTTP errors or with bytes that are not an image never
//! blocks a frame: walkers fetches on its own thread and `at` only looks in its cache. Each
//! failed tile is one warning from walkers; `crate::logging` lets a few through a minute and
//! counts the rest, so a broken server does not flood the log.
//!
//! Nothing here touches the network until the user picks a layer: `OnlineTiles` is only built
//! then. walkers fetches and caches the tiles (HTTP cache semantics on disk, so OSM's
//! `Expires` rule is honoured); walkers does not report failures to its caller, so a probe
//! thread connects to the provider's host and the app shows the result.

use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use walkers::sources::{Attribution, TileSource};
use walkers::{HttpOptions, HttpTiles, TileId};

pub use atlas_core::tiles::{PrivateTiles, TileLayer};

/// Sent with every tile request, as OSM's tile usage policy asks: the app's name and version
/// and where to find it.
pub const USER_AGENT: &str = concat!(
    "IncidentAtlas/",
    env!("CARGO_PKG_VERSION"),
    " (desktop map viewer; offline by default, tiles only on request)"
);

/// How long the probe waits for a TCP connection before calling a provider unreachable.
const PROBE_TIMEOUT: Duration = Duration::from_secs(4);
/// How often an unreachable provider is probed again while its layer stays on.
const REPROBE_EVERY: Duration = Duration::from_secs(30);

/// One provider's URL scheme. `host_override` sends every request (and the probe) to another
/// host, plain HTTP: tests point it at a closed local port to play "no network".
#[derive(Debug, Clone)]
pub struct Provider {
    pub layer: TileLayer,
    pub host_override: Option<String>,
    /// The analyst's XYZ template (`TileLayer::CustomServer`).
    pub template: Option<String>,
}

impl Provider {
    pub fn probe_target(&self) -> String {
        if let Some(host) = &self.host_override {
            return host.clone();
        }
        match &self.template {
            Some(template) => atlas_core::tiles::host_of(template).unwrap_or_default(),
            None => self.layer.host().to_owned(),
        }
    }
}

impl TileSource for Provider {
    fn tile_url(&self, id: TileId) -> String {
        let (z, x, y) = (id.zoom, id.x, id.y);
        if let Some(host) = &self.host_override {
            return format!("http://{host}/{z}/{x}/{y}.png");
        }
        match &self.template {
            Some(template) => atlas_core::tiles::xyz_url(template, z, x, y),
            None => self.layer.tile_url(z, x, y),
        }
    }

    fn attribution(&self) -> Attribution {
        // The app draws the credit itself (`TileService::attribution`): walkers' wants
        // `&'static str`, which the analyst's own text is not.
        let credit = self.layer.attribution();
        Attribution {
            text: credit.text,
            url: credit.url,
            logo_light: None,
            logo_dark: None,
        }
    }

    fn max_zoom(&self) -> u8 {
        self.layer.max_zoom()
    }
}

/// Where tiles are cached on disk: the platform cache directory (e.g. `~/.cache/incident-atlas`
/// on Linux, `%LOCALAPPDATA%\IncidentAtlas\incident-atlas\cache` on Windows).
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "IncidentAtlas", "incident-atlas")
        .map(|dirs| dirs.cache_dir().join("tiles"))
}

/// What the probe last found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reachability {
    Checking,
    Reachable,
    Unreachable(String),
}

/// Settings for the network side, fixed at start-up.
#[derive(Debug, Clone, Default)]
pub struct TileNetwork {
    pub cache_dir: Option<PathBuf>,
    pub host_override: Option<String>,
}

impl TileNetwork {
    pub fn from_platform() -> Self {
        Self {
            cache_dir: default_cache_dir(),
            host_override: None,
        }
    }
}

/// The tiles of the chosen online layer, with its probe.
pub struct OnlineTiles {
    pub layer: TileLayer,
    pub tiles: HttpTiles,
    reachability: Arc<Mutex<Reachability>>,
    last_probe: Instant,
    probe: Provider,
}

impl OnlineTiles {
    /// `template`: the analyst's XYZ URL, for `TileLayer::CustomServer`.
    pub fn new(
        layer: TileLayer,
        template: Option<String>,
        network: &TileNetwork,
        ctx: &egui::Context,
    ) -> Self {
        let provider = Provider {
            layer,
            host_override: network.host_override.clone(),
            template,
        };
        let mut options = HttpOptions {
            cache: network.cache_dir.clone(),
            ..HttpOptions::default()
        };
        options.user_agent = walkers::HeaderValue::from_str(USER_AGENT).ok();
        let tiles = HttpTiles::with_options(provider.clone(), options, ctx.clone());
        let reachability = Arc::new(Mutex::new(Reachability::Checking));
        spawn_probe(
            provider.probe_target(),
            Arc::clone(&reachability),
            ctx.clone(),
        );
        Self {
            layer,
            tiles,
            reachability,
            last_probe: Instant::now(),
            probe: provider,
        }
    }

    /// The probe's latest answer; probes again now and then while unreachable.
    pub fn reachability(&mut self, ctx: &egui::Context) -> Reachability {
        let now = self
            .reachability
            .lock()
            .map_or(Reachability::Checking, |r| r.clone());
        if matches!(now, Reachability::Unreachable(_)) && self.last_probe.elapsed() > REPROBE_EVERY
        {
            self.last_probe = Instant::now();
            spawn_probe(
                self.probe.probe_target(),
                Arc::clone(&self.reachability),
                ctx.clone(),
            );
        }
        now
    }
}

/// What is drawn under the districts when a tile layer is on.
// One per app; the online variant's size costs nothing.
#[allow(clippy::large_enum_variant)]
enum Background {
    Online(OnlineTiles),
    File(Box<walkers::PmTiles>),
    /// The layer is chosen but cannot be used (no URL, a URL without `{z}`, a missing file):
    /// the offline basemap shows, and this says why.
    Broken(String),
}

/// The tiles subsystem: the network settings, fixed at start-up, and the chosen layer's
/// tiles. Only `sync` ever builds a network client, and only for an online layer.
pub struct TileService {
    network: TileNetwork,
    background: Option<Background>,
    /// What `background` was made for: the layer and its URL or file.
    made_for: Option<(TileLayer, String)>,
    /// The credit shown while tiles are: text and link.
    credit: (String, String),
    /// `logging::tile_failures()` when the layer was made: the failures since are its own.
    failures_before: u64,
}

impl TileService {
    pub fn new(network: TileNetwork) -> Self {
        Self {
            network,
            background: None,
            made_for: None,
            credit: (String::new(), String::new()),
            failures_before: 0,
        }
    }

    /// Turns the chosen layer on, switches it, or drops it for the offline basemap.
    pub fn sync(&mut self, wanted: TileLayer, private: &PrivateTiles, ctx: &egui::Context) {
        let detail = match wanted {
            TileLayer::CustomServer => private.url.trim().to_owned(),
            TileLayer::TileFile => private
                .file
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        let key = wanted.has_tiles().then_some((wanted, detail));
        if key == self.made_for {
            return;
        }
        self.made_for.clone_from(&key);
        self.background = key.map(|(layer, detail)| self.make(layer, detail, private, ctx));
    }

    fn make(
        &mut self,
        layer: TileLayer,
        detail: String,
        private: &PrivateTiles,
        ctx: &egui::Context,
    ) -> Background {
        let public = layer.attribution();
        self.credit = (public.text.to_owned(), public.url.to_owned());
        self.failures_before = crate::logging::tile_failures();
        match layer {
            TileLayer::CustomServer => {
                if let Err(why) = atlas_core::tiles::check_template(&detail) {
                    return Background::Broken(format!("your tile server: {why}"));
                }
                self.credit = (private.url_attribution.clone(), String::new());
                Background::Online(OnlineTiles::new(layer, Some(detail), &self.network, ctx))
            }
            TileLayer::TileFile => {
                let Some(path) = private.file.as_ref().filter(|f| f.is_file()) else {
                    return Background::Broken(format!("the tile file {detail} cannot be found"));
                };
                self.credit = (private.file_attribution.clone(), String::new());
                // Raster `PMTiles` are 256 pixels a side, as web tiles are.
                Background::File(Box::new(walkers::PmTiles::with_style_and_tile_size(
                    path,
                    walkers::Style::default(),
                    256,
                    ctx.clone(),
                )))
            }
            _ => Background::Online(OnlineTiles::new(layer, None, &self.network, ctx)),
        }
    }

    /// The tiles to draw under our layers, if a tile layer is on and usable.
    pub fn tiles_mut(&mut self) -> Option<&mut dyn walkers::Tiles> {
        match self.background.as_mut()? {
            Background::Online(online) => Some(&mut online.tiles as &mut dyn walkers::Tiles),
            Background::File(file) => Some(file.as_mut() as &mut dyn walkers::Tiles),
            Background::Broken(_) => None,
        }
    }

    /// The credit to show while tiles are drawn (text, link), if any are.
    pub fn attribution(&self) -> Option<(&str, &str)> {
        self.background
            .as_ref()
            .filter(|b| !matches!(b, Background::Broken(_)))
            .map(|_| (self.credit.0.as_str(), self.credit.1.as_str()))
    }

    /// How many tiles of the layer on could not be loaded (an HTTP error, bytes that are
    /// not an image, a tile missing from a file).
    pub fn failed_tiles(&self) -> u64 {
        match self.background {
            Some(Background::Online(_) | Background::File(_)) => {
                crate::logging::tile_failures().saturating_sub(self.failures_before)
            }
            _ => 0,
        }
    }

    /// What the probe last found of the online layer's server, or why the layer cannot be
    /// used (`None`: offline, or a file).
    pub fn reachability(&mut self, ctx: &egui::Context) -> Option<Reachability> {
        match self.background.as_mut()? {
            Background::Online(online) => Some(online.reachability(ctx)),
            Background::Broken(why) => Some(Reachability::Unreachable(why.clone())),
            Background::File(_) => None,
        }
    }
}

fn spawn_probe(target: String, into: Arc<Mutex<Reachability>>, ctx: egui::Context) {
    let spawned = std::thread::Builder::new()
        .name("tile-probe".to_owned())
        .spawn(move || {
            let result = probe(&target);
            match &result {
                Reachability::Unreachable(why) => log::info!("online tiles unavailable: {why}"),
                _ => log::info!("tile server {target} reachable"),
            }
            if let Ok(mut slot) = into.lock() {
                *slot = result;
            }
            ctx.request_repaint();
        });
    if let Err(e) = spawned {
        log::warn!("cannot start the tile probe: {e}");
    }
}

/// Connects (TCP only, nothing is sent) to see whether the tile host can be reached at all.
pub fn probe(target: &str) -> Reachability {
    let host = target.split(':').next().unwrap_or(target);
    let addrs = match target.to_socket_addrs() {
        Ok(addrs) => addrs.collect::<Vec<_>>(),
        Err(e) => return Reachability::Unreachable(format!("cannot resolve {host}: {e}")),
    };
    let mut last_error = format!("no address for {host}");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, PROBE_TIMEOUT) {
            Ok(_) => return Reachability::Reachable,
            Err(e) => last_error = format!("cannot connect to {host}: {e}"),
        }
    }
    Reachability::Unreachable(last_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_each_providers_scheme() {
        let id = TileId {
            x: 44,
            y: 26,
            zoom: 6,
        };
        let url = |layer| {
            Provider {
                layer,
                host_override: None,
                template: None,
            }
            .tile_url(id)
        };
        assert_eq!(
            url(TileLayer::OpenStreetMap),
            "https://tile.openstreetmap.org/6/44/26.png"
        );
        assert_eq!(
            url(TileLayer::OpenTopoMap),
            "https://a.tile.opentopomap.org/6/44/26.png"
        );
        // Esri's REST scheme puts y before x.
        assert!(url(TileLayer::EsriWorldImagery).ends_with("/tile/6/26/44"));
    }

    #[test]
    fn every_online_layer_has_an_attribution() {
        // The analyst's own layers carry theirs in the settings.
        for layer in TileLayer::ALL
            .into_iter()
            .filter(|l| l.is_online() && !l.is_private())
        {
            assert!(!layer.attribution().text.is_empty(), "{layer:?}");
        }
    }

    #[test]
    fn a_closed_port_is_unreachable_quickly() {
        // Port 9 (discard) on loopback is closed on any ordinary machine.
        let started = Instant::now();
        assert!(matches!(probe("127.0.0.1:9"), Reachability::Unreachable(_)));
        assert!(started.elapsed() < PROBE_TIMEOUT);
    }
}
