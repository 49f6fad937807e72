//! Markdown: front matter, code blocks and spans, HTML comments and tags, link targets, images,
//! emphasis markers, heading, quote and list markers and table pipes are set aside. Table cells
//! stay as prose, each ending a sentence.

use super::FrontMatterDate;
use super::html::markup_end;
use super::mask::{self, FirstOf, Masked};
use super::resume::{Checkpoint, Track};
use std::ops::Range;

/// Reads a whole Markdown document; returns from where on an edit leaves the front matter as
/// it is (see `Resume::settled_from`).
pub(super) fn set_aside(source: &str, masked: &mut Masked, track: &mut Track) -> usize {
    let (body_start, settled_from) = front_matter(source, masked);
    let start = Checkpoint::at(body_start);
    track.record(start);
    read_body(source, masked, start, track);
    settled_from
}

/// The state of the line reader between lines.
struct Lines {
    /// The open fence: its character and length.
    fence: Option<(u8, usize)>,
    prev_blank: bool,
    in_list: bool,
    /// Where the prose block being read started.
    block_start: Option<usize>,
}

/// Reads the body from a checkpoint to the end, or to a checkpoint where `track` says the rest
/// reads as before; returns where it stopped.
pub(super) fn read_body(
    source: &str,
    masked: &mut Masked,
    from: Checkpoint,
    track: &mut Track,
) -> usize {
    let mut state = Lines {
        fence: None,
        prev_blank: true,
        in_list: from.in_list,
        block_start: None,
    };
    let mut lines = LineRanges::new(source, from.at);
    // The line before: a table's header when this one is its delimiter row. At a checkpoint it
    // is a blank line, which has no cells, as if there were none.
    let mut previous: Option<Range<usize>> = None;
    // Whether this line starts after a blank line outside any fence: a checkpoint.
    let mut after_blank = false;
    while let Some(line) = lines.next() {
        if after_blank
            && track.at_checkpoint(Checkpoint {
                at: line.start,
                in_list: state.in_list,
            })
        {
            return line.start;
        }
        let header = previous.replace(line.clone());
        after_blank = read_line(source, masked, &mut state, line, header, &lines);
    }
    close_block(source, &mut state.block_start, source.len(), masked);
    source.len()
}

/// Reads one line of the body; true when it is a blank line outside any fence. `rows` are the
/// lines after it (a table's rows when this line is a delimiter row).
fn read_line(
    source: &str,
    masked: &mut Masked,
    state: &mut Lines,
    line: Range<usize>,
    header: Option<Range<usize>>,
    rows: &LineRanges,
) -> bool {
    let text = &source[line.clone()];
    let trimmed = text.trim_start();
    let indent = text.len() - trimmed.len();
    if let Some((ch, len)) = state.fence {
        masked.blank(line.clone());
        let closing = trimmed.bytes().take_while(|&b| b == ch).count();
        if closing >= len && trimmed[closing..].trim().is_empty() {
            state.fence = None;
        }
        return false;
    }
    let fence_len = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
    if indent < 4 && (fence_len(b'`') >= 3 || fence_len(b'~') >= 3) {
        let ch = trimmed.as_bytes()[0];
        close_block(source, &mut state.block_start, line.start, masked);
        state.fence = Some((ch, fence_len(ch)));
        masked.blank(line.clone());
        return false;
    }
    if trimmed.is_empty() {
        close_block(source, &mut state.block_start, line.start, masked);
        state.prev_blank = true;
        return true;
    }
    let indented_code =
        (indent >= 4 || text.starts_with('\t')) && state.prev_blank && !state.in_list;
    if indented_code {
        close_block(source, &mut state.block_start, line.start, masked);
        masked.blank(line.clone());
        return false;
    }
    if indent < 4 && list_marker_len(trimmed).is_some() {
        state.in_list = true;
    } else if state.prev_blank && indent == 0 {
        state.in_list = false;
    }
    state.prev_blank = false;
    state.block_start.get_or_insert(line.start);
    line_markers(source, line.clone(), masked);
    if is_table_delimiter(trimmed) {
        masked.blank(line.clone());
        if let Some(header) = header {
            break_pipes(source, header, masked);
        }
        for row in rows.clone() {
            if !source[row.clone()].contains('|') {
                break;
            }
            break_pipes(source, row, masked);
        }
    }
    false
}

/// Ends the prose block being read, if any, at `end`, and reads its inline markup. A block's
/// bytes are not touched by the lines after it, so this may run as soon as it ends.
fn close_block(source: &str, start: &mut Option<usize>, end: usize, masked: &mut Masked) {
    if let Some(s) = start.take() {
        inline(source, s..end, masked);
    }
}

/// The lines from an offset on, each without its terminator: `\n`, `\r\n` or a lone `\r`, as
/// the SPEC counts lines (a heading after a lone `\r` is a heading).
#[derive(Clone)]
struct LineRanges<'s> {
    bytes: &'s [u8],
    at: usize,
}

impl<'s> LineRanges<'s> {
    fn new(source: &'s str, from: usize) -> LineRanges<'s> {
        LineRanges {
            bytes: source.as_bytes(),
            at: from,
        }
    }
}

impl Iterator for LineRanges<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        let rest = self.bytes.get(start..).filter(|r| !r.is_empty())?;
        let Some(p) = memchr::memchr2(b'\n', b'\r', rest) else {
            self.at = self.bytes.len();
            return Some(start..self.bytes.len());
        };
        let end = start + p;
        let crlf = rest[p] == b'\r' && rest.get(p + 1) == Some(&b'\n');
        self.at = end + if crlf { 2 } else { 1 };
        Some(start..end)
    }
}

/// Blanks YAML (`---`) or TOML (`+++`) front matter and reads its `date:`; returns where the
/// body starts, and from where on an edit cannot change that (once the line that decides it
/// and its line break are behind; never while front matter is still open).
fn front_matter(source: &str, masked: &mut Masked) -> (usize, usize) {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &source[start..];
    let first_end = memchr::memchr(b'\n', rest.as_bytes()).map(|p| p + 1);
    // Without front matter, only the first line and its line break decide that there is none.
    let no_front_matter = (start, first_end.map_or(usize::MAX, |e| start + e));
    let delim = if rest.starts_with("---") {
        "---"
    } else if rest.starts_with("+++") {
        "+++"
    } else {
        return no_front_matter;
    };
    let first_end = first_end.unwrap_or(rest.len());
    if rest[..first_end].trim_end() != delim {
        return no_front_matter;
    }
    let mut offset = start + first_end;
    for line in source[offset..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_end() == delim || (delim == "---" && content.trim_end() == "...") {
            let end = offset + line.len();
            masked.blank(start..end);
            let settled = if line.ends_with('\n') {
                end
            } else {
                usize::MAX
            };
            return (end, settled);
        }
        if let Some(value) = content
            .strip_prefix("date:")
            .or_else(|| content.strip_prefix("date ="))
        {
            let value_start = offset + content.len() - value.len();
            let trimmed = value.trim();
            let lead = value.len() - value.trim_start().len();
            // Quotes are stripped at each end on their own: `"2021-09-24` has one.
            let after_open = trimmed.trim_start_matches(['"', '\'']);
            let unquoted = after_open.trim_end_matches(['"', '\'']);
            let s = value_start + lead + (trimmed.len() - after_open.len());
            masked.front_matter_date = Some(FrontMatterDate {
                value: unquoted.to_string(),
                span: s..s + unquoted.len(),
            });
        }
        offset += line.len();
    }
    // No closing delimiter: not front matter after all, until an edit closes it.
    masked.front_matter_date = None;
    (start, usize::MAX)
}

fn list_marker_len(trimmed: &str) -> Option<usize> {
    let b = trimmed.as_bytes();
    match b.first()? {
        b'-' | b'*' | b'+' if b.get(1).is_none_or(|c| *c == b' ' || *c == b'\t') => Some(1),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            let after = b.get(digits)?;
            let ok = digits <= 9
                && matches!(after, b'.' | b')')
                && b.get(digits + 1).is_none_or(|c| *c == b' ' || *c == b'\t');
            ok.then_some(digits + 1)
        }
        _ => None,
    }
}

/// Blanks block markers at the start of a line: quotes, headings, list markers, rules.
fn line_markers(source: &str, line: Range<usize>, masked: &mut Masked) {
    let text = &source[line.clone()];
    let mut pos = 0;
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        if let Some(after) = trimmed.strip_prefix('>') {
            masked.blank(line.start + pos..line.start + pos + 1);
            pos += trimmed.len() - after.len();
            continue;
        }
        break;
    }
    let rest = &text[pos..];
    if is_thematic_break(rest) {
        masked.blank(line.start + pos..line.end);
        return;
    }
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && rest[hashes..].starts_with([' ', '\t']) {
        masked.blank(line.start + pos..line.start + pos + hashes);
        let trail = rest.trim_end();
        let closing = trail.len() - trail.trim_end_matches('#').len();
        if closing > 0
            && closing < trail.len() - hashes
            && trail[..trail.len() - closing].ends_with(' ')
        {
            masked.blank(line.start + pos + trail.len() - closing..line.start + pos + trail.len());
        }
        return;
    }
    if let Some(len) = list_marker_len(rest) {
        masked.blank(line.start + pos..line.start + pos + len);
        // Task list box.
        let after = rest[len..].trim_start();
        if after.starts_with("[ ]") || after.starts_with("[x]") || after.starts_with("[X]") {
            let at = line.start + pos + len + (rest[len..].len() - after.len());
            masked.blank(at..at + 3);
        }
    }
}

fn is_table_delimiter(trimmed: &str) -> bool {
    let t = trimmed.trim_end();
    // The test on every byte first: it ends at the first letter of an ordinary line.
    t.bytes()
        .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
        && t.contains('-')
        && t.contains(['|', ':'])
        && t.split('|')
            .filter(|c| !c.trim().is_empty())
            .all(|c| !c.trim().trim_matches(':').is_empty())
}

fn break_pipes(source: &str, row: Range<usize>, masked: &mut Masked) {
    for (i, b) in source[row.clone()].bytes().enumerate() {
        if b == b'|' && (i == 0 || source.as_bytes()[row.start + i - 1] != b'\\') {
            masked.break_at(row.start + i);
        }
    }
}

/// How deep links nest inside link labels before the inner ones are left as text: real
/// documents nest one or two; ten thousand would overflow the stack.
const MAX_LINK_NESTING: usize = 32;

/// Where inline markup may start: the bytes the loop of `inline_nested` looks at.
fn inline_starts(bytes: &[u8], from: usize) -> FirstOf<'_, 3> {
    FirstOf::new(
        bytes,
        from,
        [
            |b| memchr::memchr3(b'`', b'<', b'[', b),
            |b| memchr::memchr3(b'\\', b'*', b'_', b),
            |b| memchr::memchr2(b'!', b'~', b),
        ],
    )
}

/// Inline markup of one prose block (a paragraph, a heading, a table).
fn inline(source: &str, block: Range<usize>, masked: &mut Masked) {
    inline_nested(source, block, masked, 0);
}

fn inline_nested(source: &str, block: Range<usize>, masked: &mut Masked, depth: usize) {
    let bytes = source.as_bytes();
    let end = block.end;
    let mut i = block.start;
    let mut text_runs: Vec<Range<usize>> = Vec::new();
    let mut run_start = i;
    let mut no_comment_end_from = usize::MAX;
    // Most bytes are none of the ones inline markup starts with: go from one of those to the next.
    let mut starts = inline_starts(&bytes[..end], i);
    while let Some(at) = starts.at_or_after(i) {
        i = at;
        let b = bytes[i];
        let consumed = match b {
            b'`' => match code_span(source, i, end) {
                Some(after) => Some(after),
                None => {
                    // An unmatched run of backticks is literal text, all of it.
                    i += bytes[i..end].iter().take_while(|&&b| b == b'`').count();
                    continue;
                }
            },
            b'<' => markup_end(source, i, end, &mut no_comment_end_from)
                .filter(|&e| e <= end)
                .inspect(|&e| {
                    if let Some(body) = source[i..e]
                        .strip_prefix("<!--")
                        .and_then(|t| t.strip_suffix("-->"))
                        && let Some(d) = mask::parse_directive(body, i..e)
                    {
                        masked.directives.push(d);
                    }
                })
                .or_else(|| autolink(source, i, end)),
            b'!' if bytes.get(i + 1) == Some(&b'[') => link(source, i + 1, end)
                .map(|(_, after)| after)
                .filter(|_| true),
            b'[' if depth >= MAX_LINK_NESTING => None,
            b'[' => match link(source, i, end) {
                Some((label_end, after)) => {
                    // Keep the label as prose, blank the brackets and the target.
                    masked.blank(i..i + 1);
                    masked.blank(label_end..after);
                    text_runs.push(run_start..i);
                    inline_nested(source, i + 1..label_end, masked, depth + 1);
                    i = after;
                    run_start = after;
                    continue;
                }
                None => None,
            },
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                masked.blank(i..i + 1);
                i += 2;
                continue;
            }
            b'*' => {
                masked.blank(i..i + 1);
                i += 1;
                continue;
            }
            b'~' if bytes.get(i + 1) == Some(&b'~') => {
                masked.blank(i..i + 2);
                i += 2;
                continue;
            }
            b'_' => {
                let before = i.checked_sub(1).map(|p| bytes[p]);
                let after = bytes.get(i + 1).copied();
                let inside_word = before.is_some_and(|c| c.is_ascii_alphanumeric())
                    && after.is_some_and(|c| c.is_ascii_alphanumeric());
                if !inside_word {
                    masked.blank(i..i + 1);
                }
                i += 1;
                continue;
            }
            _ => None,
        };
        match consumed {
            Some(after) => {
                text_runs.push(run_start..i);
                masked.blank(i..after);
                i = after;
                run_start = after;
            }
            None => i += 1,
        }
    }
    text_runs.push(run_start..end);
    for run in text_runs {
        if !run.is_empty() {
            mask::decode_entities(source, run.clone(), masked);
            mask::blank_urls_and_emails(source, run, masked);
        }
    }
}

fn code_span(source: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let n = bytes[start..end].iter().take_while(|&&b| b == b'`').count();
    let mut i = start + n;
    while i < end {
        if bytes[i] == b'`' {
            let run = bytes[i..end].iter().take_while(|&&b| b == b'`').count();
            if run == n {
                return Some(i + run);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

fn autolink(source: &str, start: usize, end: usize) -> Option<usize> {
    let end = crate::document::position::floor_char_boundary(source, end.min(start + 2048));
    let rest = &source[start + 1..end];
    let close = rest.find('>')?;
    let inner = &rest[..close];
    let looks = (inner.starts_with("http://")
        || inner.starts_with("https://")
        || inner.starts_with("mailto:")
        || (inner.contains('@') && !inner.contains(' ')))
        && !inner.contains(char::is_whitespace);
    looks.then_some(start + 1 + close + 1)
}

/// A link or image starting at `[`: the end of its label and the end of its target.
fn link(source: &str, open: usize, end: usize) -> Option<(usize, usize)> {
    // Labels and targets longer than this are not links: keeps a line of a million `[` linear.
    const MAX_LINK_LEN: usize = 2048;
    let end = end.min(open + MAX_LINK_LEN);
    let bytes = source.as_bytes();
    // A fast look for any `]` first: a run of `[` without one costs a memchr, not a walk.
    memchr::memchr(b']', &bytes[open..end])?;
    let mut depth = 0usize;
    let mut i = open;
    let label_end = loop {
        if i >= end {
            return None;
        }
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
            }
            _ => {}
        }
        i += 1;
    };
    match bytes.get(label_end + 1) {
        Some(b'(') => {
            let mut depth = 0usize;
            let mut j = label_end + 1;
            while j < end {
                match bytes[j] {
                    b'\\' => j += 1,
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((label_end, j + 1));
                        }
                    }
                    b'\n' if bytes.get(j + 1) == Some(&b'\n') => return None,
                    _ => {}
                }
                j += 1;
            }
            None
        }
        Some(b'[') => {
            let close = source[label_end + 2..end].find(']')?;
            let target = &source[label_end + 2..label_end + 2 + close];
            (!target.contains('\n')).then_some((label_end, label_end + 2 + close + 1))
        }
        Some(b':') if open == 0 || bytes[open - 1] == b'\n' => {
            let line_end = source[label_end..end]
                .find('\n')
                .map_or(end, |p| label_end + p);
            Some((label_end, line_end))
        }
        _ => None,
    }
}

/// Whether a line is three or more of one of `-`, `*`, `_`, `=` and nothing else but spaces
/// (a thematic break, or a setext underline).
fn is_thematic_break(rest: &str) -> bool {
    let mut marks = rest.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    if !matches!(first, '-' | '*' | '_' | '=') {
        return false;
    }
    let mut count = 1;
    for c in marks {
        if c != first {
            return false;
        }
        count += 1;
    }
    count >= 3
}

#[cfg(test)]
mod tests {
    use crate::document::{DocKind, Document};

    fn prose(src: &str) -> String {
        let doc = Document::new(src.to_string(), DocKind::Markdown);
        assert_eq!(doc.prose.len(), src.len());
        doc.prose
    }

    #[test]
    fn front_matter_is_set_aside_and_its_date_read() {
        let src = "---\nsource: https://x\ndate: \"2021-02-08\"\n---\n\nText.";
        let doc = Document::new(src.to_string(), DocKind::Markdown);
        let date = doc.front_matter_date.unwrap();
        assert_eq!(date.value, "2021-02-08");
        assert_eq!(&src[date.span], "2021-02-08");
        assert_eq!(doc.prose.trim(), "Text.");
    }

    #[test]
    fn front_matter_date_span_is_the_value_whatever_the_quotes() {
        // Found by fuzzing: an unbalanced quote shifted the span, which then split the 'é'.
        for value in [
            "\"2099-01-01é",
            "2099-01-01é\"",
            "'2099-01-01é\"\"",
            "\"é",
            "\"",
        ] {
            let src = format!("---\ndate: {value}\n---\n\nText.\n");
            let doc = Document::new(src.clone(), DocKind::Markdown);
            let date = doc.front_matter_date.unwrap();
            assert_eq!(&src[date.span], date.value, "{value}");
        }
    }

    #[test]
    fn code_blocks_and_spans_are_set_aside() {
        let p = prose(
            "Before\n\n```\nPhillipines\n```\n\nAn `Azerbaijian` word.\n\n    indented Swaziland\n",
        );
        assert!(!p.contains("Phillipines"));
        assert!(!p.contains("Azerbaijian"));
        assert!(!p.contains("Swaziland"));
        assert!(p.contains("An"));
    }

    #[test]
    fn links_keep_their_label_and_lose_their_target() {
        let p = prose(
            "Met [Prime Minister Suga](https://kantei.go.jp/x) and ![logo](a.png) [ref][1].\n\n[1]: https://example.org\n",
        );
        assert!(p.contains("Prime Minister Suga"));
        assert!(!p.contains("kantei"));
        assert!(!p.contains("logo"));
        assert!(p.contains("ref"));
        assert!(!p.contains("example"));
    }

    #[test]
    fn links_nested_ten_thousand_deep_do_not_overflow_the_stack() {
        let src = format!("{}Suga{}\n", "[".repeat(10_000), "](u)".repeat(10_000));
        let p = prose(&src);
        assert!(p.contains("Suga"));
        let shallow = prose("[[Suga](a)](b)");
        assert_eq!(shallow.trim(), "Suga");
    }

    #[test]
    fn a_lone_cr_ends_a_line() {
        let p = prose("Intro\r# Heading\r- item\r\n> quote\rText");
        assert!(!p.contains('#'), "{p:?}");
        assert!(!p.contains('-'), "{p:?}");
        assert!(!p.contains('>'), "{p:?}");
        assert!(p.contains("Heading") && p.contains("item") && p.contains("quote"));
    }

    #[test]
    fn editorial_brackets_stay() {
        let p = prose("“development of [and the] region”");
        assert!(p.contains("[and the]"));
    }

    #[test]
    fn headings_lists_emphasis_and_comments() {
        let p = prose(
            "# Title #\n\n- **Bold** item\n1. _first_\n> quoted\n<!-- diplint-disable -->\nsnake_case\n",
        );
        assert!(!p.contains('#'));
        assert!(!p.contains('*'));
        assert!(!p.contains("- "));
        assert!(!p.contains("1."));
        assert!(!p.contains('>'));
        assert!(!p.contains("diplint"));
        assert!(p.contains("snake_case"));
        assert!(p.contains("first"));
    }

    #[test]
    fn table_cells_are_prose_separated() {
        let src = "| Country | Leader |\n|---|---|\n| Japan | Suga |\n";
        let p = prose(src);
        assert!(p.contains(" Country "));
        assert!(p.contains(" Japan \n Suga "));
        assert!(!p.contains("---"));
    }

    #[test]
    fn pathological_markup_stays_linear() {
        for unit in ["[", "<!--", "<a x=\"", "``", "<", "![", "[a](", "&"] {
            let src = unit.repeat(200_000 / unit.len());
            // Quadratic handling of any of these would not finish: 200,000² steps.
            let p = prose(&src);
            assert_eq!(p.len(), src.len());
        }
    }

    #[test]
    fn comments_in_markdown_are_directives() {
        let src = "Text <!-- diplint-disable-line date/format --> more\n";
        let doc = Document::new(src.to_string(), DocKind::Markdown);
        assert_eq!(doc.directives.len(), 1);
        assert_eq!(doc.directives[0].rules, vec!["date/format"]);
    }
}
