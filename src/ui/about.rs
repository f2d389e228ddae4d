//! The About window: what the app is, and the licences and attributions the data requires.

use crate::diagnostics;
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

/// The About window. `open_data` names what is open, for *Copy diagnostics*.
pub fn show(ctx: &egui::Context, open: &mut bool, open_data: &str) {
    egui::Window::new("About Incident Atlas")
        .open(open)
        .resizable(true)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(egui::RichText::new("Incident Atlas").heading().strong());
            ui.label(format!(
                "Version {}, built from commit {}",
                diagnostics::VERSION,
                diagnostics::COMMIT
            ));
            ui.label("Where the January–February 2026 Balochistan offensive happened, and who claims what about it");
            bug_report_row(ui, open_data);
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

/// What a bug report needs: the diagnostics on the clipboard, the logs folder.
fn bug_report_row(ui: &mut egui::Ui, open_data: &str) {
    ui.horizontal(|ui| {
        if ui
            .button("Copy diagnostics")
            .on_hover_text(
                "Version, platform, what is open and the last log lines, for a bug report",
            )
            .clicked()
        {
            ui.ctx().copy_text(diagnostics::diagnostics_text(open_data));
            log::info!("diagnostics copied to the clipboard");
        }
        let logs = diagnostics::data_dir().map(|d| d.join("logs"));
        if let Some(logs) = logs.filter(|l| l.is_dir())
            && ui
                .button("Open the logs folder")
                .on_hover_text(logs.display().to_string())
                .clicked()
            && let Err(e) = diagnostics::open_with_system(&logs)
        {
            log::warn!("cannot open {}: {e}", logs.display());
        }
    });
}
