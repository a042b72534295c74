//! Text processing, one concern per module: HTML to text ([`html`]), words ([`tokenize`]),
//! normal forms and stems ([`analyze`], [`stem`]), the English stop list ([`stopwords`]), and fixed
//! word lists packed for size ([`wordlist`]).
//!
//! The path a text takes: [`html::html_to_text`] → [`tokenize::words`] → [`analyze::Analyzer`],
//! which yields index terms together with the byte span of the word they came from, so that a
//! result's `why` can quote the words as the reader sees them, never a stem.

pub mod analyze;
pub mod case;
pub mod html;
pub mod stem;
pub mod stopwords;
pub mod tokenize;
pub mod wordlist;
