//! Editing a dataset in the app: every edit a [`Change`] that knows its inverse, an
//! [`Editor`] that applies them with undo and redo and checks each one first (ids unique
//! and well formed, references known), and what a place picked on the map says about its
//! district and province.
//!
//! The editor holds the rows as plain tables and makes an indexed [`Dataset`] after each
//! change (one pass over the rows: an analyst's dataset of a few thousand incidents takes
//! milliseconds). Saving is `io::tables::write_dataset` (staged files, then renames).

pub mod place;

use crate::model::{Claim, Dataset, Incident, Source};

/// One row of one of the three tables.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Source(Source),
    Incident(Incident),
    Claim(Claim),
}

impl Row {
    pub fn id(&self) -> &str {
        match self {
            Row::Source(s) => &s.id,
            Row::Incident(i) => &i.id,
            Row::Claim(c) => &c.id,
        }
    }

    fn table(&self) -> Table {
        match self {
            Row::Source(_) => Table::Sources,
            Row::Incident(_) => Table::Incidents,
            Row::Claim(_) => Table::Claims,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Sources,
    Incidents,
    Claims,
}

impl Table {
    pub fn noun(self) -> &'static str {
        match self {
            Table::Sources => "source",
            Table::Incidents => "incident",
            Table::Claims => "claim",
        }
    }
}

/// One step the analyst takes, and how to take it back: rows put at a position (`before`
/// empty), taken out (`after` empty) or replaced, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What the undo and redo menus say ("add incident `kharan_1`").
    pub label: String,
    steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq)]
struct Step {
    table: Table,
    index: usize,
    before: Option<Row>,
    after: Option<Row>,
}

impl Change {
    fn inverse(&self) -> Change {
        Change {
            label: self.label.clone(),
            steps: self
                .steps
                .iter()
                .rev()
                .map(|s| Step {
                    table: s.table,
                    index: s.index,
                    before: s.after.clone(),
                    after: s.before.clone(),
                })
                .collect(),
        }
    }
}

/// Why an edit was refused; the tables are as they were.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("\"{0}\" is not a valid id (letters, digits, _ - . only)")]
    BadId(String),
    #[error("a {0} with the id \"{1}\" exists already")]
    Taken(&'static str, String),
    #[error("there is no {0} \"{1}\"")]
    Unknown(&'static str, String),
    #[error("{0}")]
    Invalid(String),
}

/// The three tables as rows the analyst edits, with undo and redo.
#[derive(Debug, Clone, Default)]
pub struct Editor {
    sources: Vec<Source>,
    incidents: Vec<Incident>,
    claims: Vec<Claim>,
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// Changes applied since the last save (negative after undoing past it; `None` when the
    /// saved state cannot be reached by undo or redo any more).
    unsaved: Option<isize>,
}

impl Editor {
    /// Starts from a loaded dataset; nothing to undo, nothing unsaved.
    pub fn new(dataset: &Dataset) -> Self {
        Self {
            sources: dataset.sources.clone(),
            incidents: dataset.incidents.clone(),
            claims: dataset.claims.clone(),
            undo: Vec::new(),
            redo: Vec::new(),
            unsaved: Some(0),
        }
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn incidents(&self) -> &[Incident] {
        &self.incidents
    }

    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Whether the tables differ from the files last saved or loaded.
    pub fn is_dirty(&self) -> bool {
        self.unsaved != Some(0)
    }

    /// The tables are now what is on disk.
    pub fn mark_saved(&mut self) {
        self.unsaved = Some(0);
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|c| c.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|c| c.label.as_str())
    }

    /// The dataset of the rows as they are now, indexed; each row's line is the one it will
    /// have when saved (the header is line 1), so problems point at the saved file.
    pub fn dataset(&self) -> (Dataset, crate::model::IdReport) {
        let number = |i: usize| u64::try_from(i).unwrap_or(u64::MAX - 2) + 2;
        let mut sources = self.sources.clone();
        sources
            .iter_mut()
            .enumerate()
            .for_each(|(i, s)| s.line = number(i));
        let mut incidents = self.incidents.clone();
        incidents
            .iter_mut()
            .enumerate()
            .for_each(|(i, r)| r.line = number(i));
        let mut claims = self.claims.clone();
        claims
            .iter_mut()
            .enumerate()
            .for_each(|(i, c)| c.line = number(i));
        Dataset::checked(sources, incidents, claims)
    }

    /// Adds a row at the end of its table.
    pub fn add(&mut self, row: Row) -> Result<(), EditError> {
        self.check_new(&row, None)?;
        let table = row.table();
        let change = Change {
            label: format!("add {} {}", table.noun(), row.id()),
            steps: vec![Step {
                table,
                index: self.len(table),
                before: None,
                after: Some(row),
            }],
        };
        self.commit(change);
        Ok(())
    }

    /// Replaces the row of `table` whose id is `id` (the new row may carry a new id: claims
    /// naming the old one follow it).
    pub fn update(&mut self, id: &str, row: Row) -> Result<(), EditError> {
        let table = row.table();
        let index = self
            .position(table, id)
            .ok_or_else(|| EditError::Unknown(table.noun(), id.to_owned()))?;
        self.check_new(&row, Some(id))?;
        let before = self.row(table, index);
        if before.as_ref() == Some(&row) {
            return Ok(());
        }
        let new_id = row.id().to_owned();
        let mut steps = vec![Step {
            table,
            index,
            before,
            after: Some(row),
        }];
        if new_id != id {
            steps.extend(self.follow_rename(table, id, &new_id));
        }
        self.commit(Change {
            label: format!("edit {} {new_id}", table.noun()),
            steps,
        });
        Ok(())
    }

    /// Deletes the row; deleting a source or an incident deletes its claims too (a claim
    /// cannot stand without either), in one step to undo.
    pub fn delete(&mut self, table: Table, id: &str) -> Result<(), EditError> {
        let index = self
            .position(table, id)
            .ok_or_else(|| EditError::Unknown(table.noun(), id.to_owned()))?;
        // Claims first, from the last, so each index is right when its step runs.
        let mut steps: Vec<Step> = self
            .claims
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, c)| match table {
                Table::Sources => &*c.source_id == id,
                Table::Incidents => c.incident_id == id,
                Table::Claims => false,
            })
            .map(|(i, c)| Step {
                table: Table::Claims,
                index: i,
                before: Some(Row::Claim(c.clone())),
                after: None,
            })
            .collect();
        let also = steps.len();
        steps.push(Step {
            table,
            index,
            before: self.row(table, index),
            after: None,
        });
        let label = match also {
            0 => format!("delete {} {id}", table.noun()),
            n => format!("delete {} {id} and its {n} claim(s)", table.noun()),
        };
        self.commit(Change { label, steps });
        Ok(())
    }

    /// Takes back the last change; returns what it was.
    pub fn undo(&mut self) -> Option<String> {
        let change = self.undo.pop()?;
        self.run(&change.inverse());
        self.unsaved = self.unsaved.map(|n| n - 1);
        let label = change.label.clone();
        self.redo.push(change);
        Some(label)
    }

    /// Makes the last undone change again.
    pub fn redo(&mut self) -> Option<String> {
        let change = self.redo.pop()?;
        self.run(&change);
        self.unsaved = self.unsaved.map(|n| n + 1);
        let label = change.label.clone();
        self.undo.push(change);
        Some(label)
    }

    fn commit(&mut self, change: Change) {
        self.run(&change);
        self.undo.push(change);
        // A new change after undoing past the save: the saved state is gone from the stack.
        self.unsaved = match self.unsaved {
            Some(n) if n >= 0 => Some(n + 1),
            _ => None,
        };
        self.redo.clear();
    }

    fn run(&mut self, change: &Change) {
        for step in &change.steps {
            match (&step.before, &step.after) {
                (None, Some(row)) => self.insert(step.index, row.clone()),
                (Some(_), None) => self.remove(step.table, step.index),
                (Some(_), Some(row)) => self.replace(step.index, row.clone()),
                (None, None) => {}
            }
        }
    }

    fn insert(&mut self, index: usize, row: Row) {
        match row {
            Row::Source(s) => self.sources.insert(index.min(self.sources.len()), s),
            Row::Incident(i) => self.incidents.insert(index.min(self.incidents.len()), i),
            Row::Claim(c) => self.claims.insert(index.min(self.claims.len()), c),
        }
    }

    fn remove(&mut self, table: Table, index: usize) {
        match table {
            Table::Sources if index < self.sources.len() => drop(self.sources.remove(index)),
            Table::Incidents if index < self.incidents.len() => {
                drop(self.incidents.remove(index));
            }
            Table::Claims if index < self.claims.len() => drop(self.claims.remove(index)),
            _ => {}
        }
    }

    fn replace(&mut self, index: usize, row: Row) {
        match row {
            Row::Source(s) => {
                if let Some(slot) = self.sources.get_mut(index) {
                    *slot = s;
                }
            }
            Row::Incident(i) => {
                if let Some(slot) = self.incidents.get_mut(index) {
                    *slot = i;
                }
            }
            Row::Claim(c) => {
                if let Some(slot) = self.claims.get_mut(index) {
                    *slot = c;
                }
            }
        }
    }

    fn len(&self, table: Table) -> usize {
        match table {
            Table::Sources => self.sources.len(),
            Table::Incidents => self.incidents.len(),
            Table::Claims => self.claims.len(),
        }
    }

    fn position(&self, table: Table, id: &str) -> Option<usize> {
        match table {
            Table::Sources => self.sources.iter().position(|s| s.id == id),
            Table::Incidents => self.incidents.iter().position(|i| i.id == id),
            Table::Claims => self.claims.iter().position(|c| c.id == id),
        }
    }

    fn row(&self, table: Table, index: usize) -> Option<Row> {
        match table {
            Table::Sources => self.sources.get(index).cloned().map(Row::Source),
            Table::Incidents => self.incidents.get(index).cloned().map(Row::Incident),
            Table::Claims => self.claims.get(index).cloned().map(Row::Claim),
        }
    }

    /// The claims naming a renamed source or incident, renamed with it.
    fn follow_rename(&self, table: Table, old: &str, new: &str) -> Vec<Step> {
        self.claims
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let mut renamed = c.clone();
                match table {
                    Table::Sources if &*c.source_id == old => renamed.source_id = new.into(),
                    Table::Incidents if c.incident_id == old => {
                        renamed.incident_id = new.into();
                    }
                    _ => return None,
                }
                Some(Step {
                    table: Table::Claims,
                    index: i,
                    before: Some(Row::Claim(c.clone())),
                    after: Some(Row::Claim(renamed)),
                })
            })
            .collect()
    }

    /// A new or replacing row: a well-formed id no other row of its table has (`replacing`
    /// is the id of the row it replaces), a claim's incident and source known, figures in
    /// order.
    fn check_new(&self, row: &Row, replacing: Option<&str>) -> Result<(), EditError> {
        let id = row.id();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return Err(EditError::BadId(id.to_owned()));
        }
        let table = row.table();
        if replacing != Some(id) && self.position(table, id).is_some() {
            return Err(EditError::Taken(table.noun(), id.to_owned()));
        }
        match row {
            Row::Claim(c) => {
                if self.position(Table::Incidents, &c.incident_id).is_none() {
                    return Err(EditError::Unknown("incident", c.incident_id.to_string()));
                }
                if self.position(Table::Sources, &c.source_id).is_none() {
                    return Err(EditError::Unknown("source", c.source_id.to_string()));
                }
                if !(c.value_min.is_finite() && c.value_max.is_finite())
                    || c.value_min > c.value_max
                {
                    return Err(EditError::Invalid(format!(
                        "the figure {}–{} is not a range from low to high",
                        c.value_min, c.value_max
                    )));
                }
            }
            Row::Incident(i) => {
                if let Some(p) = i.position
                    && (!(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon))
                {
                    return Err(EditError::Invalid(format!(
                        "{}, {} is not a place on Earth",
                        p.lat, p.lon
                    )));
                }
            }
            Row::Source(s) => {
                if s.document.trim().is_empty() {
                    return Err(EditError::Invalid(
                        "a source needs its document's file name".to_owned(),
                    ));
                }
            }
        }
        Ok(())
    }

    /// A fresh id for a new row of `table`: `prefix` and the first number not taken.
    pub fn fresh_id(&self, table: Table, prefix: &str) -> String {
        // One of the first len + 1 numbers is free: at most len are taken.
        (1..=self.len(table) + 1)
            .map(|n| format!("{prefix}{n:03}"))
            .find(|id| self.position(table, id).is_none())
            .unwrap_or_else(|| prefix.to_owned())
    }
}

#[cfg(test)]
mod tests;
