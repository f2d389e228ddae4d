//! Applying `EvidenceCommand`s: a claim's passage shown, the documents folder chosen
//! (remembered), a new article opened, a claim made from a selected passage or from one of
//! the document's suggested figures.

use atlas_core::evidence::desk::documents_folder;

use super::AtlasApp;
use crate::command::EvidenceCommand;

impl AtlasApp {
    pub(super) fn apply_evidence(&mut self, command: EvidenceCommand) {
        match command {
            EvidenceCommand::ShowClaim(id) => self.show_claim_passage(&id),
            EvidenceCommand::PickDocumentsFolder => {
                if let Some(dir) = rfd::FileDialog::new()
                    .set_title("The folder that holds the sources' documents")
                    .pick_folder()
                {
                    self.apply_evidence(EvidenceCommand::SetDocumentsFolder(dir));
                }
            }
            EvidenceCommand::SetDocumentsFolder(dir) => {
                self.settings.documents_dir = Some(dir);
                let focused = self
                    .evidence
                    .open()
                    .and_then(|d| d.focus.as_ref())
                    .map(|f| f.claim_id.clone());
                if let Some(id) = focused.or_else(|| self.pending_claim()) {
                    self.show_claim_passage(&id);
                }
            }
            EvidenceCommand::PickDocument => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("A document to take claims from")
                    .add_filter("Text and HTML", &["txt", "text", "md", "html", "htm"])
                    .pick_file()
                {
                    self.apply_evidence(EvidenceCommand::OpenDocument(path));
                }
            }
            EvidenceCommand::OpenDocument(path) => {
                self.evidence.open_document(self.data.full(), &path);
            }
            EvidenceCommand::SetSelection(selection) => {
                if let Some(doc) = self.evidence.open_mut() {
                    doc.selection = selection;
                    doc.scroll_to_focus = false;
                }
            }
            EvidenceCommand::NewClaimFromSelection => match self.evidence.selection_suggestion() {
                Ok(suggestion) => self.claim_from(&suggestion),
                Err(why) => self.notifications.warning(format!("No claim made: {why}")),
            },
            EvidenceCommand::Suggest => self.evidence.suggest(),
            EvidenceCommand::AcceptSuggestion(i) => {
                let suggestion = self
                    .evidence
                    .open()
                    .and_then(|d| d.suggestions.as_ref())
                    .and_then(|s| s.get(i))
                    .map(|(s, _)| s.clone());
                if let Some(suggestion) = suggestion {
                    self.claim_from(&suggestion);
                    self.reject_suggestion(i);
                }
            }
            EvidenceCommand::RejectSuggestion(i) => self.reject_suggestion(i),
            EvidenceCommand::Close => self.evidence.close(),
        }
    }

    fn reject_suggestion(&mut self, i: usize) {
        if let Some(entry) = self
            .evidence
            .open_mut()
            .and_then(|d| d.suggestions.as_mut())
            .and_then(|s| s.get_mut(i))
        {
            entry.1 = true;
        }
    }

    /// The claim whose document was asked for before the folder was known.
    fn pending_claim(&self) -> Option<String> {
        self.interaction.evidence_claim.clone()
    }

    fn show_claim_passage(&mut self, id: &str) {
        let folder = documents_folder(self.data.location(), self.settings.documents_dir.as_deref());
        self.interaction.evidence_claim = Some(id.to_owned());
        if let Err(why) = self
            .evidence
            .show_claim(self.data.full(), id, folder.as_deref())
        {
            self.notifications
                .error(format!("No passage to show: {why}"));
        }
    }
}
