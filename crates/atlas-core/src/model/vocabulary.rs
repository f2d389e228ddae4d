//! The controlled vocabularies of the dataset: metrics, qualifiers, event types, source kinds
//! and precisions. `data/README.md` documents the same lists; a test keeps the two in step.

/// What a metric measures, which decides how its disagreements are named and whether a
/// figure is a whole count ("over 12" then means 13 or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    /// People killed or injured: disagreements are "figures disagree".
    Casualties,
    /// Whole things counted (places, bombers): disagreements are "counts disagree".
    Count,
    /// A measure that need not be whole (hours, per cent).
    Measure,
    /// `incident_reported`: no figure, only that the source tells of the incident.
    Report,
}

/// One figure a source can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    pub kind: MetricKind,
    /// A metric compared with another as a lower bound on it: the bodies recovered after the
    /// fighting are at least that many dead (`data/README.md`, "How claims are compared").
    pub counts_as: Option<&'static str>,
}

impl MetricInfo {
    /// Whether values are whole numbers of things (people, places).
    pub fn is_whole(&self) -> bool {
        matches!(self.kind, MetricKind::Casualties | MetricKind::Count)
    }
}

/// Every metric `claims.csv` may use. Extend it here and in `data/README.md` together.
pub const METRICS: &[MetricInfo] = &[
    MetricInfo {
        id: "militants_killed",
        label: "militants killed",
        description: "Militants or attackers killed (sources also say eliminated or neutralised)",
        kind: MetricKind::Casualties,
        counts_as: None,
    },
    MetricInfo {
        id: "security_personnel_killed",
        label: "security personnel killed",
        description: "Police, paramilitary and army personnel killed",
        kind: MetricKind::Casualties,
        counts_as: None,
    },
    MetricInfo {
        id: "navy_personnel_killed",
        label: "navy personnel killed",
        description: "Navy personnel killed, where a source counts them apart from other security personnel",
        kind: MetricKind::Casualties,
        counts_as: None,
    },
    MetricInfo {
        id: "civilians_killed",
        label: "civilians killed",
        description: "Non-combatants killed",
        kind: MetricKind::Casualties,
        counts_as: None,
    },
    MetricInfo {
        id: "civilians_and_security_killed",
        label: "civilians and security personnel killed",
        description: "Civilian and security deaths given as one figure",
        kind: MetricKind::Casualties,
        counts_as: None,
    },
    MetricInfo {
        id: "civilians_killed_or_injured",
        label: "civilians killed or injured",
        description: "Non-combatants killed or injured, given as one figure",
        kind: MetricKind::Casualties,
        counts_as: None,
    },
    MetricInfo {
        id: "total_killed",
        label: "total killed",
        description: "All deaths, every group together",
        kind: MetricKind::Casualties,
        counts_as: None,
    },
    MetricInfo {
        id: "injured",
        label: "injured",
        description: "People injured",
        kind: MetricKind::Casualties,
        counts_as: None,
    },
    MetricInfo {
        id: "bodies_recovered",
        label: "bodies recovered",
        description: "Attackers' bodies recovered after the fighting",
        kind: MetricKind::Casualties,
        counts_as: Some("militants_killed"),
    },
    MetricInfo {
        id: "suicide_bombers",
        label: "suicide bombers",
        description: "Suicide bombers among the attackers",
        kind: MetricKind::Count,
        counts_as: None,
    },
    MetricInfo {
        id: "locations_attacked",
        label: "locations attacked",
        description: "Number of places attacked in one coordinated wave",
        kind: MetricKind::Count,
        counts_as: None,
    },
    MetricInfo {
        id: "operation_duration_hours",
        label: "operation length (hours)",
        description: "Duration of a security operation, in hours",
        kind: MetricKind::Measure,
        counts_as: None,
    },
    MetricInfo {
        id: "total_killed_change",
        label: "change in deaths",
        description: "Change in the number of deaths against the previous period",
        kind: MetricKind::Count,
        counts_as: None,
    },
    MetricInfo {
        id: "total_killed_change_pct",
        label: "change in deaths (%)",
        description: "Change in deaths against the previous period, in per cent",
        kind: MetricKind::Measure,
        counts_as: None,
    },
    MetricInfo {
        id: "attacks_change_pct",
        label: "change in attacks (%)",
        description: "Change in the number of attacks against the previous period, in per cent",
        kind: MetricKind::Measure,
        counts_as: None,
    },
    MetricInfo {
        id: "complex_attacks_change_pct",
        label: "change in complex attacks (%)",
        description: "Change in attacks combining suicide bombers and guerrilla tactics, in per cent",
        kind: MetricKind::Measure,
        counts_as: None,
    },
    MetricInfo {
        id: "share_of_fatalities_pct",
        label: "share of deaths (%)",
        description: "Share of all deaths in the region the note names, in per cent",
        kind: MetricKind::Measure,
        counts_as: None,
    },
    MetricInfo {
        id: "share_of_incidents_pct",
        label: "share of incidents (%)",
        description: "Share of all violent incidents in the region the note names, in per cent",
        kind: MetricKind::Measure,
        counts_as: None,
    },
    MetricInfo {
        id: "attacks",
        label: "attacks",
        description: "Attacks counted in a wave or a period (\"dozens of coordinated attacks\")",
        kind: MetricKind::Count,
        counts_as: None,
    },
    MetricInfo {
        id: "incident_reported",
        label: "reports the incident",
        description: "The source reports that the incident happened, without a figure; the value is 1",
        kind: MetricKind::Report,
        counts_as: None,
    },
];

pub fn metric(id: &str) -> Option<&'static MetricInfo> {
    METRICS.iter().find(|m| m.id == id)
}

/// How a source hedges a figure. The words are the sources' own, normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No hedge: the figure as stated.
    #[default]
    Exact,
    AtLeast,
    Over,
    Approximately,
    Nearly,
    Almost,
    UpTo,
    /// "Dozens": recorded as at least 24.
    Dozens,
}

impl Qualifier {
    pub const ALL: [Qualifier; 8] = [
        Qualifier::Exact,
        Qualifier::AtLeast,
        Qualifier::Over,
        Qualifier::Approximately,
        Qualifier::Nearly,
        Qualifier::Almost,
        Qualifier::UpTo,
        Qualifier::Dozens,
    ];

    /// The word as written in `claims.csv` (empty for an exact figure).
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::AtLeast => "at least",
            Qualifier::Over => "over",
            Qualifier::Approximately => "approximately",
            Qualifier::Nearly => "nearly",
            Qualifier::Almost => "almost",
            Qualifier::UpTo => "up to",
            Qualifier::Dozens => "dozens",
        }
    }

    /// Reads the cell; "about" is the same hedge as "approximately".
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().to_lowercase();
        if text == "about" {
            return Some(Qualifier::Approximately);
        }
        Self::ALL.into_iter().find(|q| q.as_str() == text)
    }
}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// What kind of text a source is; AI-generated text is flagged wherever it is shown.
    SourceKind {
        News => "news",
        Analysis => "analysis",
        Opinion => "opinion",
        AiGenerated => "ai-generated",
        Dataset => "dataset",
    }
);

word_enum!(
    /// How exactly an incident's dates are known.
    DatePrecision {
        Day => "day",
        Approximate => "approximate",
        Month => "month",
        Year => "year",
        Unknown => "unknown",
    }
);

word_enum!(
    /// How exactly an incident's point stands for where it happened.
    GeoPrecision {
        Exact => "exact",
        Town => "town",
        Approximate => "approximate",
        District => "district",
        Province => "province",
        None => "none",
    }
);

word_enum!(
    /// What happened. Drives the marker symbol.
    EventType {
        CoordinatedAttacks => "coordinated_attacks",
        ArmedAssault => "armed_assault",
        Ambush => "ambush",
        SuicideBombing => "suicide_bombing",
        IedAttack => "ied_attack",
        Hijacking => "hijacking",
        FoiledAttack => "foiled_attack",
        SecurityOperation => "security_operation",
        Designation => "designation",
        Statistics => "statistics",
        Protest => "protest",
        Other => "other",
    }
);

impl EventType {
    /// The kinds of event the map has a symbol for, in the order legends list them.
    pub const LEGEND_ORDER: [EventType; 8] = [
        EventType::CoordinatedAttacks,
        EventType::ArmedAssault,
        EventType::Ambush,
        EventType::SuicideBombing,
        EventType::IedAttack,
        EventType::Hijacking,
        EventType::FoiledAttack,
        EventType::SecurityOperation,
    ];

    /// Kinds only imported data has (ACLED's protests and strategic developments): legends
    /// list them after the others, and only when the map shows one.
    pub const IMPORTED_ORDER: [EventType; 2] = [EventType::Protest, EventType::Other];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_round_trips() {
        for q in Qualifier::ALL {
            assert_eq!(Qualifier::parse(q.as_str()), Some(q));
        }
        for e in EventType::ALL {
            assert_eq!(EventType::parse(e.as_str()), Some(*e));
        }
        assert_eq!(Qualifier::parse("About"), Some(Qualifier::Approximately));
        assert_eq!(Qualifier::parse("roughly"), None);
    }

    #[test]
    fn data_readme_documents_every_word() {
        let readme = include_str!("../../../../data/README.md");
        let mut missing = Vec::new();
        let words = METRICS
            .iter()
            .map(|m| m.id)
            .chain(EventType::ALL.iter().map(|e| e.as_str()))
            .chain(SourceKind::ALL.iter().map(|e| e.as_str()))
            .chain(DatePrecision::ALL.iter().map(|e| e.as_str()))
            .chain(GeoPrecision::ALL.iter().map(|e| e.as_str()))
            .chain(Qualifier::ALL.iter().skip(1).map(|q| q.as_str()));
        for word in words {
            if !readme.contains(&format!("`{word}`")) {
                missing.push(word);
            }
        }
        assert!(
            missing.is_empty(),
            "data/README.md does not document {missing:?}"
        );
    }
}
