//! Evidence: where in its document each figure is stated, and figures read from documents.
//!
//! - `locator` (in `model`, which holds it in each claim): the `L<line>:<from>-<to>` syntax;
//! - `figures`: figure phrases in running text ("at least 216", "over a dozen");
//! - `suggest`: claims suggested from a document (metric, attribution, locator guessed);
//! - `desk`: the document the evidence view shows (a claim's passage, the others marked,
//!   a selection, suggestions), and where the documents are;
//! - `verify`: `check --documents`, every locator against its document and its hash.

pub mod desk;
pub mod document;
pub mod figures;
pub mod suggest;
pub mod verify;

pub use crate::model::locator::{self, Locator};
