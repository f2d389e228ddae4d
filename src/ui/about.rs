//! The About window: what the app is, and the licences and attributions the data requires.

use crate::io::ATTRIBUTION;

/// Each bundled layer with its licence and the attribution text it requires.
pub const LAYER_CREDITS: &[(&str, &str, &str)] = &[
    (
        "Balochistan districts (2025 and 2026), Pakistan provinces",
        "ODbL 1.0",
        "District boundaries derived from geoBoundaries (Runfola et al. 2020, PLoS ONE 15(4): e0231866; www.geoboundaries.org), PAK ADM3 2017 from Pathways Data Pvt. Ltd. / Pakistan Bureau of Statistics, ODbL 1.0.",
    ),
    (
        "Region countries and land",
        "public domain",
        "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
    ),
    (
        "Place coordinates (gazetteer)",
        "CC BY 4.0",
        "GeoNames (www.geonames.org), CC BY 4.0",
    ),
];

pub fn show(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About Incident Atlas")
        .open(open)
        .resizable(true)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(concat!("Incident Atlas ", env!("CARGO_PKG_VERSION")));
            ui.label("Where the January–February 2026 Balochistan offensive happened, and who claims what about it");
            ui.separator();
            ui.heading("Data and licences");
            for (layer, licence, text) in LAYER_CREDITS {
                ui.label(egui::RichText::new(format!("{layer} — {licence}")).strong());
                ui.label(*text);
                ui.add_space(4.0);
            }
            ui.heading("Online layers (only when turned on)");
            for layer in crate::map::tiles::TileLayer::ALL
                .into_iter()
                .filter(|l| l.is_online() && !l.is_private())
            {
                let attribution = layer.attribution();
                ui.label(egui::RichText::new(layer.label()).strong());
                ui.hyperlink_to(attribution.text, attribution.url);
            }
            ui.label(
                "Your own tile server or tile file: the credit you give it is shown with its tiles.",
            );
            ui.separator();
            ui.label("Map attribution line:");
            ui.label(egui::RichText::new(ATTRIBUTION).small());
        });
}
