//! The online raster layers the user can choose, as plain facts: their ids (saved in the
//! settings and in slides), labels, hosts, URL schemes, zoom limits and attributions. The
//! app's `map::tiles` turns them into walkers tile sources; nothing here touches the network.

use serde::{Deserialize, Serialize};

/// The raster layer under the districts. `Offline` is the bundled vector basemap alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TileLayer {
    #[default]
    Offline,
    OpenStreetMap,
    OpenTopoMap,
    EsriWorldImagery,
}

/// The credit a provider's terms require wherever its tiles show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TileAttribution {
    pub text: &'static str,
    pub url: &'static str,
}

impl TileLayer {
    pub const ALL: [TileLayer; 4] = [
        TileLayer::Offline,
        TileLayer::OpenStreetMap,
        TileLayer::OpenTopoMap,
        TileLayer::EsriWorldImagery,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TileLayer::Offline => "Offline basemap only",
            TileLayer::OpenStreetMap => "OpenStreetMap (online)",
            TileLayer::OpenTopoMap => "OpenTopoMap, topographic (online)",
            TileLayer::EsriWorldImagery => "Esri World Imagery, satellite (online)",
        }
    }

    pub fn is_online(self) -> bool {
        self != TileLayer::Offline
    }

    /// The provider's host and port, which the reachability probe connects to.
    pub fn host(self) -> &'static str {
        match self {
            TileLayer::Offline => "",
            TileLayer::OpenStreetMap => "tile.openstreetmap.org:443",
            TileLayer::OpenTopoMap => "a.tile.opentopomap.org:443",
            TileLayer::EsriWorldImagery => "server.arcgisonline.com:443",
        }
    }

    /// The URL of one tile (empty for the offline basemap, which has no tiles).
    pub fn tile_url(self, zoom: u8, x: u32, y: u32) -> String {
        let z = zoom;
        match self {
            TileLayer::Offline => String::new(),
            TileLayer::OpenStreetMap => format!("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            TileLayer::OpenTopoMap => format!("https://a.tile.opentopomap.org/{z}/{x}/{y}.png"),
            TileLayer::EsriWorldImagery => format!(
                "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}"
            ),
        }
    }

    /// The deepest zoom the provider serves.
    pub fn max_zoom(self) -> u8 {
        match self {
            TileLayer::OpenTopoMap => 17,
            TileLayer::EsriWorldImagery => 18,
            TileLayer::Offline | TileLayer::OpenStreetMap => 19,
        }
    }

    pub fn attribution(self) -> TileAttribution {
        let (text, url) = match self {
            TileLayer::Offline => ("", ""),
            TileLayer::OpenStreetMap => (
                "© OpenStreetMap contributors",
                "https://www.openstreetmap.org/copyright",
            ),
            TileLayer::OpenTopoMap => (
                "Map data: © OpenStreetMap contributors, SRTM | Map style: © OpenTopoMap (CC-BY-SA)",
                "https://opentopomap.org/about",
            ),
            TileLayer::EsriWorldImagery => (
                "Imagery © Esri — Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community",
                "https://www.esri.com/en-us/legal/terms/full-master-agreement",
            ),
        };
        TileAttribution { text, url }
    }
}
