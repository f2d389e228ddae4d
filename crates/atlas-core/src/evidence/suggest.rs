//! Claims suggested from a document: every figure phrase (`figures.rs`) with a guess at
//! what it counts (a metric of our vocabulary, or none), whom the text credits with it, and
//! its locator. The analyst confirms or rejects each one; nothing here is written anywhere.
//!
//! The guesses read the sentence around the figure: the words after it ("militants were
//! killed", "people were injured", "per cent"), the words before it ("the death toll of
//! militants … at 145", "the deaths of over a dozen civilians"), and for the attribution
//! "according to …", "… said", "… reported", "… told". Dates, durations and counts of
//! places or attacks are never guessed as killed or injured.

use serde::Serialize;

use super::figures::{FigurePhrase, Unit, find_figures};
use crate::model::Qualifier;
use crate::model::locator::{Locator, numbered_lines};

/// One figure phrase of a document, with the guesses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The phrase and the words it counts ("at least 216 armed militants were eliminated").
    pub text: String,
    pub value_min: f64,
    pub value_max: f64,
    /// As written in `claims.csv` (empty for an exact figure).
    pub qualifier: &'static str,
    /// A metric of the vocabulary, or `None` when the words do not say.
    pub metric: Option<&'static str>,
    pub attributed_to: Option<String>,
    /// `L<line>:<from>-<to>` of `text`.
    pub locator: String,
    /// The line's text, for a reader to see the figure in context (not serialised).
    #[serde(skip)]
    pub span: Locator,
}

/// Every figure phrase of a document, in order.
pub fn suggest(document: &str) -> Vec<Suggestion> {
    numbered_lines(document)
        .flat_map(|(n, line)| suggest_in_line(n, line))
        .collect()
}

/// The suggestions of one line (a paragraph), numbered `line`.
pub fn suggest_in_line(line: u32, text: &str) -> Vec<Suggestion> {
    let figures = find_figures(text);
    figures
        .iter()
        .enumerate()
        .filter_map(|(k, figure)| {
            let next = figures.get(k + 1).map_or(text.len(), |f| f.start);
            suggestion(line, text, figure, next)
        })
        .collect()
}

/// The suggestion for a passage the analyst selected: the first figure in it, read in the
/// context of its whole line. `start..end` are byte offsets into `line_text`.
pub fn suggest_for_selection(
    line: u32,
    line_text: &str,
    start: usize,
    end: usize,
) -> Option<Suggestion> {
    let selected = line_text.get(start..end)?;
    let figure = find_figures(selected).into_iter().next()?;
    let shifted = FigurePhrase {
        start: figure.start + start,
        end: figure.end + start,
        number_start: figure.number_start + start,
        ..figure
    };
    let mut suggestion = suggestion(line, line_text, &shifted, end)?;
    // The locator is what the analyst chose, not our guess at the phrase.
    suggestion.span = Locator::of_bytes(line, line_text, start, end)?;
    suggestion.locator = suggestion.span.to_string();
    selected.clone_into(&mut suggestion.text);
    Some(suggestion)
}

/// `next` is where the next figure starts: the phrase stops before it.
fn suggestion(line: u32, text: &str, figure: &FigurePhrase, next: usize) -> Option<Suggestion> {
    let sentence = sentence_around(text, figure.number_start);
    let before = text.get(sentence.start..figure.start)?.to_lowercase();
    let after = text.get(figure.end..sentence.end)?.to_lowercase();
    let before_words = words(&before);
    let after_words = words(&after);
    // "according to four security officials": a source, not a figure.
    if before_words
        .iter()
        .rev()
        .take(2)
        .any(|w| matches!(w.as_str(), "according" | "to" | "told"))
        && before.trim_end().ends_with("according to")
    {
        return None;
    }
    let metric = guess_metric(figure, &before_words, &after_words);
    if figure.is_single_word_one && metric.is_none() {
        return None; // "one of the", "in one episode"
    }
    let end = phrase_end(text, figure.end, sentence.end.min(next.max(figure.end)));
    let span = Locator::of_bytes(line, text, figure.start, end)?;
    Some(Suggestion {
        text: text.get(figure.start..end)?.to_owned(),
        value_min: figure.value_min,
        value_max: figure.value_max,
        qualifier: figure.qualifier.as_str(),
        metric,
        attributed_to: guess_attribution(
            text.get(sentence.start..sentence.end)?,
            figure.number_start - sentence.start,
        ),
        locator: span.to_string(),
        span,
    })
}

/// The sentence holding byte `at`: from after the last ". " (or "? ", "! ") before it to the
/// next one after it.
fn sentence_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let ends = |s: &str| {
        s.match_indices(['.', '?', '!'])
            .filter(|(i, _)| {
                s.get(i + 1..)
                    .is_none_or(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
            })
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    let all = ends(text);
    let start = all.iter().rev().find(|&&i| i < at).map_or(0, |&i| i + 1);
    let end = all.iter().find(|&&i| i >= at).map_or(text.len(), |&i| i);
    start..end
}

/// The end of the words the figure counts: up to six words on, stopping at punctuation.
fn phrase_end(text: &str, from: usize, limit: usize) -> usize {
    let rest = text.get(from..limit).unwrap_or_default();
    let mut end = from;
    let mut words = 0;
    for (i, c) in rest.char_indices() {
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '|' | '—' | '“' | '"') {
            break;
        }
        if c.is_whitespace() {
            continue;
        }
        let word_start = i == 0
            || rest
                .get(..i)
                .is_some_and(|r| r.ends_with(char::is_whitespace));
        if word_start && i > 0 && c.is_ascii_digit() {
            break; // the next figure ("from 787 to 956")
        }
        if word_start && i > 0 {
            let word: String = rest
                .get(i..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if super::figures::is_month_word(&word) {
                break; // a date follows ("closed on March 9")
            }
        }
        if word_start {
            words += 1;
            if words > 6 {
                break;
            }
        }
        end = from + i + c.len_utf8();
    }
    // Not ending on a joining word ("787 to", "96pc of all fatalities and almost").
    let mut phrase = text.get(from..end).unwrap_or_default().trim_end();
    while let Some((head, last)) = phrase.rsplit_once(' ') {
        if !DANGLING.contains(&last.to_lowercase().as_str()) {
            break;
        }
        phrase = head.trim_end();
    }
    if DANGLING.contains(&phrase.trim().to_lowercase().as_str()) {
        phrase = "";
    }
    from + phrase.len()
}

const DANGLING: &[&str] = &[
    "and", "or", "to", "of", "the", "a", "an", "almost", "nearly", "over", "about", "than", "more",
    "at", "least", "by", "in", "with", "as", "on", "for", "from",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .flat_map(|w| w.split('-'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

const KILLED: &[&str] = &[
    "killed",
    "dead",
    "deaths",
    "death",
    "fatalities",
    "fatality",
    "lives",
    "eliminated",
    "neutralized",
    "neutralised",
    "neutralization",
    "neutralisation",
    "neutralising",
    "neutralizing",
    "martyred",
    "martyrdom",
    "kill",
    "toll",
    "losing",
    "lost",
    "loss",
];
const INJURED: &[&str] = &["injured", "wounded", "injuries", "hurt"];
const MILITANTS: &[&str] = &[
    "militants",
    "militant",
    "attackers",
    "attacker",
    "assailants",
    "terrorists",
    "terrorist",
    "insurgents",
    "fighters",
    "gunmen",
];
const SECURITY: &[&str] = &[
    "personnel",
    "soldiers",
    "soldier",
    "police",
    "policemen",
    "troops",
    "officers",
    "security",
    "fc",
    "frontier",
    "paramilitary",
    "army",
];
const CIVILIANS: &[&str] = &[
    "civilians",
    "civilian",
    "non",
    "combatants",
    "worshippers",
    "women",
    "children",
    "workers",
    "passengers",
    "bystanders",
];
const RISE: &[&str] = &[
    "increase",
    "increasing",
    "rise",
    "rising",
    "higher",
    "up",
    "jump",
    "surge",
    "rose",
];

fn has(words: &[String], list: &[&str]) -> bool {
    words.iter().any(|w| list.contains(&w.as_str()))
}

/// The position from the end of the last word of `list` in `words` (0 = the last word).
fn nearest(words: &[String], list: &[&str]) -> Option<usize> {
    words.iter().rev().position(|w| list.contains(&w.as_str()))
}

fn guess_metric(
    figure: &FigurePhrase,
    before: &[String],
    after: &[String],
) -> Option<&'static str> {
    let near_after: Vec<String> = after.iter().take(10).cloned().collect();
    let noun: Vec<String> = after.iter().take(3).cloned().collect();
    let near_before: Vec<String> = before.iter().rev().take(16).rev().cloned().collect();
    match figure.unit {
        Unit::Hours => return Some("operation_duration_hours"),
        Unit::OtherDuration => return None,
        Unit::Percent => return guess_percent(&near_before, &near_after),
        Unit::Count => {}
    }
    let joined = after.join(" ");
    if joined.starts_with("suicide bomber") {
        return Some("suicide_bombers");
    }
    if has(&noun, &["locations", "places", "sites", "cities", "towns"]) {
        return Some("locations_attacked");
    }
    if has(&noun, &["bodies"]) {
        return Some("bodies_recovered");
    }
    if has(
        &noun,
        &[
            "districts",
            "provinces",
            "days",
            "weeks",
            "languages",
            "objectives",
        ],
    ) {
        return None;
    }
    // The outcome: the verb after the figure decides ("were injured"); else the words
    // around it ("the deaths of over a dozen civilians").
    let first_after: Vec<String> = after.iter().take(8).cloned().collect();
    let (killed, injured) = match (has(&first_after, KILLED), has(&first_after, INJURED)) {
        (false, false) => (
            has(&near_after, KILLED) || has(&near_before, KILLED),
            has(&near_after, INJURED) || has(&near_before, INJURED),
        ),
        stated => stated,
    };
    if before.last().is_some_and(|w| w == "additional") && killed {
        return Some("total_killed_change");
    }
    if !killed && !injured {
        return if has(&noun, &["attacks"]) {
            Some("attacks")
        } else {
            None
        };
    }
    casualty_metric(
        &noun,
        &near_before,
        after,
        injured && !killed,
        killed && injured,
    )
}

/// Who was killed or injured: the words the figure counts first ("militants", "personnel"),
/// then the words before it. `only_injured`: the figure counts the injured alone;
/// `killed_or_injured`: one figure for both.
fn casualty_metric(
    noun: &[String],
    near_before: &[String],
    after: &[String],
    only_injured: bool,
    killed_or_injured: bool,
) -> Option<&'static str> {
    let group_words: Vec<String> = noun
        .iter()
        .chain(near_before.iter().rev().take(8))
        .cloned()
        .collect();
    // "18 dead, including two soldiers": a subset named after the figure is not its group.
    let group_after: Vec<String> = after
        .iter()
        .take(6)
        .take_while(|w| !matches!(w.as_str(), "including" | "among" | "incl"))
        .cloned()
        .collect();
    let militant = has(&group_after, MILITANTS)
        || (!has(&group_after, SECURITY)
            && !has(&group_after, CIVILIANS)
            && has(&group_words, MILITANTS));
    let navy = has(&group_after, &["navy", "naval"]);
    let security = has(&group_after, SECURITY);
    let civilian =
        has(&group_after, CIVILIANS) || (!militant && !security && has(&group_words, CIVILIANS));
    if killed_or_injured {
        return civilian.then_some("civilians_killed_or_injured");
    }
    if only_injured {
        return Some("injured");
    }
    Some(if navy {
        "navy_personnel_killed"
    } else if militant {
        "militants_killed"
    } else if civilian && security {
        "civilians_and_security_killed"
    } else if security {
        "security_personnel_killed"
    } else if civilian {
        "civilians_killed"
    } else {
        "total_killed"
    })
}

fn guess_percent(before: &[String], after: &[String]) -> Option<&'static str> {
    let after_text = after.join(" ");
    if has(after, &["complex"]) || has(before, &["complex"]) {
        return Some("complex_attacks_change_pct");
    }
    if after_text.starts_with("of all fatalities")
        || after_text.starts_with("of fatalities")
        || after_text.starts_with("of all deaths")
    {
        return Some("share_of_fatalities_pct");
    }
    if after_text.starts_with("of violent incidents")
        || after_text.starts_with("of incidents")
        || after_text.starts_with("of all incidents")
    {
        return Some("share_of_incidents_pct");
    }
    if !(has(before, RISE) || has(after, RISE)) {
        return None;
    }
    let deaths = nearest(before, &["fatalities", "deaths", "killed", "death"]);
    let attacks = nearest(before, &["attacks", "incidents"]);
    match (deaths, attacks) {
        (Some(d), Some(a)) if a < d => Some("attacks_change_pct"),
        (Some(_), _) => Some("total_killed_change_pct"),
        (None, Some(_)) => Some("attacks_change_pct"),
        (None, None) => None,
    }
}

const CONJUNCTIONS: &[&str] = &["while", "and", "but", "as", "the", "that", "whereas"];

/// Whom the sentence credits with its figure at byte `at`: "according to X" anywhere in
/// the sentence, else the subject of a reporting verb before the figure.
fn guess_attribution(sentence: &str, at: usize) -> Option<String> {
    let lower = sentence.to_lowercase();
    if let Some(i) = lower.find("according to ") {
        let rest = sentence.get(i + "according to ".len()..)?;
        let end = rest
            .find([',', '.', ';', '—', '(', ')'])
            .unwrap_or(rest.len());
        let who = rest.get(..end)?.trim();
        let who = who.strip_prefix("the ").unwrap_or(who);
        let who = who.split(" as of ").next().unwrap_or(who);
        if !who.is_empty() {
            return Some(lowercase_first(who));
        }
    }
    let head = lower.get(..at)?;
    let verbs = [
        " report ",
        " reports ",
        " reported ",
        " said ",
        " says ",
        " say ",
        " confirmed ",
        " told ",
        " stated ",
    ];
    let (verb_at, _) = verbs
        .iter()
        .filter_map(|v| head.rfind(v).map(|i| (i, *v)))
        .max_by_key(|(i, _)| *i)?;
    let subject = sentence.get(..verb_at)?;
    let clause_start = subject.rfind([',', ';', ':', '—']).map_or(0, |i| i + 1);
    let mut words: Vec<&str> = subject.get(clause_start..)?.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| CONJUNCTIONS.contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    Some(lowercase_first(&words.join(" ")))
}

fn lowercase_first(text: &str) -> String {
    // "Security sources" → "security sources"; names and acronyms ("ISPR", "UN") stay.
    let mut words = text.split(' ');
    let first = words.next().unwrap_or_default();
    let keep = first.chars().nth(1).is_some_and(char::is_uppercase);
    let first = if keep {
        first.to_owned()
    } else {
        first.to_lowercase()
    };
    std::iter::once(first)
        .chain(words.map(str::to_owned))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Suggestion {
    pub fn qualifier(&self) -> Qualifier {
        Qualifier::parse(self.qualifier).unwrap_or(Qualifier::Exact)
    }
}
