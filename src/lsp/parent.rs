//! The client's process, named by `processId` in `initialize`: once it is gone the server
//! leaves, as LSP asks, even while its stdin is still open (held by a wrapper script or a
//! grandchild that inherited the pipe), so that no server outlives its editor.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Set by `run_stdio`: only a real server process ends itself; in-process tests never do.
static ENABLED: AtomicBool = AtomicBool::new(false);

/// How often the client's process is looked at.
const POLL: Duration = Duration::from_secs(2);

pub fn enable() {
    ENABLED.store(true, Ordering::SeqCst);
}

/// Ends the process with status 1 (left without `shutdown`) once `pid` is gone. A pid that is
/// not alive now is not watched: the client may live in another PID namespace (a container).
#[cfg(unix)]
pub fn watch(pid: u32) {
    if !ENABLED.load(Ordering::SeqCst) || pid == std::process::id() || !alive(pid) {
        return;
    }
    let watcher = std::thread::Builder::new()
        .name("diplint-client-watch".into())
        .spawn(move || {
            loop {
                std::thread::sleep(POLL);
                if !alive(pid) {
                    std::process::exit(1);
                }
            }
        });
    // Without the thread the server still ends when its stdin closes.
    drop(watcher);
}

#[cfg(not(unix))]
pub fn watch(_pid: u32) {}

/// Whether `pid` runs; a zombie (dead, not yet reaped by its parent) does not.
#[cfg(target_os = "linux")]
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name, which is in parentheses and may hold any byte.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z')),
        Err(_) => false,
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
fn alive(pid: u32) -> bool {
    std::process::Command::new("kill")
        .args(["-0", &pid.to_string()])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive() {
        assert!(alive(std::process::id()));
    }

    #[test]
    fn a_process_that_ended_is_not() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!alive(pid));
    }

    #[test]
    fn a_zombie_is_not() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // Not reaped yet: wait until it has ended and is a zombie.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while alive(pid) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(!alive(pid));
        child.wait().unwrap();
    }

    #[test]
    fn not_watched_unless_enabled() {
        // In-process servers (tests) must never end the test process.
        assert!(!ENABLED.load(Ordering::SeqCst));
        watch(u32::MAX);
    }
}
