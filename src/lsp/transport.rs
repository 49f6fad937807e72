//! Two guards around tower-lsp-server's transport, so that no message can stop the server:
//!
//! - [`Sanitized`] reads the client's byte stream frame by frame and replaces a message that is
//!   not JSON-RPC (broken JSON, a bad header, JSON of the wrong shape) with a request the server
//!   answers with the JSON-RPC error it deserves. Left to tower-lsp-server, such a message ends
//!   the input stream and with it the server.
//! - [`Guard`] answers those replacement requests, and requests whose method starts with `$/`
//!   and is unknown with `MethodNotFound`, as LSP asks (tower-lsp-server drops them unanswered,
//!   which leaves the client waiting).

use std::collections::VecDeque;
use std::future::Future;
use std::ops::Range;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// The method of the request that stands for a message that could not be read.
const INVALID_MESSAGE: &str = "diplint/invalidMessage";

/// Headers longer than this without a blank line are garbage, not a header.
pub(super) const MAX_HEADER: usize = 8 * 1024;

/// A message buffer (input here, output in the outbox) larger than this is let go of once
/// empty.
pub(super) const KEEP_BUFFER: usize = 64 * 1024;

/// The client's stream, with every message that tower-lsp-server could not read replaced.
pub struct Sanitized<R> {
    inner: R,
    /// Bytes read and not yet framed.
    raw: Vec<u8>,
    /// Framed messages ready to be read.
    ready: VecDeque<u8>,
    eof: bool,
}

impl<R> Sanitized<R> {
    pub fn new(inner: R) -> Self {
        Sanitized {
            inner,
            raw: Vec::new(),
            ready: VecDeque::new(),
            eof: false,
        }
    }

    /// Moves every complete message of `raw` to `ready`, re-framed.
    fn frame(&mut self) {
        while let Some(body) = self.next_body() {
            self.ready.extend(framed(&body));
        }
        // A document opened is a message of megabytes: its buffers are let go of once it has
        // passed, not kept with the server for good.
        if self.raw.is_empty() && self.raw.capacity() > KEEP_BUFFER {
            self.raw = Vec::new();
        }
    }

    /// The next message body, or its replacement; `None` until one is complete.
    fn next_body(&mut self) -> Option<Vec<u8>> {
        match next_frame(&self.raw) {
            Frame::Message { body, end } => {
                let body = self.raw[body].to_vec();
                self.raw.drain(..end);
                Some(checked(body))
            }
            Frame::NoLength { end } => {
                self.skip_garbage(end);
                Some(replacement(None, ErrorCode::ParseError))
            }
            Frame::NoHeader => {
                self.skip_garbage(1);
                Some(replacement(None, ErrorCode::ParseError))
            }
            Frame::Incomplete => None,
        }
    }

    /// Drops bytes up to the next "Content-Length" at or after `from`.
    fn skip_garbage(&mut self, from: usize) {
        let from = from.min(self.raw.len());
        let next = memchr::memmem::find(&self.raw[from..], b"Content-Length")
            .map_or(self.raw.len(), |i| from + i);
        self.raw.drain(..next);
    }
}

/// What a stream of LSP messages starts with (both directions are framed alike).
pub(super) enum Frame {
    /// A whole message: its body, and where it ends.
    Message { body: Range<usize>, end: usize },
    /// A header without a length, ending at `end`.
    NoLength { end: usize },
    /// More than [`MAX_HEADER`] bytes without the blank line that ends a header.
    NoHeader,
    /// The start of a message.
    Incomplete,
}

pub(super) fn next_frame(bytes: &[u8]) -> Frame {
    let Some(start) = memchr::memmem::find(bytes, b"\r\n\r\n").map(|at| at + 4) else {
        return match bytes.len() > MAX_HEADER {
            true => Frame::NoHeader,
            false => Frame::Incomplete,
        };
    };
    let header = String::from_utf8_lossy(&bytes[..start]);
    let length = header.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    });
    match length.map(|length| start.saturating_add(length)) {
        None => Frame::NoLength { end: start },
        Some(end) if end <= bytes.len() => Frame::Message {
            body: start..end,
            end,
        },
        Some(_) => Frame::Incomplete,
    }
}

/// `body` with its header.
pub(super) fn framed(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// The body itself when tower-lsp-server can read it, else a request standing for the error.
fn checked(body: Vec<u8>) -> Vec<u8> {
    if serde_json::from_slice::<Request>(&body).is_ok()
        || serde_json::from_slice::<Response>(&body).is_ok()
    {
        return body;
    }
    match serde_json::from_slice::<serde_json::Value>(&body) {
        // JSON, but not JSON-RPC: an invalid request, answered under its id when it has one.
        Ok(value) => {
            let id = value
                .get("id")
                .and_then(|id| serde_json::from_value::<Id>(id.clone()).ok());
            replacement(id, ErrorCode::InvalidRequest)
        }
        Err(_) => replacement(None, ErrorCode::ParseError),
    }
}

fn replacement(id: Option<Id>, code: ErrorCode) -> Vec<u8> {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Id::Null),
        "method": INVALID_MESSAGE,
        "params": { "code": code.code() },
    })
    .to_string()
    .into_bytes()
}

impl<R: AsyncRead + Unpin> AsyncRead for Sanitized<R> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        loop {
            if !this.ready.is_empty() {
                let n = buf.remaining().min(this.ready.len());
                let chunk: Vec<u8> = this.ready.drain(..n).collect();
                buf.put_slice(&chunk);
                if this.ready.is_empty() && this.ready.capacity() > KEEP_BUFFER {
                    this.ready = VecDeque::new();
                }
                return Poll::Ready(Ok(()));
            }
            if this.eof {
                return Poll::Ready(Ok(()));
            }
            let mut chunk = [0u8; 16 * 1024];
            let mut read = ReadBuf::new(&mut chunk);
            match Pin::new(&mut this.inner).poll_read(cx, &mut read) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Ready(Ok(())) if read.filled().is_empty() => this.eof = true,
                Poll::Ready(Ok(())) => {
                    this.raw.extend_from_slice(read.filled());
                    this.frame();
                }
            }
        }
    }
}

/// The service in front of the server: answers what tower-lsp-server would not.
pub struct Guard<S> {
    inner: S,
}

impl<S> Guard<S> {
    pub fn new(inner: S) -> Self {
        Guard { inner }
    }
}

type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S> Service<Request> for Guard<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<Option<Response>, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let method = request.method();
        if method == INVALID_MESSAGE {
            let code = request
                .params()
                .and_then(|p| p.get("code"))
                .and_then(serde_json::Value::as_i64)
                .map_or(ErrorCode::ParseError, ErrorCode::from);
            let id = request.id().cloned().unwrap_or(Id::Null);
            let error = Error {
                code,
                message: code.description().into(),
                data: None,
            };
            return Box::pin(std::future::ready(Ok(Some(Response::from_error(
                id, error,
            )))));
        }
        if method.starts_with("$/")
            && method != "$/setTrace"
            && let Some(id) = request.id().cloned()
        {
            let mut error = Error::method_not_found();
            error.data = Some(serde_json::Value::String(method.to_string()));
            return Box::pin(std::future::ready(Ok(Some(Response::from_error(
                id, error,
            )))));
        }
        Box::pin(self.inner.call(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    async fn sanitize(input: &str) -> String {
        let mut out = String::new();
        Sanitized::new(input.as_bytes())
            .read_to_string(&mut out)
            .await
            .unwrap();
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn good_messages_pass_unchanged() {
        let a = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let b = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!(
            "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{a}{}",
            a.len(),
            frame(b)
        );
        assert_eq!(sanitize(&input).await, frame(a) + &frame(b));
    }

    #[tokio::test]
    async fn a_large_message_leaves_no_large_buffer_behind() {
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":"{}"}}"#,
            "d".repeat(4 * KEEP_BUFFER)
        );
        let input = frame(&body);
        let mut reader = Sanitized::new(input.as_bytes());
        let mut out = vec![0u8; input.len()];
        reader.read_exact(&mut out).await.unwrap();
        assert_eq!(out, input.as_bytes());
        assert!(reader.raw.capacity() <= KEEP_BUFFER);
        assert!(reader.ready.capacity() <= KEEP_BUFFER);
    }

    #[tokio::test]
    async fn broken_messages_are_replaced() {
        let broken = "{this is not json";
        let wrong_shape = r#"{"jsonrpc":"2.0","id":7,"method":5}"#;
        let input = frame(broken) + "garbage\r\n\r\n" + &frame(wrong_shape);
        let out = sanitize(&input).await;
        let parse = String::from_utf8(replacement(None, ErrorCode::ParseError)).unwrap();
        let invalid =
            String::from_utf8(replacement(Some(Id::Number(7)), ErrorCode::InvalidRequest)).unwrap();
        assert!(
            parse.contains("-32700") && invalid.contains("-32600") && invalid.contains("\"id\":7")
        );
        assert_eq!(out, frame(&parse) + &frame(&parse) + &frame(&invalid));
    }

    #[tokio::test]
    async fn incomplete_input_waits_and_ends_quietly() {
        assert_eq!(sanitize("Content-Length: 50\r\n\r\n{\"js").await, "");
    }
}
