//! glibc's allocator tuned for each face of diplint: a server that runs for hours over large
//! documents, and a command that runs for milliseconds. Elsewhere there is nothing to tune.
//! Each is called before any thread starts.

/// For the language server. Every thread that allocates gets an arena of its own, which keeps
/// what was freed in it: with the runtime's and the engine's threads checking large documents
/// in turn, resident memory grew to several times what the server holds, so two arenas (two
/// cores check at a time at most). And glibc's threshold for mapping a block on its own,
/// which rises as such blocks are freed, is fixed at 4 MB: blocks larger than any document the
/// server keeps in memory are returned to the system when freed, while a document's text,
/// prose and line table (a megabyte each for 1 MB of text), made again at every edit, reuse
/// the arenas' memory. At 256 KB they were mapped and faulted in anew at every edit: a
/// one-character edit of 1 MB then took 4.4 ms of CPU against 1.9 ms. The price is memory kept
/// in the arenas: the same peak with ten 1 MB documents opened, 32.3 against 28.6 MB after 300
/// edits of one, and 187 against 153 MB resident after 30 rounds of edits across ten.
pub fn for_server() {
    set(&[(M_ARENA_MAX, 2), (M_MMAP_THRESHOLD, 4 * 1024 * 1024)]);
}

/// Gives the memory freed in the allocator's arenas back to the system, whole pages of it,
/// wherever it lies. The server frees as much as it keeps at every check (a document's text,
/// prose and scans, made again), and pieces still in use between the freed blocks keep the
/// arenas from shrinking on their own: with ten documents of 1 MB edited in turn, resident
/// memory grew to half as much again as the server held (196 MB after 30 rounds of edits, 121
/// MB once given back). Pages given back are faulted in anew when used again (an edit of 1 MB
/// then takes 3.6 ms instead of 1.9), so the server calls this after a check that read a whole
/// large document, and once no edit has come for a while, not after every edit. It takes a
/// few milliseconds.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim takes the arenas' locks itself and frees nothing in use.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// For `diplint check`. The heap grows as the checks' indexes are built, by 128 KB at a time
/// unless told otherwise: a one-report run made 94 system calls to grow it (72 `mprotect`,
/// 22 `brk`), and with 8 MB at a time it makes 13, which made the run about 1 ms faster.
/// Memory is only taken as it is written, so the larger steps cost none; what is freed at
/// the top of the heap is kept up to that much, which a run of milliseconds does not mind.
pub fn for_command() {
    set(&[(M_TOP_PAD, 8 * 1024 * 1024)]);
}

const M_TOP_PAD: i32 = -2;
const M_MMAP_THRESHOLD: i32 = -3;
const M_ARENA_MAX: i32 = -8;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn set(options: &[(i32, i32)]) {
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    for &(param, value) in options {
        // SAFETY: mallopt only sets allocator parameters, and it is called before any thread
        // starts.
        unsafe {
            mallopt(param, value);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn set(_options: &[(i32, i32)]) {}
