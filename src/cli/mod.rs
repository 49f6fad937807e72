//! The command line: `diplint check`, `lsp`, `explain` and `registry`. Parsing here, the work
//! in the submodules; exit status 0 (clean), 1 (findings at error severity), 2 (could not do
//! its job).

mod check;
mod explain;
mod inputs;
mod output;
mod registry_cmd;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "diplint",
    version,
    about = "Checks diplomatic report drafts: names, titles, countries, dates, acronyms"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and folders (default: .); '-' reads stdin.
    Check(CheckArgs),
    /// Language server on stdin/stdout.
    Lsp,
    /// What a rule checks, with a wrong and a right example; no RULE lists all.
    Explain { rule: Option<String> },
    /// Look up and validate registry data.
    #[command(subcommand)]
    Registry(RegistryCommand),
}

#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    /// Files and folders to check; '-' reads stdin.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The document date for every file (YYYY-MM-DD), overriding what is found in the file.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    /// Use this config file instead of looking for diplint.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Style profile: none, un, eu, ap, or one defined in an overlay.
    #[arg(long)]
    pub style: Option<String>,
    /// The name to report for stdin.
    #[arg(long)]
    pub stdin_filename: Option<String>,
    /// `--deny warnings`: warnings make the exit status 1.
    #[arg(long, value_enum)]
    pub deny: Vec<Deny>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Subcommand)]
enum RegistryCommand {
    /// Who or what the registry knows under a name.
    Lookup {
        query: String,
        #[arg(long, value_parser = parse_date)]
        date: Option<jiff::civil::Date>,
        #[arg(long, value_enum, default_value_t = LookupFormat::Human)]
        format: LookupFormat,
        /// Overlay files to load on top of the embedded registry.
        #[arg(long)]
        overlay: Vec<PathBuf>,
    },
    /// Validate overlay files: exit 0 when valid, 1 with line-numbered errors.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Turn the JSON result of a Wikidata SPARQL query into an overlay.
    Import {
        #[arg(value_enum)]
        source: ImportSource,
        file: PathBuf,
        /// Write the overlay here instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LookupFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportSource {
    Wikidata,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    crate::rules::date::parse::parse_iso(s)
        .ok_or_else(|| format!("'{s}' is not a date (YYYY-MM-DD)"))
}

/// Runs the command line; returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Lsp => crate::lsp::run_stdio(),
        Command::Explain { rule } => explain::run(rule.as_deref()),
        Command::Registry(RegistryCommand::Lookup {
            query,
            date,
            format,
            overlay,
        }) => registry_cmd::lookup(&query, date, format, &overlay),
        Command::Registry(RegistryCommand::Check { files }) => registry_cmd::check(&files),
        Command::Registry(RegistryCommand::Import {
            source: ImportSource::Wikidata,
            file,
            output,
        }) => registry_cmd::import_wikidata(&file, output.as_deref()),
    }
}
