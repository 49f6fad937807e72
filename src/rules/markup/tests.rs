use crate::config::Settings;
use crate::document::{DocKind, Document};
use crate::rules::testing::{assert_fires, assert_silent, engine, findings, first_fix};

const RULE: &str = "markup/residue";
const DATE: &str = "2021-09-24";

/// The residues of `text` read as a document of `kind`, as (text, first fix).
fn residues_in(kind: DocKind, text: &str) -> Vec<(String, Option<String>)> {
    let doc = Document::new(text.to_string(), kind);
    let date = Some(DATE.parse().unwrap());
    engine()
        .check(&doc, &Settings::default(), date, None)
        .diagnostics
        .into_iter()
        .filter(|d| d.finding.rule.id == RULE)
        .map(|d| {
            let fix = d.finding.fixes.first().map(|f| f.replacement.clone());
            (text[d.finding.span].to_string(), fix)
        })
        .collect()
}

fn fires(text: &str, expected: &str) {
    assert_fires(RULE, text, DATE, expected);
}

fn silent(text: &str) {
    assert_silent(RULE, text, DATE);
}

fn fix(text: &str) -> Option<String> {
    first_fix(RULE, text, DATE)
}

#[test]
fn a_comment_that_lost_its_angle_bracket_is_residue_in_every_kind() {
    let text = "!-- Google tag (gtag.js) -->\n\nJapan held talks.\n";
    fires(text, "!-- Google tag (gtag.js) -->");
    assert_eq!(fix(text).as_deref(), Some(""));
    for kind in [DocKind::Markdown, DocKind::Html] {
        let found = residues_in(kind, text);
        assert_eq!(found.len(), 1, "{kind:?}: {found:?}");
        assert_eq!(found[0].0, "!-- Google tag (gtag.js) -->");
    }
}

#[test]
fn broken_comments_across_lines_and_their_loose_ends() {
    fires(
        "!-- Global site tag\nfunction gtag() {}\n-->\nText.",
        "!-- Global site tag\nfunction gtag() {}\n-->",
    );
    fires("Text.\nEnd of tracking code -->\nMore.", "-->");
    fires("<!-- never closed\nText.", "<!-- never closed");
    assert_eq!(fix("<!-- never closed\nText."), None);
    // An arrow inside a sentence is not a comment end.
    silent("Tokyo --> Delhi --> Islamabad was the route.");
    silent("Wow!-- said nobody.");
}

#[test]
fn whole_comments_tags_and_entities_are_residue_in_plain_text_only() {
    fires("Talks began.<!-- x --> Then lunch.", "<!-- x -->");
    fires("The ministers met.<br>They agreed.", "<br>");
    assert_eq!(
        fix("The ministers met.<br>They agreed.").as_deref(),
        Some(" ")
    );
    fires("He said <b>no</b> to that.", "<b>");
    assert_eq!(fix("Pa<b>ris</b> hosted.").as_deref(), Some(""));
    fires(
        "<p class=\"lead\">Japan and India</p>",
        "<p class=\"lead\">",
    );
    fires("Talks in New York&nbsp;began.", "&nbsp;");
    assert_eq!(fix("Talks in New York&nbsp;began.").as_deref(), Some(" "));
    fires("He called it &quot;historic&quot;.", "&quot;");
    assert_eq!(fix("It is Japan&#8217;s turn.").as_deref(), Some("’"));
    fires("<!DOCTYPE html>\nText.", "<!DOCTYPE html>");
    let well_formed = "The <b>ministers</b> met.<br>\n<!-- note -->\nNew York&nbsp;talks.\n";
    for kind in [DocKind::Markdown, DocKind::Html] {
        assert!(
            residues_in(kind, well_formed).is_empty(),
            "{kind:?}: {:?}",
            residues_in(kind, well_formed)
        );
    }
}

#[test]
fn broken_tags_are_residue_in_every_kind() {
    fires("The statement ends here./div>", "/div>");
    fires("Text /span> more.", "/span>");
    fires("Readout <div class=\"entry\n", "<div class=\"entry");
    assert_eq!(fix("Readout <div class=\"entry\n"), None);
    for kind in [DocKind::Markdown, DocKind::Html] {
        let found = residues_in(kind, "The statement ends here./div>\n");
        assert_eq!(found.len(), 1, "{kind:?}: {found:?}");
    }
    // Comparisons, placeholders in angle brackets and paths are not tags.
    silent("Growth < 3% and > 1%; a <3 sign.");
    silent("and/or> see the annex");
    silent("See the files in /docs/ for more.");
}

#[test]
fn double_escaped_entities_are_residue_in_every_kind() {
    let text = "The ministers met in New York.&amp;nbsp;They agreed.";
    fires(text, "&amp;nbsp;");
    assert_eq!(fix(text).as_deref(), Some(" "));
    fires("He called it &amp;quot;historic&amp;quot;.", "&amp;quot;");
    assert_eq!(
        fix("He called it &amp;quot;historic").as_deref(),
        Some("\"")
    );
    assert_eq!(fix("AT&amp;amp;T").as_deref(), Some("&"));
    for kind in [DocKind::Markdown, DocKind::Html] {
        let found = residues_in(kind, text);
        assert_eq!(found.len(), 1, "{kind:?}: {found:?}");
        assert_eq!(found[0], ("&amp;nbsp;".to_string(), Some(" ".to_string())));
        // A single escape is the right way to write an ampersand there.
        assert!(residues_in(kind, "Research &amp; Development").is_empty());
        // Code is not prose.
        assert!(residues_in(DocKind::Markdown, "Write `&amp;nbsp;` for a space.").is_empty());
    }
    let escaped = "The text read &lt;br&gt; twice.";
    for kind in [DocKind::Markdown, DocKind::Html, DocKind::Plain] {
        let found = residues_in(kind, escaped);
        assert_eq!(found.len(), 1, "{kind:?}: {found:?}");
        assert_eq!(found[0].0, "&lt;br&gt;");
    }
}

#[test]
fn shortcodes_and_wiki_markup_are_residue() {
    let text = "[caption id=\"attachment_12\" align=\"alignnone\"]The ministers[/caption] met.";
    fires(text, "[caption id=\"attachment_12\" align=\"alignnone\"]");
    fires(text, "[/caption]");
    assert_eq!(fix(text).as_deref(), Some(""));
    fires("[gallery] Photos of the visit.", "[gallery]");
    fires("[vc_row][vc_column]Text[/vc_column][/vc_row]", "[vc_row]");
    fires("[embed] https://youtu.be/x [/embed]", "[/embed]");
    fires(
        "Photo: [[File:Suga and Modi.jpg|thumb|The leaders]] in Tokyo.",
        "[[File:Suga and Modi.jpg|thumb|The leaders]]",
    );
    assert_eq!(
        fix("He flew to [[Tokyo|the capital]] on Monday.").as_deref(),
        Some("the capital")
    );
    for kind in [DocKind::Markdown, DocKind::Html] {
        assert_eq!(residues_in(kind, text).len(), 2, "{kind:?}");
    }
}

#[test]
fn template_placeholders_are_residue() {
    fires(
        "Dear {{ambassador_name}}, thank you.",
        "{{ambassador_name}}",
    );
    fires("Dear {{ name }}, thank you.", "{{ name }}");
    assert_eq!(fix("Dear {{ name }}, thank you."), None);
    fires(
        "{% if minister %}The minister spoke.{% endif %}",
        "{% if minister %}",
    );
    fires("The Embassy of {COUNTRY} in Tokyo.", "{COUNTRY}");
    fires("Minister [NAME] met his counterpart.", "[NAME]");
    fires("The delegation of [COUNTRY] arrived.", "[COUNTRY]");
    fires("Signed in Tokyo on [DATE].", "[DATE]");
    fires("Dear [First Name],", "[First Name]");
    fires("Meeting with [AMBASSADOR NAME] today.", "[AMBASSADOR NAME]");
    fires("Dear [FIRST_NAME],", "[FIRST_NAME]");
    fires(
        "Talks with [insert name here] went well.",
        "[insert name here]",
    );
    fires("The meeting on XX September was cancelled.", "XX");
    fires("The meeting on September XX, 2021 was cancelled.", "XX");
    fires("The meeting of XX/XX/2021 was cancelled.", "XX/XX/2021");
    fires("The XXth session opened.", "XXth");
    fires("Japan pledged USD XX million.", "XX");
    fires("Elections are due in 20XX.", "20XX");
    fires("Lorem ipsum dolor sit amet.", "Lorem ipsum");
    for kind in [DocKind::Markdown, DocKind::Html] {
        assert_eq!(
            residues_in(kind, "Dear {{ambassador_name}} and [NAME].").len(),
            2,
            "{kind:?}"
        );
    }
}

#[test]
fn editorial_brackets_links_and_numerals_are_not_residue() {
    silent("He spoke of “connectivity, [and the] development of India’s North Eastern Region.”");
    silent("“We [the Quad] will deliver,” he said.");
    silent("“The [UN] Secretary-General was clear,” she said.");
    silent("He called it “a triumph [sic]” and left.");
    silent("“[He] was clear,” the spokesperson said.");
    silent("“The [Prime] Minister agreed [emphasis added].”");
    silent("“[The Minister] welcomed it,” he said.");
    silent("He said “[...] we will act.”");
    silent("See [the readout](https://example.org/readout) for details.");
    silent("Footnote [1] and [12] apply.");
    silent("World War II and the XX Olympic Winter Games; Pope Pius XII.");
    silent("The sets {1, 2} and {a, b} in the annex.");
    silent("Ratio x:y and the XXL size.");
    assert!(
        residues_in(
            DocKind::Markdown,
            "See [the readout](https://example.org/r)."
        )
        .is_empty()
    );
}

#[test]
fn the_rules_own_examples_hold() {
    fires(super::RESIDUE.wrong, "&amp;nbsp;");
    silent(super::RESIDUE.right);
    assert_eq!(findings(RULE, super::RESIDUE.right, DATE), vec![]);
}

/// Odd inputs made of the pieces the detectors look for never make a check panic.
#[test]
fn arbitrary_pieces_never_panic() {
    const PIECES: &[&str] = &[
        "<",
        ">",
        "!--",
        "-->",
        "<!--",
        "/",
        "div",
        "br",
        "&",
        "amp;",
        "&amp;",
        "nbsp;",
        "&lt;",
        "&gt;",
        "#8217;",
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "}",
        "{{",
        "%",
        "(",
        ")",
        "’",
        "'",
        "é",
        "中文",
        "X",
        "XX",
        "xx",
        "U.S.",
        "UN",
        "UNGA",
        "NGOs",
        "PM",
        "II",
        " ",
        "\n",
        "\r\n",
        ";",
        ",",
        ".",
        ":",
        "-",
        "—",
        "caption id=1",
        "NAME",
        "Mr.",
        "SUGA",
        "Yoshihide",
        "6",
        "September",
        "2021",
        "United Nations Security Council",
        "SOURCE:",
        "\u{feff}",
        "`",
        "*",
        "_",
        "#",
        "|",
        "\"",
        "“",
        "”",
        "s",
        "lorem ipsum",
        "=",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for round in 0..1500 {
        let len = 1 + next(40);
        let text: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        let kind = [DocKind::Plain, DocKind::Markdown, DocKind::Html][round % 3];
        let doc = Document::new(text, kind);
        let report = engine().check(
            &doc,
            &Settings::default(),
            Some(DATE.parse().unwrap()),
            None,
        );
        for d in report.diagnostics {
            assert!(doc.source.is_char_boundary(d.finding.span.start));
            assert!(doc.source.is_char_boundary(d.finding.span.end));
        }
    }
}

#[test]
fn a_comment_cut_by_a_blank_line_is_reported_in_its_two_paragraphs() {
    // Removing "!-- ... -->" across the blank line would take the paragraph between with it:
    // each end is reported where it is, and the prose between them is left alone.
    let text = "!-- Google tag\n\nThe ministers met.\n\nend of tag -->\n";
    let found = residues_in(DocKind::Plain, text);
    let spans: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(spans, ["!-- Google tag", "-->"], "{found:?}");
}

#[test]
fn residues_are_found_in_every_paragraph_at_their_document_offsets() {
    let text = "Talks began.&amp;nbsp;\n\nThe meeting on XX September.\n\n[caption id=\"1\"]\n";
    let found = residues_in(DocKind::Markdown, text);
    let spans: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(spans, ["&amp;nbsp;", "XX", "[caption id=\"1\"]"]);
}

#[test]
fn checking_again_after_edits_gives_what_a_fresh_check_gives() {
    let text = "Talks began.<br>Then lunch.\n\nOn XX September [NAME] met [[Tokyo|the capital]].\n\n\
                    !-- tag -->\n\nLorem ipsum dolor.\n";
    let edits: &[(&str, &str)] = &[
        ("XX September", "3 September"),
        ("Lorem ipsum", "Text"),
        ("began.<br>Then", "began.\n\n<br>Then"),
        ("!-- tag -->", "!-- tag\n\n-->"),
        ("!-- tag\n\n-->", "!-- tag -->"),
        ("Talks", "&amp;nbsp;Talks"),
    ];
    for kind in [DocKind::Plain, DocKind::Markdown] {
        let date = Some(DATE.parse().unwrap());
        crate::rules::testing::assert_rechecks_alike(text, kind, &Settings::default(), date, edits);
    }
}
