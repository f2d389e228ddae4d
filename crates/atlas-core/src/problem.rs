//! Problems found while reading files: what is wrong, then where (file, line, column).
//!
//! Errors drop the row or file they are about; warnings keep it. Both are shown by the app
//! and printed by `check`; nothing is dropped without a problem saying so.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The row or file could not be used.
    Error,
    /// The row was kept, but something about it is doubtful.
    Warning,
}

/// One thing wrong with the input, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub message: String,
    /// The file as the user knows it (a path, or `data/claims.csv` for bundled data).
    pub file: String,
    /// 1-based line in the file, when the problem is about one row.
    pub line: Option<u64>,
    pub column: Option<String>,
}

impl Problem {
    pub fn error(
        file: &str,
        line: Option<u64>,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, file, line, column, message)
    }

    pub fn warning(
        file: &str,
        line: Option<u64>,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, file, line, column, message)
    }

    fn new(
        severity: Severity,
        file: &str,
        line: Option<u64>,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            message: message.into(),
            file: file.to_owned(),
            line,
            column: column.map(str::to_owned),
        }
    }

    /// `file:line` (or just the file), for lists where the location leads.
    pub fn location(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {} — {}", self.message, self.location())?;
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        Ok(())
    }
}

/// The problems of one load, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn errors(&self) -> usize {
        self.0
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.0
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }
}
