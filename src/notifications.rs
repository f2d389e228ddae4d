//! What the app tells the user, with a level: info (an export finished), warning (a saved
//! setting could not be read, a briefing names an incident the data lacks) and error (a
//! briefing could not be read or saved, an export failed). Each becomes a toast and an entry
//! in the log; info and warning toasts fade on their own, errors stay until dismissed, and
//! the log keeps everything.

/// How much a notification matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Info => "Info",
            Level::Warning => "Warning",
            Level::Error => "Error",
        }
    }

    /// Seconds a toast of this level shows; `None`: until dismissed.
    pub fn lifetime(self) -> Option<f64> {
        match self {
            Level::Info => Some(6.0),
            Level::Warning => Some(12.0),
            Level::Error => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: u64,
    pub level: Level,
    pub text: String,
    /// egui's clock when it was raised (`None` until the next frame stamps it: notices
    /// raised before the first frame start their time when they are first shown).
    pub raised: Option<f64>,
    /// Its toast was closed, or faded.
    pub dismissed: bool,
}

#[derive(Debug, Default)]
pub struct Notifications {
    log: Vec<Notification>,
    next_id: u64,
}

impl Notifications {
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into());
    }

    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(Level::Warning, text.into());
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text.into());
    }

    fn push(&mut self, level: Level, text: String) {
        match level {
            Level::Info => log::info!("{text}"),
            Level::Warning => log::warn!("{text}"),
            Level::Error => log::error!("{text}"),
        }
        self.log.push(Notification {
            id: self.next_id,
            level,
            text,
            raised: None,
            dismissed: false,
        });
        self.next_id += 1;
    }

    /// Everything raised this session, oldest first.
    pub fn log(&self) -> &[Notification] {
        &self.log
    }

    /// Once per frame, before anything is drawn: stamps new notifications with `now` and
    /// closes the toasts whose time is up.
    pub fn tick(&mut self, now: f64) {
        for n in &mut self.log {
            let raised = *n.raised.get_or_insert(now);
            if n.level.lifetime().is_some_and(|l| now - raised >= l) {
                n.dismissed = true;
            }
        }
    }

    /// The toasts to show now.
    pub fn toasts(&self) -> impl Iterator<Item = &Notification> {
        self.log.iter().filter(|n| !n.dismissed)
    }

    /// When the next toast fades, in seconds from `now` (to ask for a frame then).
    pub fn next_fade(&self, now: f64) -> Option<f64> {
        self.log
            .iter()
            .filter(|n| !n.dismissed)
            .filter_map(|n| Some(n.raised? + n.level.lifetime()? - now))
            .reduce(f64::min)
    }

    pub fn dismiss(&mut self, id: u64) {
        if let Some(n) = self.log.iter_mut().find(|n| n.id == id) {
            n.dismissed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_fades_and_an_error_stays_until_dismissed() {
        let mut notes = Notifications::default();
        notes.info("Exported a.png");
        notes.error("Export failed: no such folder");
        notes.tick(0.0);
        assert_eq!(notes.toasts().count(), 2);
        assert_eq!(notes.next_fade(1.0), Some(5.0));
        notes.tick(100.0);
        let left: Vec<_> = notes.toasts().map(|n| n.level).collect();
        assert_eq!(left, [Level::Error]);
        let id = notes.log()[1].id;
        notes.dismiss(id);
        assert_eq!(notes.toasts().count(), 0);
        assert_eq!(notes.log().len(), 2, "the log keeps both");
    }
}
