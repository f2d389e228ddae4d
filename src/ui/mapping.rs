//! The column-mapping dialog: a table of no known kind (not ACLED, not UCDP GED) is opened
//! by saying which column is which. It shows the first rows as written, a choice per field
//! (guessed from the names), and — as the choices change — how many of the previewed rows
//! would load and the first problems, with their lines. *Import* remembers the mapping for
//! this header and opens the file; a file of the same header later maps itself.

use std::path::PathBuf;

use egui::{RichText, Ui};

use atlas_core::io::import::mapping::{ColumnMapping, FigureColumn, header_key};
use atlas_core::io::import::{Format, Request, import_bytes_with};
use atlas_core::model::vocabulary::METRICS;
use atlas_core::problem::Problems;

use crate::command::{CommandQueue, SettingsCommand, WindowCommand};

/// Rows shown in the preview table, and rows read to preview what the mapping does.
const SHOWN_ROWS: usize = 6;
const PREVIEW_BYTES: usize = 256 * 1024;

/// One file waiting for its mapping (the dialog's state: the draft is edited in place, like
/// a text field's buffer).
#[derive(Debug, Clone)]
pub struct MappingDraft {
    pub path: PathBuf,
    /// Add beside what is open (`true`) or open instead of it.
    pub add: bool,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub mapping: ColumnMapping,
    /// The file's first bytes, cut at a line end: what the preview imports.
    head: Vec<u8>,
    /// What the current mapping makes of `head`: incidents, figures, problems.
    preview: Option<(ColumnMapping, usize, usize, Problems)>,
}

impl MappingDraft {
    /// A draft for `path`, its mapping guessed from the header.
    pub fn new(
        path: PathBuf,
        add: bool,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        bytes: &[u8],
    ) -> Self {
        let cut = bytes.get(..PREVIEW_BYTES).unwrap_or(bytes);
        let end = cut
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(cut.len(), |i| i + 1);
        Self {
            mapping: ColumnMapping::guess(&header),
            head: cut.get(..end).unwrap_or(cut).to_vec(),
            path,
            add,
            header,
            rows: rows.into_iter().take(SHOWN_ROWS).collect(),
            preview: None,
        }
    }

    /// What the mapping makes of the first rows (made again only when the mapping changed).
    fn preview(&mut self) -> &(ColumnMapping, usize, usize, Problems) {
        let stale = self
            .preview
            .as_ref()
            .is_none_or(|(made_for, ..)| *made_for != self.mapping);
        if stale {
            let mut problems = Problems::default();
            let request = Request {
                mapping: Some(&self.mapping),
                ..Request::of(Format::Csv)
            };
            let file = self.path.display().to_string();
            let imported = import_bytes_with(&file, &self.head, &request, &mut problems);
            let (incidents, claims) = imported
                .as_ref()
                .map_or((0, 0), |i| (i.incidents.len(), i.claims.len()));
            self.preview = Some((self.mapping.clone(), incidents, claims, problems));
        }
        self.preview.get_or_insert_with(|| unreachable!())
    }
}

/// The dialog; `None` closes it.
pub fn show(ctx: &egui::Context, draft: &mut MappingDraft, commands: &mut CommandQueue) {
    let mut open = true;
    let name = draft
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    egui::Window::new(format!("Which column is which — {name}"))
        .open(&mut open)
        .default_width(760.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(
                "This table is neither an ACLED nor a UCDP GED export. Choose the columns \
                 that hold each field; the preview below shows what they give.",
            );
            ui.add_space(6.0);
            egui::Grid::new("mapping_fields")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| fields(ui, draft));
            ui.add_space(6.0);
            figures(ui, draft);
            ui.separator();
            preview_table(ui, draft);
            ui.separator();
            let complete = draft.mapping.missing().is_empty();
            let (_, incidents, claims, problems) = draft.preview();
            let ready = complete && *incidents > 0;
            let summary = format!(
                "The first rows give {incidents} incidents and {claims} figures; {} error(s), {} warning(s).",
                problems.errors(),
                problems.warnings()
            );
            ui.label(RichText::new(summary).strong());
            for problem in problems.iter().take(5) {
                ui.label(RichText::new(problem.to_string()).small());
            }
            ui.horizontal(|ui| {
                let verb = if draft.add { "Add beside what is open" } else { "Open" };
                if ui
                    .add_enabled(ready, egui::Button::new(verb))
                    .on_disabled_hover_text("Choose latitude, longitude and date, so rows load")
                    .clicked()
                {
                    commands.push(SettingsCommand::RememberMapping(
                        header_key(&draft.header),
                        draft.mapping.clone(),
                    ));
                    commands.push(WindowCommand::OpenMapped {
                        path: draft.path.clone(),
                        mapping: Box::new(draft.mapping.clone()),
                        add: draft.add,
                    });
                }
                if ui.button("Cancel").clicked() {
                    commands.push(WindowCommand::CloseMapping);
                }
            });
        });
    if !open {
        commands.push(WindowCommand::CloseMapping);
    }
}

/// A choice among the header's columns ("—" for none), named by `label` (beside it, and
/// for screen readers and tests).
fn column_choice(ui: &mut Ui, label: &str, header: &[String], value: &mut String) {
    let shown = if value.is_empty() {
        "—"
    } else {
        value.as_str()
    };
    egui::ComboBox::from_label(label)
        .selected_text(shown.to_owned())
        .width(180.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, String::new(), "—");
            for column in header {
                ui.selectable_value(value, column.clone(), column);
            }
        });
}

fn fields(ui: &mut Ui, draft: &mut MappingDraft) {
    let header = draft.header.clone();
    let m = &mut draft.mapping;
    let rows: [(&str, &mut String); 8] = [
        ("Latitude *", &mut m.latitude),
        ("Longitude *", &mut m.longitude),
        ("Date (or first day) *", &mut m.date),
        ("Last day", &mut m.end),
        ("Title", &mut m.title),
        ("Kind of event", &mut m.event_type),
        ("Place", &mut m.place),
        ("Id", &mut m.id),
    ];
    for (i, (label, value)) in rows.into_iter().enumerate() {
        column_choice(ui, label, &header, value);
        if i % 2 == 1 {
            ui.end_row();
        }
    }
}

fn figures(ui: &mut Ui, draft: &mut MappingDraft) {
    let header = draft.header.clone();
    ui.label(RichText::new("Figures").strong());
    let mut remove = None;
    for (i, figure) in draft.mapping.figures.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            column_choice(
                ui,
                &format!("Figure {}", i + 1),
                &header,
                &mut figure.column,
            );
            ui.label("counts");
            egui::ComboBox::from_id_salt(format!("figure_metric_{i}"))
                .selected_text(figure.metric.clone())
                .width(220.0)
                .show_ui(ui, |ui| {
                    for metric in METRICS {
                        ui.selectable_value(&mut figure.metric, metric.id.to_owned(), metric.label);
                    }
                });
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        draft.mapping.figures.remove(i);
    }
    if ui.small_button("Add a figure column").clicked() {
        draft.mapping.figures.push(FigureColumn {
            column: String::new(),
            metric: "total_killed".to_owned(),
        });
    }
}

fn preview_table(ui: &mut Ui, draft: &MappingDraft) {
    ui.label(RichText::new("The first rows, as written").strong());
    egui::ScrollArea::horizontal()
        .max_height(170.0)
        .show(ui, |ui| {
            egui::Grid::new("mapping_preview")
                .striped(true)
                .spacing([10.0, 2.0])
                .show(ui, |ui| {
                    for column in &draft.header {
                        ui.label(RichText::new(column).strong());
                    }
                    ui.end_row();
                    for row in &draft.rows {
                        for cell in row {
                            let short: String = cell.chars().take(28).collect();
                            ui.label(short);
                        }
                        ui.end_row();
                    }
                });
        });
}
