//! diplint's speed, measured: `cargo bench --bench throughput` prints every figure with its
//! target beside it. See `benches/README.md` for what each figure means and the last results.
//!
//! Options (after `--`): `--quick` (smaller corpora, fewer runs: a smoke test of the harness),
//! `--only NAME[,NAME]` (registry, throughput, areas, cli, folder, lsp, memory),
//! `--write-corpus DIR` (write the folder corpus to DIR for profiling, and stop).

mod corpus;
mod lsp;

use diplint::config::{Level, Settings};
use diplint::document::{DocKind, Document};
use diplint::engine::Engine;
use diplint::registry::Registry;
use diplint::rules;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SEED: u64 = 0x5EED_D1D1;
const MB: f64 = 1024.0 * 1024.0;

struct Options {
    /// Run by `cargo bench` (which passes `--bench`), not by `cargo test --all-targets`.
    bench: bool,
    quick: bool,
    only: Option<Vec<String>>,
    write_corpus: Option<PathBuf>,
    findings: Option<PathBuf>,
}

impl Options {
    fn parse() -> Options {
        let mut options = Options {
            bench: false,
            quick: false,
            only: None,
            write_corpus: None,
            findings: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--bench" => options.bench = true,
                "--quick" => options.quick = true,
                "--only" => {
                    options.only = args
                        .next()
                        .map(|v| v.split(',').map(str::to_string).collect())
                }
                "--write-corpus" => options.write_corpus = args.next().map(PathBuf::from),
                "--findings" => options.findings = args.next().map(PathBuf::from),
                // Anything else is a filter we do not have.
                _ => {}
            }
        }
        options
    }

    fn wants(&self, name: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|names| names.iter().any(|n| n == name))
    }
}

/// One line of the results table.
fn row(what: &str, value: String, target: &str, verdict: Option<bool>) {
    let verdict = match verdict {
        Some(true) => "met",
        Some(false) => "MISSED",
        None => "",
    };
    println!("{what:<66} {value:>12}   {target:<12} {verdict}");
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// The CPU time of this process, all its threads (Linux): unlike wall time, it does not count
/// the time other processes of a shared machine had the cores; unlike the calling thread's, it
/// counts the engine's own threads (a large document's paragraphs are read on several).
#[cfg(target_os = "linux")]
fn process_cpu_time() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec of the platform's layout.
    if unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut ts) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.sec as u64, ts.nsec as u32)
}

#[cfg(not(target_os = "linux"))]
fn process_cpu_time() -> Duration {
    Duration::ZERO
}

/// Runs `f`, and returns its result, wall time and the process's CPU time.
fn cpu_timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let cpu = process_cpu_time();
    let start = Instant::now();
    let out = f();
    (out, start.elapsed(), process_cpu_time().saturating_sub(cpu))
}

/// MB per second of `took`.
fn rate(bytes: usize, took: Duration) -> f64 {
    bytes as f64 / MB / took.as_secs_f64().max(1e-9)
}

fn kind(markdown: bool) -> DocKind {
    if markdown {
        DocKind::Markdown
    } else {
        DocKind::Plain
    }
}

fn main() {
    if std::env::args().any(|a| a == lsp::SERVE_FLAG) {
        std::process::exit(lsp::serve_without_debounce());
    }
    // The allocator as `diplint check` has it: the in-process figures are the command's.
    diplint::allocator::for_command();
    let options = Options::parse();
    // First thing in the process, so that it is the cold load a `diplint check` pays.
    let (registry, cold) = timed(Registry::embedded);

    if let Some(dir) = &options.write_corpus {
        let reports = corpus::reports(&registry, SEED, 1000, 5000 * 7000);
        write_folder(dir, &reports[..reports.len().min(5000)]);
        println!(
            "wrote {} reports to {}",
            reports.len().min(5000),
            dir.display()
        );
        return;
    }

    if let Some(path) = &options.findings {
        write_findings(&registry, path);
        return;
    }
    if !options.bench && !options.quick && options.only.is_none() {
        smoke(&registry);
        return;
    }
    println!(
        "diplint benchmarks: {} cores available, load average {}",
        available_cores(),
        load_average()
    );
    println!(
        "{:<66} {:>12}   {:<12} verdict",
        "measure", "value", "target"
    );
    if options.wants("registry") {
        registry_load(&options, cold);
    }
    let engine = Engine::new(registry.clone());
    if options.wants("throughput") {
        throughput(&options, &registry, &engine);
    }
    if options.wants("areas") {
        areas(&options, &registry, &engine);
    }
    if options.wants("cli") {
        cli_single(&options, &registry);
    }
    if options.wants("folder") {
        cli_folder(&options, &registry);
    }
    if options.wants("lsp") || options.wants("memory") {
        lsp::run(&options, &registry);
    }
}

/// The 1-minute load average: a figure taken while other work ran is slower than the machine.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

/// Every diagnostic and annotation of the engine on a 4 MB corpus, one a line, for comparing
/// two builds: an optimisation must leave this file as it was.
fn write_findings(registry: &Arc<Registry>, path: &Path) {
    use std::fmt::Write as _;
    let engine = Engine::new(registry.clone());
    let settings = Settings {
        style: "un".into(),
        ..Default::default()
    };
    let reports = corpus::reports(registry, SEED ^ 5, 1000, 4 << 20);
    let mut out = String::new();
    for (i, (text, markdown)) in reports.iter().enumerate() {
        let doc = Document::new(text.clone(), kind(*markdown));
        let report = engine.check(&doc, &settings, None, None);
        let _ = writeln!(out, "#{i} {:?}", report.date);
        for d in &report.diagnostics {
            let f = &d.finding;
            let _ = writeln!(
                out,
                "{i} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                f.rule.id,
                f.span,
                d.severity,
                f.message,
                f.fixes,
                f.related,
                f.subject,
                &text[f.span.clone()]
            );
        }
        for a in &report.annotations {
            let _ = writeln!(out, "{i} note {:?} {:?}", a.span, a.subject);
        }
    }
    std::fs::write(path, out).expect("write findings");
    println!(
        "wrote the findings on {} reports to {}",
        reports.len(),
        path.display()
    );
}

/// `cargo test --all-targets` runs this binary too, in a debug build: check that the corpus
/// generator and the engine work together, and leave the timing to `cargo bench`.
fn smoke(registry: &Arc<Registry>) {
    let engine = Engine::new(registry.clone());
    let reports = corpus::reports(registry, SEED, 300, 20_000);
    assert!(reports.len() > 1, "the generator makes reports");
    let settings = Settings::default();
    for (text, markdown) in &reports {
        assert!(corpus::count_words(text) >= 300);
        let doc = Document::new(text.clone(), kind(*markdown));
        let report = engine.check(&doc, &settings, None, None);
        if *markdown {
            assert_eq!(report.date.source, rules::DateSource::FrontMatter);
        }
    }
    let again = corpus::reports(registry, SEED, 300, 20_000);
    assert!(again == reports, "the corpus is the same for the same seed");
    println!(
        "throughput: the harness works on {} generated reports; `cargo bench --bench throughput` measures",
        reports.len()
    );
}

fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The registry parsed from the embedded TOML, and the checks' indexes built over it.
fn registry_load(options: &Options, cold: Duration) {
    row(
        "registry: first Registry::embedded() (cold, in process)",
        ms(cold),
        "part of <10 ms",
        None,
    );
    let runs = if options.quick { 3 } else { 20 };
    let mut loads: Vec<Duration> = (0..runs)
        .map(|_| timed(Registry::load_embedded).1)
        .collect();
    loads.sort();
    row(
        "registry: Registry::load_embedded(), build snapshot (p50)",
        ms(percentile(&loads, 0.5)),
        "",
        None,
    );
    let mut merged: Vec<Duration> = (0..runs)
        .map(|_| timed(|| Registry::with_overlays::<&str>(&[])).1)
        .collect();
    merged.sort();
    row(
        "registry: the path taken with overlays: merge the files (p50)",
        ms(percentile(&merged, 0.5)),
        "",
        None,
    );
    let registry = Registry::embedded();
    let mut builds: Vec<Duration> = (0..runs)
        .map(|_| timed(|| Engine::new(registry.clone())).1)
        .collect();
    builds.sort();
    row(
        "registry: Engine::new, the checks' indexes (p50)",
        ms(percentile(&builds, 0.5)),
        "",
        None,
    );
}

/// Whole-document check (markup set aside, every rule, suppressions) on one core.
fn throughput(options: &Options, registry: &Registry, engine: &Engine) {
    let bytes = if options.quick { 1 << 20 } else { 12 << 20 };
    let reports = corpus::reports(registry, SEED, 1000, bytes);
    let total: usize = reports.iter().map(|(t, _)| t.len()).sum();
    let settings = Settings::default();
    let passes = if options.quick { 1 } else { 3 };
    let mut best = (Duration::MAX, Duration::MAX);
    let mut findings = 0;
    for _ in 0..passes {
        let (n, wall, cpu) = cpu_timed(|| {
            let mut n = 0;
            for (text, markdown) in &reports {
                let doc = Document::new(text.clone(), kind(*markdown));
                n += engine.check(&doc, &settings, None, None).diagnostics.len();
            }
            n
        });
        findings = n;
        best = (best.0.min(wall), best.1.min(cpu));
    }
    let per_cpu = rate(total, best.1);
    row(
        &format!(
            "check: {} reports of 1,000 words, {:.1} MB, 1 core (CPU time)",
            reports.len(),
            total as f64 / MB
        ),
        format!("{per_cpu:.1} MB/s"),
        ">= 100 MB/s",
        Some(per_cpu >= 100.0),
    );
    row(
        "  the same by wall time",
        format!("{:.1} MB/s", rate(total, best.0)),
        "",
        None,
    );
    row(
        "  findings per 1,000 words (typos and wrong weekdays seeded)",
        format!("{:.2}", findings as f64 / (reports.len() as f64).max(1.0)),
        "",
        None,
    );
    let (_, _, parse) = cpu_timed(|| {
        for (text, markdown) in &reports {
            Document::new(text.clone(), kind(*markdown));
        }
    });
    row(
        "  of which: reading the document (markup set aside)",
        format!("{:.1} MB/s", rate(total, parse)),
        "",
        None,
    );

    // One long document: what the server re-checks on each edit without incremental work.
    let mut generator = corpus::Generator::new(registry, SEED ^ 1);
    let (big, markdown) = generator.report(if options.quick { 40_000 } else { 160_000 });
    let (_, _, took) = cpu_timed(|| {
        let doc = Document::new(big.clone(), kind(markdown));
        engine.check(&doc, &settings, None, None)
    });
    row(
        &format!(
            "check: one {:.1} MB document, 1 core (CPU time)",
            big.len() as f64 / MB
        ),
        format!("{:.1} MB/s", rate(big.len(), took)),
        ">= 100 MB/s",
        Some(rate(big.len(), took) >= 100.0),
    );
}

/// Time per check area: every rule off but the area's, on the same reports.
fn areas(options: &Options, registry: &Registry, engine: &Engine) {
    let bytes = if options.quick { 1 << 20 } else { 4 << 20 };
    let reports = corpus::reports(registry, SEED ^ 2, 1000, bytes);
    let docs: Vec<Document> = reports
        .iter()
        .map(|(t, m)| Document::new(t.clone(), kind(*m)))
        .collect();
    let total: usize = reports.iter().map(|(t, _)| t.len()).sum();
    let mut areas: Vec<&str> = rules::all_rules()
        .iter()
        .filter_map(|r| r.id.split('/').next())
        .collect();
    areas.dedup();
    for area in areas {
        let mut settings = Settings::default();
        for r in rules::all_rules() {
            if !r.id.starts_with(&format!("{area}/")) {
                settings.rules.insert(r.id.to_string(), Level::Off);
            }
        }
        let (_, _, took) = cpu_timed(|| {
            for doc in &docs {
                engine.check(doc, &settings, None, None);
            }
        });
        row(
            &format!("  area {area}/* alone (document already read, CPU time)"),
            format!("{:.1} MB/s", rate(total, took)),
            "",
            None,
        );
    }
}

fn write_folder(dir: &Path, reports: &[(String, bool)]) {
    std::fs::create_dir_all(dir).expect("create corpus folder");
    for (i, (text, markdown)) in reports.iter().enumerate() {
        let ext = if *markdown { "md" } else { "txt" };
        let sub = dir.join(format!("{:02}", i % 50));
        std::fs::create_dir_all(&sub).expect("create corpus subfolder");
        std::fs::write(sub.join(format!("report-{i:05}.{ext}")), text).expect("write report");
    }
}

fn diplint_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_diplint"))
}

/// `getrusage(RUSAGE_CHILDREN)` on Linux x86-64 and aarch64: user and system time of every
/// child reaped so far. On a shared machine the CPU time a run took says more than its wall time,
/// which waits for the other processes.
#[cfg(target_os = "linux")]
fn children_cpu_time() -> Duration {
    #[repr(C)]
    struct Timeval {
        sec: i64,
        usec: i64,
    }
    #[repr(C)]
    struct Rusage {
        user: Timeval,
        system: Timeval,
        rest: [i64; 14],
    }
    unsafe extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const RUSAGE_CHILDREN: i32 = -1;
    let mut usage = Rusage {
        user: Timeval { sec: 0, usec: 0 },
        system: Timeval { sec: 0, usec: 0 },
        rest: [0; 14],
    };
    // SAFETY: `usage` is a valid, writable rusage of the platform's layout.
    if unsafe { getrusage(RUSAGE_CHILDREN, &mut usage) } != 0 {
        return Duration::ZERO;
    }
    let micros = |t: &Timeval| t.sec as u64 * 1_000_000 + t.usec as u64;
    Duration::from_micros(micros(&usage.user) + micros(&usage.system))
}

#[cfg(not(target_os = "linux"))]
fn children_cpu_time() -> Duration {
    Duration::ZERO
}

/// A run's wall time and the CPU time it used.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
}

/// Runs `diplint` with `args` to completion, output discarded.
fn run_cli(args: &[&str], cwd: &Path) -> Run {
    let cpu_before = children_cpu_time();
    let start = Instant::now();
    let status = Command::new(diplint_bin())
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run diplint");
    let took = start.elapsed();
    // 0: clean, 1: findings; 2 means the run could not do its job, and its time means nothing.
    assert!(
        status.code().is_some_and(|c| c < 2),
        "diplint {args:?} failed: {status}"
    );
    Run {
        wall: took,
        cpu: children_cpu_time().saturating_sub(cpu_before),
    }
}

/// Sorted wall and CPU times of runs.
fn sorted_times(runs: &[Run]) -> (Vec<Duration>, Vec<Duration>) {
    let mut wall: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    let mut cpu: Vec<Duration> = runs.iter().map(|r| r.cpu).collect();
    wall.sort();
    cpu.sort();
    (wall, cpu)
}

/// `diplint check` on one report of 1,000 words: process start, registry, checks, output.
fn cli_single(options: &Options, registry: &Registry) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut generator = corpus::Generator::new(registry, SEED ^ 3);
    let (text, _) = loop {
        let report = generator.report(1000);
        if report.1 {
            break report;
        }
    };
    std::fs::write(dir.path().join("report.md"), &text).expect("write report");
    let runs = if options.quick { 5 } else { 50 };
    // One run first to bring the binary into the page cache, as a writer's second run is.
    run_cli(&["--version"], dir.path());
    let version: Vec<Run> = (0..runs)
        .map(|_| run_cli(&["--version"], dir.path()))
        .collect();
    let (version, _) = sorted_times(&version);
    run_cli(&["check", "report.md"], dir.path());
    let check: Vec<Run> = (0..runs)
        .map(|_| run_cli(&["check", "--format", "json", "report.md"], dir.path()))
        .collect();
    let (wall, cpu) = sorted_times(&check);
    row(
        "cli: `diplint --version` (process start alone, p50)",
        ms(percentile(&version, 0.5)),
        "",
        None,
    );
    let p50 = percentile(&wall, 0.5);
    row(
        &format!(
            "cli: `diplint check` one report, {} words (p50)",
            corpus::count_words(&text)
        ),
        ms(p50),
        "< 10 ms",
        Some(p50 < Duration::from_millis(10)),
    );
    let p90 = percentile(&wall, 0.9);
    row(
        "cli: `diplint check` one report (p90)",
        ms(p90),
        "< 10 ms",
        Some(p90 < Duration::from_millis(10)),
    );
    row(
        "  CPU time of that run, user + system (p50)",
        ms(percentile(&cpu, 0.5)),
        "",
        None,
    );
}

/// `diplint check` over a folder of 5,000 reports on every core.
fn cli_folder(options: &Options, registry: &Registry) {
    let dir = tempfile::tempdir().expect("temp dir");
    let count = if options.quick { 200 } else { 5000 };
    let reports = corpus::reports(registry, SEED ^ 4, 1000, count * 7000);
    let reports = &reports[..count.min(reports.len())];
    let total: usize = reports.iter().map(|(t, _)| t.len()).sum();
    write_folder(&dir.path().join("reports"), reports);
    run_cli(&["check", "--format", "json", "reports"], dir.path());
    let runs = if options.quick { 1 } else { 3 };
    let times: Vec<Run> = (0..runs)
        .map(|_| run_cli(&["check", "--format", "json", "reports"], dir.path()))
        .collect();
    let (wall, cpu) = sorted_times(&times);
    let p50 = percentile(&wall, 0.5);
    row(
        &format!(
            "cli: `diplint check` folder of {} reports ({:.1} MB), {} cores",
            reports.len(),
            total as f64 / MB,
            available_cores()
        ),
        format!("{:.2} s", p50.as_secs_f64()),
        "",
        None,
    );
    row(
        "  as throughput",
        format!("{:.1} MB/s", total as f64 / MB / p50.as_secs_f64()),
        "",
        None,
    );
    row(
        "  CPU time, user + system, all threads",
        format!("{:.2} s", percentile(&cpu, 0.5).as_secs_f64()),
        "",
        None,
    );
}
