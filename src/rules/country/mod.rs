//! Country names: misspellings, former names, wrong official names, wrong adjectives and the
//! house style's preferred forms.
//!
//! The prose is folded once ([`folded`]) and read once by an automaton over every written form
//! of every country and the place names to leave alone ([`index`]); each form found goes to the
//! rule its role calls for. Correct names are then checked for their capitalisation, for a
//! made-up long form around them ([`long_form`]) and for the house style, and annotated for
//! hovers. Capitalised words that are no known form are last given to the near-miss matcher
//! ([`misspelling`]). What the words around a name say (history, quotation, another language, the
//! state) is in [`cues`].

mod cues;
mod folded;
mod index;
mod long_form;
mod misspelling;
#[cfg(test)]
mod tests;

use super::{Check, Context, Facts, Finding, Fix, Output, RuleInfo, Severity, Subject};
use crate::hash::FastSet;
use crate::registry::{Country, CountryId, Registry, word_list_entries};
use crate::swar;
use crate::text::{fold, sentence_around, strip_diacritics, words};
use index::{Form, Mention, Role, SurfaceIndex};
use long_form::LongForms;
use misspelling::{Guess, Known, NearMiss, Neighbours};
use std::ops::Range;
use std::sync::OnceLock;

pub static MISSPELLED: RuleInfo = RuleInfo {
    id: "country/misspelled",
    severity: Severity::Error,
    summary: "a near-miss of a country name or adjective",
    explanation: "A word that is one or two letters away from a country's name, official name or \
adjective, and is neither itself a country, an adjective, an English word nor a known place or \
organisation name, is most likely a typo. Wrong capitalisation of a country name ('south korea') \
is reported here too. The fix is the intended name.",
    wrong: "The minister visited the Phillipines.",
    right: "The minister visited the Philippines.",
    example_date: "2021-09-24",
};

pub static FORMER_NAME: RuleInfo = RuleInfo {
    id: "country/former-name",
    severity: Severity::Warning,
    summary: "a name the state itself has given up, used after the change",
    explanation: "Some states changed their name: Swaziland became Eswatini on 19 April 2018, \
Macedonia became North Macedonia on 12 February 2019, Zaire became the Democratic Republic of the \
Congo in 1997. Using the old name after that date is an error of fact. Not reported before the \
change (a sentence that dates itself is read on its own date), nor after 'formerly', 'former', \
'then', in a sentence about the renaming or that also gives the present name, or in a quotation. \
A former name that is also a region ('Macedonia', the Greek region) is reported only where it \
plainly means the state ('President of Macedonia', 'Macedonia's government'). Names that some \
governments keep and others dropped (Burma, Turkey) are a matter of style: see country/style.",
    wrong: "The delegation of Swaziland attended the summit.",
    right: "The delegation of Eswatini attended the summit.",
    example_date: "2020-06-01",
};

pub static OFFICIAL_NAME: RuleInfo = RuleInfo {
    id: "country/official-name",
    severity: Severity::Error,
    summary: "a long-form name that is not the state's official name",
    explanation: "A formal name that mixes up the state's official long form ('Republic of \
Germany' for the Federal Republic of Germany, 'Laos People's Democratic Republic' for the Lao \
People's Democratic Republic) reads as ignorance in a formal text. Besides the wrong forms the \
registry lists, a 'Republic of', 'Kingdom of', 'People's Republic of' ... made up around the name \
of a state whose official name differs is reported; names of historical states ('Kingdom of \
Italy', 'People's Republic of Poland') and sentences about the past are not. The fix is the \
official long form.",
    wrong: "A message from the President of the Republic of Germany was read out.",
    right: "A message from the President of the Federal Republic of Germany was read out.",
    example_date: "2021-09-24",
};

pub static STYLE: RuleInfo = RuleInfo {
    id: "country/style",
    severity: Severity::Info,
    summary: "a valid name that the chosen style profile does not prefer",
    explanation: "Style profiles (`un`, `eu`, `ap`, or one defined in an overlay) prefer one form \
of some names: the UN writes 'Republic of Korea', 'Türkiye' (from 1 June 2022) and 'Myanmar'. \
The other forms are not wrong, so this is only information, and it is off when the style is \
`none` (the default).",
    wrong: "Talks with South Korea continued.",
    right: "Talks with the Republic of Korea continued.",
    example_date: "2021-09-24",
};

pub static ADJECTIVE: RuleInfo = RuleInfo {
    id: "country/adjective",
    severity: Severity::Warning,
    summary: "a wrongly formed adjective or demonym",
    explanation: "Adjectives and demonyms of countries are irregular: Qatari, not Qatarian; \
Pakistani, not Pakistanian; Filipino or Philippine, not Philippino. The fix is the correct form.",
    wrong: "The Qatarian delegation arrived on Monday.",
    right: "The Qatari delegation arrived on Monday.",
    example_date: "2021-09-24",
};

pub static RULES: &[&RuleInfo] = &[
    &MISSPELLED,
    &FORMER_NAME,
    &OFFICIAL_NAME,
    &STYLE,
    &ADJECTIVE,
];

/// Finds every country form once and decides, for each, between the country rules.
pub struct CountryCheck {
    index: SurfaceIndex,
    near: NearMiss,
    /// Built the first time a mention needs it: most documents never do.
    rare: OnceLock<Rare>,
}

/// What only rare mentions need: an unofficial long form, a former name used after the change.
struct Rare {
    long_forms: LongForms,
    /// Folded former names that also name a place ("Macedonia" the Greek region, "Ceylon"
    /// tea): reported only where they plainly mean the state.
    shared_former_names: FastSet<String>,
}

impl CountryCheck {
    pub fn new(registry: &Registry) -> CountryCheck {
        let index = SurfaceIndex::new(registry);
        CountryCheck {
            near: NearMiss::new(registry, &index),
            index,
            rare: OnceLock::new(),
        }
    }

    /// The rare mentions' indexes, for the registry the check was built for (the one every
    /// context of its engine carries).
    fn rare(&self, registry: &Registry) -> &Rare {
        self.rare.get_or_init(|| Rare {
            long_forms: LongForms::new(registry, &self.index),
            shared_former_names: shared_former_names(registry),
        })
    }
}

impl Check for CountryCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    /// Everything the country rules decide is decided within a paragraph: a name and what
    /// tells about it (its sentence, the words around it, the sentence's date) never reach
    /// past a blank line, so nothing is left for `decide`.
    fn scan(&self, cx: &Context, out: &mut Output) -> Option<Facts> {
        let mentions = self.index.mentions(cx.text);
        for mention in &mentions {
            self.check_mention(cx, mention, &mentions, out);
        }
        self.check_unknown_words(cx, &mentions, out);
        None
    }
}

impl CountryCheck {
    fn check_mention(&self, cx: &Context, m: &Mention, all: &[Mention], out: &mut Output) {
        let form = self.index.form(m.form);
        let written = &cx.text[m.span.clone()];
        if inside_an_address(cx.text, &m.span)
            || (form.acronym() && written.chars().any(char::is_lowercase))
            || (starts_lowercase(written) && inside_markup_like(cx.text, &m.span))
        {
            return;
        }
        let Some(entry) = form.entries.first() else {
            return;
        };
        let Some(id) = entry.country else {
            return; // a place: left alone
        };
        let country = cx.registry.country(id);
        match entry.role {
            Role::Place => {}
            Role::Name | Role::Adjective => self.check_correct_form(cx, m, &form, out),
            _ if country.political => out.annotate(m.span.clone(), Subject::Country(id)),
            Role::Former(i) | Role::FormerAdjective(i) => {
                self.check_former_name(cx, m, &form, id, i, all, out)
            }
            Role::Misspelling => {
                let fix = same_case(written, &misspelling::nearest_form(country, form.folded));
                out.push(
                    Finding::new(
                        &MISSPELLED,
                        m.span.clone(),
                        format!("'{written}' is a misspelling of '{fix}'"),
                    )
                    .with_fix(Fix::replace_with(fix))
                    .with_subject(Subject::Country(id)),
                );
            }
            Role::WrongAdjective => {
                let plural = form.folded.ends_with('s');
                let fixes = misspelling::adjectives_for(country, form.folded, plural);
                out.push(wrong_adjective(m.span.clone(), written, country, id, fixes));
            }
            Role::WrongOfficial => {
                out.push(wrong_official(m.span.clone(), written, country, id));
            }
        }
    }

    /// A correct name or adjective: its capitalisation, the long form around it, the house
    /// style; and an annotation for hovers.
    fn check_correct_form(&self, cx: &Context, m: &Mention, form: &Form, out: &mut Output) {
        let written = &cx.text[m.span.clone()];
        // Every form of a political grouping is accepted.
        let political = form.countries().any(|c| cx.registry.country(c).political);
        let fix = (!political)
            .then(|| self.capitalisation_fix(form, written))
            .flatten();
        if let (Some(fix), Some(country)) = (fix, form.countries().next()) {
            out.push(
                Finding::new(
                    &MISSPELLED,
                    m.span.clone(),
                    format!("'{written}' is a name: write '{fix}'"),
                )
                .with_fix(Fix::replace_with(fix))
                .with_subject(Subject::Country(country)),
            );
            return;
        }
        for c in form.countries() {
            out.annotate(m.span.clone(), Subject::Country(c));
        }
        let mut named = form.named();
        if let (Some(id), None) = (named.next(), named.next()) {
            self.check_long_form(cx, m, id, out);
        }
        self.check_style(cx, m, form, out);
    }

    /// "Republic of" + "Germany": a long form the state does not have.
    fn check_long_form(&self, cx: &Context, m: &Mention, id: CountryId, out: &mut Output) {
        let country = cx.registry.country(id);
        let Some(wrong) = long_form::unofficial(cx.text, m.span.clone(), country) else {
            return;
        };
        if self.rare(cx.registry).long_forms.knows(&wrong.phrase) {
            return;
        }
        let sentence = sentence_around(cx.text, wrong.span.start);
        let about_the_past = cx
            .sentence_date(wrong.span.start)
            .is_some_and(|(_, end)| end < cx.date.date);
        if about_the_past
            || cues::told_as_history(cx.text, &sentence, &wrong.span)
            || cues::hyphenated_history(cx.text, wrong.span.start)
        {
            return;
        }
        let written = &cx.text[wrong.span.clone()];
        out.push(wrong_official(wrong.span, written, country, id));
    }

    fn check_style(&self, cx: &Context, m: &Mention, form: &Form, out: &mut Output) {
        let style = cx.settings.style.as_str();
        let written = &cx.text[m.span.clone()];
        if style == "none" || !written.chars().next().is_some_and(char::is_uppercase) {
            return;
        }
        // The sentence's date is looked for only when a preference starts on a date: most
        // names have none.
        let date = std::cell::OnceCell::new();
        let date = || *date.get_or_init(|| cx.date_at(m.span.start).0);
        for id in form.named() {
            let preference = cx.registry.country(id).styles.iter().find(|p| {
                p.profile == style
                    && p.over.iter().any(|o| folds_to(o, form.folded))
                    && p.since.is_none_or(|since| since <= date())
            });
            if let Some(p) = preference {
                let fix = with_article(cx.text, m.span.start, &p.prefer);
                out.push(
                    Finding::new(
                        &STYLE,
                        m.span.clone(),
                        format!("the '{style}' style writes '{}', not '{written}'", p.prefer),
                    )
                    .with_fix(Fix::replace_with(fix))
                    .with_subject(Subject::Country(id)),
                );
                return;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_former_name(
        &self,
        cx: &Context,
        m: &Mention,
        form: &Form,
        id: CountryId,
        former: usize,
        all: &[Mention],
        out: &mut Output,
    ) {
        out.annotate(m.span.clone(), Subject::Country(id));
        let country = cx.registry.country(id);
        let Some(name) = country.former.get(former) else {
            return;
        };
        let (from, _) = cx.date_at(m.span.start);
        if from < name.until {
            return;
        }
        let sentence = sentence_around(cx.text, m.span.start);
        let quiet = cues::hyphenated_history(cx.text, m.span.start)
            || cues::told_as_history(cx.text, &sentence, &m.span)
            || cues::in_quotation(cx.text, &sentence, &m.span)
            || self.names_the_country_too(all, &sentence, id)
            || (self
                .rare(cx.registry)
                .shared_former_names
                .contains(form.folded)
                && !cues::means_the_state(cx.text, &sentence, &m.span));
        if quiet {
            return;
        }
        let written = &cx.text[m.span.clone()];
        let adjective = matches!(form.role(), Role::FormerAdjective(_));
        let current = if adjective {
            country.adjective()
        } else if form.folded.contains(" of ") {
            &country.official
        } else {
            &country.short
        };
        out.push(
            Finding::new(
                &FORMER_NAME,
                m.span.clone(),
                format!(
                    "'{written}' is a former name: the state is {} since {}",
                    country.short, name.until
                ),
            )
            .with_fix(Fix::replace_with(current))
            .with_subject(Subject::Country(id)),
        );
    }

    /// Whether the sentence also names the country by a present name ("Eswatini (formerly
    /// Swaziland)"): the old name is then told as history.
    fn names_the_country_too(
        &self,
        all: &[Mention],
        sentence: &Range<usize>,
        id: CountryId,
    ) -> bool {
        let first = all.partition_point(|m| m.span.start < sentence.start);
        all[first..]
            .iter()
            .take_while(|m| m.span.end <= sentence.end)
            .any(|m| {
                let form = self.index.form(m.form);
                form.role() == Role::Name && form.countries().any(|c| c == id)
            })
    }

    /// The right capitalisation of a name written with a small letter ("south korea" → "South
    /// Korea"), when the small letter is surely a mistake: not an English word ("china",
    /// "turkey"), not a headline's extra capitals, not a lone "south" before "Korea".
    fn capitalisation_fix(&self, form: &Form, written: &str) -> Option<String> {
        // Written as the registry writes it: the usual case, decided without comparing.
        if form.entries.iter().any(|e| form.spelling(e) == written) {
            return None;
        }
        let plain = comparable(written);
        if form
            .entries
            .iter()
            .any(|e| comparable(form.spelling(e)) == plain)
            || !written.chars().any(char::is_lowercase)
        {
            return None;
        }
        let lower = plain.to_lowercase();
        let spelling = form.spelling(
            form.entries
                .iter()
                .find(|e| comparable(form.spelling(e)).to_lowercase() == lower)
                .unwrap_or(&form.entries[0]),
        );
        let mut capitalised = 0;
        let mut lowered = Vec::new();
        for ((_, s), (_, w)) in words(spelling).zip(words(written)) {
            if s.chars().next().is_some_and(char::is_uppercase) {
                capitalised += 1;
                if w.chars().next().is_some_and(char::is_lowercase) {
                    lowered.push(fold(s));
                }
            }
        }
        let distinctive = lowered.iter().any(|w| !self.near.is_english(w));
        let all_lowered = capitalised >= 2 && lowered.len() == capitalised;
        (!lowered.is_empty() && (distinctive || all_lowered)).then(|| spelling.to_string())
    }

    /// Capitalised words that are no known form: typos of names, made-up adjectives.
    fn check_unknown_words(&self, cx: &Context, mentions: &[Mention], out: &mut Output) {
        let text = cx.text;
        let mut next_mention = 0;
        for (span, word) in capitalised_words(text) {
            while next_mention < mentions.len() && mentions[next_mention].span.end <= span.start {
                next_mention += 1;
            }
            let covered = mentions
                .get(next_mention)
                .is_some_and(|m| m.span.start < span.end);
            if covered {
                continue;
            }
            let neighbours = || Neighbours {
                before: word_before(text, span.start),
                after: words(&text[span.end..]).next().map(|(_, w)| w),
            };
            let known = Known {
                registry: cx.registry,
                forms: &self.index,
            };
            // Most words are told to be nothing here, cheaply.
            let Some(guess) = self.near.guess(known, word, neighbours) else {
                continue;
            };
            if inside_an_address(text, &span) {
                continue;
            }
            let sentence = sentence_around(text, span.start);
            if cues::looks_foreign(&text[sentence]) {
                continue;
            }
            out.push(match guess {
                Guess::Typo { country, fixes } => {
                    let mut f = Finding::new(
                        &MISSPELLED,
                        span,
                        format!("'{word}' looks like a misspelling of '{}'", fixes[0]),
                    )
                    .with_subject(Subject::Country(country));
                    for fix in fixes {
                        f = f.with_fix(Fix::replace_with(fix));
                    }
                    f
                }
                Guess::MadeUpAdjective { country, fixes } => {
                    let c = cx.registry.country(country);
                    wrong_adjective(span, word, c, country, fixes)
                }
            });
        }
    }
}

/// The words of `text` that start with a capital letter, as `words` cuts them: only these can
/// look like a name. Small letters and spaces, most of the text, are passed over byte by byte.
fn capitalised_words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            // An ASCII capital or the first byte of another character.
            at = swar::next_capital_or_other(bytes, at)?;
            let c = text.get(at..)?.chars().next()?;
            let inside_a_word = text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if !c.is_uppercase() || !c.is_alphanumeric() || inside_a_word {
                at += c.len_utf8();
                continue;
            }
            let span = index::next_word(text, at)?;
            at = span.end;
            return Some((span.clone(), &text[span]));
        }
    })
}

/// The word before `at`, as `words` cuts them.
fn word_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let (last, c) = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())?;
    let end = last + c.len_utf8();
    let start = before[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(end, |(i, _)| i);
    Some(&before[start..end])
}

fn wrong_adjective(
    span: Range<usize>,
    written: &str,
    country: &Country,
    id: CountryId,
    fixes: Vec<String>,
) -> Finding {
    let message = match fixes.first() {
        Some(fix) => format!(
            "'{written}' is not an adjective or demonym of {}: write '{fix}'",
            country.short
        ),
        None => format!(
            "'{written}' is not an adjective or demonym of {}",
            country.short
        ),
    };
    let mut f = Finding::new(&ADJECTIVE, span, message).with_subject(Subject::Country(id));
    for fix in fixes {
        f = f.with_fix(Fix::replace_with(same_case(written, &fix)));
    }
    f
}

fn wrong_official(span: Range<usize>, written: &str, country: &Country, id: CountryId) -> Finding {
    Finding::new(
        &OFFICIAL_NAME,
        span,
        format!(
            "'{written}' is not the official name of {}: it is '{}'",
            country.short, country.official
        ),
    )
    .with_fix(Fix::replace_with(country.official.clone()))
    .with_subject(Subject::Country(id))
}

/// Whether `s` folds to `folded`, compared without folding it when it is ASCII.
fn folds_to(s: &str, folded: &str) -> bool {
    if !s.is_ascii() {
        return fold(s) == folded;
    }
    s.len() == folded.len()
        && s.bytes()
            .zip(folded.bytes())
            .all(|(a, b)| fold_ascii(a) == b)
}

/// An ASCII byte folded as [`fold`] folds it: lower case, the backtick a straight apostrophe.
fn fold_ascii(b: u8) -> u8 {
    if b == b'`' {
        b'\''
    } else {
        b.to_ascii_lowercase()
    }
}

/// A name as compared for capitalisation: diacritics off, straight apostrophes, single spaces.
fn comparable(s: &str) -> String {
    let single_spaces = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_ascii() {
        return single_spaces(s); // no diacritics, no curly apostrophes
    }
    single_spaces(&strip_diacritics(s).replace(['’', '‘'], "'"))
}

/// The fix in capitals when the text was in capitals.
fn same_case(written: &str, fix: &str) -> String {
    if written.chars().any(char::is_alphabetic) && !written.chars().any(char::is_lowercase) {
        fix.to_uppercase()
    } else {
        fix.to_string()
    }
}

/// Whether a span is part of an address, handle, tag or file name ("@japan", "#India",
/// "un_japan", "japan.pdf"). The marks are ASCII: the bytes next to the span are compared.
fn inside_an_address(text: &str, span: &Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let before = span.start.checked_sub(1).and_then(|i| bytes.get(i));
    let after = bytes.get(span.end);
    let alphanumeric_before = |at: usize| {
        let c = text.get(..at).and_then(|t| t.chars().next_back());
        c.is_some_and(char::is_alphanumeric)
    };
    let alphanumeric_after = |at: usize| {
        let c = text.get(at..).and_then(|t| t.chars().next());
        c.is_some_and(char::is_alphanumeric)
    };
    matches!(before, Some(b'@' | b'#' | b'_' | b'/' | b'\\'))
        || matches!(after, Some(b'_' | b'@' | b'/' | b'\\'))
        || (before == Some(&b'.') && alphanumeric_before(span.start - 1))
        || (after == Some(&b'.') && alphanumeric_after(span.end + 1))
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a span is glued to the punctuation of an identifier, tag or option ("*russian*",
/// "spell-russian", "lang=russian", "\"chinese\""): a small letter there is no mistake of prose.
fn inside_markup_like(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let glue = |c: Option<char>| {
        c.is_some_and(|c| matches!(c, '*' | '|' | '`' | '=' | '<' | '>' | '-' | '#'))
    };
    let quoted = before.is_some_and(|b| matches!(b, '"' | '\'')) && before == after;
    glue(before) || glue(after) || quoted
}

/// A preferred long form with its article when the text has none: "talks with South Korea" →
/// "talks with the Republic of Korea".
fn with_article(text: &str, at: usize, prefer: &str) -> String {
    const NEEDS_THE: &[&str] = &[
        "Republic",
        "Kingdom",
        "Federation",
        "States",
        "Islands",
        "Union",
        "Emirates",
        "Netherlands",
        "Philippines",
        "Holy",
    ];
    let needs_the = words(prefer).any(|(_, w)| NEEDS_THE.contains(&w));
    let before = text[..at].trim_end();
    let has_the = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    if !needs_the || has_the {
        return prefer.to_string();
    }
    let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '\n']);
    if sentence_start {
        format!("The {prefer}")
    } else {
        format!("the {prefer}")
    }
}

/// Former names that also name a place of today, as the place-name list shows ("Macedonia" in
/// "Greek Macedonia", "Ceylon" in "Ceylon tea").
fn shared_former_names(registry: &Registry) -> FastSet<String> {
    let places: Vec<String> = word_list_entries("place-names")
        .map(|p| format!(" {} ", fold(p)))
        .collect();
    registry
        .countries
        .iter()
        .flat_map(|c| &c.former)
        .map(|f| fold(&f.name))
        .filter(|name| {
            let padded = format!(" {name} ");
            places.iter().any(|p| p.contains(&padded) && *p != padded)
        })
        .collect()
}
