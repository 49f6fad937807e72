//! One run of each fuzz target on one input. The fuzz targets (`fuzz/fuzz_targets/`) call these,
//! and `tests/fuzz_regressions.rs` replays the inputs that once failed through them, so a crash
//! found by fuzzing stays a test of `cargo test`.

use diplint::Engine;
use diplint::config::{DateFormat, Settings};
use diplint::document::{self, DocKind, Document, date::document_date};
use diplint::registry::Registry;
use diplint::rules::date::{self as dates, parse};
use jiff::civil::Date;
use std::path::Path;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Registry::embedded()));

/// A file name with a date keeps the outcome independent of the day the input is run.
const DATED_NAME: &str = "2021-09-24-report.md";

fn kind_of(selector: u8) -> DocKind {
    match selector % 3 {
        0 => DocKind::Markdown,
        1 => DocKind::Html,
        _ => DocKind::Plain,
    }
}

/// The document model on any bytes: decoding, setting markup aside, the document date and
/// position conversions. The first byte picks the kind of document.
pub fn document(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    // What the command line does with a file's bytes; invalid text is refused, not checked.
    let Ok(text) = document::decode(bytes.to_vec()) else {
        return;
    };
    let doc = Document::new(text, kind_of(selector));
    super::assert_document(&doc);
    let date = document_date(&doc, None, None, Some(Path::new(DATED_NAME)));
    if let Some(span) = &date.span {
        super::assert_span(&doc.source, span, "document date");
    }
    if doc.source.len() <= 2048 {
        super::assert_positions_round_trip(&doc);
    }
}

/// The date finder and the single-date parser on any text. The first two bytes pick the
/// document date, between 1970 and 2057.
pub fn dates(data: &[u8]) {
    let [low, high, ref rest @ ..] = *data else {
        return;
    };
    let days = i64::from(u16::from_le_bytes([low, high]) % 32_000);
    let document_date = jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(jiff::civil::date(2021, 9, 24));
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    for mention in dates::find_dates(text, document_date) {
        super::assert_span(text, &mention.span, "date mention");
        assert!(mention.start <= mention.end, "{mention:?} runs backwards");
    }
    if let Some(loose) = parse::parse_loose(text) {
        let _: Option<Date> = loose.resolve(document_date);
    }
    let _ = parse::parse_iso(text);
    for word in text.split_whitespace().take(64) {
        let _ = parse::month_from_word(word);
        let _ = parse::weekday_from_word(word);
    }
}

const STYLES: [&str; 4] = ["none", "un", "eu", "ap"];
const FORMATS: [DateFormat; 4] = [
    DateFormat::Any,
    DateFormat::Dmy,
    DateFormat::Mdy,
    DateFormat::Iso,
];

/// The whole engine on any text, with the embedded registry: every check (the country, person,
/// title, acronym and markup mention finders, the date rules). The first byte picks the kind of
/// document, the style profile and the date format; the second the document date (one in every
/// three months from 2015 to 2030), or 0 to let the document date itself.
pub fn engine(data: &[u8]) {
    let [selector, day, ref rest @ ..] = *data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let settings = Settings {
        style: STYLES[usize::from(selector / 3 % 4)].to_string(),
        date_format: FORMATS[usize::from(selector / 12 % 4)],
        ..Settings::default()
    };
    let date = (day != 0).then(|| {
        let months = i64::from(day % 64) * 3;
        jiff::civil::date(2015, 1, 15)
            .checked_add(jiff::Span::new().months(months))
            .unwrap_or(jiff::civil::date(2021, 9, 24))
    });
    let doc = Document::new(text.to_string(), kind_of(selector));
    let report = ENGINE.check(&doc, &settings, date, Some(Path::new(DATED_NAME)));
    super::assert_report(&doc, &report);
}

/// The language server on a scripted session: after `initialize` and a `didOpen`, each byte of
/// the input picks the next message (an incremental or full edit, a request at some position,
/// a cancellation, an edit to an unopened document or with a stale version, a configuration
/// change, raw bytes, `shutdown`, `exit`), and the bytes after it its parameters and text.
/// Then the input ends, as when a client disappears. Nothing may panic (libFuzzer aborts on
/// any panic, even one the server's tasks would catch) and the session must end.
pub fn lsp(data: &[u8]) {
    let script = lsp_script::Script::new(data).build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // The cheap checks only: building every check's indexes for each session would make a
    // few sessions a second; the rules themselves are the `engine` target's.
    let engine_factory: diplint::lsp::EngineFactory = std::sync::Arc::new(|registry| {
        let checks: Vec<Box<dyn diplint::rules::Check>> = vec![
            Box::new(diplint::rules::date::DateCheck::new(&registry)),
            Box::new(diplint::rules::markup::MarkupCheck::new(&registry)),
            Box::new(diplint::rules::registry_stale::StaleCheck),
        ];
        Engine::with_checks(registry, checks)
    });
    let options = diplint::lsp::Options {
        debounce: std::time::Duration::ZERO,
        engine_factory,
    };
    let input = std::io::Cursor::new(script);
    runtime.block_on(diplint::lsp::serve(input, tokio::io::sink(), options));
}

mod lsp_script {
    use serde_json::{Value, json};

    const URIS: [&str; 3] = [
        "file:///fuzz/report.md",
        "file:///fuzz/page.html",
        "file:///fuzz/never-opened.txt",
    ];
    const LANGUAGES: [&str; 4] = ["markdown", "html", "plaintext", "diplint-unknown"];

    /// Reads the fuzz input as a script and writes the framed messages it stands for.
    pub struct Script<'a> {
        data: &'a [u8],
        out: Vec<u8>,
        next_id: i64,
        versions: [i64; 3],
    }

    impl<'a> Script<'a> {
        pub fn new(data: &'a [u8]) -> Script<'a> {
            Script {
                data,
                out: Vec::new(),
                next_id: 0,
                versions: [1; 3],
            }
        }

        fn byte(&mut self) -> u8 {
            let Some((&b, rest)) = self.data.split_first() else {
                return 0;
            };
            self.data = rest;
            b
        }

        /// Text of a length given by the next byte, made valid UTF-8 (it travels in JSON).
        fn text(&mut self) -> String {
            let len = usize::from(self.byte()).min(self.data.len());
            let (text, rest) = self.data.split_at(len);
            self.data = rest;
            String::from_utf8_lossy(text).into_owned()
        }

        /// A position near the text, now and then far outside it.
        fn position(&mut self) -> Value {
            let (line, character) = match self.byte() {
                255 => (u32::MAX, u32::MAX),
                254 => (0, u32::MAX),
                b => (u32::from(b % 8), u32::from(self.byte())),
            };
            json!({"line": line, "character": character})
        }

        fn range(&mut self) -> Value {
            json!({"start": self.position(), "end": self.position()})
        }

        fn document(&mut self) -> (usize, &'static str) {
            let i = usize::from(self.byte()) % URIS.len();
            (i, URIS[i])
        }

        fn frame(&mut self, body: &[u8]) {
            self.out
                .extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            self.out.extend_from_slice(body);
        }

        fn notify(&mut self, method: &str, params: Value) {
            let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
            self.frame(message.to_string().as_bytes());
        }

        fn request(&mut self, method: &str, params: Value) {
            self.next_id += 1;
            let message =
                json!({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params});
            self.frame(message.to_string().as_bytes());
        }

        fn at(&mut self, method: &str) {
            let (_, uri) = self.document();
            let position = self.position();
            self.request(
                method,
                json!({"textDocument": {"uri": uri}, "position": position}),
            );
        }

        pub fn build(mut self) -> Vec<u8> {
            let flags = self.byte();
            let encodings = if flags & 1 == 0 {
                json!(["utf-16"])
            } else {
                json!(["utf-8", "utf-16"])
            };
            let diagnostic = if flags & 2 == 0 {
                json!(null)
            } else {
                json!({"dynamicRegistration": false})
            };
            self.request(
                "initialize",
                json!({
                    "capabilities": {
                        "general": {"positionEncodings": encodings},
                        "textDocument": {"diagnostic": diagnostic},
                    },
                    "initializationOptions": {"documentDate": "2021-09-24"},
                }),
            );
            self.notify("initialized", json!({}));
            let text = self.text();
            self.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": URIS[0], "languageId": "markdown", "version": 1, "text": text}}),
            );
            while !self.data.is_empty() {
                self.step();
            }
            self.out
        }

        fn step(&mut self) {
            match self.byte() % 16 {
                0..=2 => {
                    let (i, uri) = self.document();
                    let range = self.range();
                    let text = self.text();
                    self.versions[i] += 1;
                    let version = self.versions[i];
                    self.notify(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": uri, "version": version},
                               "contentChanges": [{"range": range, "text": text}]}),
                    );
                }
                3 => {
                    let (i, uri) = self.document();
                    let text = self.text();
                    // A version that goes backwards, or stays.
                    let version = self.versions[i] - i64::from(self.byte() % 3);
                    self.notify(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": uri, "version": version},
                               "contentChanges": [{"text": text}]}),
                    );
                }
                4 => self.at("textDocument/hover"),
                5 => self.at("textDocument/completion"),
                6 => {
                    let (_, uri) = self.document();
                    let range = self.range();
                    self.request(
                        "textDocument/codeAction",
                        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
                    );
                }
                7 => {
                    let (_, uri) = self.document();
                    let range = self.range();
                    self.request(
                        "textDocument/inlayHint",
                        json!({"textDocument": {"uri": uri}, "range": range}),
                    );
                }
                8 => {
                    let (_, uri) = self.document();
                    self.request(
                        "textDocument/diagnostic",
                        json!({"textDocument": {"uri": uri}}),
                    );
                }
                9 => {
                    let back = i64::from(self.byte() % 4);
                    let id = self.next_id - back;
                    self.notify("$/cancelRequest", json!({"id": id}));
                }
                10 => {
                    let (i, uri) = self.document();
                    let language = LANGUAGES[usize::from(self.byte()) % LANGUAGES.len()];
                    let text = self.text();
                    self.versions[i] += 1;
                    let version = self.versions[i];
                    self.notify(
                        "textDocument/didOpen",
                        json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
                    );
                }
                11 => {
                    let (_, uri) = self.document();
                    self.notify(
                        "textDocument/didClose",
                        json!({"textDocument": {"uri": uri}}),
                    );
                }
                12 => {
                    let settings = match self.byte() % 4 {
                        0 => json!({"diplint": {"style": "un", "dateFormat": "dmy"}}),
                        1 => {
                            json!({"diplint": {"rules": {"date": "off", "country/style": "error"}}})
                        }
                        2 => json!({"diplint": {"documentDate": self.text()}}),
                        _ => json!(self.text()),
                    };
                    self.notify(
                        "workspace/didChangeConfiguration",
                        json!({"settings": settings}),
                    );
                }
                13 => {
                    let raw = self.text();
                    self.frame(raw.as_bytes());
                }
                14 => self.request("shutdown", json!(null)),
                _ => {
                    let method = self.text();
                    self.request(&method, json!({}));
                }
            }
        }
    }
}
