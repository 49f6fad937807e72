//! Leftover markup: what a copy-paste from a web page or a CMS leaves in the prose.
//!
//! The prose handed to the check already has well-formed markup blanked for Markdown and HTML,
//! so what is left there is broken (a comment that lost its `<`, a closing tag without its
//! `<`), double-escaped, or not HTML at all (shortcodes, template placeholders). In plain text
//! nothing is markup, so well-formed tags, comments and entities are residue too.
//!
//! Each detector proposes [`Residue`]s; the first one to claim a span wins, so a tag inside a
//! comment is reported once, as part of the comment.
//!
//! Everything is decided per paragraph, in [`Check::scan`]: a residue never spans a blank line
//! (tags, shortcodes and placeholders stay on their line; a broken comment whose `-->` comes
//! after a blank line is reported as an unterminated opening and, when it ends its line, a lone
//! `-->`, never as one span whose removal would take whole paragraphs with it).

mod html;
mod template;
#[cfg(test)]
mod tests;

use super::{Check, Context, Facts, Finding, Fix, Output, RuleInfo, Severity};
use crate::document::DocKind;
use crate::registry::Registry;
use std::collections::BTreeMap;
use std::ops::Range;

pub static RESIDUE: RuleInfo = RuleInfo {
    id: "markup/residue",
    severity: Severity::Warning,
    summary: "markup left in the prose by a copy-paste",
    explanation: "Broken HTML comments and tags ('!-- Google tag (gtag.js) -->', '/div>'), \
double-escaped entities ('&amp;nbsp;'), CMS shortcodes ('[caption id=...]', '[[File:...]]'), \
template placeholders ('{{name}}', '[COUNTRY]', 'XX September'); in plain text also tags, comments \
and entities ('<br>', '&nbsp;'). In Markdown and HTML, well-formed markup is markup, not residue. \
Editorial brackets in quotations ('[and the]', '[sic]') are not residue. The fix removes the \
residue where that is safe.",
    wrong: "The ministers met in New York.&amp;nbsp;They agreed.",
    right: "The ministers met in New York. They agreed.",
    example_date: "2021-09-24",
};

pub static RULES: &[&RuleInfo] = &[&RESIDUE];

/// A piece of leftover markup: where it is, what it is, and how to remove it if that is safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Residue {
    pub span: Range<usize>,
    pub message: String,
    pub fix: Option<Fix>,
}

impl Residue {
    fn into_finding(self) -> Finding {
        let finding = Finding::new(&RESIDUE, self.span, self.message);
        match self.fix {
            Some(fix) => finding.with_fix(fix),
            None => finding,
        }
    }

    fn new(span: Range<usize>, message: impl Into<String>, fix: Option<Fix>) -> Residue {
        Residue {
            span,
            message: message.into(),
            fix,
        }
    }
}

/// What the detectors read: the prose, the source (for entities that the Markdown and HTML
/// readers decoded in the prose) and the document kind.
pub(crate) struct Input<'a> {
    pub prose: &'a str,
    pub source: &'a str,
    pub plain: bool,
}

/// The residues found so far; a later detector's residue that overlaps one of them is dropped.
#[derive(Default)]
pub(crate) struct Found {
    /// By start offset; the spans never overlap, so they are sorted by their ends too.
    residues: BTreeMap<usize, Residue>,
}

impl Found {
    pub fn add(&mut self, residue: Residue) {
        if !residue.span.is_empty() && !self.overlaps(&residue.span) {
            self.residues.insert(residue.span.start, residue);
        }
    }

    /// Whether `offset` lies inside a residue already found.
    pub fn claimed(&self, offset: usize) -> bool {
        self.overlaps(&(offset..offset + 1))
    }

    /// Only the residue starting last before `span` ends can reach into it.
    fn overlaps(&self, span: &Range<usize>) -> bool {
        self.residues
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, r)| r.span.end > span.start)
    }
}

pub struct MarkupCheck {}

impl MarkupCheck {
    pub fn new(_registry: &Registry) -> MarkupCheck {
        MarkupCheck {}
    }
}

impl Check for MarkupCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    /// Reads one paragraph: no residue reaches past a blank line, so there is nothing left for
    /// the whole document to decide.
    fn scan(&self, cx: &Context, out: &mut Output) -> Option<Facts> {
        let input = Input {
            prose: cx.text,
            source: cx.source_text,
            plain: cx.kind == DocKind::Plain,
        };
        for residue in find_residues(&input) {
            out.push(residue.into_finding());
        }
        None
    }
}

/// Every residue of a text (a paragraph), by offset. The order of the detectors is their priority.
pub(crate) fn find_residues(input: &Input) -> Vec<Residue> {
    let mut found = Found::default();
    html::comments(input, &mut found);
    html::escaped_tags(input, &mut found);
    html::double_escaped_entities(input, &mut found);
    html::tags(input, &mut found);
    if input.plain {
        html::plain_entities(input, &mut found);
    }
    template::wiki_links(input, &mut found);
    template::curly_templates(input, &mut found);
    template::brackets(input, &mut found);
    template::xx_placeholders(input, &mut found);
    template::lorem_ipsum(input, &mut found);
    found.residues.into_values().collect()
}

/// A removal that leaves the words around it apart: nothing when a space, a line break or the
/// text's edge is next to the span, a space when it sits between two characters ("York.<br>They").
pub(crate) fn removal(text: &str, span: &Range<usize>) -> Fix {
    let before = text.get(..span.start).and_then(|t| t.chars().next_back());
    let after = text.get(span.end..).and_then(|t| t.chars().next());
    let open = |c: Option<char>| c.is_none_or(char::is_whitespace);
    if open(before) || open(after) {
        Fix::remove()
    } else {
        Fix::replace_with(" ")
    }
}

/// A short form of a residue for messages: at most 40 characters, cut at a character boundary.
pub(crate) fn quoted(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The first `pattern` in `text` at or after `from`. Every pattern looked for starts with a byte
/// that prose seldom has ('!', '-', '&', '['): finding that byte with memchr and comparing the
/// rest costs a fraction of a substring search, which the detectors would run on every paragraph.
pub(crate) fn find_from(text: &str, from: usize, pattern: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let pattern = pattern.as_bytes();
    let mut at = from;
    while let Some(p) = memchr::memchr(*pattern.first()?, bytes.get(at..)?) {
        let hit = at + p;
        if bytes[hit..].starts_with(pattern) {
            return Some(hit);
        }
        at = hit + 1;
    }
    None
}

/// Every `pattern` of `text`, left to right and without overlaps, as `str::match_indices` finds
/// them.
pub(crate) fn occurrences<'a>(text: &'a str, pattern: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_from(text, from, pattern)?;
        from = at + pattern.len();
        Some(at)
    })
}

/// How far a residue is looked for past its start: a shortcode, a tag or a placeholder is
/// never longer, and a bound keeps a megabyte-long line from being scanned once per bracket.
const MAX_SCAN: usize = 1000;

/// The end of the line holding `offset` (before its line break), or `MAX_SCAN` bytes on.
pub(crate) fn line_end(text: &str, offset: usize) -> usize {
    let limit = crate::document::position::floor_char_boundary(text, offset + MAX_SCAN);
    text[offset..limit]
        .find(['\n', '\r'])
        .map_or(limit, |p| offset + p)
}
