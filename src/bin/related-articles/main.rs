//! `related-articles`: the relevance engine on the command line, for publishers checking what
//! the widget will show and for precomputing and evaluating related lists.
//!
//! Run `related-articles --help` for the commands. Exit status: 0 on success, 1 when the input
//! leaves nothing to rank or names an unknown article, 2 on a usage error.

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod build;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod cli;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod load;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The page's wasm build compiles the library only (the WASI build is the CLI itself); this keeps `cargo test --target wasm32-…` happy.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn main() {}
