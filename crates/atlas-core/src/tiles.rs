//! The raster layers the user can choose, as plain facts: their ids (saved in the settings
//! and in slides), labels, hosts, URL schemes, zoom limits and attributions — the public
//! providers, and the analyst's own (`PrivateTiles`: an XYZ server on a restricted network,
//! or a `PMTiles` file). The app's `map::tiles` turns them into walkers tile sources; nothing
//! here touches the network.

use serde::{Deserialize, Serialize};

/// The raster layer under the districts. `Offline` is the bundled vector basemap alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TileLayer {
    #[default]
    Offline,
    OpenStreetMap,
    OpenTopoMap,
    EsriWorldImagery,
    /// The analyst's own tile server (`PrivateTiles::url`).
    CustomServer,
    /// A `PMTiles` file of raster tiles on disk (`PrivateTiles::file`): no network at all.
    TileFile,
}

/// The credit a provider's terms require wherever its tiles show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TileAttribution {
    pub text: &'static str,
    pub url: &'static str,
}

impl TileLayer {
    pub const ALL: [TileLayer; 6] = [
        TileLayer::Offline,
        TileLayer::OpenStreetMap,
        TileLayer::OpenTopoMap,
        TileLayer::EsriWorldImagery,
        TileLayer::CustomServer,
        TileLayer::TileFile,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TileLayer::Offline => "Offline basemap only",
            TileLayer::OpenStreetMap => "OpenStreetMap (online)",
            TileLayer::OpenTopoMap => "OpenTopoMap, topographic (online)",
            TileLayer::EsriWorldImagery => "Esri World Imagery, satellite (online)",
            TileLayer::CustomServer => "Your tile server (XYZ URL)…",
            TileLayer::TileFile => "A tile file (PMTiles)…",
        }
    }

    /// Whether the layer's tiles come over the network.
    pub fn is_online(self) -> bool {
        !matches!(self, TileLayer::Offline | TileLayer::TileFile)
    }

    /// Whether the layer draws tiles (online or from a file).
    pub fn has_tiles(self) -> bool {
        self != TileLayer::Offline
    }

    /// Whether the layer is the analyst's own (its URL or file and credit are in the settings).
    pub fn is_private(self) -> bool {
        matches!(self, TileLayer::CustomServer | TileLayer::TileFile)
    }

    /// The provider's host and port, which the reachability probe connects to.
    pub fn host(self) -> &'static str {
        match self {
            TileLayer::Offline | TileLayer::CustomServer | TileLayer::TileFile => "",
            TileLayer::OpenStreetMap => "tile.openstreetmap.org:443",
            TileLayer::OpenTopoMap => "a.tile.opentopomap.org:443",
            TileLayer::EsriWorldImagery => "server.arcgisonline.com:443",
        }
    }

    /// The URL of one tile (empty for the offline basemap, which has no tiles).
    pub fn tile_url(self, zoom: u8, x: u32, y: u32) -> String {
        let z = zoom;
        match self {
            TileLayer::Offline | TileLayer::CustomServer | TileLayer::TileFile => String::new(),
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
            TileLayer::Offline
            | TileLayer::OpenStreetMap
            | TileLayer::CustomServer
            | TileLayer::TileFile => 19,
        }
    }

    pub fn attribution(self) -> TileAttribution {
        let (text, url) = match self {
            // The analyst's own layers carry their credit in `PrivateTiles`.
            TileLayer::Offline | TileLayer::CustomServer | TileLayer::TileFile => ("", ""),
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

/// The analyst's own tiles: a server on a restricted network, or a file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivateTiles {
    /// An XYZ template: `https://tiles.example.org/{z}/{x}/{y}.png` (`{-y}` for TMS rows).
    pub url: String,
    /// The credit the server's terms require, shown on the map while its tiles are.
    pub url_attribution: String,
    /// A `PMTiles` file of raster tiles.
    pub file: Option<std::path::PathBuf>,
    pub file_attribution: String,
}

/// Whether `template` is an XYZ URL the app can use; the error says what is missing.
pub fn check_template(template: &str) -> Result<(), String> {
    let t = template.trim();
    if !(t.starts_with("http://") || t.starts_with("https://")) {
        return Err("the URL must start with http:// or https://".to_owned());
    }
    let missing: Vec<&str> = ["{z}", "{x}"]
        .into_iter()
        .filter(|p| !t.contains(p))
        .chain((!t.contains("{y}") && !t.contains("{-y}")).then_some("{y}"))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("the URL has no {}", missing.join(", ")))
    }
}

/// One tile's URL from an XYZ template (`{-y}`: rows counted from the south, as TMS does).
pub fn xyz_url(template: &str, zoom: u8, x: u32, y: u32) -> String {
    let rows = 1u64 << zoom.min(31);
    let flipped = rows.saturating_sub(1).saturating_sub(u64::from(y));
    template
        .trim()
        .replace("{z}", &zoom.to_string())
        .replace("{x}", &x.to_string())
        .replace("{-y}", &flipped.to_string())
        .replace("{y}", &y.to_string())
        .replace("{s}", "a")
}

/// The `host:port` a template's tiles come from (for the reachability probe).
pub fn host_of(template: &str) -> Option<String> {
    let t = template.trim();
    let (scheme, rest) = t.split_once("://")?;
    let authority = rest.split(['/', '?']).next()?.rsplit('@').next()?;
    if authority.is_empty() {
        return None;
    }
    let has_port = authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok());
    Some(if has_port {
        authority.to_owned()
    } else {
        let port = if scheme.eq_ignore_ascii_case("https") {
            443
        } else {
            80
        };
        format!("{authority}:{port}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_in_and_say_what_is_missing() {
        let t = "https://maps.internal:8443/tiles/{z}/{x}/{y}.png?key=1";
        assert_eq!(check_template(t), Ok(()));
        assert_eq!(
            xyz_url(t, 6, 44, 26),
            "https://maps.internal:8443/tiles/6/44/26.png?key=1"
        );
        assert_eq!(host_of(t).as_deref(), Some("maps.internal:8443"));
        // TMS rows count from the south: row 26 of 64 is row 37.
        assert_eq!(
            xyz_url("http://h/{z}/{x}/{-y}", 6, 44, 26),
            "http://h/6/44/37"
        );
        assert_eq!(host_of("http://h/{z}/{x}/{-y}").as_deref(), Some("h:80"));
        assert_eq!(
            host_of("https://user@h.org/{z}").as_deref(),
            Some("h.org:443")
        );
        assert!(check_template("ftp://h/{z}/{x}/{y}").is_err());
        assert_eq!(
            check_template("https://h/{z}/tile.png"),
            Err("the URL has no {x}, {y}".to_owned())
        );
        assert_eq!(host_of("not a url"), None);
    }

    #[test]
    fn private_layers_are_not_the_public_ones() {
        assert!(TileLayer::CustomServer.is_online() && TileLayer::CustomServer.is_private());
        assert!(!TileLayer::TileFile.is_online() && TileLayer::TileFile.has_tiles());
        assert!(!TileLayer::Offline.has_tiles());
    }
}
