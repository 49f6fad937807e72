//! The language server: `diplint lsp` speaks LSP 3.17 over stdio on the same engine as
//! `diplint check`: live diagnostics, fixes, completions, hovers and inlay hints while a draft
//! is typed.

mod actions;
mod completion;
mod config;
mod diagnostics;
mod documents;
mod hover;
mod inlay;
mod names;
mod outbox;
mod parent;
mod server;
mod transport;

pub use config::EngineFactory;
pub use server::Options;

use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::LspService;

/// Serves LSP on stdin/stdout until the client exits; returns the process exit code: 0 after
/// `shutdown` then `exit`, 1 when the client left without `shutdown`, 2 when the server could
/// not start.
pub fn run_stdio() -> i32 {
    crate::allocator::for_server();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("diplint lsp: cannot start: {e}");
            return 2;
        }
    };
    // A real server process: it may end itself when its client's process is gone.
    parent::enable();
    let code = runtime.block_on(serve(
        tokio::io::stdin(),
        tokio::io::stdout(),
        Options::default(),
    ));
    // The thread reading stdin may be blocked in a read the client never ends: do not wait for
    // it (the process is about to exit).
    runtime.shutdown_timeout(Duration::from_millis(100));
    code
}

/// Serves LSP on any byte streams until `exit` or the end of input; returns the exit code as
/// `run_stdio` does. Tests drive the server in-process through this.
pub async fn serve<I, O>(input: I, output: O, options: Options) -> i32
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let outbox = outbox::Outbox::default();
    let (service, socket) =
        LspService::build(|client| server::Server::new(client, options, outbox.clone()))
            .custom_method("$/setTrace", server::Server::set_trace)
            .finish();
    let shutdown = service.inner().shutdown_flag();
    let output = outbox::Spliced::new(output, outbox);
    tower_lsp_server::Server::new(transport::Sanitized::new(input), output, socket)
        .concurrency_level(16)
        .serve(transport::Guard::new(service))
        .await;
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
