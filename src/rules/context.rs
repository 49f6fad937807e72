//! What a check reads: the document, its date, the registry and the settings.

use super::date::{self, DateMention, DateScan};
use crate::config::Settings as ConfigSettings;
use crate::document::{DocKind, Document};
use crate::registry::Registry;
use jiff::civil::Date;
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

pub type Settings = ConfigSettings;

/// Where the document's date was found, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    Option,
    Config,
    FrontMatter,
    Dateline,
    Filename,
    Today,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Option => "option",
            DateSource::Config => "config",
            DateSource::FrontMatter => "front-matter",
            DateSource::Dateline => "dateline",
            DateSource::Filename => "filename",
            DateSource::Today => "today",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDate {
    pub date: Date,
    pub source: DateSource,
    /// Where in the document the date was read (front matter, dateline).
    pub span: Option<Range<usize>>,
}

/// What a check reads: the whole document (in [`Check::decide`](super::Check::decide)) or one
/// paragraph of it (in [`Check::scan`](super::Check::scan)), where `source` and `text` are the
/// paragraph alone and every offset is relative to its start.
pub struct Context<'a> {
    /// The source of the document or paragraph, markup included.
    pub source_text: &'a str,
    /// The prose: the source with markup blanked, same offsets as the source.
    pub text: &'a str,
    pub kind: DocKind,
    pub registry: &'a Registry,
    pub date: DocumentDate,
    pub settings: &'a Settings,
    tokens: OnceLock<Vec<date::tokens::Token<'a>>>,
    dates: OnceLock<DateScan>,
    sentences: OnceLock<Vec<Range<usize>>>,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        registry: &'a Registry,
        date: DocumentDate,
        settings: &'a Settings,
    ) -> Self {
        Context {
            source_text: &doc.source,
            text: &doc.prose,
            kind: doc.kind,
            registry,
            date,
            settings,
            tokens: OnceLock::new(),
            dates: OnceLock::new(),
            sentences: OnceLock::new(),
        }
    }

    /// The same document's paragraph at `range`, as a context of its own (offsets relative to
    /// `range.start`).
    pub fn paragraph(&self, range: Range<usize>) -> Context<'a> {
        Context {
            source_text: &self.source_text[range.clone()],
            text: &self.text[range],
            kind: self.kind,
            registry: self.registry,
            date: self.date.clone(),
            settings: self.settings,
            tokens: OnceLock::new(),
            dates: OnceLock::new(),
            sentences: OnceLock::new(),
        }
    }

    /// Every date mention of the document, found once and shared by the checks.
    pub fn dates(&self) -> &[DateMention] {
        &self.date_scan().mentions
    }

    /// What the date finder found in the text, found once.
    pub(crate) fn date_scan(&self) -> &DateScan {
        self.dates.get_or_init(|| {
            let (date, sentences) = (self.date.date, self.sentences());
            date::find::scan_tokens(self.text, date, sentences, self.tokens())
        })
    }

    /// The text cut into words, numbers and marks as dates are read, cut once for every check
    /// that reads them.
    pub(crate) fn tokens(&self) -> &[date::tokens::Token<'a>] {
        self.tokens
            .get_or_init(|| date::tokens::tokenize(self.text))
    }

    /// The sentences of the text, in order, cut once.
    fn sentences(&self) -> &[Range<usize>] {
        self.sentences
            .get_or_init(|| crate::text::sentences(self.text))
    }

    /// The byte range of the sentence holding `offset`, as `text::sentence_around` cuts it;
    /// the sentences are cut once for the document, so asking is cheap.
    pub fn sentence(&self, offset: usize) -> Range<usize> {
        let all = self.sentences();
        let k = all.partition_point(|s| s.end <= offset);
        all.get(k).cloned().unwrap_or(offset..offset)
    }

    /// The date or interval that the sentence around `offset` sets for itself ("In 2015, ...",
    /// "On 3 March 2019, ..."), when it does; facts in it are checked against that, not the
    /// document's date.
    pub fn sentence_date(&self, offset: usize) -> Option<(Date, Date)> {
        date::sentence_date(self, offset)
    }

    /// The date against which something at `offset` is checked.
    pub fn date_at(&self, offset: usize) -> (Date, Date) {
        self.sentence_date(offset)
            .unwrap_or((self.date.date, self.date.date))
    }

    /// The source text of a span.
    pub fn source(&self, span: Range<usize>) -> &'a str {
        &self.source_text[span]
    }
}
