fn main() {
    std::process::exit(diplint::cli::main());
}
