//! Optional online raster tiles: the providers, their attribution and usage terms, the
//! on-disk cache, and a reachability probe that turns "no network" into one quiet notice.
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

pub use atlas_core::tiles::TileLayer;

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
}

impl Provider {
    pub fn probe_target(&self) -> String {
        self.host_override
            .clone()
            .unwrap_or_else(|| self.layer.host().to_owned())
    }
}

impl TileSource for Provider {
    fn tile_url(&self, id: TileId) -> String {
        let (z, x, y) = (id.zoom, id.x, id.y);
        if let Some(host) = &self.host_override {
            return format!("http://{host}/{z}/{x}/{y}.png");
        }
        self.layer.tile_url(z, x, y)
    }

    fn attribution(&self) -> Attribution {
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
    pub fn new(layer: TileLayer, network: &TileNetwork, ctx: &egui::Context) -> Self {
        let provider = Provider {
            layer,
            host_override: network.host_override.clone(),
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

/// The tiles subsystem: the network settings, fixed at start-up, and the chosen online
/// layer's tiles. Only `sync` ever builds a network client, and only for an online layer.
pub struct TileService {
    network: TileNetwork,
    online: Option<OnlineTiles>,
}

impl TileService {
    pub fn new(network: TileNetwork) -> Self {
        Self {
            network,
            online: None,
        }
    }

    /// Turns the chosen online layer on, switches it, or drops it for the offline basemap.
    pub fn sync(&mut self, wanted: TileLayer, ctx: &egui::Context) {
        let current = self.online.as_ref().map(|o| o.layer);
        if wanted.is_online() && current != Some(wanted) {
            self.online = Some(OnlineTiles::new(wanted, &self.network, ctx));
        } else if !wanted.is_online() && current.is_some() {
            self.online = None;
        }
    }

    /// The tiles to draw under our layers, if an online layer is on.
    pub fn tiles_mut(&mut self) -> Option<&mut dyn walkers::Tiles> {
        self.online
            .as_mut()
            .map(|o| &mut o.tiles as &mut dyn walkers::Tiles)
    }

    /// What the probe last found of the online layer's server (`None`: offline).
    pub fn reachability(&mut self, ctx: &egui::Context) -> Option<Reachability> {
        self.online.as_mut().map(|o| o.reachability(ctx))
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
        for layer in TileLayer::ALL.into_iter().filter(|l| l.is_online()) {
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
