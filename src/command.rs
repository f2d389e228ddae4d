//! Every user intent that changes state. Panels push these; the app applies them once, at
//! the end of the frame, so no panel mutates what another panel is reading.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    SelectIncident(Option<String>),
    SelectDistrict(Option<String>),
    FitBalochistan,
    SetDarkMode(bool),
    ShowAbout,
    ShowProblems,
}
