//! Large notifications written straight to bytes, not through tower-lsp-server's JSON tree.
//!
//! tower-lsp-server turns a notification's parameters into a `serde_json::Value` and then that
//! tree into a string: for the diagnostics of a large document that is a few hundred thousand
//! small allocations, about 40% of the server's work per edit. The server instead serializes
//! such a message itself ([`Outbox::send`]) and hands tower-lsp-server a tiny placeholder
//! notification that carries a ticket number. [`Spliced`], around the output stream, puts the
//! stored message in the placeholder's place, so it leaves in the order the server sent it.

use super::transport::{Frame, KEEP_BUFFER, framed, next_frame};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};
use tokio::io::AsyncWrite;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::notification::Notification;

/// The placeholder that stands for a stored message; never seen by the client.
enum Placeholder {}

impl Notification for Placeholder {
    type Params = u64;
    const METHOD: &'static str = "diplint/spliced";
}

/// How tower-lsp-server writes a placeholder's body, up to its ticket (it writes a request's
/// fields in this order and without spaces).
const PLACEHOLDER_HEAD: &[u8] = b"{\"jsonrpc\":\"2.0\",\"method\":\"diplint/spliced\",\"params\":";

/// Messages serialized by the server and waiting for their placeholder to reach the output.
#[derive(Clone, Default)]
pub struct Outbox {
    /// By ticket, in the order they were sent.
    waiting: Arc<Mutex<BTreeMap<u64, Vec<u8>>>>,
    next_ticket: Arc<AtomicU64>,
}

/// A placeholder reaches the output soon after its message is stored, so few wait at a time.
/// One tower-lsp-server did not send (it sends nothing before the client's `initialized`)
/// would wait for ever: beyond this many, the oldest are dropped.
const MOST_WAITING: usize = 64;

impl Outbox {
    /// Sends notification `N` with `params`, serialized here in one pass.
    pub async fn send<N: Notification>(&self, client: &Client, params: &N::Params) {
        self.send_as(client, N::METHOD, params).await;
    }

    /// Sends notification `method` with `params`, which serialize as its parameters do.
    pub async fn send_as(&self, client: &Client, method: &str, params: &impl Serialize) {
        let Ok(body) = notification_body(method, params) else {
            return;
        };
        let ticket = self.store(framed(&body));
        client.send_notification::<Placeholder>(ticket).await;
    }

    /// Keeps a framed message until its placeholder comes; its ticket.
    fn store(&self, message: Vec<u8>) -> u64 {
        let ticket = self.next_ticket.fetch_add(1, Ordering::Relaxed);
        let mut waiting = self.waiting_messages();
        waiting.insert(ticket, message);
        while waiting.len() > MOST_WAITING {
            waiting.pop_first();
        }
        ticket
    }

    /// The framed message stored for `ticket`, taken out.
    fn take(&self, ticket: u64) -> Option<Vec<u8>> {
        self.waiting_messages().remove(&ticket)
    }

    fn waiting_messages(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Vec<u8>>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The JSON-RPC body of notification `method` with `params`.
fn notification_body(method: &str, params: &impl Serialize) -> serde_json::Result<Vec<u8>> {
    let mut body = Vec::with_capacity(4096);
    body.extend_from_slice(b"{\"jsonrpc\":\"2.0\",\"method\":");
    serde_json::to_writer(&mut body, method)?;
    body.extend_from_slice(b",\"params\":");
    serde_json::to_writer(&mut body, params)?;
    body.push(b'}');
    Ok(body)
}

/// The output stream, with each placeholder replaced by the message stored for it.
pub struct Spliced<W> {
    inner: Pin<Box<W>>,
    outbox: Outbox,
    /// Bytes written and not yet framed.
    raw: Vec<u8>,
    /// Whole messages for `inner`; `out[sent..]` is still to be written.
    out: Vec<u8>,
    sent: usize,
}

/// Written bytes are accepted while this much output waits for the stream; beyond it a write
/// waits, so that a client that does not read does not make the server buffer without end.
const BACKLOG: usize = 8 * 1024 * 1024;

impl<W: AsyncWrite> Spliced<W> {
    pub fn new(inner: W, outbox: Outbox) -> Self {
        Spliced {
            inner: Box::pin(inner),
            outbox,
            raw: Vec::new(),
            out: Vec::new(),
            sent: 0,
        }
    }

    /// Moves every whole message of `raw` to `out`, placeholders replaced. Bytes not framed
    /// as tower-lsp-server frames (which cannot happen) are passed on as they are.
    fn frame(&mut self) {
        let mut at = 0;
        loop {
            let rest = &self.raw[at..];
            let end = match next_frame(rest) {
                Frame::Message { body, end } => {
                    match placeholder_ticket(&rest[body]) {
                        // A ticket with nothing stored cannot happen; the placeholder is dropped.
                        Some(ticket) => {
                            let message = self.outbox.take(ticket).unwrap_or_default();
                            // Most often nothing waits: the message is written from where
                            // it was stored, not copied.
                            if self.out.is_empty() {
                                self.out = message;
                            } else {
                                self.out.extend(message);
                            }
                        }
                        None => self.out.extend_from_slice(&rest[..end]),
                    }
                    end
                }
                Frame::NoLength { end } => {
                    self.out.extend_from_slice(&rest[..end]);
                    end
                }
                Frame::NoHeader => {
                    self.out.extend_from_slice(rest);
                    rest.len()
                }
                Frame::Incomplete => break,
            };
            at += end;
        }
        self.raw.drain(..at);
    }

    /// Writes `out` to `inner` until it is all written or `inner` is not ready.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.out.len() {
            let n = ready!(self.inner.as_mut().poll_write(cx, &self.out[self.sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.sent += n;
        }
        self.sent = 0;
        // The diagnostics of a large document are megabytes: kept for the next message, such
        // a buffer would stay with the server for good.
        if self.out.capacity() > KEEP_BUFFER {
            self.out = Vec::new();
        } else {
            self.out.clear();
        }
        Poll::Ready(Ok(()))
    }
}

impl<W: AsyncWrite> AsyncWrite for Spliced<W> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if let Poll::Ready(Err(e)) = this.drain(cx) {
            return Poll::Ready(Err(e));
        }
        if this.out.len() - this.sent > BACKLOG {
            return Poll::Pending;
        }
        this.raw.extend_from_slice(buf);
        this.frame();
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        this.inner.as_mut().poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        this.inner.as_mut().poll_shutdown(cx)
    }
}

/// The ticket of a placeholder's body; `None` for any other message.
fn placeholder_ticket(body: &[u8]) -> Option<u64> {
    let digits = body.strip_prefix(PLACEHOLDER_HEAD)?.strip_suffix(b"}")?;
    std::str::from_utf8(digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::super::transport::MAX_HEADER;
    use super::*;
    use tokio::io::AsyncWriteExt;

    fn message(body: &str) -> Vec<u8> {
        framed(body.as_bytes())
    }

    fn placeholder(ticket: u64) -> Vec<u8> {
        let body = notification_body(Placeholder::METHOD, &ticket).unwrap();
        framed(&body)
    }

    /// What `Spliced` writes when given `input` in pieces of `piece` bytes.
    async fn spliced(outbox: &Outbox, input: &[u8], piece: usize) -> Vec<u8> {
        let mut output = Vec::new();
        let mut writer = Spliced::new(&mut output, outbox.clone());
        for chunk in input.chunks(piece) {
            writer.write_all(chunk).await.unwrap();
        }
        writer.flush().await.unwrap();
        drop(writer);
        output
    }

    #[test]
    fn placeholders_are_written_as_tower_lsp_server_writes_requests() {
        // As `Client::send_notification` builds it.
        let request = tower_lsp_server::jsonrpc::Request::build(Placeholder::METHOD)
            .params(serde_json::json!(42u64))
            .finish();
        let written = serde_json::to_string(&request).unwrap();
        assert_eq!(
            placeholder_ticket(written.as_bytes()),
            Some(42),
            "{written}"
        );
        let body = notification_body(Placeholder::METHOD, &42u64).unwrap();
        assert_eq!(String::from_utf8(body).unwrap(), written);
    }

    #[tokio::test]
    async fn other_messages_pass_unchanged_in_any_pieces() {
        let input = [
            message(r#"{"a":1}"#),
            message(r#"{"method":"x","é":"\r\n\r\n"}"#),
        ]
        .concat();
        for piece in [1, 3, 7, input.len()] {
            assert_eq!(spliced(&Outbox::default(), &input, piece).await, input);
        }
    }

    #[tokio::test]
    async fn a_placeholder_is_replaced_by_its_message_in_its_place() {
        let outbox = Outbox::default();
        let stored = message(r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics"}"#);
        outbox.waiting_messages().insert(7, stored.clone());
        let before = message(r#"{"id":1}"#);
        let after = message(r#"{"id":2}"#);
        let input = [before.clone(), placeholder(7), after.clone()].concat();
        for piece in [1, 5, input.len()] {
            outbox.waiting_messages().insert(7, stored.clone());
            let output = spliced(&outbox, &input, piece).await;
            assert_eq!(
                output,
                [before.clone(), stored.clone(), after.clone()].concat()
            );
            assert!(
                outbox.waiting_messages().is_empty(),
                "the message is taken once"
            );
        }
    }

    #[tokio::test]
    async fn a_large_message_leaves_no_large_buffer_behind() {
        let outbox = Outbox::default();
        let stored = message(&format!(r#"{{"x":"{}"}}"#, "d".repeat(4 * KEEP_BUFFER)));
        outbox.waiting_messages().insert(3, stored.clone());
        let mut output = Vec::new();
        let mut writer = Spliced::new(&mut output, outbox.clone());
        writer.write_all(&placeholder(3)).await.unwrap();
        writer.flush().await.unwrap();
        assert!(writer.out.capacity() <= KEEP_BUFFER && writer.raw.capacity() <= KEEP_BUFFER);
        drop(writer);
        assert_eq!(output, stored);
    }

    #[test]
    fn messages_whose_placeholder_never_comes_are_dropped_oldest_first() {
        let outbox = Outbox::default();
        let tickets: Vec<u64> = (0..MOST_WAITING + 10)
            .map(|i| outbox.store(message(&i.to_string())))
            .collect();
        assert_eq!(outbox.waiting_messages().len(), MOST_WAITING);
        assert_eq!(outbox.take(tickets[9]), None);
        assert_eq!(outbox.take(tickets[10]), Some(message("10")));
    }

    #[tokio::test]
    async fn a_placeholder_without_a_message_is_dropped() {
        let input = [placeholder(3), message("{}")].concat();
        assert_eq!(spliced(&Outbox::default(), &input, 4).await, message("{}"));
    }

    #[tokio::test]
    async fn bytes_that_are_not_framed_pass_on() {
        // Passed on once they are longer than any header could be.
        let garbage = vec![b'x'; MAX_HEADER + 10];
        assert_eq!(
            spliced(&Outbox::default(), &garbage, garbage.len()).await,
            garbage
        );
    }
}
