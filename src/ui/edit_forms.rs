//! The editing forms: a new or existing source, incident or claim as text fields and
//! pickers (`FormDraft`), turned into a row only when applied (`to_row`), so a half-typed
//! date never reaches the data. The form edits its own draft; applying, cancelling,
//! deleting and picking a place on the map go through the command queue.

use atlas_core::authoring::{Row, Table};
use atlas_core::evidence::suggest::Suggestion;
use egui::{RichText, Ui};

use crate::command::{CommandQueue, EditCommand};
use crate::model::vocabulary::METRICS;
use crate::model::{
    Claim, DatePrecision, DateSpan, EventType, GeoPrecision, Incident, LonLat, Qualifier, Source,
    SourceKind,
};

/// The form open in the editing window.
#[derive(Debug, Clone, PartialEq)]
pub enum FormDraft {
    Source(SourceDraft),
    Incident(IncidentDraft),
    Claim(ClaimDraft),
}

impl FormDraft {
    pub fn table(&self) -> Table {
        match self {
            FormDraft::Source(_) => Table::Sources,
            FormDraft::Incident(_) => Table::Incidents,
            FormDraft::Claim(_) => Table::Claims,
        }
    }

    /// The id of the row this form edits (`None`: a new row).
    pub fn editing(&self) -> Option<&str> {
        match self {
            FormDraft::Source(d) => d.editing.as_deref(),
            FormDraft::Incident(d) => d.editing.as_deref(),
            FormDraft::Claim(d) => d.editing.as_deref(),
        }
    }

    /// The row the form describes, or what is wrong with it.
    pub fn to_row(&self) -> Result<Row, String> {
        match self {
            FormDraft::Source(d) => d.to_source().map(Row::Source),
            FormDraft::Incident(d) => d.to_incident().map(Row::Incident),
            FormDraft::Claim(d) => d.to_claim().map(Row::Claim),
        }
    }

    pub fn set_error(&mut self, error: Option<String>) {
        match self {
            FormDraft::Source(d) => d.error = error,
            FormDraft::Incident(d) => d.error = error,
            FormDraft::Claim(d) => d.error = error,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceDraft {
    pub editing: Option<String>,
    pub id: String,
    pub title: String,
    pub outlet: String,
    pub author: String,
    pub published: String,
    pub kind: Option<SourceKind>,
    pub document: String,
    pub url: String,
    pub notes: String,
    /// Kept from the row (the document's fingerprint is not typed).
    pub document_sha256: String,
    pub error: Option<String>,
}

impl SourceDraft {
    pub fn of(source: &Source) -> Self {
        Self {
            editing: Some(source.id.clone()),
            id: source.id.clone(),
            title: source.title.clone(),
            outlet: source.outlet.clone(),
            author: source.author.clone(),
            published: source.published.map(|d| d.to_string()).unwrap_or_default(),
            kind: Some(source.kind),
            document: source.document.clone(),
            url: source.url.clone(),
            notes: source.notes.clone(),
            document_sha256: source.document_sha256.clone(),
            error: None,
        }
    }

    fn to_source(&self) -> Result<Source, String> {
        let published = match self.published.trim() {
            "" => None,
            text => Some(
                text.parse::<jiff::civil::Date>()
                    .map_err(|_| format!("published: \"{text}\" is not a date (YYYY-MM-DD)"))?,
            ),
        };
        Ok(Source {
            line: 0,
            id: self.id.trim().to_owned(),
            title: self.title.trim().to_owned(),
            outlet: self.outlet.trim().to_owned(),
            author: self.author.trim().to_owned(),
            published,
            kind: self.kind.ok_or("choose what kind of text the source is")?,
            document: self.document.trim().to_owned(),
            url: self.url.trim().to_owned(),
            notes: self.notes.trim().to_owned(),
            document_sha256: self.document_sha256.clone(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct IncidentDraft {
    pub editing: Option<String>,
    pub id: String,
    pub title: String,
    pub date_start: String,
    pub date_end: String,
    pub date_precision: Option<DatePrecision>,
    pub place: String,
    pub district: String,
    pub province: String,
    pub lat: String,
    pub lon: String,
    pub geo_precision: Option<GeoPrecision>,
    pub event_type: Option<EventType>,
    pub targets: String,
    pub actors: String,
    pub summary: String,
    /// The next map click sets the point.
    pub picking: bool,
    /// What the boundaries say of the point, when it disagrees with the names typed.
    pub place_warning: Option<String>,
    pub error: Option<String>,
}

impl IncidentDraft {
    pub fn new(id: String) -> Self {
        Self {
            id,
            date_precision: Some(DatePrecision::Day),
            geo_precision: Some(GeoPrecision::Approximate),
            ..Self::default()
        }
    }

    pub fn of(incident: &Incident) -> Self {
        let (start, end) = incident.dates.map_or((String::new(), String::new()), |d| {
            (d.first.to_string(), d.last.to_string())
        });
        let (lat, lon) = incident
            .position
            .map_or((String::new(), String::new()), |p| {
                (p.lat.to_string(), p.lon.to_string())
            });
        Self {
            editing: Some(incident.id.to_string()),
            id: incident.id.to_string(),
            title: incident.title.to_string(),
            date_start: start,
            date_end: end,
            date_precision: Some(incident.date_precision),
            place: incident.place.to_string(),
            district: incident.district.to_string(),
            province: incident.province.to_string(),
            lat,
            lon,
            geo_precision: Some(incident.geo_precision),
            event_type: Some(incident.event_type),
            targets: incident.targets.join("; "),
            actors: incident.actors.join("; "),
            summary: incident.summary.to_string(),
            picking: false,
            place_warning: None,
            error: None,
        }
    }

    /// The dates as typed, when they read.
    pub fn dates(&self) -> Result<Option<DateSpan>, String> {
        let start = self.date_start.trim();
        let end = self.date_end.trim();
        if start.is_empty() {
            return if end.is_empty() {
                Ok(None)
            } else {
                Err("the first day is empty while the last is given".to_owned())
            };
        }
        let day = |text: &str, what: &str| {
            text.parse::<jiff::civil::Date>()
                .map_err(|_| format!("{what}: \"{text}\" is not a date (YYYY-MM-DD)"))
        };
        let first = day(start, "first day")?;
        let last = if end.is_empty() {
            first
        } else {
            day(end, "last day")?
        };
        DateSpan::new(first, last)
            .map(Some)
            .ok_or_else(|| "the last day is before the first".to_owned())
    }

    /// The point as typed, when both numbers read.
    pub fn point(&self) -> Result<Option<LonLat>, String> {
        match (self.lat.trim(), self.lon.trim()) {
            ("", "") => Ok(None),
            (lat, lon) => {
                let lat: f64 = lat
                    .parse()
                    .map_err(|_| format!("latitude: \"{lat}\" is not a number"))?;
                let lon: f64 = lon
                    .parse()
                    .map_err(|_| format!("longitude: \"{lon}\" is not a number"))?;
                Ok(Some(LonLat { lon, lat }))
            }
        }
    }

    fn to_incident(&self) -> Result<Incident, String> {
        let dates = self.dates()?;
        let date_precision = self
            .date_precision
            .ok_or("choose how exactly the dates are known")?;
        if dates.is_none() != (date_precision == DatePrecision::Unknown) {
            return Err("give the dates, or choose \"unknown\" as their precision".to_owned());
        }
        let position = self.point()?;
        let geo_precision = self
            .geo_precision
            .ok_or("choose what the point stands for")?;
        if position.is_none() != (geo_precision == GeoPrecision::None) {
            return Err(
                "pick the place on the map (or type it), or choose \"none\" as its precision"
                    .to_owned(),
            );
        }
        if self.title.trim().is_empty() {
            return Err("give the incident a title".to_owned());
        }
        let list = |text: &str| {
            text.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(crate::model::Shared::from)
                .collect()
        };
        Ok(Incident {
            line: 0,
            id: self.id.trim().into(),
            title: self.title.trim().into(),
            dates,
            date_precision,
            place: self.place.trim().into(),
            district: self.district.trim().into(),
            province: self.province.trim().into(),
            position,
            geo_precision,
            event_type: self
                .event_type
                .ok_or("choose what happened (the event type)")?,
            targets: list(&self.targets),
            actors: list(&self.actors),
            summary: self.summary.trim().into(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClaimDraft {
    pub editing: Option<String>,
    pub id: String,
    pub incident_id: String,
    pub source_id: String,
    pub metric: String,
    pub value_min: String,
    pub value_max: String,
    pub qualifier: Qualifier,
    pub attributed_to: String,
    pub event_date: String,
    pub note: String,
    pub locator: String,
    pub error: Option<String>,
}

impl ClaimDraft {
    pub fn new(id: String, incident_id: String, source_id: String) -> Self {
        Self {
            id,
            incident_id,
            source_id,
            metric: "militants_killed".to_owned(),
            ..Self::default()
        }
    }

    pub fn of(claim: &Claim) -> Self {
        Self {
            editing: Some(claim.id.to_string()),
            id: claim.id.to_string(),
            incident_id: claim.incident_id.to_string(),
            source_id: claim.source_id.to_string(),
            metric: claim.metric.to_string(),
            value_min: claim.value_min.to_string(),
            value_max: if claim.value_max > claim.value_min {
                claim.value_max.to_string()
            } else {
                String::new()
            },
            qualifier: claim.qualifier,
            attributed_to: claim.attributed_to.to_string(),
            event_date: claim.event_date.map(|d| d.to_iso()).unwrap_or_default(),
            note: claim.note.to_string(),
            locator: claim.locator.map(|l| l.to_string()).unwrap_or_default(),
            error: None,
        }
    }

    /// Fills the figure, hedge, metric guess, attribution and locator from a suggestion.
    pub fn fill_from(&mut self, suggestion: &Suggestion) {
        self.value_min = suggestion.value_min.to_string();
        self.value_max = if suggestion.value_max > suggestion.value_min {
            suggestion.value_max.to_string()
        } else {
            String::new()
        };
        self.qualifier = suggestion.qualifier();
        if let Some(metric) = suggestion.metric {
            metric.clone_into(&mut self.metric);
        }
        self.attributed_to = suggestion.attributed_to.clone().unwrap_or_default();
        // The locator points at the passage; the note is left for the analyst's own words
        // (the data never copies a source's sentences).
        self.locator.clone_from(&suggestion.locator);
    }

    fn to_claim(&self) -> Result<Claim, String> {
        let number = |text: &str, what: &str| {
            text.trim()
                .replace(',', "")
                .parse::<f64>()
                .map_err(|_| format!("{what}: \"{}\" is not a number", text.trim()))
        };
        let value_min = number(&self.value_min, "value")?;
        let value_max = if self.value_max.trim().is_empty() {
            value_min
        } else {
            number(&self.value_max, "upper value")?
        };
        let event_date = match self.event_date.trim() {
            "" => None,
            text => Some(DateSpan::parse(text).map_err(|e| format!("date given: {e}"))?),
        };
        let locator = match self.locator.trim() {
            "" => None,
            text => Some(crate::model::Locator::parse(text).map_err(|e| e.to_string())?),
        };
        if self.metric.trim().is_empty() {
            return Err("choose what the figure counts (the metric)".to_owned());
        }
        Ok(Claim {
            line: 0,
            id: self.id.trim().into(),
            incident_id: self.incident_id.trim().into(),
            source_id: self.source_id.trim().into(),
            metric: self.metric.trim().into(),
            value_min,
            value_max,
            qualifier: self.qualifier,
            attributed_to: self.attributed_to.trim().into(),
            event_date,
            note: self.note.trim().into(),
            locator,
        })
    }
}

/// What the pickers offer.
pub struct FormChoices<'a> {
    pub incidents: &'a [Incident],
    pub sources: &'a [Source],
    /// The bundled data or an import: saving asks for a folder.
    pub needs_copy: bool,
}

/// The editing window; `None` from `show` when there is no form.
pub fn show(
    ctx: &egui::Context,
    draft: &mut FormDraft,
    choices: &FormChoices<'_>,
    commands: &mut CommandQueue,
) {
    let noun = draft.table().noun();
    let title = match draft.editing() {
        Some(id) => format!("Edit {noun} {id}"),
        None => format!("New {noun}"),
    };
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .default_width(440.0)
        // Over the legend, at the left: the map's middle stays free to pick a place on.
        .default_pos([16.0, 110.0])
        .resizable(true)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(620.0)
                .show(ui, |ui| match draft {
                    FormDraft::Source(d) => source_fields(ui, d),
                    FormDraft::Incident(d) => incident_fields(ui, d, commands),
                    FormDraft::Claim(d) => claim_fields(ui, d, choices),
                });
            ui.separator();
            footer(ui, draft, choices, commands);
        });
    if !open {
        commands.push(EditCommand::CloseForm);
    }
}

fn footer(ui: &mut Ui, draft: &FormDraft, choices: &FormChoices<'_>, commands: &mut CommandQueue) {
    let error = match draft {
        FormDraft::Source(d) => d.error.as_deref(),
        FormDraft::Incident(d) => d.error.as_deref(),
        FormDraft::Claim(d) => d.error.as_deref(),
    };
    if let Some(error) = error {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
    }
    ui.horizontal(|ui| {
        let apply = if draft.editing().is_some() {
            "Apply"
        } else {
            "Add"
        };
        if ui
            .button(apply)
            .on_hover_text("Make the change (Ctrl+Z takes it back)")
            .clicked()
        {
            commands.push(EditCommand::ApplyForm);
        }
        if ui.button("Cancel").clicked() {
            commands.push(EditCommand::CloseForm);
        }
        if let Some(id) = draft.editing() {
            let also = match draft.table() {
                Table::Claims => "",
                _ => " and its claims",
            };
            if ui
                .button("Delete")
                .on_hover_text(format!(
                    "Delete this {}{also} (Ctrl+Z brings it back)",
                    draft.table().noun()
                ))
                .clicked()
            {
                commands.push(EditCommand::Delete(draft.table(), id.to_owned()));
            }
        }
    });
    if choices.needs_copy {
        ui.label(
            RichText::new("This data is never written (the bundled articles or an imported file): Save asks for a folder to keep a copy in.")
                .small()
                .weak(),
        );
    }
}

// Each field is labelled by the text beside it, for screen readers (and the tests).
fn field(ui: &mut Ui, label: &str, text: &mut String, hint: &str) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn area(ui: &mut Ui, label: &str, text: &mut String) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(text)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn picker<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<T>,
    all: &[T],
    name: fn(T) -> &'static str,
) {
    let label_response = ui.label(label);
    egui::ComboBox::from_id_salt(label)
        .selected_text(value.map_or("choose…", name))
        .show_ui(ui, |ui| {
            for &option in all {
                ui.selectable_value(value, Some(option), name(option));
            }
        })
        .response
        .labelled_by(label_response.id);
    ui.end_row();
}

fn grid(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, add);
}

fn source_fields(ui: &mut Ui, d: &mut SourceDraft) {
    grid(ui, "source_form", |ui| {
        field(ui, "Id", &mut d.id, "short, letters, digits, _ - .");
        field(ui, "Title", &mut d.title, "the article's own title");
        field(ui, "Outlet", &mut d.outlet, "");
        field(ui, "Author", &mut d.author, "");
        field(ui, "Published", &mut d.published, "YYYY-MM-DD");
        picker(ui, "Kind", &mut d.kind, SourceKind::ALL, SourceKind::as_str);
        field(
            ui,
            "Document",
            &mut d.document,
            "its file name in the documents folder",
        );
        field(ui, "URL", &mut d.url, "");
        area(ui, "Notes", &mut d.notes);
    });
}

fn incident_fields(ui: &mut Ui, d: &mut IncidentDraft, commands: &mut CommandQueue) {
    grid(ui, "incident_form", |ui| {
        field(ui, "Id", &mut d.id, "short, letters, digits, _ - .");
        field(ui, "Title", &mut d.title, "our short description");
        picker(
            ui,
            "Event type",
            &mut d.event_type,
            EventType::ALL,
            EventType::as_str,
        );
        field(ui, "First day", &mut d.date_start, "YYYY-MM-DD");
        field(
            ui,
            "Last day",
            &mut d.date_end,
            "YYYY-MM-DD (empty: one day)",
        );
        picker(
            ui,
            "Dates known",
            &mut d.date_precision,
            DatePrecision::ALL,
            DatePrecision::as_str,
        );
        field(ui, "Place", &mut d.place, "as the sources name it");
        ui.label("Point");
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut d.lat).hint_text("lat").desired_width(80.0));
            ui.add(egui::TextEdit::singleline(&mut d.lon).hint_text("lon").desired_width(80.0));
            let label = if d.picking { "Click the map…" } else { "Pick on map" };
            if ui
                .add(egui::Button::new(label).selected(d.picking))
                .on_hover_text("The next click on the map sets the point; district and province are filled from the boundaries in force on the incident's date")
                .clicked()
            {
                commands.push(EditCommand::PickOnMap(!d.picking));
            }
        });
        ui.end_row();
        picker(
            ui,
            "Point stands for",
            &mut d.geo_precision,
            GeoPrecision::ALL,
            GeoPrecision::as_str,
        );
        field(
            ui,
            "District",
            &mut d.district,
            "empty when not one district",
        );
        field(ui, "Province", &mut d.province, "");
        field(ui, "Targets", &mut d.targets, "; between items");
        field(ui, "Actors", &mut d.actors, "; between items");
        area(ui, "Summary", &mut d.summary);
    });
    if let Some(warning) = &d.place_warning {
        ui.label(RichText::new(format!("⚠ {warning}")).color(ui.visuals().warn_fg_color));
    }
}

/// The claim form's pickers: its incident, source, metric and qualifier.
fn claim_pickers(ui: &mut Ui, d: &mut ClaimDraft, choices: &FormChoices<'_>) {
    let label = ui.label("Incident");
    let title = choices
        .incidents
        .iter()
        .find(|i| i.id == d.incident_id)
        .map_or("choose…".to_owned(), |i| {
            format!("{} — {}", i.id, i.title)
        });
    egui::ComboBox::from_id_salt("claim_incident")
        .selected_text(title)
        .width(300.0)
        .show_ui(ui, |ui| {
            for incident in choices.incidents {
                ui.selectable_value(
                    &mut d.incident_id,
                    incident.id.to_string(),
                    format!("{} — {}", incident.id, incident.title),
                );
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Source");
    egui::ComboBox::from_id_salt("claim_source")
        .selected_text(if d.source_id.is_empty() {
            "choose…"
        } else {
            d.source_id.as_str()
        })
        .show_ui(ui, |ui| {
            for source in choices.sources {
                ui.selectable_value(
                    &mut d.source_id,
                    source.id.clone(),
                    format!("{} — {}", source.id, source.display_name()),
                );
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Metric");
    egui::ComboBox::from_id_salt("claim_metric")
        .selected_text(d.metric.as_str())
        .show_ui(ui, |ui| {
            for m in METRICS {
                ui.selectable_value(&mut d.metric, m.id.to_owned(), m.label)
                    .on_hover_text(m.description);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Qualifier");
    egui::ComboBox::from_id_salt("claim_qualifier")
        .selected_text(if d.qualifier == Qualifier::Exact {
            "(exact)"
        } else {
            d.qualifier.as_str()
        })
        .show_ui(ui, |ui| {
            for q in Qualifier::ALL {
                let name = if q == Qualifier::Exact {
                    "(exact)"
                } else {
                    q.as_str()
                };
                ui.selectable_value(&mut d.qualifier, q, name);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
}

fn claim_fields(ui: &mut Ui, d: &mut ClaimDraft, choices: &FormChoices<'_>) {
    grid(ui, "claim_form", |ui| {
        field(ui, "Id", &mut d.id, "short, letters, digits, _ - .");
        claim_pickers(ui, d, choices);
        field(ui, "Value", &mut d.value_min, "the figure as stated");
        field(
            ui,
            "Up to",
            &mut d.value_max,
            "a stated range's upper end (else empty)",
        );
        field(
            ui,
            "Attributed to",
            &mut d.attributed_to,
            "whom the source credits",
        );
        field(
            ui,
            "Date given",
            &mut d.event_date,
            "YYYY-MM-DD, YYYY-MM, YYYY or FROM/TO",
        );
        field(
            ui,
            "Locator",
            &mut d.locator,
            "L<line>:<from>-<to> in the document",
        );
        area(ui, "Note", &mut d.note);
    });
}
